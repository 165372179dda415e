/// A point in pixel space: x to the right, y down, (0, 0) at the top-left corner of the image.
///
/// A pixel (x, y) covers the square [x, x+1) × [y, y+1), so the centre of the top-left pixel is (0.5, 0.5).
public struct Point: Sendable, Hashable {
    /// Horizontal position in pixels, increasing to the right.
    public var x: Double
    /// Vertical position in pixels, increasing downwards.
    public var y: Double

    /// The point (x, y).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    /// The point (x, y).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The component-wise sum.
    public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    /// The component-wise difference.
    public static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    /// Both coordinates multiplied by `s`.
    public static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }

    /// Euclidean length of the vector from the origin to this point.
    public var length: Double { (x * x + y * y).squareRoot() }

    /// True when both coordinates are finite (neither NaN nor infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
