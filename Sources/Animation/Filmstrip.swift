import NMF
import Plot
import Raster

/// One image for one slide: the reconstruction panel at several iterations side by side, each titled with
/// its iteration, wrapping to a grid of `maximumColumns` past that many.
///
/// Unlike the animated scenes it shows several iterations at once, so it takes snapshots rather than a
/// `Frame`; `image(solver:)` runs the solver once and picks them. Panels share the data limits and colour
/// range, so that the strip reads as the frames of one animation.
public struct Filmstrip: Sendable {
    /// Panels per row before the strip wraps.
    public static let maximumColumns = 6
    /// More panels than this would be too small to read on a slide.
    public static let maximumPanels = 36

    /// The iterations shown, in the order given.
    public let iterations: [Int]
    public let style: ArticleScene.Style
    public let bounds: ArticleScene.Bounds
    public let columns: (x: Int, y: Int)
    private let base: Figure
    private let artists: PanelArtists

    /// Rows and columns of the grid for `count` panels: one row of up to `maximumColumns`, then more rows.
    public static func grid(count: Int) -> (rows: Int, columns: Int) {
        let columns = max(1, min(count, maximumColumns))
        return ((max(1, count) + columns - 1) / columns, columns)
    }

    /// The default figure size for `count` panels: 2.5 in a panel across and 2.8 in a row down, so that
    /// each panel keeps the article's proportions and its title and tick labels stay readable.
    public static func defaultSize(count: Int) -> (widthInches: Double, heightInches: Double) {
        let (rows, columns) = grid(count: count)
        return (2.5 * Double(columns), 2.8 * Double(rows))
    }

    /// Prepares the grid of empty panels.
    ///
    /// - Throws: `AnimationError.badFilmstrip` for no iterations, a negative one, one past
    ///   `FrameSchedule.maximumIteration` or more than `maximumPanels`; `AnimationError.badColumns`,
    ///   `AnimationError.imageTooLarge` and the errors of `Figure`, `Colormap` and `Normalize`.
    public init(data: Matrix, iterations: [Int], columns: (x: Int, y: Int) = (0, 1),
                bounds: ArticleScene.Bounds = .article, style: ArticleScene.Style) throws {
        guard !iterations.isEmpty else { throw AnimationError.badFilmstrip("give at least one iteration") }
        guard iterations.count <= Self.maximumPanels else {
            throw AnimationError.badFilmstrip("\(iterations.count) iterations; at most \(Self.maximumPanels) fit on a slide")
        }
        if let bad = iterations.first(where: { $0 < 0 || $0 > FrameSchedule.maximumIteration }) {
            throw AnimationError.badFilmstrip(
                "iteration \(bad) is outside 0…\(FrameSchedule.maximumIteration)")
        }
        try ArticleScene.check(columns: columns, of: data)
        var figure = try Figure(widthInches: style.widthInches, heightInches: style.heightInches, dpi: style.dpi,
                                scale: style.scale, theme: style.theme)
        try ImageLimits.check(width: figure.pixelWidth, height: figure.pixelHeight)
        let (rows, gridColumns) = Self.grid(count: iterations.count)
        for i in iterations.indices {
            let index = try figure.addSubplot(rows: rows, columns: gridColumns, index: i,
                                              parameters: PanelScene.gridParameters)
            PanelArtists.setLimits(of: &figure.axes[index], bounds: bounds)
        }
        self.iterations = iterations
        self.style = style
        self.bounds = bounds
        self.columns = columns
        self.base = figure
        self.artists = try PanelArtists(style: style, columns: columns, bounds: bounds)
    }

    /// The image size in pixels.
    public var pixelSize: (width: Int, height: Int) { (base.pixelWidth, base.pixelHeight) }

    /// The figure for the snapshots at `iterations`, in that order.
    ///
    /// - Throws: `AnimationError.badFilmstrip` unless there is one snapshot per iteration, at that iteration.
    public func figure(for snapshots: [Snapshot]) throws -> Figure {
        guard snapshots.map(\.iteration) == iterations else {
            throw AnimationError.badFilmstrip(
                "snapshots at \(snapshots.map(\.iteration)) do not match the iterations \(iterations)")
        }
        var figure = base
        for (i, snapshot) in snapshots.enumerated() {
            try artists.drawReconstruction(snapshot, title: artists.title(for: snapshot), into: &figure.axes[i])
        }
        return figure
    }

    /// Runs `solver` to the last iteration shown, keeping only the snapshots shown.
    public func snapshots(solver: NMFSolver) -> [Snapshot] {
        let wanted = Set(iterations)
        var kept: [Int: Snapshot] = [:]
        for snapshot in solver.makeSnapshots(iterations: iterations.max() ?? 0) where wanted.contains(snapshot.iteration) {
            kept[snapshot.iteration] = snapshot
        }
        return iterations.compactMap { kept[$0] }
    }

    /// The filmstrip of `solver`'s run as an image.
    public func image(solver: NMFSolver, font: Font? = nil) throws -> Image {
        try figure(for: snapshots(solver: solver)).render(font: font)
    }
}
