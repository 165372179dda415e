/// An axis-aligned rectangle in image pixels: x to the right, y down from the top-left corner.
///
/// Pixel (i, j) covers [i, i+1) × [j, j+1), as in Raster. matplotlib works with y up; Plot converts once,
/// when it lays out the figure, so that everything downstream speaks the rasterizer's coordinates.
public struct PixelBox: Sendable, Hashable, CustomStringConvertible {
    /// Left edge.
    public var x0: Double
    /// Top edge.
    public var y0: Double
    /// Right edge.
    public var x1: Double
    /// Bottom edge.
    public var y1: Double

    /// The box from (x0, y0) at the top left to (x1, y1) at the bottom right, in pixels.
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// x1 − x0 in pixels (negative if the edges are swapped).
    public var width: Double { x1 - x0 }
    /// y1 − y0 in pixels (negative if the edges are swapped).
    public var height: Double { y1 - y0 }
    /// The horizontal centre in pixels.
    public var centerX: Double { (x0 + x1) / 2 }
    /// The vertical centre in pixels.
    public var centerY: Double { (y0 + y1) / 2 }

    /// The corners as "[x0, y0]–[x1, y1]", for test failures and debugging.
    public var description: String { "[\(x0), \(y0)]–[\(x1), \(y1)]" }
}
