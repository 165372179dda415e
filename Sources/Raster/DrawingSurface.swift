// A drawing surface in the spirit of plotters' `DrawingBackend` (plotters-backend/src/lib.rs): one
// required primitive — fill a path with a colour under a clip — and everything else as default
// implementations built on it, which a surface overrides when it has something better. `Canvas`
// overrides them all with its fast raster kernels (exact circles from `CircleWalker`, glyph bitmaps
// blended as FreeType renders them, block copies for images), so its pixels are exactly those it drew
// before the protocol existed; the vector surfaces (SVG, PDF in Codecs) override circles, glyphs and
// images with their own elements.
//
// Coordinates are the figure's pixels (y down, (0, 0) at the top-left corner), whatever the surface: a
// vector surface maps them to points itself (1 px = 72/dpi pt), so that geometry is identical in every
// output. Clips are whole-pixel rectangles, as Agg's clip boxes are.
//
// Plot draws through `inout some DrawingSurface`: generic code the compiler specializes for each
// surface, so the raster path pays nothing for the abstraction.

/// Something a figure can be drawn on: a raster canvas, an SVG or a PDF page.
///
/// Only `fill(_:color:rule:clip:)` (and the size) must be written; every other operation has a default
/// that turns the shape into a path and fills it.
public protocol DrawingSurface {
    /// The surface's width in pixels (the figure's pixel width).
    var width: Int { get }
    /// The surface's height in pixels (the figure's pixel height).
    var height: Int { get }

    /// Fills `path` with `color` under `rule`, clipped to `clip` (nil: the whole surface); sub-paths
    /// are closed implicitly. The one required primitive.
    mutating func fill(_ path: Path, color: RGBA8, rule: FillRule, clip: PixelRect?)

    /// Strokes `path` with `style` (width centred on the path).
    mutating func stroke(_ path: Path, style: StrokeStyle, color: RGBA8, clip: PixelRect?)

    /// Strokes the open polyline through `points`.
    mutating func strokePolyline(_ points: [Point], style: StrokeStyle, color: RGBA8, clip: PixelRect?)

    /// Fills the closed polygon through `points` under nonzero.
    mutating func fillPolygon(_ points: [Point], color: RGBA8, clip: PixelRect?)

    /// Fills the disc of `radius` around `center`.
    mutating func fillCircle(center: Point, radius: Double, color: RGBA8, clip: PixelRect?)

    /// Strokes the circle of `radius` around `center` with a line of `width` centred on the outline.
    mutating func strokeCircle(center: Point, radius: Double, width: Double, color: RGBA8, clip: PixelRect?)

    /// Draws a disc of `radius` at each of `centers` (face colour `faceColors[i]`, or `faceColors[0]` for
    /// all when it has one entry), each followed by its edge ring when `edgeColor` is set, in order.
    mutating func drawCircleMarkers(
        centers: [Point], radius: Double, faceColors: [RGBA8], edgeColor: RGBA8?, edgeWidth: Double, clip: PixelRect?)

    /// Fills the rectangle [x0, x1] × [y0, y1].
    mutating func fillRect(x0: Double, y0: Double, x1: Double, y1: Double, color: RGBA8, clip: PixelRect?)

    /// Sets `rect` (nil: the whole surface) to `color`, replacing what was there. Surfaces that can
    /// only paint over (vector ones) paint the colour; for the whole surface they start afresh.
    mutating func clear(_ color: RGBA8, in rect: PixelRect?)

    /// Draws a line of laid-out glyphs (see `GlyphRun`).
    ///
    /// - Throws: `RasterError.freeType` if a glyph cannot be loaded.
    mutating func drawGlyphRun(_ run: GlyphRun, color: RGBA8, clip: PixelRect?) throws(RasterError)

    /// Draws `image` scaled to `rect` with nearest-neighbour sampling: the pixel at (x, y) of `rect`
    /// shows the image's column ⌊(x − x0)·image.width / rect.width⌋, row likewise. The image's pixels
    /// replace what is under them (surfaces that can only paint over paint them, which is the same for
    /// opaque images).
    mutating func drawImage(_ image: Image, in rect: PixelRect, clip: PixelRect?)

