import NMF
import Raster

/// One picture of NMF learning, declared: the data, the runs, the kind of scene, the style and the
/// frames. Everything the command line can draw is one of these; the animator and any sink are built
/// from it.
///
/// ```swift
/// let article = Visualization(configuration: try NMFConfiguration(data: Dataset.cos2()))
/// var compare = article
/// compare.kind = .panels([.reconstruction, .loss])
/// compare.comparison = try RunComparison(.solvers([.multiplicative, .hals]))
/// try compare.makeAnimator().run(into: try GIFSink(path: "compare.gif", …))
/// ```
public struct Visualization: Sendable {
    /// What each frame shows.
    public enum Kind: Sendable {
        /// The article's two panels: the data, and the reconstruction with the basis vectors.
        case article
        /// The panels of each row, in order, one row per run (`comparison`).
        case panels([Panel])
        /// Basis images beside a few data rows and their reconstructions (rows of the data are
        /// `shape` images); `samples` data rows, or the scene's default number.
        case images(shape: ImageShape, samples: Int?)
    }

    /// The first (or only) run; a comparison varies it.
    public var configuration: NMFConfiguration
    /// Runs side by side, one row each (with `.panels`); nil for one run.
    public var comparison: RunComparison?
    /// What each frame shows; the article's two panels by default.
    public var kind: Kind = .article
    /// The two data columns plotted (x, y), 0-based.
    public var columns: (x: Int, y: Int) = (0, 1)
    /// How every scene looks.
    public var style = SceneStyle()
    /// The iterations shown.
    public var schedule: FrameSchedule
    /// The animation whose limits the frames take (the loss axis and, unless the data are the
    /// article's, the data's), so that a still made alone has the axes of that animation's frame
    /// and stills made one by one do not jump; nil: `schedule`'s own. A still beyond that
    /// animation's last iteration widens the limits to hold it.
    public var limitsSchedule: FrameSchedule?
    /// Whether the data are the article's own (its limits and colour range are then used, as in the
    /// article); otherwise they are computed from the data and every frame shown.
    public var usesArticleBounds = false
    /// How the data are named in messages (a file's path).
    public var dataName = "the data"
    /// The names of the data's columns (a CSV file's header), which label the axes of the data and
    /// reconstruction panels unless `style` labels them; nil: the data have none.
    public var columnNames: [String]?

    /// The article's animation of `configuration`: 50 frames, iterations 0–49.
    public init(configuration: NMFConfiguration, schedule: FrameSchedule? = nil) {
        self.configuration = configuration
        self.schedule = schedule ?? .article
    }

    /// The configurations of every run, in row order.
    ///
    /// - Throws: `NMFError` for a run the solver cannot do.
    public func configurations() throws -> [NMFConfiguration] {
        try comparison?.configurations(from: configuration) ?? [configuration]
    }

    /// The scene and one solver per run.
    ///
    /// - Throws: `NMFError` for data that cannot be factorized as asked; `AnimationError` for a scene
    ///   that cannot be drawn (columns or samples out of range, an image over the size limit).
    public func makeScene() throws -> (scene: any Scene, solvers: [NMFSolver]) {
        let built = try makeRecordedScene()
        return (built.scene, built.solvers)
    }

    /// `makeScene()`, with the time its solver pre-run for the limits took, for `StageTimings.boundsSolve`:
    /// now always zero, since that run is the frames' own (`makeRecordedScene`), counted as their solve.
    public func makeMeasuredScene() throws -> (scene: any Scene, solvers: [NMFSolver], boundsSolve: Duration) {
        let built = try makeRecordedScene()
        return (built.scene, built.solvers, .zero)
    }

