import Raster

/// A polyline through data points (matplotlib's `plot`): `widthPoints` wide, square-projecting caps and
/// round joins as matplotlib's solid lines, clipped to the axes. Non-finite points break the line.
public struct Line: Sendable, Equatable {
    /// The points' x data values, one per point.
    public var x: [Double]
    /// The points' y data values, as many as `x`.
    public var y: [Double]
    /// Line width in points (1 pt = dpi/72 px), matplotlib's `linewidth`.
    public var widthPoints: Double
    /// nil: the theme's line colour.
    public var color: RGBA8?
}
