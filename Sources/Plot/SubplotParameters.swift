/// Where a grid of subplots sits in the figure, as fractions of its size (matplotlib's `figure.subplot.*`).
///
/// The defaults are matplotlib's: left 0.125, right 0.9, bottom 0.11, top 0.88, and gaps between cells of
/// 0.2 × the average cell width (wspace) or height (hspace). Because everything is a fraction of the
/// figure, a 2× scale factor gives the same layout twice as large.
public struct SubplotParameters: Sendable, Hashable {
    /// The grid's left edge, a fraction of the figure width from the left.
    public var left: Double
    /// The grid's right edge, a fraction of the figure width from the left.
    public var right: Double
    /// The grid's bottom edge, a fraction of the figure height from the bottom.
    public var bottom: Double
    /// The grid's top edge, a fraction of the figure height from the bottom.
    public var top: Double
    /// The gap between columns, a fraction of the average cell width.
    public var wspace: Double
    /// The gap between rows, a fraction of the average cell height.
    public var hspace: Double

    /// Parameters given as matplotlib's `subplots_adjust` takes them; nothing is checked here.
    public init(left: Double, right: Double, bottom: Double, top: Double, wspace: Double, hspace: Double) {
        self.left = left
        self.right = right
        self.bottom = bottom
        self.top = top
        self.wspace = wspace
        self.hspace = hspace
    }

    /// matplotlib's default subplot parameters.
    public static let matplotlib = SubplotParameters(
        left: 0.125, right: 0.9, bottom: 0.11, top: 0.88, wspace: 0.2, hspace: 0.2)

    /// The axes boxes of a `rows` × `columns` grid in a figure of `width` × `height` pixels, row by row.
    ///
    /// This is matplotlib's `GridSpec.get_grid_positions` with equal ratios: a cell is
    /// `total / (n + space × (n − 1))` wide and cells are separated by `space` cells.
    /// - Throws: `PlotError.invalidSubplotGrid` when rows or columns is below 1.
    public func boxes(rows: Int, columns: Int, width: Double, height: Double) throws -> [PixelBox] {
        guard rows >= 1, columns >= 1 else { throw PlotError.invalidSubplotGrid(rows: rows, columns: columns) }
        let cellW = (right - left) / (Double(columns) + wspace * Double(columns - 1))
        let cellH = (top - bottom) / (Double(rows) + hspace * Double(rows - 1))
        var result: [PixelBox] = []
        result.reserveCapacity(rows * columns)
        for r in 0..<rows {
            // Figure fractions measured from the top, as matplotlib stacks rows downwards from `top`.
            let topFraction = top - Double(r) * cellH * (1 + hspace)
            let bottomFraction = topFraction - cellH
            for c in 0..<columns {
                let leftFraction = left + Double(c) * cellW * (1 + wspace)
                result.append(PixelBox(
                    x0: leftFraction * width, y0: height - topFraction * height,
                    x1: (leftFraction + cellW) * width, y1: height - bottomFraction * height))
            }
        }
        return result
    }
}