    /// Draws `image` as `drawImage` does, but composited over what is there (source-over): a
    /// transparent pixel leaves the surface as it was. The default is `drawImage`, right for surfaces
    /// that only paint over (the vector ones, and the rectangles of the default `drawImage`); a canvas,
    /// whose `drawImage` replaces pixels, blends.
    mutating func drawImageOver(_ image: Image, in rect: PixelRect, clip: PixelRect?)
}

// MARK: - Default implementations

extension DrawingSurface {
    /// The whole surface as a rectangle.
    public var bounds: PixelRect { PixelRect(x0: 0, y0: 0, x1: width, y1: height) }

    /// Flattens `path`, outlines it with `Stroker` and fills the outline under nonzero.
    public mutating func stroke(_ path: Path, style: StrokeStyle, color: RGBA8, clip: PixelRect?) {
        var outline = Path()
        for contour in path.flattened(tolerance: Canvas.defaultTolerance) {
            for polygon in Stroker.outline(contour, style: style) { outline.append(.polygon(polygon)) }
        }
        fill(outline, color: color, rule: .nonZero, clip: clip)
    }

    /// Strokes `points` as one open sub-path.
    public mutating func strokePolyline(_ points: [Point], style: StrokeStyle, color: RGBA8, clip: PixelRect?) {
        stroke(.polyline(points), style: style, color: color, clip: clip)
    }

    /// Fills `points` as one closed polygon under nonzero.
    public mutating func fillPolygon(_ points: [Point], color: RGBA8, clip: PixelRect?) {
        fill(.polygon(points), color: color, rule: .nonZero, clip: clip)
    }

    /// Fills the disc as a circular path under nonzero.
    public mutating func fillCircle(center: Point, radius: Double, color: RGBA8, clip: PixelRect?) {
        fill(.circle(center: center, radius: radius), color: color, rule: .nonZero, clip: clip)
    }

    /// Fills the ring between radius ± width/2 (a full disc when the inner radius is not positive);
    /// draws nothing for a width that is not positive and finite.
    public mutating func strokeCircle(center: Point, radius: Double, width: Double, color: RGBA8, clip: PixelRect?) {
        guard width > 0, width.isFinite else { return }
        var ring = Path.circle(center: center, radius: radius + width / 2, clockwise: true)
        if radius - width / 2 > 0 { ring.append(.circle(center: center, radius: radius - width / 2, clockwise: false)) }
        fill(ring, color: color, rule: .nonZero, clip: clip)
    }

    /// One `fillCircle` and, with an edge, one `strokeCircle` per marker, in order.
    public mutating func drawCircleMarkers(
        centers: [Point], radius: Double, faceColors: [RGBA8], edgeColor: RGBA8?, edgeWidth: Double, clip: PixelRect?
    ) {
        guard !faceColors.isEmpty else { return }
        for (i, center) in centers.enumerated() {
            fillCircle(center: center, radius: radius, color: faceColors[faceColors.count == 1 || i >= faceColors.count ? 0 : i],
                       clip: clip)
            if let edgeColor, edgeWidth > 0 {
                strokeCircle(center: center, radius: radius, width: edgeWidth, color: edgeColor, clip: clip)
            }
        }
    }

    /// Fills the rectangle as a four-point path under nonzero.
    public mutating func fillRect(x0: Double, y0: Double, x1: Double, y1: Double, color: RGBA8, clip: PixelRect?) {
        fill(.rectangle(x0: x0, y0: y0, x1: x1, y1: y1), color: color, rule: .nonZero, clip: clip)
    }

    /// Fills `rect` clipped to the surface with `color`, painting over what is there.
    public mutating func clear(_ color: RGBA8, in rect: PixelRect?) {
        let r = rect?.intersection(bounds) ?? bounds
        guard !r.isEmpty else { return }
        fill(.rectangle(x0: Double(r.x0), y0: Double(r.y0), x1: Double(r.x1), y1: Double(r.y1)),
             color: color, rule: .nonZero, clip: nil)
    }

