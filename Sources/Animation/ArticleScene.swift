import Foundation
import NMF
import Plot
import Raster

/// The article's figure: the data on the left; on the right the reconstruction Ŷ = WH with the basis
/// vectors (the rows of H) as arrows from the origin, titled with the iteration.
///
/// Points are coloured through a colormap by their first plotted coordinate — the data's x on the left,
/// the reconstruction's x on the right — as the article colours them with `jet(x * 0.25)`.
///
/// Two differences from the article's own code are deliberate (README, "Differences from the article"):
/// the arrows are the true basis vectors `(H[k, i], H[k, j])`, where the article draws `(V[0,1], V[0,0])`
/// and `(V[0,1], V[1,0])`; and the frame of iteration t shows the state after t iterations, where the
/// article's `FuncAnimation` shows t + 2.
///
/// The scene is built once: its limits and colour range never change between frames, so nothing jumps.
/// `figure(for:)` copies the prepared figure and adds only the right panel's artists.
public struct ArticleScene: Scene {
    /// What the axes show: limits and the colour normalization, fixed for the whole animation.
    public struct Bounds: Sendable, Equatable {
        /// The x axis limits of both panels, data units.
        public var xLimits: (lower: Double, upper: Double)
        /// The y axis limits of both panels, data units.
        public var yLimits: (lower: Double, upper: Double)
        /// The values mapped to the two ends of the colormap (matplotlib's `vmin`, `vmax`).
        public var colorRange: (lower: Double, upper: Double)

        /// Bounds from `(lower, upper)` pairs; they are checked when a scene is built, not here.
        public init(xLimits: (Double, Double), yLimits: (Double, Double), colorRange: (Double, Double)) {
            self.xLimits = xLimits
            self.yLimits = yLimits
            self.colorRange = colorRange
        }

        /// The article's: x ∈ [0, 4.5], y ∈ [0, 3.3], colour by x over [0, 4].
        public static let article = Bounds(xLimits: (0, 4.5), yLimits: (0, 3.3), colorRange: (0, 4))

        /// Whether the limits and the colour range are equal (tuples are not `Equatable`, so this is written out).
        public static func == (a: Bounds, b: Bounds) -> Bool {
            a.xLimits == b.xLimits && a.yLimits == b.yLimits && a.colorRange == b.colorRange
        }
    }

    /// Size, theme, colormap, title and markers.
    public let style: Style
    /// The limits and colour range shared by every frame.
    public let bounds: Bounds
    /// The two data columns plotted (x, y), 0-based.
    public let columns: (x: Int, y: Int)
    private let base: Figure
    /// The data panel, drawn once.
    private let layer: FigureLayer.Shared
    /// The data and reconstruction panels are drawn as every scene draws them.
    private let artists: PanelArtists

    /// The run the title describes (`{solver}`, `{loss_name}`).
    public let run: TitleFormat.Run

    /// Prepares the figure with the data panel drawn from `data`.
    ///
    /// - Throws: `AnimationError.badValue(.columns, …)` when `data` lacks the columns, `AnimationError.imageTooLarge`,
    ///   `AnimationError.badValue(.title, …)` for a bad title format, and the errors of `Figure`,
    ///   `Colormap` and `Normalize` for a bad style or bounds.
    public init(data: Matrix, columns: (x: Int, y: Int) = (0, 1), bounds: Bounds = .article,
                style: Style = Style(), run: TitleFormat.Run = .init()) throws {
        self.run = run
        try Self.check(columns: columns, of: data)
        let figure = try Figure(widthInches: style.widthInches, heightInches: style.heightInches, dpi: style.dpi,
                                scale: style.scale, theme: style.theme)
        try ImageLimits.check(width: figure.pixelWidth, height: figure.pixelHeight)
        self.style = style
        self.bounds = bounds
        self.columns = columns
        let artists = try PanelArtists(style: style, columns: columns, bounds: bounds, data: data)
        self.artists = artists

        func prepared(_ parameters: SubplotParameters) throws -> Figure {
            var base = figure
            try base.addSubplots(rows: 1, columns: 2, parameters: parameters)
            for i in 0..<2 { PanelArtists.setLimits(of: &base.axes[i], bounds: bounds) }
            artists.setLabels(of: &base.axes[0], panel: .data)
            artists.setLabels(of: &base.axes[1], panel: .reconstruction)
            try artists.drawPoints(data, into: &base.axes[0])
            return base
        }
        var base = try prepared(.matplotlib)
        if style.makesRoomForText {
            base = try prepared(PanelScene.tightParameters(base, rows: 1, columns: 2))
        }
        self.base = base
        self.layer = FigureLayer.Shared(figure: base, keeping: [0])
    }

    /// The image size in pixels.
    public var pixelSize: (width: Int, height: Int) { (base.pixelWidth, base.pixelHeight) }

    /// The theme's colours, the points' colormap (the marker faces) and, for coloured arrows, the
    /// colour cycle.
    public var plotColors: [RGBA8] {
        style.plotColors(colormap: style.pointColormapName, cycle: style.arrowColors ? ColorCycle.tab10.count : 0)
    }

    /// The whole figure for one snapshot.
    public func figure(for snapshot: Snapshot) throws -> Figure {
        var figure = base
        try artists.drawReconstruction(snapshot, title: artists.title(for: snapshot, run: run), into: &figure.axes[1])
        return figure
    }

    /// Draws the first run's snapshot into `canvas` (which must be `pixelSize`), reusing its buffers.
    ///
    /// The data panel is drawn once and copied (`FigureLayer.Shared`): the pixels are those of
    /// `figure(for:).render()`.
    public func render(_ frame: Frame, into canvas: inout Canvas, font: Font?) throws {
        guard let snapshot = frame.snapshots.first else { return }
        try render(figure(for: snapshot), into: &canvas, font: font)
    }

    /// Draws the first run's snapshot on `surface` as shapes and glyphs (no layer: that is a raster matter).
    public func draw(_ frame: Frame, on surface: inout some DrawingSurface, font: Font) throws {
        guard let snapshot = frame.snapshots.first else { return }
        try figure(for: snapshot).draw(on: &surface, font: font)
    }

    /// Draws a figure made by `figure(for:)`, over the data panel's layer; returns whether the layer was used.
    @discardableResult
    func render(_ figure: Figure, into canvas: inout Canvas, font: Font?) throws -> Bool {
        try layer.render(figure, into: &canvas, font: font)
    }

    /// Throws `AnimationError.badValue(.columns, …)` unless both columns exist in `data`.
    static func check(columns: (x: Int, y: Int), of data: Matrix) throws {
        guard columns.x >= 0, columns.y >= 0, columns.x < data.columns, columns.y < data.columns else {
            throw AnimationError.badValue(
                .columns, given: "\(columns.x),\(columns.y)", reason: "the data have columns 0…\(data.columns - 1)")
        }
    }
}
