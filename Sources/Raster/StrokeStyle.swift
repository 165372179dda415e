/// How a line's ends are drawn.
public enum LineCap: Sendable, Hashable {
    /// The stroke stops exactly at the end point (matplotlib's 'butt', its default for lines).
    case butt
    /// The stroke goes on half its width past the end point, square.
    case square
    /// A half disc of the stroke's width is added at the end point.
    case round
}

/// How two segments of a stroke meet.
public enum LineJoin: Sendable, Hashable {
    /// The outer edges are extended until they meet; beyond the miter limit, a bevel.
    case miter
    /// An arc of the stroke's half width around the vertex (matplotlib's default for lines).
    case round
    /// The outer corners are joined by a straight edge.
    case bevel
}

/// Width, caps and joins of a stroke, in pixels.
///
/// The stroke is centred on the path: `width / 2` on each side.
public struct StrokeStyle: Sendable, Hashable {
    /// Full width of the stroke in pixels.
    public var width: Double
    /// How open ends are drawn.
    public var cap: LineCap
    /// How consecutive segments meet.
    public var join: LineJoin
    /// Longest allowed ratio of miter length to half width before a miter becomes a bevel (Agg's 4).
    public var miterLimit: Double

    /// A stroke `width` px wide; by default butt caps and miter joins limited at 4 (Agg's defaults).
    public init(width: Double, cap: LineCap = .butt, join: LineJoin = .miter, miterLimit: Double = 4) {
        self.width = width
        self.cap = cap
        self.join = join
        self.miterLimit = miterLimit
    }
}
