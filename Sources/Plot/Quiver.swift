import Raster

/// Arrows from (x, y) to (x + u, y + v) in data space (matplotlib's `quiver` with
/// `angles='xy', scale_units='xy', scale=1`), filled, without outline.
///
/// The shaft width is matplotlib's default rule (`QuiverGeometry.defaultShaftWidth`) unless
/// `shaftWidthFraction` gives it as a fraction of the axes width, as matplotlib's `width=` does.
public struct Quiver: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    public var u: [Double]
    public var v: [Double]
    /// nil: the theme's arrow colour.
    public var color: RGBA8?
    public var shaftWidthFraction: Double?
}
