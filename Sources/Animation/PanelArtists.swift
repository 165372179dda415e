import Foundation
import NMF
import Plot
import Raster

/// What the teaching scenes draw into one axes: the data, a reconstruction with its basis vectors, a loss
/// curve. One place for it, so that `PanelScene` and `Filmstrip` draw a panel exactly as the article's
/// scene does (same markers, colours, arrows).
struct PanelArtists: Sendable {
    let style: ArticleScene.Style
    let columns: (x: Int, y: Int)
    let colormap: Colormap
    let normalize: Normalize
    /// The reconstruction's title format, read once.
    let titleFormat: TitleFormat
    /// The data, for the titles' relative error.
    let data: Matrix
    /// What the point panels draw for the data's rows (the reconstruction has as many).
    let drawing: PointDrawing.Resolved

    /// matplotlib's C3, the colour of the current-iteration marker: red stands out on both themes and
    /// against the C0 blue (or the dark theme's teal) curve.
    static let markerColor = RGBA8(0xd6, 0x27, 0x28)
    /// The other runs' curves in a comparison: a mid grey, visible on white and on black.
    static let otherRunColor = RGBA8(150, 150, 150)

    /// - Throws: the errors of `Colormap(named:)` and `Normalize` for a bad colormap or colour range,
    ///   `AnimationError.badValue(.title, …)` for a bad title format.
    init(style: ArticleScene.Style, columns: (x: Int, y: Int), bounds: ArticleScene.Bounds, data: Matrix) throws {
        self.style = style
        self.titleFormat = try TitleFormat(style.pointTitleFormat)
        self.data = data
        self.columns = columns
        self.colormap = try Colormap(named: style.pointColormapName)
        self.normalize = try Normalize(vmin: bounds.colorRange.lower, vmax: bounds.colorRange.upper)
        self.drawing = style.points.resolved(rows: data.rows)
    }

    /// Sets the data limits of a data or reconstruction panel.
    static func setLimits(of axes: inout Axes, bounds: ArticleScene.Bounds) {
        axes.xLimits = bounds.xLimits
        axes.yLimits = bounds.yLimits
    }

    /// Sets the axis labels the style gives `panel`.
    func setLabels(of axes: inout Axes, panel: Panel) {
        (axes.xLabel, axes.yLabel) = style.labels(of: panel)
    }

    /// The rows of `matrix` as points, coloured by their x (the article's scatter), or as `drawing` says.
    func drawPoints(_ matrix: Matrix, into axes: inout Axes) throws {
        switch drawing {
        case .markers:
            let xs = (0..<matrix.rows).map { matrix[$0, columns.x] }
            let ys = (0..<matrix.rows).map { matrix[$0, columns.y] }
            try drawMarkers(x: xs, y: ys, into: &axes)
        case .sample(let rows):
            try drawMarkers(x: rows.map { matrix[$0, columns.x] }, y: rows.map { matrix[$0, columns.y] }, into: &axes)
        case .density:
            let xs = (0..<matrix.rows).map { matrix[$0, columns.x] }
            let ys = (0..<matrix.rows).map { matrix[$0, columns.y] }
            try axes.density(x: xs, y: ys, colormap: colormap)
        }
    }

    /// The article's markers at these points, coloured by their x.
    private func drawMarkers(x: [Double], y: [Double], into axes: inout Axes) throws {
        try axes.scatter(x: x, y: y, size: style.markerSize, values: x, colormap: colormap, normalize: normalize,
                         edgeColor: style.theme.markerEdgeColor, edgeWidth: style.markerEdgeWidth)
    }

    /// Points in the tab10 colours of their components (`components[i]` for point i).
    private func drawComponentMarkers(x: [Double], y: [Double], components: [Int], into axes: inout Axes) throws {
        try axes.scatter(x: x, y: y, size: style.markerSize, colors: components.map(ColorCycle.color),
                         edgeColor: style.theme.markerEdgeColor, edgeWidth: style.markerEdgeWidth)
    }

