extension Canvas {
    /// Where matplotlib puts the baseline origin of a one-line text anchored at `anchor`.
    ///
    /// Follows `Text._get_layout` of matplotlib 3.11 for one line with linespacing 'normal' and the
    /// default rotation_mode: the line box is the text's advance width wide, with ascent
    /// max(height − descent, font ascent) and descent max(descent, font descent) (font values from the
    /// OS/2 table, `Font.lineMetrics`); the box is rotated, and its rotated bounding box is aligned to
    /// the anchor (for `.baseline`, matplotlib takes the rotated box's bottom plus the descent).
    /// Returns the origin in this canvas's pixel space (y down).
    public static func textOrigin(
        anchor: Point, metrics: TextMetrics, line: LineMetrics, horizontal: HorizontalAlignment,
        vertical: VerticalAlignment, rotation: TextRotation
    ) -> Point {
        let ascent = max(metrics.height - metrics.descent, line.ascent)
        let descent = max(metrics.descent, line.descent)
        let w = metrics.width
        // Work in matplotlib's y-up frame, box top-left at (0, 0).
        let corners = [(0.0, -(ascent + descent)), (0.0, 0.0), (w, 0.0), (w, -(ascent + descent))]
        let vertical90 = rotation == .vertical
        func rotate(_ x: Double, _ y: Double) -> (Double, Double) { vertical90 ? (-y, x) : (x, y) }
        let rotated = corners.map { rotate($0.0, $0.1) }
        let xs = rotated.map(\.0), ys = rotated.map(\.1)
        let xmin = xs.min() ?? 0, xmax = xs.max() ?? 0, ymin = ys.min() ?? 0, ymax = ys.max() ?? 0
        let offsetX: Double
        switch horizontal {
        case .left: offsetX = xmin
        case .right: offsetX = xmax
        case .center: offsetX = (xmin + xmax) / 2
        }
        let offsetY: Double
        switch vertical {
        case .bottom: offsetY = ymin
        case .top: offsetY = ymax
        case .center: offsetY = (ymin + ymax) / 2
        case .baseline: offsetY = ymin + descent
        }
        let (lx, ly) = rotate(0, -ascent)
        return Point(anchor.x + lx - offsetX, anchor.y - (ly - offsetY))
    }

    /// Draws laid-out glyphs from the run's baseline origin: each glyph's hinted bitmap, rendered by
    /// FreeType at its 1/64-px position and blended as a coverage mask, as matplotlib's Agg backend does.
    public mutating func drawGlyphRun(_ run: GlyphRun, color: RGBA8, clip: PixelRect?) throws(RasterError) {
        let origin = run.origin, font = run.font, size = run.size
        guard origin.isFinite, color.a > 0 else { return }
        let region = effectiveClip(clip)
        guard !region.isEmpty else { return }
        let h = Double(image.height)
        let vertical = run.rotation == .vertical
        for item in run.glyphs {
            // backend_agg: delta = round(64·(x + dx·cos)), round(64·(H − y + dx·sin)), Python rounding.
            let dx = Double(item.x26) / 64
            let fx = vertical ? origin.x : origin.x + dx
            let fy = vertical ? h - origin.y + dx : h - origin.y
            guard let ox = Canvas.fixed26(fx), let oy = Canvas.fixed26(fy) else { continue }
            let g = try font.glyph(item.index, size: size, vertical: vertical, ox: ox, oy: oy)
            blendMask(g, x: g.left, y: image.height - g.top, color: color, region: region)
        }
    }

    /// round(64·v) with ties to even (Python's round), nil when out of FreeType's range.
    static func fixed26(_ v: Double) -> Int? {
        let scaled = (v * 64).rounded(.toNearestOrEven)
        guard scaled.isFinite, abs(scaled) < 1e12 else { return nil }
        return Int(scaled)
    }

    /// Blends an 8-bit coverage mask with its top-left pixel at (x, y), clipped to `region`.
    mutating func blendMask(_ g: Font.GlyphBitmap, x: Int, y: Int, color: RGBA8, region: PixelRect) {
        let target = PixelRect(x: x, y: y, width: g.width, height: g.rows).intersection(region)
        guard !target.isEmpty else { return }
        inkBounds = inkBounds.union(target)
        let imageWidth = image.width
        let alpha = Float(color.a) / (255 * 255)
        let r = Float(color.r), gr = Float(color.g), b = Float(color.b)
        g.coverage.withUnsafeBufferPointer { maskBuffer in
            image.pixels.withUnsafeMutableBufferPointer { pixelBuffer in
                guard let mask = maskBuffer.baseAddress, let pixels = pixelBuffer.baseAddress else { return }
                for row in target.y0..<target.y1 {
                    let maskRow = mask + (row - y) * g.width - x
                    let pixelRow = pixels + row * imageWidth * 4
                    for column in target.x0..<target.x1 {
                        let cover = maskRow[column]
                        if cover == 0 { continue }
                        Compositor.blend(pixelRow + column * 4, r: r, g: gr, b: b, alpha: Float(cover) * alpha)
                    }
                }
            }
        }
    }
}
