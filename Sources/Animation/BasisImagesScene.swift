import Foundation
import NMF
import Plot
import Raster

/// Parts-based learning: the k basis images (the rows of H) as a grid, beside a few data images and
/// their current reconstructions, titled with the iteration and the loss.
///
/// This is how NMF is taught with faces and digits (Lee & Seung, Nature 1999): as learning goes on, the
/// basis images turn into parts — strokes of digits — that add up to the data. Each basis tile is scaled
/// to its own maximum, since the scale of a row of H is traded freely against its column of W and only
/// its shape matters. A data image and its reconstruction share one scale, the data row's maximum, so
/// they can be compared; reconstruction values above it take the colormap's top colour.
///
/// The layout (`BasisImagesLayout`) and the data tiles' colours are fixed when the scene is built; each
/// frame computes only the basis tiles and the shown rows of WH, so rendering stays cheap.
public struct BasisImagesScene: Scene {
    /// Figure size, dpi, scale, theme, colormap and title, fixed when the scene is built.
    public let style: Style
    /// The height and width of one image: one data row, or one row of H.
    public let shape: ImageShape
    package let layout: BasisImagesLayout
    /// The data rows shown, left to right.
    public let sampleRows: [Int]
    /// The run the title describes (`{solver}`, `{loss_name}`).
    public let run: TitleFormat.Run
    private let colormap: Colormap
    private let titleFormat: TitleFormat
    /// The data, for the title's relative error.
    private let data: Matrix
    private let pixelWidth: Int
    private let pixelHeight: Int
    /// Per shown row: 1 / its maximum (0 for an all-zero row), and its tile's colours.
    private let sampleScales: [Double]
    private let sampleImages: [Image?]

    /// The number of data rows shown when the caller does not choose.
    public static let defaultSampleCount = 6

    /// Prepares the scene for `data` whose rows are `shape` images, factorized with `rank` components.
    ///
    /// - Parameters:
    ///   - data: the data, one image per row.
    ///   - shape: the images' height and width; each row has `shape.pixelCount` values.
    ///   - rank: the number of components, one basis image each.
    ///   - samples: the data rows to show with their reconstructions; by default the first
    ///     `defaultSampleCount` (for the digits, the digits 0 to 5).
    ///   - style: colours, colormap, scale and title.
    ///   - source: how errors name the data (a file path or a data set name).
    ///   - run: the run the title describes (`{solver}`, `{loss_name}`).
    /// - Throws: `NMFError.imageShapeMismatch` when the rows are not `shape` images;
    ///   `AnimationError.badValue(.samples, …)` for a sample row out of range; `AnimationError.imageTooLarge`,
    ///   `AnimationError.badFigureSize`, `AnimationError.badValue(.title, …)` and the errors of `Figure`
    ///   and `Colormap` for a bad style.
    public init(data: Matrix, shape: ImageShape, rank: Int, samples: [Int]? = nil, style: Style = Style(),
                source: String = "the data", run: TitleFormat.Run = .init()) throws {
        self.titleFormat = try TitleFormat(style.imageTitleFormat)
        self.run = run
        self.data = data
        try shape.check(data, source: source)
        let rows = samples ?? Array(0..<min(Self.defaultSampleCount, data.rows))
        guard !rows.isEmpty else { throw AnimationError.notPositive(.samples, value: 0) }
        if let bad = rows.first(where: { !(0..<data.rows).contains($0) }) {
            throw AnimationError.badValue(.samples, given: "row \(bad)", reason: "the data have rows 0…\(data.rows - 1)")
        }
        let figure = try Figure(widthInches: style.widthInches, heightInches: style.heightInches, dpi: style.dpi,
                                scale: style.scale, theme: style.theme)
        try ImageLimits.check(width: figure.pixelWidth, height: figure.pixelHeight)
        self.layout = try BasisImagesLayout(
            width: figure.pixelWidth, height: figure.pixelHeight, pixelsPerPoint: figure.pixelsPerPoint,
            rank: rank, samples: rows.count, shape: shape)
        self.colormap = try Colormap(named: style.imageColormapName)
        self.style = style
        self.shape = shape
        self.sampleRows = rows
        self.pixelWidth = figure.pixelWidth
        self.pixelHeight = figure.pixelHeight
        let n = data.columns
        let scales = rows.map { r -> Double in
            let peak = data.values[(r * n)..<((r + 1) * n)].max() ?? 0
            return peak > 0 ? 1 / peak : 0
        }
        self.sampleScales = scales
        self.sampleImages = zip(rows, scales).map { [colormap] r, scale in
            TileBlitter.image(of: data.values[(r * n)..<((r + 1) * n)], scale: scale, colormap: colormap, shape: shape)
        }
    }

