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

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var centerX: Double { (x0 + x1) / 2 }
    public var centerY: Double { (y0 + y1) / 2 }

    public var description: String { "[\(x0), \(y0)]–[\(x1), \(y1)]" }
}