    /// The scene, one solver per run, and, when the scene's limits need the runs before the first frame,
    /// the runs recorded once for the limits and the frames (`FrameRecording`; hand it to the
    /// `Animator`). Nil when nothing is needed up front (the article's own data, or images) and
    /// `records` is false.
    ///
    /// - Parameters:
    ///   - budget: the bytes of snapshots the recording keeps in memory before spilling them.
    ///   - records: whether to record the runs even when the scene needs nothing up front, for an
    ///     output that needs more of the run than the frames (the HTML player's losses and embedded
    ///     snapshots): it then takes them from the recording (`FrameRecording.losses`, `observe`).
    ///   - observe: handed every snapshot of a recording as it is made, with its run's index (see
    ///     `FrameRecording.init`); not called when nothing is recorded.
    /// - Throws: as `makeScene()`, and `NMFError.scratchFileFailed` when the spilled snapshots cannot be written.
    package func makeRecordedScene(budget: Int = SnapshotStore.defaultBudget, records: Bool = false,
                                   observe: (Int, Snapshot) -> Void = { _, _ in }) throws
        -> (scene: any Scene, solvers: [NMFSolver], recording: FrameRecording?)
    {
        let solvers = try configurations().map(NMFSolver.init)
        func record() throws -> FrameRecording {
            try FrameRecording(solvers: solvers, schedule: schedule, through: limitsLast, budget: budget, observe: observe)
        }
        switch kind {
        case let .images(shape, samples):
            let scene = try imageScene(shape: shape, samples: samples)
            return (scene, solvers, records ? try record() : nil)
        case .article where comparison == nil:
            var (bounds, recording) = try recordedBounds(solvers: solvers, budget: budget, observe: observe)
            if recording == nil && records { recording = try record() }
            return (try ArticleScene(data: configuration.data, columns: columns, bounds: bounds, style: labelledStyle,
                                     run: TitleFormat.Run(configuration)),
                    solvers, recording)
        case .article, .panels:
            var (bounds, recording) = try recordedBounds(solvers: solvers, budget: budget, observe: observe)
            if recording == nil { recording = try record() }
            return (try panelScene(solvers: solvers, bounds: bounds, losses: recording?.losses ?? []), solvers,
                    recording)
        }
    }

    /// The animator of this visualization, rendering on `jobs` threads.
    public func makeAnimator(jobs: Int = defaultJobs) throws -> Animator {
        let (scene, solvers, recording) = try makeRecordedScene()
        return Animator(solvers: solvers, scene: scene, schedule: schedule, jobs: jobs, recording: recording)
    }

    /// One image with the reconstruction (or, for images, the basis images) at `iterations`, side by
    /// side, 6 a row.
    ///
    /// - Throws: `AnimationError.badValue(.filmstrip, …)` for a bad list; as `makeScene`.
    public func filmstrip(iterations: [Int]) throws -> Image {
        let scene = try filmstripScene(iterations: iterations)
        var canvas = try Canvas(width: scene.pixelSize.width, height: scene.pixelSize.height)
        try scene.render(Frame(snapshots: [], losses: []), into: &canvas, font: nil)
        return canvas.image
    }

    /// The filmstrip as a still scene, which every sink can write (PNG, SVG, PDF).
    ///
    /// - Throws: as `filmstrip(iterations:)`.
    public func filmstripScene(iterations: [Int]) throws -> StillScene {
        let solver = try NMFSolver(configuration)
        if case let .images(shape, _) = kind {
            try shape.check(configuration.data, source: dataName)
            let strip = try BasisImagesFilmstrip(shape: shape, rank: configuration.rank, iterations: iterations,
                                                 style: style)
            return StillScene(strip: strip, snapshots: strip.snapshots(solver: solver))
        }
        // One run gives both the limits, which the grid needs before the panels are drawn, and the
        // snapshots the panels show; the list and the columns are checked before it.
        try Filmstrip.check(iterations: iterations)
        var extents: ArticleScene.Bounds.Extents?
        if !usesOwnBounds {
            try ArticleScene.check(columns: columns, of: configuration.data)
            extents = ArticleScene.Bounds.Extents(columns: columns)
            extents?.add(data: configuration.data)
        }
        let snapshots = Filmstrip.snapshots(of: solver, at: iterations) { extents?.add($0) }
        let strip = try Filmstrip(data: configuration.data, iterations: iterations, columns: columns,
                                  bounds: extents?.bounds ?? .article, style: labelledStyle,
                                  run: TitleFormat.Run(configuration))
        return StillScene(figure: try strip.figure(for: snapshots))
    }