    /// The figure's size in pixels (inches × dpi × scale).
    public var pixelSize: (width: Int, height: Int) { (pixelWidth, pixelHeight) }

    /// The theme's colours (the images' pixels are data, not declared).
    public var plotColors: [RGBA8] { style.plotColors(colormap: nil, cycle: 0) }

    /// The colours of basis image `k` (row k of `h`), scaled to the row's own maximum.
    public func basisColors(_ h: Matrix, component k: Int) -> [RGBA8] {
        TileBlitter.colors(ofRow: k, in: h, colormap: colormap)
    }

    /// Row `row` of WH, computed alone: the scene shows a handful of rows, not the whole product.
    public static func reconstruction(row: Int, w: Matrix, h: Matrix) -> [Double] {
        var out = [Double](repeating: 0, count: h.columns)
        for k in 0..<w.columns {
            let weight = w[row, k]
            guard weight != 0 else { continue }
            let base = k * h.columns
            for j in 0..<h.columns { out[j] += weight * h.values[base + j] }
        }
        return out
    }

    /// Draws the first run's snapshot.
    public func render(_ frame: Frame, into canvas: inout Canvas, font: Font?) throws {
        try drawFrame(frame, on: &canvas, font: font)
    }

    /// Draws the first run's snapshot on `surface`: the tiles as images, the text as glyphs.
    public func draw(_ frame: Frame, on surface: inout some DrawingSurface, font: Font) throws {
        try drawFrame(frame, on: &surface, font: font)
    }

    /// The title of `snapshot` (`style`'s image title format filled in).
    public func title(for snapshot: Snapshot) -> String {
        titleFormat.text(for: snapshot, run: run, data: data)
    }

    /// Tiles, then (with a font) the title and labels.
    private func drawFrame(_ frame: Frame, on canvas: inout some DrawingSurface, font: Font?) throws {
        canvas.clear(style.theme.figureBackground, in: nil)
        guard let snapshot = frame.snapshots.first else { return }
        let h = snapshot.h
        guard h.columns == shape.pixelCount else {
            throw NMFError.shapeMismatch(what: "H", expected: "k×\(shape.pixelCount)", actual: "\(h.rows)×\(h.columns)")
        }
        let border = max(1, Int((0.8 * style.dpi * style.scale / 72).rounded()))
        for (k, rect) in zip(0..<h.rows, layout.basisTiles) {
            drawTile(TileBlitter.image(ofRow: k, in: h, colormap: colormap, shape: shape), in: rect, border: border,
                     canvas: &canvas)
        }
        for (i, row) in sampleRows.enumerated() where row < snapshot.w.rows {
            drawTile(sampleImages[i], in: layout.sampleTiles[i], border: border, canvas: &canvas)
            let values = Self.reconstruction(row: row, w: snapshot.w, h: h)
            let tile = TileBlitter.image(of: values[...], scale: sampleScales[i], colormap: colormap, shape: shape)
            drawTile(tile, in: layout.reconstructionTiles[i], border: border, canvas: &canvas)
        }
        guard let font else { return }
        let dpi = style.dpi * style.scale
        let color = style.theme.textColor
        try canvas.drawText(title(for: snapshot), at: layout.titleCenter, font: font,
                            points: style.theme.titleSizePoints, dpi: dpi, color: color,
                            horizontal: .center, vertical: .center)
        let labels = [
            ("basis images (rows of H)", layout.basisLabel),
            ("data (rows of Y)", layout.sampleLabel),
            ("reconstruction (rows of WH)", layout.reconstructionLabel),
        ]
        for (text, anchor) in labels {
            try canvas.drawText(text, at: anchor, font: font, points: style.theme.axisLabelSizePoints, dpi: dpi,
                                color: color)
        }
    }

    /// A tile framed in the spine colour, like an axes.
    private func drawTile(_ tile: Image?, in rect: PixelRect, border: Int, canvas: inout some DrawingSurface) {
        TileBlitter.drawFramed(tile, in: rect, border: border, frameColor: style.theme.spineColor, surface: &canvas)
    }
}
