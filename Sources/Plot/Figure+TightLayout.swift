import Raster

// matplotlib's `tight_layout` (`_tight_layout.get_tight_layout_figure`) for one uniform grid: each
// axes' decorations — tick labels, axis labels, title — are measured as they would be drawn, and the
// subplot parameters are chosen so that the outermost fit inside the figure and neighbours do not
// overlap, with `pad` × the font size around and between them. Like matplotlib it is one pass: the
// ticks are those of the boxes before the change (a smaller box may then show fewer ticks, never
// wider ones).

extension Figure {
    /// The subplot parameters that make room for the text of the `rows` × `columns` grid held by
    /// `axes[0..<rows × columns]` (row by row), as matplotlib's `Figure.tight_layout(pad:)` computes them.
    ///
    /// - Parameters:
    ///   - rows: the grid's number of rows.
    ///   - columns: the grid's number of columns.
    ///   - pad: the space around and between the decorations, as a fraction of the font size
    ///     (matplotlib's default 1.08).
    /// - Throws: `PlotError.invalidSubplotGrid` when the figure has fewer axes than the grid; `PlotError`
    ///   and `RasterError` as `render()`.
    public func tightSubplotParameters(rows: Int, columns: Int, pad: Double = 1.08) throws -> SubplotParameters {
        guard rows >= 1, columns >= 1, axes.count >= rows * columns else {
            throw PlotError.invalidSubplotGrid(rows: rows, columns: columns)
        }
        let font = try Self.defaultFont()
        let context = RenderContext(theme: theme, pixelsPerPoint: pixelsPerPoint, dpi: effectiveDPI, font: font)
        // Per axes: how far its decorations reach past its box on each side, in pixels.
        var left = [Double](repeating: 0, count: rows * columns), right = left, top = left, bottom = left
        for i in 0..<(rows * columns) {
            let a = axes[i]
            let layout = try AxesLayout(axes: a, pixelsPerPoint: pixelsPerPoint, labelSizePoints: theme.tickLabelSizePoints)
            let renderer = AxesRenderer(axes: a, layout: layout, context: context)
            var tight = layout.box
            let ticks = try renderer.tickLabelBounds()
            for box in [ticks.x, ticks.y].compactMap({ $0 }) { tight = tight.union(box) }
            let labels = try renderer.labelBoxes()
            for box in [labels.title, labels.x, labels.y].compactMap({ $0 }) { tight = tight.union(box) }
            let b = layout.box
            left[i] = b.x0 - tight.x0
            right[i] = tight.x1 - b.x1
            top[i] = b.y0 - tight.y0
            bottom[i] = tight.y1 - b.y1
        }
        let width = widthInches * effectiveDPI, height = heightInches * effectiveDPI
        let padding = pad * theme.fontSize * pixelsPerPoint
        func at(_ r: Int, _ c: Int) -> Int { r * columns + c }
        let marginLeft = ((0..<rows).map { left[at($0, 0)] }.max() ?? 0) + padding
        let marginRight = ((0..<rows).map { right[at($0, columns - 1)] }.max() ?? 0) + padding
        let marginTop = ((0..<columns).map { top[at(0, $0)] }.max() ?? 0) + padding
        let marginBottom = ((0..<columns).map { bottom[at(rows - 1, $0)] }.max() ?? 0) + padding
        var parameters = SubplotParameters(
            left: marginLeft / width, right: 1 - marginRight / width, bottom: marginBottom / height,
            top: 1 - marginTop / height, wspace: SubplotParameters.matplotlib.wspace,
            hspace: SubplotParameters.matplotlib.hspace)
        if columns > 1 {
            var gap = 0.0
            for r in 0..<rows { for c in 0..<(columns - 1) { gap = max(gap, right[at(r, c)] + left[at(r, c + 1)]) } }
            let space = (gap + padding) / width
            let cell = (parameters.right - parameters.left - space * Double(columns - 1)) / Double(columns)
            parameters.wspace = space / cell
        }
        if rows > 1 {
            var gap = 0.0
            for r in 0..<(rows - 1) { for c in 0..<columns { gap = max(gap, bottom[at(r, c)] + top[at(r + 1, c)]) } }
            let space = (gap + padding) / height
            let cell = (parameters.top - parameters.bottom - space * Double(rows - 1)) / Double(rows)
            parameters.hspace = space / cell
        }
        guard parameters.left < parameters.right, parameters.bottom < parameters.top,
              parameters.wspace >= 0, parameters.hspace >= 0, parameters.wspace.isFinite, parameters.hspace.isFinite else {
            throw PlotError.textDoesNotFit(rows: rows, columns: columns)
        }
        return parameters
    }
}