    /// The render threads used when none are given: one per core.
    public static var defaultJobs: Int { Animator.defaultJobs }

    // MARK: - Scenes

    private func imageScene(shape: ImageShape, samples: Int?) throws -> BasisImagesScene {
        let rows = configuration.data.rows
        let count = samples ?? min(BasisImagesScene.defaultSampleCount, rows)
        guard count <= rows else {
            throw AnimationError.badValue(.samples, given: String(count), reason: "the data have only \(rows) rows")
        }
        return try BasisImagesScene(data: configuration.data, shape: shape, rank: configuration.rank,
                                    samples: Array(0..<count), style: style, source: dataName,
                                    run: TitleFormat.Run(configuration))
    }

    /// `bounds` cover every row's frames, so that the rows share limits and can be compared point by point.
    private func panelScene(solvers: [NMFSolver], bounds: ArticleScene.Bounds, losses: [[Double]]) throws
        -> PanelScene
    {
        let panels: [Panel]
        if case let .panels(list) = kind { panels = list } else { panels = [.data, .reconstruction] }
        // Runs of one loss share the loss axis (and see each other's curves); different losses are
        // different measures, each on its own axis.
        let shared = comparison?.sharesLoss ?? true
        let last = limitsLast
        let lossBounds = shared
            ? Array(repeating: LossBounds.covering(losses: losses, lastIteration: last), count: solvers.count)
            : losses.map { LossBounds.covering(losses: [$0], lastIteration: last) }
        let labels: [String?] = comparison?.labels ?? [nil]
        let runs = try configurations().map(TitleFormat.Run.init)
        let rows = zip(labels, zip(lossBounds, runs)).map { PanelScene.Row(label: $0, lossBounds: $1.0, run: $1.1) }
        return try PanelScene(data: configuration.data, panels: panels, rows: rows, columns: columns,
                              bounds: bounds, style: labelledStyle, overlaysOtherRuns: shared && solvers.count > 1)
    }

    /// The last iteration the limits cover: the limits' animation's, or the frames' when later.
    private var limitsLast: Int { max(limitsSchedule?.last ?? schedule.last, schedule.last) }

    /// The iterations whose points the limits hold: the limits' animation's frames and the frames shown.
    private var limitsShown: @Sendable (Int) -> Bool {
        let (limits, shown) = (limitsSchedule ?? schedule, schedule)
        return { limits.contains($0) || shown.contains($0) }
    }

    /// The style with the data's column names as axis labels where it gives none.
    private var labelledStyle: SceneStyle { style.labelled(columns: columns, names: columnNames) }

    /// Whether the article's limits apply (no pre-run is needed).
    private var usesOwnBounds: Bool { usesArticleBounds && columns == (0, 1) }

    /// The limits and colour range of point plots: the article's for its own data (and no recording),
    /// else computed from the data and from every frame the runs will show, fed by the one run that
    /// is recorded for the frames, so that nothing jumps between frames and rows share their limits.
    private func recordedBounds(solvers: [NMFSolver], budget: Int, observe: (Int, Snapshot) -> Void) throws
        -> (bounds: ArticleScene.Bounds, recording: FrameRecording?)
    {
        if usesOwnBounds { return (.article, nil) }
        try ArticleScene.check(columns: columns, of: configuration.data)
        let shown = limitsShown
        // One accumulator per run, merged in run order: the same adds in the same order as one pass
        // over the runs one after the other.
        var template = ArticleScene.Bounds.Extents(columns: columns)
        // The limits then come from the very numbers the panels draw (and a 1,000,000-row run does not
        // build its whole m×n reconstruction for every frame).
        template.shownColumnsOnly = style.points.resolved(rows: configuration.data.rows) != .markers
        var extents = Array(repeating: template, count: max(1, solvers.count))
        extents[0].add(data: configuration.data)
        let recording = try FrameRecording(solvers: solvers, schedule: schedule, through: limitsLast, budget: budget) {
            run, snapshot in
            if shown(snapshot.iteration) { extents[run].add(snapshot) }
            observe(run, snapshot)
        }
        var all = extents[0]
        for other in extents.dropFirst() { all.merge(other) }
        return (all.bounds, recording)
    }
}
