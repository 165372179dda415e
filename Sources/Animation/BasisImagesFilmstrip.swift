import Foundation
import NMF
import Raster

/// One still for a slide: the grid of basis images at several iterations side by side, each titled with
/// its iteration, 6 a row and wrapping to a grid past 6 — parts emerging from the initialization.
///
/// The image counterpart of the teaching filmstrip (which shows the reconstruction panel): the panel's size
/// follows from the dpi and scale rather than from a figure size, because a panel is only as large as its
/// k tiles. A tile's longer side aims at 0.3 in, rounded down to whole pixels per image pixel when that is
/// at least one (the crisp blocks of `BasisImagesLayout`); gaps are 1/8 of a tile, margins half a tile.
/// Tiles, frames, title colour and background follow the scene's `Style` (its inch sizes are not used).
public struct BasisImagesFilmstrip: Sendable {
    /// Panels in a row before wrapping.
    public static let panelsPerRow = 6
    /// The most iterations one strip shows.
    public static let maximumPanels = 36

    /// The iterations shown, one panel each, in the order given.
    public let iterations: [Int]
    /// The height and width of one basis image (a row of H).
    public let shape: ImageShape
    /// The number of basis images per panel, k.
    public let rank: Int
    /// Theme, colormap, dpi and scale; its inch sizes are not used.
    public let style: BasisImagesScene.Style
    /// The image size in pixels.
    public let width: Int
    /// The image height in pixels.
    public let height: Int
    /// Columns of basis tiles in a panel: ⌈√k⌉.
    public let gridColumns: Int
    /// Rows of basis tiles in a panel: ⌈k / gridColumns⌉.
    public let gridRows: Int
    /// Width of one basis tile in pixels, at least 1.
    public let tileWidth: Int
    /// Height of one basis tile in pixels, at least 1.
    public let tileHeight: Int
    private let gap: Int
    private let margin: Int
    private let titleBand: Int
    private let panelWidth: Int
    private let panelHeight: Int
    private let colormap: Colormap

