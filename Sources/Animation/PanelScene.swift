import NMF
import Plot
import Raster

/// A grid of panels for teaching: one row per run, the chosen panels (data, reconstruction, loss) in order
/// across each row.
///
/// One run with `[.data, .reconstruction]` draws exactly the article's figure; add `.loss` for the loss
/// curve on a log axis with the current iteration marked. Two runs of the same data and initialization
/// under different solvers or losses (`nmfviz --compare mu,hals`) make two rows, so that a class sees
/// which converges faster; with `overlaysOtherRuns` each loss panel also shows the other runs' curves in
/// grey, on shared limits.
///
/// Like `ArticleScene`, everything that does not change between frames — layout, limits, the data
/// panels — is built once; `figure(for:)` copies it and adds the frame's artists.
public struct PanelScene: Scene {
    /// One run's row: a label for its titles (nil for a single run) and its loss panel's limits.
    public struct Row: Sendable {
        /// Put before the reconstruction's title and on the loss panel, e.g. "mu" or "kl"; nil: none.
        public var label: String?
        /// The limits of this row's loss panel.
        public var lossBounds: LossBounds
        /// The run its titles describe (`{solver}`, `{loss_name}`).
        public var run: TitleFormat.Run

        /// A row for one run.
        ///
        /// - Parameters:
        ///   - label: Put before the reconstruction's title and on the loss panel; nil for none.
        ///   - lossBounds: The limits of the loss panel.
        ///   - run: The run its titles describe.
        public init(label: String? = nil, lossBounds: LossBounds, run: TitleFormat.Run = .init()) {
            self.label = label
            self.lossBounds = lossBounds
            self.run = run
        }
    }

    /// The panels of each row, left to right.
    public let panels: [Panel]
    /// One row per run, top to bottom.
    public let rows: [Row]
    /// Size, theme, colormap, title and markers.
    public let style: ArticleScene.Style
    /// The limits and colour range of the data and reconstruction panels, shared by every row and frame.
    public let bounds: ArticleScene.Bounds
    /// The two data columns plotted (x, y), 0-based.
    public let columns: (x: Int, y: Int)
    /// Whether each loss panel also draws the other rows' curves (in grey, behind its own).
    public let overlaysOtherRuns: Bool
    private let base: Figure
    /// The data panels, drawn once.
    private let layer: FigureLayer.Shared
    private let artists: PanelArtists

    /// The subplot grid: matplotlib's margins, with more room between rows than its default so that a
    /// loss panel's x label clears the title of the row below.
    public static let gridParameters = SubplotParameters(
        left: 0.125, right: 0.9, bottom: 0.11, top: 0.88, wspace: 0.2, hspace: 0.45)

    /// Prepares the grid and draws the data panels from `data`.
    ///
    /// - Throws: `AnimationError.badValue(.panels, …)` for no panels or no rows, `AnimationError.badValue(.columns, …)` when
    ///   `data` lacks the columns, `AnimationError.imageTooLarge`, and the errors of `Figure`, `Colormap`
    ///   and `Normalize` for a bad style or bounds.
    public init(data: Matrix, panels: [Panel], rows: [Row], columns: (x: Int, y: Int) = (0, 1),
                bounds: ArticleScene.Bounds = .article, style: ArticleScene.Style = ArticleScene.Style(),
                overlaysOtherRuns: Bool = false) throws {
        guard !panels.isEmpty else { throw AnimationError.badValue(.panels, given: "", reason: "choose at least one panel") }
        guard !rows.isEmpty else { throw AnimationError.badValue(.panels, given: "", reason: "there is no run to draw") }
        try ArticleScene.check(columns: columns, of: data)
        let blank = try Figure(widthInches: style.widthInches, heightInches: style.heightInches, dpi: style.dpi,
                               scale: style.scale, theme: style.theme)
        try ImageLimits.check(width: blank.pixelWidth, height: blank.pixelHeight)
        let artists = try PanelArtists(style: style, columns: columns, bounds: bounds, data: data)
        // A single row keeps matplotlib's own grid, so that [data, reconstruction] is the article's figure.
        var figure = try Self.grid(blank, panels: panels, rows: rows, data: data, bounds: bounds, artists: artists,
                                   parameters: rows.count == 1 ? .matplotlib : Self.gridParameters)
        if style.makesRoomForText {
            figure = try Self.grid(blank, panels: panels, rows: rows, data: data, bounds: bounds, artists: artists,
                                   parameters: Self.tightParameters(figure, rows: rows.count, columns: panels.count))
        }
        self.panels = panels
        self.rows = rows
        self.style = style
        self.bounds = bounds
        self.columns = columns
        self.overlaysOtherRuns = overlaysOtherRuns
        self.base = figure
        self.artists = artists
        let dataPanels = panels.indices.filter { panels[$0] == .data }
        self.layer = FigureLayer.Shared(figure: figure, keeping: rows.indices.flatMap { r in
            dataPanels.map { r * panels.count + $0 }
        })
    }

    /// matplotlib's `tight_layout` of a prepared grid, measured with a title on every panel (the frames'
    /// titles change, their height does not).
    static func tightParameters(_ figure: Figure, rows: Int, columns: Int) throws -> SubplotParameters {
        var measured = figure
        for i in measured.axes.indices where measured.axes[i].title == nil { measured.axes[i].title = "Ag" }
        return try measured.tightSubplotParameters(rows: rows, columns: columns)
    }

