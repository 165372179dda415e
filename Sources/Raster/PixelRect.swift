/// An axis-aligned rectangle of whole pixels, half-open: columns `x0..<x1`, rows `y0..<y1`.
///
/// Used for clipping and for views into an image. An empty rectangle (x1 ≤ x0 or y1 ≤ y0) is allowed and
/// clips everything away.
public struct PixelRect: Sendable, Hashable {
    /// First column inside the rectangle.
    public var x0: Int
    /// First row inside the rectangle.
    public var y0: Int
    /// First column past the rectangle's right edge (exclusive).
    public var x1: Int
    /// First row past the rectangle's bottom edge (exclusive).
    public var y1: Int

    /// The rectangle of columns `x0..<x1` and rows `y0..<y1`; it may be empty.
    public init(x0: Int, y0: Int, x1: Int, y1: Int) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// The rectangle at (`x`, `y`) with the given size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.init(x0: x, y0: y, x1: x + width, y1: y + height)
    }

    /// The empty rectangle at the origin: the identity of `union`.
    public static let empty = PixelRect(x0: 0, y0: 0, x1: 0, y1: 0)

    /// Number of columns, 0 when empty.
    public var width: Int { max(0, x1 - x0) }
    /// Number of rows, 0 when empty.
    public var height: Int { max(0, y1 - y0) }
    /// True when the rectangle holds no pixel (x1 ≤ x0 or y1 ≤ y0).
    public var isEmpty: Bool { x1 <= x0 || y1 <= y0 }

    /// The smallest rectangle holding both; an empty one is ignored.
    public func union(_ other: PixelRect) -> PixelRect {
        if isEmpty { return other }
        if other.isEmpty { return self }
        return PixelRect(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// The common part of two rectangles (possibly empty).
    public func intersection(_ other: PixelRect) -> PixelRect {
        PixelRect(x0: max(x0, other.x0), y0: max(y0, other.y0), x1: min(x1, other.x1), y1: min(y1, other.y1))
    }

    /// Whether some pixel lies in both.
    public func intersects(_ other: PixelRect) -> Bool {
        !intersection(other).isEmpty
    }

    /// The smallest whole-pixel rectangle holding the real rectangle [minX, maxX] × [minY, maxY]
    /// (outward rounding), or an empty one when a bound is not finite.
    public static func enclosing(minX: Double, minY: Double, maxX: Double, maxY: Double) -> PixelRect {
        guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else {
            return PixelRect(x0: 0, y0: 0, x1: 0, y1: 0)
        }
        // Clamp far outside any image so Int conversion cannot trap.
        let limit = 1.0e9
        func lo(_ v: Double) -> Int { Int(max(-limit, min(limit, v)).rounded(.down)) }
        func hi(_ v: Double) -> Int { Int(max(-limit, min(limit, v)).rounded(.up)) }
        return PixelRect(x0: lo(minX), y0: lo(minY), x1: hi(maxX), y1: hi(maxY))
    }

    /// The clip rectangle matplotlib's Agg backend makes from a real one: each edge rounded to the
    /// nearest whole pixel, floor(v + 0.5) (`RendererAgg::set_clipbox`), so an axes box from 125.0 to
    /// 477.3 clips to columns 125..<477. Non-finite bounds give an empty rectangle.
    public static func rounding(minX: Double, minY: Double, maxX: Double, maxY: Double) -> PixelRect {
        guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else {
            return PixelRect(x0: 0, y0: 0, x1: 0, y1: 0)
        }
        let limit = 1.0e9
        func round(_ v: Double) -> Int { Int((max(-limit, min(limit, v)) + 0.5).rounded(.down)) }
        return PixelRect(x0: round(minX), y0: round(minY), x1: round(maxX), y1: round(maxY))
    }
}