    /// Per row of `w`, the column of its largest entry: the first on ties, and 0 for a row with no
    /// finite maximum, as numpy's `argmax` (which also returns the first NaN; W has none).
    static func dominantComponents(_ w: Matrix) -> [Int] {
        (0..<w.rows).map { i in
            var best = 0
            for k in 1..<max(1, w.columns) where w[i, k] > w[i, best] { best = k }
            return best
        }
    }

    /// The points of Ŷ = WH: the whole product when every row is a marker (as before, so the pictures
    /// keep their bytes), else only the two shown columns (and sampled rows), O(rows × rank). Points
    /// coloured by their dominant component keep those colours in a sample; a density has no
    /// per-point colour, so it is shaded with the colormap either way.
    func drawReconstructedPoints(_ snapshot: Snapshot, into axes: inout Axes) throws {
        let byComponent = style.pointColoring == .dominantComponent
        switch drawing {
        case .markers:
            let matrix = snapshot.reconstruction()
            if byComponent {
                let xs = (0..<matrix.rows).map { matrix[$0, columns.x] }
                let ys = (0..<matrix.rows).map { matrix[$0, columns.y] }
                try drawComponentMarkers(x: xs, y: ys, components: Self.dominantComponents(snapshot.w), into: &axes)
            } else {
                try drawPoints(matrix, into: &axes)
            }
        case .sample(let rows):
            let (xs, ys) = Self.reconstructedColumns(snapshot, columns: columns, rows: rows)
            if byComponent {
                let components = Self.dominantComponents(snapshot.w)
                try drawComponentMarkers(x: xs, y: ys, components: rows.map { components[$0] }, into: &axes)
            } else {
                try drawMarkers(x: xs, y: ys, into: &axes)
            }
        case .density:
            let (xs, ys) = Self.reconstructedColumns(snapshot, columns: columns, rows: nil)
            try axes.density(x: xs, y: ys, colormap: colormap)
        }
    }

    /// Columns `columns.x` and `columns.y` of WH at `rows` (nil: every row): W's row times H's column.
    static func reconstructedColumns(_ snapshot: Snapshot, columns: (x: Int, y: Int),
                                     rows: [Int]?) -> (x: [Double], y: [Double]) {
        let w = snapshot.w, h = snapshot.h
        let k = w.columns, n = h.columns
        let hx = (0..<k).map { h.values[$0 * n + columns.x] }, hy = (0..<k).map { h.values[$0 * n + columns.y] }
        let count = rows?.count ?? w.rows
        var xs = [Double](repeating: 0, count: count), ys = [Double](repeating: 0, count: count)
        w.values.withUnsafeBufferPointer { wv in
            for r in 0..<count {
                let i = rows?[r] ?? r
                var sx = 0.0, sy = 0.0
                for j in 0..<k {
                    let a = wv[i * k + j]
                    sx += a * hx[j]
                    sy += a * hy[j]
                }
                xs[r] = sx
                ys[r] = sy
            }
        }
        return (xs, ys)
    }

    /// Ŷ = WH and the basis vectors (rows of H) as arrows from the origin, titled `title`.
    func drawReconstruction(_ snapshot: Snapshot, title: String, into axes: inout Axes) throws {
        try drawReconstructedPoints(snapshot, into: &axes)
        let h = snapshot.h
        let zeros = [Double](repeating: 0, count: h.rows)
        let u = (0..<h.rows).map { h[$0, columns.x] }, v = (0..<h.rows).map { h[$0, columns.y] }
        // With more than two columns or components an arrow is a projection, often short beside the
        // points; it is drawn at least `minimumArrowLength` shaft widths long so that its direction shows
        // (NMF fixes no arrow's length: W·D and D⁻¹·H give the same WH). The article's case keeps matplotlib's.
        let minimumLength = h.columns > 2 || h.rows > 2 ? Self.minimumArrowLength : nil
        // Points in their component's colour would swallow its arrow: the arrows get the markers' edge.
        let edge = style.pointColoring == .dominantComponent ? style.theme.markerEdgeColor : nil
        if style.colorsComponents {
            // One quiver per component (the width rule gives every arrow count up to 64 the same width).
            let width = QuiverGeometry.defaultShaftWidth(count: h.rows, axesWidth: 1)
            for k in 0..<h.rows {
                try axes.quiver(x: [0], y: [0], u: [u[k]], v: [v[k]], color: ColorCycle.color(k), width: width,
                                minimumLength: minimumLength, edgeColor: edge, edgeWidth: Self.arrowEdgeWidth)
            }
            // tab10 has ten colours; past them the arrows repeat C0, C1, …, so the legend names the first
            // ten and counts the rest ("… 190 more"), and Plot cuts it further where the axes are short.
            let named = min(h.rows, Self.distinctArrowColors)
            try axes.legend((0..<named).map {
                Legend.Entry(Self.componentName($0), handle: .patch(color: ColorCycle.color($0)))
            }, location: style.legendLocation, omitted: h.rows - named)
        } else {
            try axes.quiver(x: zeros, y: zeros, u: u, v: v, minimumLength: minimumLength)
        }
        axes.title = title
    }

