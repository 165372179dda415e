import Raster

/// A polyline through data points (matplotlib's `plot`): `widthPoints` wide, square-projecting caps and
/// round joins as matplotlib's solid lines, clipped to the axes. Non-finite points break the line.
public struct Line: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    public var widthPoints: Double
    /// nil: the theme's line colour.
    public var color: RGBA8?
}
