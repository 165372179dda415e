import Raster

// The legend packed as matplotlib's `Legend._init_legend_box` packs it: each entry is a handle box
// (handlelength × handleheight) and a TextArea aligned on their baselines, the text's height at least
// that of "lp" (TextArea's rule); entries are stacked labelspacing apart inside borderpad. 'best'
// scores each of the ten positions as `Legend._find_best_position` does — line vertices and scatter
// or quiver offsets strictly inside, plus lines crossing the box's edges — and takes the first lowest.

extension AxesRenderer {
    /// A legend resolved to pixels: its frame, and per entry the text's origin and the handle's box.
    struct LegendLayout {
        var frame: PixelBox
        /// The entries drawn: all, or the first that fit and a "… n more" row.
        var shown: [Legend.Entry]
        var entries: [(origin: Point, handle: PixelBox)]
        var textBoxes: [PixelBox]
    }

    /// The legend's layout, or nil when the axes have none.
    func legendLayout() throws -> LegendLayout? {
        guard let legend = axes.legend else { return nil }
        let points = theme.fontSize
        let fs = points * ppp
        let lp = try place(TickLabel("lp"), at: Point(0, 0), points: points, horizontal: .left, vertical: .baseline).placed.box
        let row = { (label: String) throws -> LegendRow in try self.legendRow(label, points: points, lp: lp) }
        var rows = try legend.entries.map { try row($0.label) }
        var shown = legend.entries
        let pad = Legend.borderPad * fs
        let available = layout.box.height - 2 * Legend.borderAxesPad * fs
        if rows.count > 1 || legend.omitted > 0 {
            let moreRow = try row(Legend.moreLabel(rows.count + legend.omitted))
            guard let fit = Legend.fitting(rowHeights: rows.map { $0.ascent + $0.descent },
                                           more: moreRow.ascent + moreRow.descent, spacing: Legend.labelSpacing * fs,
                                           padding: pad, available: available, omitted: legend.omitted > 0)
            else { return nil }
            if fit.truncated {
                let label = Legend.moreLabel(rows.count - fit.count + legend.omitted)
                rows = Array(rows.prefix(fit.count)) + [try row(label)]
                shown = Array(shown.prefix(fit.count)) + [Legend.Entry(label, handle: .textOnly)]
            }
        }
        let width = rows.reduce(0.0) { max($0, (Legend.handleLength + Legend.handleTextPad) * fs + $1.width) }
        let contentHeight = rows.reduce(0) { $0 + $1.ascent + $1.descent } + Double(rows.count - 1) * Legend.labelSpacing * fs
        let size = (width: width + 2 * pad, height: contentHeight + 2 * pad)
        let frame = try place(legend: size, location: legend.location)
        var entries: [(origin: Point, handle: PixelBox)] = []
        var textBoxes: [PixelBox] = []
        var top = frame.y0 + pad
        let textX = frame.x0 + pad + (Legend.handleLength + Legend.handleTextPad) * fs
        for row in rows {
            let baseline = top + row.ascent
            let handle = PixelBox(x0: frame.x0 + pad, y0: baseline - Legend.handleHeight * fs,
                                  x1: frame.x0 + pad + Legend.handleLength * fs, y1: baseline)
            entries.append((Point(textX, baseline), handle))
            textBoxes.append(PixelBox(x0: textX + row.text.x0, y0: baseline + row.text.y0, x1: textX + row.text.x1,
                                      y1: baseline + row.text.y1))
            top = baseline + row.descent + Legend.labelSpacing * fs
        }
        return LegendLayout(frame: frame, shown: shown, entries: entries, textBoxes: textBoxes)
    }

    typealias LegendRow = (ascent: Double, descent: Double, width: Double, text: PixelBox)

    /// One entry's text measured: ascent and descent at least "lp"'s (`lp`) and the handle's height.
    func legendRow(_ label: String, points: Double, lp: PixelBox) throws -> LegendRow {
        let t = try place(TickLabel(label), at: Point(0, 0), points: points, horizontal: .left,
                          vertical: .baseline).placed.box
        return (max(-t.y0, -lp.y0, Legend.handleHeight * points * ppp), max(t.y1, lp.y1, 0), t.width, t)
    }

    /// The legend's box for `location` inside the axes box less borderaxespad; 'best' tries matplotlib's
    /// positions in its order and keeps the first that covers the least data.
    func place(legend size: (width: Double, height: Double), location: Legend.Location) throws -> PixelBox {
        let inset = Legend.borderAxesPad * theme.fontSize * ppp
        let b = layout.box
        func box(_ l: Legend.Location) -> PixelBox {
            let a = l.anchor
            let x0 = b.x0 + inset + a.x * (b.width - 2 * inset - size.width)
            let y0 = b.y0 + inset + a.y * (b.height - 2 * inset - size.height)
            return PixelBox(x0: x0, y0: y0, x1: x0 + size.width, y1: y0 + size.height)
        }
        guard location == .best else { return box(location) }
        let (lines, offsets) = legendObstacles()
        var best: (badness: Int, box: PixelBox)?
        for candidate in Legend.Location.allCases.dropFirst() {
            let r = box(candidate)
            func inside(_ p: Point) -> Bool { p.x > r.x0 && p.x < r.x1 && p.y > r.y0 && p.y < r.y1 }
            var badness = offsets.reduce(0) { $0 + (inside($1) ? 1 : 0) }
            for line in lines {
                badness += line.reduce(0) { $0 + (inside($1) ? 1 : 0) }
                if Self.crossesEdges(line, r) { badness += 1 }
            }
            if badness < best?.badness ?? Int.max { best = (badness, r) }
            if badness == 0 { break }
        }
        return best?.box ?? box(.upperRight)
    }