    /// The shortest arrow of a projected basis vector, in shaft widths: the head (5) and as much shaft.
    static let minimumArrowLength = 10.0

    /// The arrows' outline with `--color-by component`, in points (matplotlib's quiver `linewidth`).
    static let arrowEdgeWidth = 0.5

    /// The colours of tab10, after which `ColorCycle` repeats.
    static let distinctArrowColors = 10

    /// "h₁" for component 0: the row of H it is, 1-based with subscript digits.
    static func componentName(_ k: Int) -> String {
        "h" + String(k + 1).unicodeScalars.map { String(UnicodeScalar(0x2080 + $0.value - 0x30).map(Character.init) ?? "?") }.joined()
    }

    /// Prepares a loss panel: log y axis, fixed limits, the labels.
    func prepareLoss(_ axes: inout Axes, bounds: LossBounds) {
        axes.xLimits = bounds.xLimits
        axes.yLimits = bounds.yLimits
        axes.yScale = .log
        setLabels(of: &axes, panel: .loss)
    }

    /// A loss curve `losses[0…]` against iterations 0, 1, …, keeping only what a log axis can show.
    static func curve(_ losses: [Double]) -> (x: [Double], y: [Double]) {
        var x: [Double] = []
        var y: [Double] = []
        x.reserveCapacity(losses.count)
        y.reserveCapacity(losses.count)
        for (i, loss) in losses.enumerated() where loss.isFinite && loss > 0 {
            x.append(Double(i))
            y.append(loss)
        }
        return (x, y)
    }

    /// The loss curve of one run so far with its current point marked; `others` (other runs' curves so
    /// far) are drawn first so that the run's own curve stays on top — in grey, or with `legend` (one
    /// entry per run: its name and colour, this run's included) in their colours, with a legend.
    func drawLoss(_ losses: [Double], others: [[Double]], title: String, legend: [Legend.Entry]? = nil,
                  color: RGBA8? = nil, otherColors: [RGBA8] = [], into axes: inout Axes) throws {
        for (k, other) in others.enumerated() {
            let c = Self.curve(other)
            try axes.line(x: c.x, y: c.y, color: k < otherColors.count ? otherColors[k] : Self.otherRunColor)
        }
        let c = Self.curve(losses)
        try axes.line(x: c.x, y: c.y, color: color)
        if let legend { try axes.legend(legend, location: style.legendLocation) }
        if let x = c.x.last, let y = c.y.last, x == Double(losses.count - 1) {
            try axes.scatter(x: [x], y: [y], size: 36, colors: [Self.markerColor],
                             edgeColor: style.theme.markerEdgeColor, edgeWidth: 0.5)
        }
        axes.title = title
    }

    /// The reconstruction's title for `snapshot` of `run` (`TitleFormat`).
    func title(for snapshot: Snapshot, run: TitleFormat.Run) -> String {
        titleFormat.text(for: snapshot, run: run, data: data)
    }

    /// A loss value as titles show it: 4 significant digits.
    static func format(loss: Double) -> String {
        String(format: "%.4g", loss)
    }
}
