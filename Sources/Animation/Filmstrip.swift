import NMF
import Plot
import Raster

/// One image for one slide: the reconstruction panel at several iterations side by side, each titled with
/// its iteration, wrapping to a grid of `maximumColumns` past that many.
///
/// Unlike the animated scenes it shows several iterations at once, so it takes snapshots rather than a
/// `Frame`; `image(solver:)` runs the solver once and picks them (`Visualization.filmstripScene` takes
/// the limits from that same run). Panels share the data limits and colour range, so that the strip
/// reads as the frames of one animation.
public struct Filmstrip: Sendable {
    /// Panels per row before the strip wraps.
    public static let maximumColumns = 6
    /// More panels than this would be too small to read on a slide.
    public static let maximumPanels = 36

    /// The iterations shown, in the order given.
    public let iterations: [Int]
    /// Figure size, dpi, scale, theme, colormap, title and markers, as for the animated article scene.
    public let style: ArticleScene.Style
    /// The data limits and colour range every panel shares.
    public let bounds: ArticleScene.Bounds
    /// The data columns plotted on x and y (0-based).
    public let columns: (x: Int, y: Int)
    /// The run the titles describe (`{solver}`, `{loss_name}`).
    public let run: TitleFormat.Run
    private let base: Figure
    private let artists: PanelArtists

    /// Rows and columns of the grid for `count` panels: one row of up to `maximumColumns`, then more rows.
    public static func grid(count: Int) -> (rows: Int, columns: Int) {
        let columns = max(1, min(count, maximumColumns))
        return ((max(1, count) + columns - 1) / columns, columns)
    }

    /// The default figure size for `count` panels: 2.6 in a panel across and down plus 0.2 in, which with
    /// `parameters` gives axes of about 2 in, nearly square as the article's, with room for the tick labels
    /// and titles between them.
    public static func defaultSize(count: Int) -> (widthInches: Double, heightInches: Double) {
        let (rows, columns) = grid(count: count)
        return (2.6 * Double(columns) + 0.2, 2.6 * Double(rows) + 0.2)
    }

    /// The grid's margins, fixed in inches rather than matplotlib's fractions, because a strip is wide and
    /// short: fractions of 15 in would waste 2 in on the left and leave 0.3 in below. Left 0.6 in (the
    /// y tick labels), right 0.2, top 0.45 (the titles), bottom 0.4 (the x tick labels); between panels
    /// 0.3 of a panel's width and 0.35 of its height. A figure too small for these margins keeps
    /// matplotlib's fractions.
    public static func parameters(widthInches: Double, heightInches: Double) -> SubplotParameters {
        let left = 0.6 / widthInches, right = 1 - 0.2 / widthInches
        let bottom = 0.4 / heightInches, top = 1 - 0.45 / heightInches
        guard right - left > 0.3, top - bottom > 0.3 else { return .matplotlib }
        return SubplotParameters(left: left, right: right, bottom: bottom, top: top, wspace: 0.3, hspace: 0.35)
    }

    /// Prepares the grid of empty panels, labelled as the style labels reconstructions; with labels or
    /// `makesRoomForText`, laid out by `PanelScene.tightParameters` instead of `parameters(…)`.
    ///
    /// - Throws: `AnimationError.badValue(.filmstrip, …)` for no iterations, a negative one, one past
    ///   `FrameSchedule.maximumIteration` or more than `maximumPanels`; `AnimationError.badValue(.columns, …)`,
    ///   `AnimationError.imageTooLarge` and the errors of `Figure`, `Colormap` and `Normalize`.
    public init(data: Matrix, iterations: [Int], columns: (x: Int, y: Int) = (0, 1),
                bounds: ArticleScene.Bounds = .article, style: ArticleScene.Style, run: TitleFormat.Run = .init()) throws {
        try Self.check(iterations: iterations)
        try ArticleScene.check(columns: columns, of: data)
        let figure = try Figure(widthInches: style.widthInches, heightInches: style.heightInches, dpi: style.dpi,
                                scale: style.scale, theme: style.theme)
        try ImageLimits.check(width: figure.pixelWidth, height: figure.pixelHeight)
        let (rows, gridColumns) = Self.grid(count: iterations.count)
        let artists = try PanelArtists(style: style, columns: columns, bounds: bounds, data: data)
        func prepared(_ parameters: SubplotParameters, cells: Int) throws -> Figure {
            var prepared = figure
            for i in 0..<cells {
                let index = try prepared.addSubplot(rows: rows, columns: gridColumns, index: i, parameters: parameters)
                PanelArtists.setLimits(of: &prepared.axes[index], bounds: bounds)
                artists.setLabels(of: &prepared.axes[index], panel: .reconstruction)
            }
            return prepared
        }
        var parameters = Self.parameters(widthInches: style.widthInches, heightInches: style.heightInches)
        // Labels and large text need room the fixed margins do not leave: then the grid is laid out as
        // matplotlib's tight_layout would lay it out, measured on a full grid (a short last row has
        // empty cells, which tight_layout measures as the panels above them).
        let labels = style.labels(of: .reconstruction)
        if style.makesRoomForText || labels.x != nil || labels.y != nil {
            parameters = try PanelScene.tightParameters(prepared(parameters, cells: rows * gridColumns),
                                                        rows: rows, columns: gridColumns)
        }
        self.iterations = iterations
        self.style = style
        self.bounds = bounds
        self.columns = columns
        self.base = try prepared(parameters, cells: iterations.count)
        self.artists = artists
        self.run = run
    }