    /// A filmstrip of the rank-`rank` basis images, each of `shape`, at `iterations`.
    ///
    /// - Throws: `AnimationError.notPositive` for a rank below 1, `.badValue(.filmstrip, …)` for no
    ///   iterations or a negative one, `.tooManyIterations` past `FrameSchedule.maximumIteration`,
    ///   `.badFigureSize` for more than `maximumPanels` panels or a bad dpi or scale, `.imageTooLarge`;
    ///   the colormap's error for an unknown name.
    public init(shape: ImageShape, rank: Int, iterations: [Int], style: BasisImagesScene.Style = .init()) throws {
        guard rank >= 1 else { throw AnimationError.notPositive(.rank, value: rank) }
        guard !iterations.isEmpty else { throw AnimationError.badValue(.filmstrip, given: "", reason: "give at least one iteration") }
        guard iterations.count <= Self.maximumPanels else {
            throw AnimationError.badFigureSize("a filmstrip shows at most \(Self.maximumPanels) iterations, not \(iterations.count)")
        }
        if let bad = iterations.first(where: { $0 < 0 }) {
            throw AnimationError.badValue(.filmstrip, given: String(bad), reason: "iterations start at 0")
        }
        if let bad = iterations.first(where: { $0 > FrameSchedule.maximumIteration }) {
            throw AnimationError.tooManyIterations(last: bad)
        }
        let dpi = style.dpi * style.scale
        guard dpi.isFinite, dpi > 0, dpi <= 10_000 else {
            throw AnimationError.badFigureSize("dpi × scale must be a positive number up to 10000, not \(dpi)")
        }
        var columns = 1
        while columns * columns < rank { columns += 1 }
        let rows = (rank + columns - 1) / columns
        let longSide = Double(max(shape.width, shape.height))
        var unit = 0.3 * dpi / longSide
        if unit >= 1 { unit = unit.rounded(.down) }
        let tileWidth = max(1, Int((unit * Double(shape.width)).rounded()))
        let tileHeight = max(1, Int((unit * Double(shape.height)).rounded()))
        let tileLong = max(tileWidth, tileHeight)
        let gap = max(1, Int((Double(tileLong) / 8).rounded()))
        let margin = max(2, Int((Double(tileLong) / 2).rounded()))
        let titleBand = Int((10 * dpi / 72 * 1.8).rounded(.up))
        let panelWidth = 2 * margin + columns * tileWidth + (columns - 1) * gap
        let panelHeight = titleBand + rows * tileHeight + (rows - 1) * gap + margin
        let across = min(Self.panelsPerRow, iterations.count)
        let down = (iterations.count + Self.panelsPerRow - 1) / Self.panelsPerRow
        let (width, wOverflow) = across.multipliedReportingOverflow(by: panelWidth)
        let (height, hOverflow) = down.multipliedReportingOverflow(by: panelHeight)
        guard !wOverflow, !hOverflow else { throw AnimationError.imageTooLarge(width: Int.max, height: Int.max) }
        try ImageLimits.check(width: width, height: height)
        self.colormap = try Colormap(named: style.imageColormapName)
        self.iterations = iterations
        self.shape = shape
        self.rank = rank
        self.style = style
        self.width = width
        self.height = height
        self.gridColumns = columns
        self.gridRows = rows
        self.tileWidth = tileWidth
        self.tileHeight = tileHeight
        self.gap = gap
        self.margin = margin
        self.titleBand = titleBand
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    /// The tiles of panel `panel` (the `panel`-th iteration given), basis image j at grid row j / columns.
    public func tiles(panel: Int) -> [PixelRect] {
        let x = (panel % Self.panelsPerRow) * panelWidth + margin
        let y = (panel / Self.panelsPerRow) * panelHeight + titleBand
        return (0..<rank).map { j in
            PixelRect(x: x + (j % gridColumns) * (tileWidth + gap), y: y + (j / gridColumns) * (tileHeight + gap),
                      width: tileWidth, height: tileHeight)
        }
    }

    /// Runs `solver` up to the last iteration asked for and draws the strip.
    ///
    /// - Throws: `NMFError.shapeMismatch` when the solver's H does not fit the shape or rank; the font's errors.
    public func image(solver: NMFSolver) throws -> Image {
        try render(snapshots(solver: solver), font: try Font.dejaVuSans())
    }

    /// Runs `solver` up to the last iteration asked for, keeping the snapshots shown, in the order of
    /// `iterations`.
    public func snapshots(solver: NMFSolver) -> [Snapshot] {
        Filmstrip.snapshots(of: solver, at: iterations)
    }

    /// Draws one panel per snapshot, in order (`image(solver:)` passes them in the order of `iterations`).
    public func render(_ snapshots: [Snapshot], font: Font?) throws -> Image {
        var canvas = try Canvas(width: width, height: height, background: style.theme.figureBackground)
        try draw(snapshots, on: &canvas, font: font)
        return canvas.image
    }

    /// Draws one panel per snapshot on `surface` (of `width` × `height`), over what it holds; a vector
    /// surface gets the tiles as images and the titles as glyphs.
    public func draw(_ snapshots: [Snapshot], on canvas: inout some DrawingSurface, font: Font?) throws {
        let dpi = style.dpi * style.scale
        let border = max(1, Int((0.8 * dpi / 72).rounded()))
        for (panel, snapshot) in snapshots.prefix(Self.maximumPanels).enumerated() {
            let h = snapshot.h
            guard h.columns == shape.pixelCount, h.rows == rank else {
                throw NMFError.shapeMismatch(what: "H", expected: "\(rank)×\(shape.pixelCount)",
                                             actual: "\(h.rows)×\(h.columns)")
            }
            for (k, rect) in tiles(panel: panel).enumerated() {
                TileBlitter.drawFramed(TileBlitter.image(ofRow: k, in: h, colormap: colormap, shape: shape), in: rect,
                                       border: border, frameColor: style.theme.spineColor, surface: &canvas)
            }
            guard let font else { continue }
            let center = Point(Double((panel % Self.panelsPerRow) * panelWidth) + Double(panelWidth) / 2,
                               Double((panel / Self.panelsPerRow) * panelHeight) + Double(titleBand) * 0.55)
            try canvas.drawText("iteration \(snapshot.iteration)", at: center, font: font, points: 10, dpi: dpi,
                                color: style.theme.textColor, horizontal: .center, vertical: .center)
        }
    }
}