    /// What 'best' avoids: every line's vertices and the scatter and quiver offsets, in pixels.
    func legendObstacles() -> (lines: [[Point]], offsets: [Point]) {
        var lines: [[Point]] = []
        var offsets: [Point] = []
        for artist in axes.artists {
            switch artist {
            case .line(let l):
                lines.append((0..<min(l.x.count, l.y.count)).map { Point(layout.x.pixel(l.x[$0]), layout.y.pixel(l.y[$0])) }
                    .filter(\.isFinite))
            case .scatter(let s):
                offsets += (0..<min(s.x.count, s.y.count)).map { Point(layout.x.pixel(s.x[$0]), layout.y.pixel(s.y[$0])) }
            case .density(let d):
                offsets += (0..<min(d.x.count, d.y.count)).map { Point(layout.x.pixel(d.x[$0]), layout.y.pixel(d.y[$0])) }
            case .quiver(let q):
                offsets += (0..<min(q.x.count, q.y.count)).map { Point(layout.x.pixel(q.x[$0]), layout.y.pixel(q.y[$0])) }
            case .text: break
            }
        }
        return (lines, offsets)
    }

    /// Whether the polyline crosses one of the rectangle's four edges (matplotlib's
    /// `Path.intersects_bbox(filled=False)`).
    static func crossesEdges(_ line: [Point], _ r: PixelBox) -> Bool {
        let corners = [Point(r.x0, r.y0), Point(r.x1, r.y0), Point(r.x1, r.y1), Point(r.x0, r.y1)]
        func cross(_ o: Point, _ a: Point, _ b: Point) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
        func intersects(_ p: Point, _ q: Point, _ a: Point, _ b: Point) -> Bool {
            let d1 = cross(a, b, p), d2 = cross(a, b, q), d3 = cross(p, q, a), d4 = cross(p, q, b)
            return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0
        }
        guard line.count >= 2 else { return false }
        for i in 1..<line.count {
            for e in 0..<4 where intersects(line[i - 1], line[i], corners[e], corners[(e + 1) % 4]) { return true }
        }
        return false
    }

    /// Draws the legend: the rounded frame, each handle, each label.
    func drawLegend(on canvas: inout some DrawingSurface) throws {
        guard axes.legend != nil, let placed = try legendLayout() else { return }
        // The frame is a patch with snap=True: Agg snaps every vertex (corner controls too) to the pixel
        // grid for its edge width, as it snaps the spines.
        let edgeWidth = Legend.frameWidthPoints * ppp
        func s(_ v: Double) -> Double { PixelSnapping.snap(v, strokeWidth: edgeWidth) }
        let f = placed.frame, r = Legend.cornerRadius * theme.fontSize * ppp
        func p(_ x: Double, _ y: Double) -> Point { Point(s(x), s(y)) }
        var path = Path()
        path.move(to: p(f.x0 + r, f.y0))
        path.line(to: p(f.x1 - r, f.y0))
        path.quad(to: p(f.x1, f.y0 + r), control: p(f.x1, f.y0))
        path.line(to: p(f.x1, f.y1 - r))
        path.quad(to: p(f.x1 - r, f.y1), control: p(f.x1, f.y1))
        path.line(to: p(f.x0 + r, f.y1))
        path.quad(to: p(f.x0, f.y1 - r), control: p(f.x0, f.y1))
        path.line(to: p(f.x0, f.y0 + r))
        path.quad(to: p(f.x0 + r, f.y0), control: p(f.x0, f.y0))
        path.close()
        var face = theme.axesFace
        face.a = UInt8((Double(face.a) * Double(Legend.frameAlpha) / 255).rounded())
        canvas.fill(path, color: face, rule: .nonZero, clip: nil)
        let g = Legend.edgeGrey
        canvas.stroke(path, style: StrokeStyle(width: edgeWidth), color: RGBA8(g, g, g, Legend.frameAlpha),
                      clip: nil)
        for (entry, row) in zip(placed.shown, placed.entries) {
            let h = row.handle
            switch entry.handle {
            case let .line(color, widthPoints):
                let w = widthPoints * ppp
                // A horizontal segment: Agg snaps it, as it snaps the plot's own lines (`drawLine`).
                func s(_ v: Double) -> Double { PixelSnapping.snap(v, strokeWidth: w) }
                let y = s(h.y1 - (h.y1 - h.y0) / 2)
                if w > 0 {
                    canvas.strokePolyline([Point(s(h.x0), y), Point(s(h.x1), y)], style: StrokeStyle(width: w, cap: .square),
                                          color: color ?? theme.lineColor, clip: nil)
                }
            case let .patch(color):
                func s(_ v: Double) -> Double { PixelSnapping.snap(v, strokeWidth: 0) }
                canvas.fillRect(x0: s(h.x0), y0: s(h.y0), x1: s(h.x1), y1: s(h.y1), color: color, clip: nil)
            case .textOnly: break
            }
            try drawLabel(TickLabel(entry.label), at: row.origin, points: theme.fontSize, color: theme.textColor,
                          horizontal: .left, vertical: .baseline, on: &canvas)
        }
    }
}
