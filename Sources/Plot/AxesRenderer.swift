import Raster

/// Draws one axes in matplotlib's order: face, collections (scatter, quiver), ticks and tick labels,
/// lines, spines, then text, axis labels and title.
///
/// Spines and tick marks are snapped as Agg snaps them (`PixelSnapping`); markers, arrows and lines are
/// not. Data artists are clipped to the axes box rounded to whole pixels, as Agg's clip box is.
struct AxesRenderer {
    let axes: Axes
    let layout: AxesLayout
    let context: RenderContext

    var theme: Theme { context.theme }
    var ppp: Double { context.pixelsPerPoint }

    /// Agg's clip box: the axes box with each edge rounded to the nearest pixel boundary.
    var clip: PixelRect {
        let b = layout.box
        func r(_ v: Double) -> Int { Int(max(-1e9, min(1e9, (v + 0.5).rounded(.down)))) }
        return PixelRect(x0: r(b.x0), y0: r(b.y0), x1: r(b.x1), y1: r(b.y1))
    }

    func draw(on canvas: inout some DrawingSurface) throws {
        drawFace(on: &canvas)
        for artist in axes.artists {
            switch artist {
            case .scatter(let s): drawScatter(s, on: &canvas)
            case .density(let d): try drawDensity(d, on: &canvas)
            case .quiver(let q): drawQuiver(q, on: &canvas)
            case .line, .text: break
            }
        }
        let tickLabelBounds = try drawTicks(on: &canvas)
        for case .line(let l) in axes.artists { drawLine(l, on: &canvas) }
        drawSpines(on: &canvas)
        for case .text(let t) in axes.artists { try drawAnnotation(t, on: &canvas) }
        try drawLabels(tickLabelBounds: tickLabelBounds, on: &canvas)
        try drawLegend(on: &canvas)
    }

    // MARK: - Frame

    func drawFace(on canvas: inout some DrawingSurface) {
        // The axes patch has no edge, so Agg snaps its corners to pixel boundaries: whole pixels, which an
        // opaque face can simply overwrite (much faster than rasterizing a large rectangle).
        let b = layout.box
        func s(_ v: Double) -> Double { PixelSnapping.snap(v, strokeWidth: 0) }
        let face = theme.axesFace
        if face.a == 255 {
            func i(_ v: Double) -> Int { Int(max(-1e9, min(1e9, s(v)))) }
            canvas.clear(face, in: PixelRect(x0: i(b.x0), y0: i(b.y0), x1: i(b.x1), y1: i(b.y1)).intersection(canvas.bounds))
        } else {
            canvas.fillRect(x0: s(b.x0), y0: s(b.y0), x1: s(b.x1), y1: s(b.y1), color: face, clip: nil)
        }
    }

    func drawSpines(on canvas: inout some DrawingSurface) {
        let w = theme.spineWidthPoints * ppp
        guard w > 0 else { return }
        let b = layout.box
        func s(_ v: Double) -> Double { PixelSnapping.snap(v, strokeWidth: w) }
        let left = s(b.x0), right = s(b.x1), top = s(b.y0), bottom = s(b.y1)
        // Spines are patches with matplotlib's 'projecting' cap, which closes the corners.
        let style = StrokeStyle(width: w, cap: .square)
        for (a, c) in [(Point(left, bottom), Point(left, top)), (Point(right, bottom), Point(right, top)),
                       (Point(left, bottom), Point(right, bottom)), (Point(left, top), Point(right, top))] {
            canvas.strokePolyline([a, c], style: style, color: theme.spineColor, clip: nil)
        }
    }

    // MARK: - Data artists

    func drawScatter(_ s: Scatter, on canvas: inout some DrawingSurface) {
        let edgeWidth = s.edgeWidthPoints * ppp
        let clip = self.clip
        if s.sizes.count == 1 {
            // One shape for all: the surface may draw them as a batch (a canvas does, from masks, for many).
            var centers: [Point] = []
            var colors: [RGBA8] = []
            centers.reserveCapacity(min(s.x.count, s.y.count))
            for i in 0..<min(s.x.count, s.y.count) {
                let c = Point(layout.x.pixel(s.x[i]), layout.y.pixel(s.y[i]))
                guard c.isFinite else { continue }
                centers.append(c)
                if s.faceColors.count != 1 { colors.append(s.faceColor(i)) }
            }
            canvas.drawCircleMarkers(centers: centers, radius: Scatter.radius(size: s.sizes[0], pixelsPerPoint: ppp),
                                     faceColors: s.faceColors.count == 1 ? s.faceColors : colors,
                                     edgeColor: s.edgeColor, edgeWidth: edgeWidth, clip: clip)
            return
        }
        for i in 0..<min(s.x.count, s.y.count) {
            let c = Point(layout.x.pixel(s.x[i]), layout.y.pixel(s.y[i]))
            guard c.isFinite else { continue }
            let r = Scatter.radius(size: s.size(i), pixelsPerPoint: ppp)
            canvas.fillCircle(center: c, radius: r, color: s.faceColor(i), clip: clip)
            if let edge = s.edgeColor, edgeWidth > 0 {
                canvas.strokeCircle(center: c, radius: r, width: edgeWidth, color: edge, clip: clip)
            }
        }
    }

