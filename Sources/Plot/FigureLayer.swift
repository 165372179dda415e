import Raster

// Why a layer is exact. A pixel's final value is its background composited with every drawing call that
// touched it, in order. The layer holds the background with the kept axes drawn on it, and the canvas's
// `inkBounds` tells where they drew. A frame copies the layer and draws only the other axes, again
// recording where. When the two ink rectangles share no pixel, every pixel was touched by kept axes only
// (and holds what a full render gives, since those axes are equal to the layer's and were drawn in their
// order), by the other axes only (drawn in their order over the untouched background), or by neither — so
// the frame is the full render, bit for bit, whatever the colours, alpha or theme. When they do share a
// pixel (axes that overlap, a title reaching into the next panel, tick labels crowding a small figure),
// the order would matter, and the frame is drawn again in full.
//
// Measured on the article's figure (1000×450, the data panel kept): its 50 frames render in 22 ms instead
// of 38 ms on one thread. What is left is mostly the changing panel's 80 markers and the copy of the layer,
// which costs what clearing the canvas did.

/// The pixels of a figure's unchanging axes, drawn once so that each frame only draws the axes that change.
///
/// ```swift
/// let layer = try FigureLayer(figure: base, keeping: [0])      // the data panel
/// for snapshot in snapshots {
///     var figure = base
///     try figure.axes[1].scatter(...)                           // only axes 1 changes
///     try figure.render(into: &canvas, over: layer)
/// }
/// ```
///
/// `render(into:font:over:)` uses the layer only when it can prove the result identical to a full render:
/// same size, dpi and theme, the kept axes equal to the layer's, the same font and curve tolerance, and the
/// other axes' ink disjoint from the layer's. Otherwise it draws the whole figure.
public struct FigureLayer: Sendable {
    /// The figure the layer was drawn from.
    let figure: Figure
    /// Which of its axes the layer holds (indices into `figure.axes`, ascending, no repeats).
    let kept: [Int]
    /// The figure's background with the kept axes drawn on it.
    public let image: Image
    /// Every pixel the kept axes drew lies in here; outside it the image is the figure's background.
    public let ink: PixelRect
    let font: Font
    let tolerance: Double

    /// Draws the axes of `figure` at `indices` (out-of-range ones are ignored) over its background.
    ///
    /// - Parameters:
    ///   - figure: the figure whose background and axes are drawn.
    ///   - indices: the axes to keep in the layer, as indices into `figure.axes`.
    ///   - font: as `Figure.render(font:)`; frames drawn over the layer must use a font that draws alike.
    ///   - tolerance: the curve tolerance of the canvases that frames will be drawn into.
    /// - Throws: as `Figure.render(font:)`.
    public init(figure: Figure, keeping indices: some Sequence<Int>, font: Font? = nil,
                tolerance: Double = Canvas.defaultTolerance) throws {
        let kept = Array(Set(indices.filter { figure.axes.indices.contains($0) })).sorted()
        let font = try font ?? Figure.defaultFont()
        var canvas = try Canvas(width: figure.pixelWidth, height: figure.pixelHeight,
                                background: figure.theme.figureBackground)
        canvas.tolerance = tolerance
        canvas.inkBounds = .empty
        try figure.draw(axesAt: kept, on: &canvas, font: font)
        self.figure = figure
        self.kept = kept
        self.image = canvas.image
        self.ink = canvas.inkBounds
        self.font = font
        self.tolerance = tolerance
    }

    /// Whether `figure`, drawn with `font` into `canvas`, would draw the kept axes exactly as the layer
    /// holds them.
    func matches(_ figure: Figure, canvas: Canvas, font: Font) -> Bool {
        let base = self.figure
        return figure.pixelWidth == base.pixelWidth && figure.pixelHeight == base.pixelHeight
            && figure.widthInches == base.widthInches && figure.heightInches == base.heightInches
            && figure.dpi == base.dpi && figure.scale == base.scale && figure.theme == base.theme
            && canvas.tolerance == tolerance && font.drawsLike(self.font)
            && kept.allSatisfy { figure.axes.indices.contains($0) && figure.axes[$0] == base.axes[$0] }
    }
}

extension Figure {
    /// Draws the figure into `canvas` starting from `layer` when that gives exactly the full render's
    /// pixels (see `FigureLayer`), and in full otherwise.
    ///
    /// - Returns: whether the layer was used.
    /// - Throws: as `render(into:font:)`.
    @discardableResult
    public func render(into canvas: inout Canvas, font: Font? = nil, over layer: FigureLayer?) throws -> Bool {
        try checkSize(of: canvas)
        let font = try font ?? Self.defaultFont()
        guard let layer, layer.matches(self, canvas: canvas, font: font) else {
            try render(into: &canvas, font: font)
            return false
        }
        canvas.clip = nil
        canvas.image = layer.image
        canvas.inkBounds = .empty
        var others: [Int] = []
        var k = 0
        for i in axes.indices {
            if k < layer.kept.count && layer.kept[k] == i { k += 1 } else { others.append(i) }
        }
        try draw(axesAt: others, on: &canvas, font: font)
        guard !canvas.inkBounds.intersects(layer.ink) else {
            try render(into: &canvas, font: font)
            return false
        }
        return true
    }
}
