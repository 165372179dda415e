import Raster

extension Figure {
    /// DejaVu Sans, opened once per process; `Font` is thread-safe (it locks around FreeType).
    static let sharedFont: Result<Font, RasterError> = Result { () throws(RasterError) in try Font.dejaVuSans() }

    /// The embedded font, or the error FreeType gave when opening it.
    static func defaultFont() throws -> Font {
        try sharedFont.get()
    }

    /// Draws the figure into a new image.
    ///
    /// - Parameter font: the font for all text; nil for the shared DejaVu Sans. Renderers on many threads
    ///   may pass one font each to avoid waiting on the shared font's lock.
    /// - Throws: `PlotError` for limits that cannot be shown, `RasterError` if text cannot be drawn.
    public func render(font: Font? = nil) throws -> Image {
        var canvas = try Canvas(width: pixelWidth, height: pixelHeight, background: theme.figureBackground)
        try render(into: &canvas, font: font)
        return canvas.image
    }

    /// Draws the figure into `canvas`, reusing its image and scratch buffers (clears it first).
    ///
    /// - Throws: `PlotError.invalidFigureSize` when the canvas is not this figure's size, and as `render()`.
    public func render(into canvas: inout Canvas, font: Font? = nil) throws {
        try checkSize(of: canvas)
        canvas.clip = nil
        canvas.clear(theme.figureBackground)
        try draw(axesAt: axes.indices, on: &canvas, font: try font ?? Self.defaultFont())
    }

    /// Draws the figure on any surface of this figure's pixel size — an SVG or PDF page as well as a
    /// canvas: the background, then every axes, exactly as `render(into:font:)` draws them.
    ///
    /// - Throws: `PlotError.invalidFigureSize` when the surface is not this figure's size, and as `render()`.
    public func draw(on surface: inout some DrawingSurface, font: Font? = nil) throws {
        try checkSize(of: surface)
        surface.clear(theme.figureBackground, in: nil)
        try draw(axesAt: axes.indices, on: &surface, font: try font ?? Self.defaultFont())
    }

    /// Throws `PlotError.invalidFigureSize` unless `canvas` is this figure's size.
    func checkSize(of canvas: some DrawingSurface) throws {
        guard canvas.width == pixelWidth, canvas.height == pixelHeight else {
            throw PlotError.invalidFigureSize(widthInches: Double(canvas.width) / effectiveDPI,
                                              heightInches: Double(canvas.height) / effectiveDPI, dpi: dpi, scale: scale)
        }
    }

    /// Draws the axes at `indices` (valid, in the order given) over what `canvas` holds.
    func draw(axesAt indices: some Sequence<Int>, on canvas: inout some DrawingSurface, font: Font) throws {
        let context = RenderContext(theme: theme, pixelsPerPoint: pixelsPerPoint, dpi: effectiveDPI, font: font)
        for i in indices {
            let a = axes[i]
            let layout = try AxesLayout(axes: a, pixelsPerPoint: pixelsPerPoint, labelSizePoints: theme.tickLabelSizePoints)
            try AxesRenderer(axes: a, layout: layout, context: context).draw(on: &canvas)
        }
    }
}

/// What every part of one render shares.
struct RenderContext {
    let theme: Theme
    let pixelsPerPoint: Double
    let dpi: Double
    let font: Font
}
