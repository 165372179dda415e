import Raster

/// Circle markers at data points (matplotlib's `scatter` with its default marker 'o').
///
/// A marker's area is `sizes[i]` in pt² (diameter √s pt), its face is filled, then its edge is stroked
/// `edgeWidthPoints` wide centred on the outline. Markers are drawn in data order, clipped to the axes.
/// `sizes` and `faceColors` hold either one entry for all points or one per point.
public struct Scatter: Sendable, Equatable {
    /// The markers' centres, x in data units.
    public var x: [Double]
    /// The markers' centres, y in data units.
    public var y: [Double]
    /// Marker areas in pt² (matplotlib's `s`): one for all points or one per point.
    public var sizes: [Double]
    /// Marker face colours: one for all points or one per point.
    public var faceColors: [RGBA8]
    /// nil: no outline.
    public var edgeColor: RGBA8?
    /// The outline's width in pt (matplotlib's `linewidths`).
    public var edgeWidthPoints: Double

    /// The area of marker `i` in pt².
    @inlinable
    public func size(_ i: Int) -> Double { sizes.count == 1 ? sizes[0] : sizes[i] }

    /// The face colour of marker `i`.
    @inlinable
    public func faceColor(_ i: Int) -> RGBA8 { faceColors.count == 1 ? faceColors[0] : faceColors[i] }

    /// The radius in pixels of a marker of area `size` pt² at `pixelsPerPoint`.
    public static func radius(size: Double, pixelsPerPoint: Double) -> Double {
        size.squareRoot() * pixelsPerPoint / 2
    }
}