    /// `blank` with the grid of panels laid out by `parameters`: limits, labels and the data drawn.
    private static func grid(_ blank: Figure, panels: [Panel], rows: [Row], data: Matrix, bounds: ArticleScene.Bounds,
                             artists: PanelArtists, parameters: SubplotParameters) throws -> Figure {
        var figure = blank
        try figure.addSubplots(rows: rows.count, columns: panels.count, parameters: parameters)
        for (r, row) in rows.enumerated() {
            for (p, panel) in panels.enumerated() {
                let i = r * panels.count + p
                switch panel {
                case .data:
                    PanelArtists.setLimits(of: &figure.axes[i], bounds: bounds)
                    artists.setLabels(of: &figure.axes[i], panel: .data)
                    try artists.drawPoints(data, into: &figure.axes[i])
                    if let label = row.label { figure.axes[i].title = "\(label): data" }
                case .reconstruction:
                    PanelArtists.setLimits(of: &figure.axes[i], bounds: bounds)
                    artists.setLabels(of: &figure.axes[i], panel: .reconstruction)
                case .loss:
                    artists.prepareLoss(&figure.axes[i], bounds: row.lossBounds)
                }
            }
        }
        return figure
    }

    /// The image size in pixels.
    public var pixelSize: (width: Int, height: Int) { (base.pixelWidth, base.pixelHeight) }

    /// The theme's colours, the points' colormap (the marker faces), the colour cycle's colours the
    /// loss lines and coloured arrows take, and the loss panel's marker.
    public var plotColors: [RGBA8] {
        let lines = panels.contains(.loss) ? rows.count : 0
        return style.plotColors(colormap: style.pointColormapName,
                                cycle: max(lines, style.arrowColors ? ColorCycle.tab10.count : 0))
            + (panels.contains(.loss) ? [PanelArtists.markerColor] : [])
    }

    /// The index in `figure.axes` of a row's panel, or nil when the scene does not show that panel.
    public func axesIndex(row: Int, panel: Panel) -> Int? {
        guard rows.indices.contains(row), let p = panels.firstIndex(of: panel) else { return nil }
        return row * panels.count + p
    }

    /// The whole figure for one frame. Rows without a snapshot in the frame keep only their fixed parts.
    public func figure(for frame: Frame) throws -> Figure {
        var figure = base
        for r in rows.indices where r < frame.snapshots.count {
            let snapshot = frame.snapshots[r]
            let label = rows[r].label
            if let i = axesIndex(row: r, panel: .reconstruction) {
                let title = artists.title(for: snapshot, run: rows[r].run)
                try artists.drawReconstruction(snapshot, title: label.map { "\($0): \(title)" } ?? title,
                                               into: &figure.axes[i])
            }
            if let i = axesIndex(row: r, panel: .loss) {
                let losses = r < frame.losses.count ? frame.losses[r] : [snapshot.loss]
                let value = PanelArtists.format(loss: snapshot.loss)
                let title = label.map { "\($0) loss: \(value)" } ?? "loss: \(value)"
                if overlaysOtherRuns {
                    // Every run in its colour of the cycle, the same in every row, named in a legend.
                    let others = frame.losses.indices.filter { $0 != r }
                    let legend = rows.indices.map {
                        Legend.Entry(rows[$0].label ?? "run \($0 + 1)", handle: .line(color: ColorCycle.color($0), widthPoints: 1.5))
                    }
                    try artists.drawLoss(losses, others: others.map { frame.losses[$0] }, title: title, legend: legend,
                                         color: ColorCycle.color(r), otherColors: others.map(ColorCycle.color),
                                         into: &figure.axes[i])
                } else {
                    try artists.drawLoss(losses, others: [], title: title, into: &figure.axes[i])
                }
            }
        }
        return figure
    }

    /// Draws `frame` into `canvas` (which must be `pixelSize`), reusing its buffers.
    ///
    /// The data panels are drawn once and copied (`FigureLayer.Shared`): the pixels are those of
    /// `figure(for:).render()`.
    public func render(_ frame: Frame, into canvas: inout Canvas, font: Font?) throws {
        try render(figure(for: frame), into: &canvas, font: font)
    }

    /// Draws `frame` on `surface` as shapes and glyphs (no layer: that is a raster matter).
    public func draw(_ frame: Frame, on surface: inout some DrawingSurface, font: Font) throws {
        try figure(for: frame).draw(on: &surface, font: font)
    }

    /// Draws a figure made by `figure(for:)`, over the data panels' layer; returns whether the layer was used.
    @discardableResult
    func render(_ figure: Figure, into canvas: inout Canvas, font: Font?) throws -> Bool {
        try layer.render(figure, into: &canvas, font: font)
    }

    /// The loss curve a row's panel shows for `frame`: iterations and losses, its last point the row's
    /// current snapshot (when a log axis can show that loss).
    public func lossCurve(for frame: Frame, row: Int) -> (x: [Double], y: [Double]) {
        guard frame.losses.indices.contains(row) else { return ([], []) }
        return PanelArtists.curve(frame.losses[row])
    }
}