    /// Fills each glyph's unhinted outline, placed where the raster text puts it.
    public mutating func drawGlyphRun(_ run: GlyphRun, color: RGBA8, clip: PixelRect?) throws(RasterError) {
        guard run.origin.isFinite, color.a > 0 else { return }
        for placement in run.placements {
            let outline = try run.font.outline(glyph: placement.glyph)
            guard !outline.elements.isEmpty else { continue }
            fill(outline.applying(placement.transform), color: color, rule: .nonZero, clip: clip)
        }
    }

    /// One rectangle per image pixel, on the whole-pixel boundaries of the nearest-neighbour mapping.
    public mutating func drawImage(_ image: Image, in rect: PixelRect, clip: PixelRect?) {
        drawImageAsRectangles(image, in: rect, clip: clip)
    }

    /// `drawImage`, which paints over on surfaces that cannot replace pixels.
    public mutating func drawImageOver(_ image: Image, in rect: PixelRect, clip: PixelRect?) {
        drawImage(image, in: rect, clip: clip)
    }

    /// The default `drawImage`, for surfaces that override it but want it for some images: one
    /// `fillRect` per image pixel, on the whole-pixel boundaries of the nearest-neighbour mapping.
    public mutating func drawImageAsRectangles(_ image: Image, in rect: PixelRect, clip: PixelRect?) {
        guard !rect.isEmpty else { return }
        // Image column c covers the rect's columns x with ⌊x·w / W⌋ = c, i.e. from ⌈c·W / w⌉.
        func edge(_ c: Int, _ n: Int, _ size: Int) -> Int { (c * size + n - 1) / n }
        for row in 0..<image.height {
            let y0 = rect.y0 + edge(row, image.height, rect.height), y1 = rect.y0 + edge(row + 1, image.height, rect.height)
            guard y1 > y0 else { continue }
            for column in 0..<image.width {
                let x0 = rect.x0 + edge(column, image.width, rect.width)
                let x1 = rect.x0 + edge(column + 1, image.width, rect.width)
                guard x1 > x0 else { continue }
                fillRect(x0: Double(x0), y0: Double(y0), x1: Double(x1), y1: Double(y1), color: image[column, row],
                         clip: clip)
            }
        }
    }

    // MARK: Text conveniences (not customization points)

    /// Draws one line of `text` anchored at `anchor` with matplotlib's alignment rules.
    ///
    /// `points` at `dpi` is the font size (1 pt = dpi/72 px). On a `Canvas`, glyphs are placed to 1/64 px
    /// and blended as coverage masks, exactly as matplotlib's Agg backend draws them; see `Font`.
    /// Characters the font lacks are drawn as its missing-glyph box, as matplotlib does.
    ///
    /// - Throws: `RasterError.invalidTextSize` for a bad size, `.freeType` if FreeType fails.
    public mutating func drawText(
        _ text: String, at anchor: Point, font: Font, points: Double, dpi: Double, color: RGBA8,
        horizontal: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline,
        rotation: TextRotation = .horizontal, clip: PixelRect? = nil
    ) throws(RasterError) {
        let size = try Font.SizeKey(points: points, dpi: dpi)
        guard !text.isEmpty, anchor.isFinite else { return }
        let (glyphs, metrics) = try font.shape(text, size: size)
        let origin = Canvas.textOrigin(
            anchor: anchor, metrics: metrics, line: font.lineMetrics(points: points, dpi: dpi),
            horizontal: horizontal, vertical: vertical, rotation: rotation)
        try drawGlyphRun(GlyphRun(font: font, size: size, origin: origin, rotation: rotation, glyphs: glyphs),
                         color: color, clip: clip)
    }

    /// Draws `text` with its baseline origin (left end of the baseline) at `origin`, no alignment.
    ///
    /// - Throws: as `drawText`.
    public mutating func drawGlyphs(
        _ text: String, origin: Point, font: Font, points: Double, dpi: Double, color: RGBA8,
        rotation: TextRotation = .horizontal, clip: PixelRect? = nil
    ) throws(RasterError) {
        let size = try Font.SizeKey(points: points, dpi: dpi)
        let glyphs = try font.shape(text, size: size).glyphs
        try drawGlyphRun(GlyphRun(font: font, size: size, origin: origin, rotation: rotation, glyphs: glyphs),
                         color: color, clip: clip)
    }
}
