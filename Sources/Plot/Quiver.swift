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
    /// The shortest arrow drawn, in shaft widths: a shorter one (but at least matplotlib's `minlength`,
    /// one shaft width, below which it is a dot) is drawn this long in its own direction, so that its
    /// head and direction show. nil: matplotlib's, every arrow to scale.
    public var minimumLength: Double?
    /// An outline around each arrow (matplotlib's `edgecolor`), nil for none (matplotlib's default).
    public var edgeColor: RGBA8?
    /// The outline's width in points (matplotlib's `linewidth`), centred on the arrow's edge with round joins.
    public var edgeWidthPoints: Double

    /// Arrows as `Axes.quiver` makes them.
    public init(x: [Double], y: [Double], u: [Double], v: [Double], color: RGBA8? = nil,
                shaftWidthFraction: Double? = nil, minimumLength: Double? = nil, edgeColor: RGBA8? = nil,
                edgeWidthPoints: Double = 0) {
        (self.x, self.y, self.u, self.v) = (x, y, u, v)
        self.color = color
        self.shaftWidthFraction = shaftWidthFraction
        self.minimumLength = minimumLength
        self.edgeColor = edgeColor
        self.edgeWidthPoints = edgeWidthPoints
    }
}
