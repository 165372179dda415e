import Raster

/// Arrows from (x, y) to (x + u, y + v) in data space (matplotlib's `quiver` with
/// `angles='xy', scale_units='xy', scale=1`), filled, without outline.
///
/// The shaft width is matplotlib's default rule (`QuiverGeometry.defaultShaftWidth`) unless
/// `shaftWidthFraction` gives it as a fraction of the axes width, as matplotlib's `width=` does.
public struct Quiver: Sendable, Equatable {
    /// The arrows' tails, x in data units.
    public var x: [Double]
    /// The arrows' tails, y in data units.
    public var y: [Double]
    /// The arrows' x components in data units.
    public var u: [Double]
    /// The arrows' y components in data units.
    public var v: [Double]
    /// nil: the theme's arrow colour.
    public var color: RGBA8?
    /// The shaft width as a fraction of the axes width (matplotlib's `width=`); nil: matplotlib's default rule.
    public var shaftWidthFraction: Double?
}