    /// Checks a list of iterations to show, before anything runs.
    ///
    /// - Throws: `AnimationError.badValue(.filmstrip, …)` for no iterations, a negative one, one past
    ///   `FrameSchedule.maximumIteration` or more than `maximumPanels`.
    static func check(iterations: [Int]) throws {
        guard !iterations.isEmpty else { throw AnimationError.badValue(.filmstrip, given: "", reason: "give at least one iteration") }
        guard iterations.count <= maximumPanels else {
            throw AnimationError.badValue(.filmstrip, given: "", reason: "\(iterations.count) iterations; at most \(maximumPanels) fit on a slide")
        }
        if let bad = iterations.first(where: { $0 < 0 || $0 > FrameSchedule.maximumIteration }) {
            throw AnimationError.badValue(
                .filmstrip, given: "", reason: "iteration \(bad) is outside 0…\(FrameSchedule.maximumIteration)")
        }
    }

    /// The image size in pixels.
    public var pixelSize: (width: Int, height: Int) { (base.pixelWidth, base.pixelHeight) }

    /// The figure for the snapshots at `iterations`, in that order.
    ///
    /// - Throws: `AnimationError.badValue(.filmstrip, …)` unless there is one snapshot per iteration, at that iteration.
    public func figure(for snapshots: [Snapshot]) throws -> Figure {
        guard snapshots.map(\.iteration) == iterations else {
            throw AnimationError.badValue(
                .filmstrip, given: "", reason: "snapshots at \(snapshots.map(\.iteration)) do not match the iterations \(iterations)")
        }
        var figure = base
        for (i, snapshot) in snapshots.enumerated() {
            try artists.drawReconstruction(snapshot, title: artists.title(for: snapshot, run: run), into: &figure.axes[i])
        }
        return figure
    }

    /// Runs `solver` to the last iteration shown, keeping only the snapshots shown.
    public func snapshots(solver: NMFSolver) -> [Snapshot] {
        Self.snapshots(of: solver, at: iterations)
    }

    /// The one run of a strip (this one's or `BasisImagesFilmstrip`'s): `solver` to the largest of
    /// `iterations`, keeping the snapshots at them, in the order of `iterations` (one listed twice is
    /// there twice). Each kept snapshot is handed to `observe` as it is made, once, in the order of
    /// the run, so that what needs them before the strip is drawn (the limits) need not run again.
    /// A run that ends early (a stopping rule, or a snapshot that is not finite) keeps what it made.
    static func snapshots(of solver: NMFSolver, at iterations: [Int], observe: (Snapshot) -> Void = { _ in })
        -> [Snapshot]
    {
        let wanted = Set(iterations)
        var kept: [Int: Snapshot] = [:]
        for snapshot in solver.makeSnapshots(iterations: iterations.max() ?? 0) where wanted.contains(snapshot.iteration) {
            observe(snapshot)
            kept[snapshot.iteration] = snapshot
        }
        return iterations.compactMap { kept[$0] }
    }

    /// The filmstrip of `solver`'s run as an image.
    public func image(solver: NMFSolver, font: Font? = nil) throws -> Image {
        try figure(for: snapshots(solver: solver)).render(font: font)
    }
}