    /// The density's picture, one bin a pixel of the clip box (within the surface), drawn over the face.
    func drawDensity(_ d: Density, on canvas: inout some DrawingSurface) throws {
        let rect = clip.intersection(canvas.bounds)
        guard !rect.isEmpty else { return }
        let n = min(d.x.count, d.y.count)
        let px = (0..<n).map { layout.x.pixel(d.x[$0]) }, py = (0..<n).map { layout.y.pixel(d.y[$0]) }
        let counts = DensityGrid.counts(px: px, py: py, in: rect)
        let image = try DensityGrid.shade(counts, width: rect.width, colormap: d.colormap)
        canvas.drawImageOver(image, in: rect, clip: rect)
    }

    func drawQuiver(_ q: Quiver, on canvas: inout some DrawingSurface) {
        let n = min(q.x.count, q.y.count, q.u.count, q.v.count)
        let w = q.shaftWidthFraction.map { $0 * layout.box.width }
            ?? QuiverGeometry.defaultShaftWidth(count: n, axesWidth: layout.box.width)
        guard w > 0 else { return }
        let color = q.color ?? theme.arrowColor
        let clip = self.clip
        for i in 0..<n {
            let tail = Point(layout.x.pixel(q.x[i]), layout.y.pixel(q.y[i]))
            var tip = Point(layout.x.pixel(q.x[i] + q.u[i]), layout.y.pixel(q.y[i] + q.v[i]))
            guard tail.isFinite, tip.isFinite else { continue }
            if let m = q.minimumLength {
                tip = QuiverGeometry.lengthened(tail: tail, tip: tip, shaftWidth: w, minimumLength: m)
            }
            let outline = QuiverGeometry.polygon(tail: tail, tip: tip, shaftWidth: w)
            canvas.fillPolygon(outline, color: color, clip: clip)
            if let edge = q.edgeColor, q.edgeWidthPoints > 0, !outline.isEmpty {
                // matplotlib's quiver paths are open (`set_verts(closed=False)`): the arrow's 7 vertices and
                // the first again, the dot's 8 as listed, stroked with butt ends and round joins.
                let path = outline.count == 7 ? outline + [outline[0]] : outline
                canvas.strokePolyline(path, style: StrokeStyle(width: q.edgeWidthPoints * ppp, join: .round),
                                      color: edge, clip: clip)
            }
        }
    }

    func drawLine(_ l: Line, on canvas: inout some DrawingSurface) {
        let w = l.widthPoints * ppp
        guard w > 0 else { return }
        let style = StrokeStyle(width: w, cap: .square, join: .round)
        let color = l.color ?? theme.lineColor
        let clip = self.clip
        // Non-finite points split the line into runs, as matplotlib leaves gaps for NaN.
        var run: [Point] = []
        func flush() {
            if run.count >= 2 { canvas.strokePolyline(run, style: style, color: color, clip: clip) }
            run.removeAll(keepingCapacity: true)
        }
        let n = min(l.x.count, l.y.count)
        let points = (0..<n).map { Point(layout.x.pixel(l.x[$0]), layout.y.pixel(l.y[$0])) }
        let snap = Self.shouldSnap(points)
        for var p in points {
            if snap { p = Point(PixelSnapping.snap(p.x, strokeWidth: w), PixelSnapping.snap(p.y, strokeWidth: w)) }
            if p.isFinite { run.append(p) } else { flush() }
        }
        flush()
    }

    /// Agg's automatic snapping rule (`PathSnapper::should_snap`): a path of at most 1024 vertices whose
    /// every segment is horizontal or vertical (within 1e-4 px) is snapped to the pixel grid.
    static func shouldSnap(_ points: [Point]) -> Bool {
        guard points.count >= 2, points.count <= 1024 else { return false }
        for i in 1..<points.count {
            let a = points[i - 1], b = points[i]
            if abs(a.x - b.x) >= 1e-4 && abs(a.y - b.y) >= 1e-4 { return false }
        }
        return true
    }
}
