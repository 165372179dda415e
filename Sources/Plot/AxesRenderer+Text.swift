import Raster

extension AxesRenderer {
    /// Where a label's text goes and the box matplotlib gives it (`Text._get_layout`, one line).
    struct PlacedText {
        /// Left end of the baseline (for vertical text: its bottom end), in image pixels.
        var origin: Point
        /// matplotlib's layout box (advance width × max(ascent, font ascent) + max(descent, font descent)).
        var box: PixelBox
    }

    /// Measures and places a horizontal label anchored at `anchor` with matplotlib's alignments.
    ///
    /// Labels with an exponent are laid out as mathtext lays them out (`MathTextLayout`).
    func place(_ label: TickLabel, at anchor: Point, points: Double,
               horizontal: TextAnnotation.HorizontalAlignment, vertical: TextAnnotation.VerticalAlignment) throws
        -> (placed: PlacedText, glyphs: [MathTextLayout.Glyph]?) {
        let font = context.font, dpi = context.dpi
        let width: Double, a: Double, d: Double
        var glyphs: [MathTextLayout.Glyph]?
        let line = font.lineMetrics(points: points, dpi: dpi)
        if label.exponent == nil, MathText.isMath(label.text) {
            let math = try MathTextLayout(math: label.text, font: font, points: points, dpi: dpi)
            glyphs = math.glyphs
            width = math.width
            a = max(math.ascent, line.ascent)
            d = max(math.descent, line.descent)
        } else if label.exponent != nil {
            let math = try MathTextLayout(label, font: font, points: points, dpi: dpi)
            glyphs = math.glyphs
            width = math.width
            a = max(math.ascent, line.ascent)
            d = max(math.descent, line.descent)
        } else {
            let m = try font.measure(label.text, points: points, dpi: dpi)
            width = m.width
            a = max(m.ascent, line.ascent)
            d = max(m.descent, line.descent)
        }
        let x: Double
        switch horizontal {
        case .left: x = anchor.x
        case .center: x = anchor.x - width / 2
        case .right: x = anchor.x - width
        }
        let y: Double
        switch vertical {
        case .top: y = anchor.y + a
        case .bottom: y = anchor.y - d
        case .center: y = anchor.y + (a + d) / 2 - d
        case .baseline: y = anchor.y
        case .centerBaseline: y = anchor.y + a / 2
        }
        return (PlacedText(origin: Point(x, y), box: PixelBox(x0: x, y0: y - a, x1: x + width, y1: y + d)), glyphs)
    }

    /// Draws a label placed by `place`.
    func draw(_ label: TickLabel, placed: (placed: PlacedText, glyphs: [MathTextLayout.Glyph]?), points: Double,
              color: RGBA8, on canvas: inout some DrawingSurface) throws {
        let font = context.font, dpi = context.dpi, origin = placed.placed.origin
        guard let glyphs = placed.glyphs else {
            try canvas.drawGlyphs(label.text, origin: origin, font: font, points: points, dpi: dpi, color: color)
            return
        }
        for g in glyphs {
            try canvas.drawGlyphs(g.text, origin: Point(origin.x + g.x, origin.y - g.rise), font: font,
                                  points: g.points, dpi: dpi, color: color)
        }
    }

    /// Places and draws a label; returns its box.
    @discardableResult
    func drawLabel(_ label: TickLabel, at anchor: Point, points: Double, color: RGBA8,
                   horizontal: TextAnnotation.HorizontalAlignment, vertical: TextAnnotation.VerticalAlignment,
                   on canvas: inout some DrawingSurface) throws -> PixelBox {
        let placed = try place(label, at: anchor, points: points, horizontal: horizontal, vertical: vertical)
        try draw(label, placed: placed, points: points, color: color, on: &canvas)
        return placed.placed.box
    }

    /// The layout boxes of the x and y tick labels, without drawing (what the tests compare with matplotlib).
    func tickLabelBoxes() throws -> (x: [PixelBox], y: [PixelBox]) {
        let b = layout.box, size = theme.tickLabelSizePoints
        let offset = (theme.majorTickLengthPoints + theme.tickPadPoints) * ppp
        let x = try layout.xTicks.filter { !$0.label.text.isEmpty }.map {
            try place($0.label, at: Point($0.pixel, b.y1 + offset), points: size, horizontal: .center, vertical: .top).placed.box
        }
        let y = try layout.yTicks.filter { !$0.label.text.isEmpty }.map {
            try place($0.label, at: Point(b.x0 - offset, $0.pixel), points: size, horizontal: .right,
                      vertical: .centerBaseline).placed.box
        }
        return (x, y)
    }

    /// The union of tick label boxes, per axis; nil where an axis has no labels.
    struct TickLabelBounds {
        var x: PixelBox?
        var y: PixelBox?
    }

    /// Draws tick marks (snapped as Agg snaps markers) and tick labels; returns the labels' extent.
    func drawTicks(on canvas: inout some DrawingSurface) throws -> TickLabelBounds {
        var bounds = TickLabelBounds()
        let b = layout.box
        let size = theme.tickLabelSizePoints
        for (ticks, lengthPt, widthPt) in [(layout.xTicks, theme.majorTickLengthPoints, theme.majorTickWidthPoints),
                                           (layout.xMinorTicks, theme.minorTickLengthPoints, theme.minorTickWidthPoints)] {
            let w = widthPt * ppp, length = lengthPt * ppp
            let s = PixelSnapping.offset(strokeWidth: w)
            let ay = PixelSnapping.markerAnchor(b.y1)
            for t in ticks {
                let ax = PixelSnapping.markerAnchor(t.pixel)
                if w > 0 && length > 0 {
                    canvas.strokePolyline([Point(ax + s, ay + s), Point(ax + s, ay + PixelSnapping.snap(length, strokeWidth: w))],
                                          style: StrokeStyle(width: w), color: theme.tickColor, clip: nil)
                }
                guard !t.label.text.isEmpty else { continue }
                let box = try drawLabel(t.label, at: Point(t.pixel, b.y1 + (lengthPt + theme.tickPadPoints) * ppp),
                                        points: size, color: theme.textColor, horizontal: .center, vertical: .top, on: &canvas)
                bounds.x = bounds.x.map { $0.union(box) } ?? box
            }
        }
        for (ticks, lengthPt, widthPt) in [(layout.yTicks, theme.majorTickLengthPoints, theme.majorTickWidthPoints),
                                           (layout.yMinorTicks, theme.minorTickLengthPoints, theme.minorTickWidthPoints)] {
            let w = widthPt * ppp, length = lengthPt * ppp
            let s = PixelSnapping.offset(strokeWidth: w)
            let ax = PixelSnapping.markerAnchor(b.x0)
            for t in ticks {
                let ay = PixelSnapping.markerAnchor(t.pixel)
                if w > 0 && length > 0 {
                    canvas.strokePolyline([Point(ax + PixelSnapping.snap(-length, strokeWidth: w), ay + s), Point(ax + s, ay + s)],
                                          style: StrokeStyle(width: w), color: theme.tickColor, clip: nil)
                }
                guard !t.label.text.isEmpty else { continue }
                let box = try drawLabel(t.label, at: Point(b.x0 - (lengthPt + theme.tickPadPoints) * ppp, t.pixel),
                                        points: size, color: theme.textColor, horizontal: .right,
                                        vertical: .centerBaseline, on: &canvas)
                bounds.y = bounds.y.map { $0.union(box) } ?? box
            }
        }
        return bounds
    }

    /// Text annotations at data positions (not clipped, as matplotlib's `Axes.text`).
    func drawAnnotation(_ t: TextAnnotation, on canvas: inout some DrawingSurface) throws {
        let anchor = Point(layout.x.pixel(t.x), layout.y.pixel(t.y))
        guard anchor.isFinite, !t.text.isEmpty else { return }
        try drawLabel(TickLabel(t.text), at: anchor, points: t.sizePoints, color: t.color ?? theme.textColor,
                      horizontal: t.horizontal, vertical: t.vertical, on: &canvas)
    }

    /// Title, axis labels and the x/y offset texts.
    func drawLabels(tickLabelBounds: TickLabelBounds, on canvas: inout some DrawingSurface) throws {
        let b = layout.box
        let color = theme.textColor
        if let title = axes.title, !title.isEmpty {
            try drawLabel(TickLabel(title), at: titleAnchor, points: theme.titleSizePoints, color: color,
                          horizontal: .center, vertical: .baseline, on: &canvas)
        }
        let labelsBottom = tickLabelBounds.x?.y1 ?? b.y1
        if let xLabel = axes.xLabel, !xLabel.isEmpty {
            try drawLabel(TickLabel(xLabel), at: xLabelAnchor(tickLabelBounds), points: theme.axisLabelSizePoints,
                          color: color, horizontal: .center, vertical: .top, on: &canvas)
        }
        if let yLabel = axes.yLabel, !yLabel.isEmpty {
            let placed = try placeVertical(yLabel, anchor: yLabelAnchor(tickLabelBounds))
            if MathText.isMath(yLabel) {
                // Turned 90°: the pen runs up the image, a glyph's rise to the left.
                let math = try MathTextLayout(math: yLabel, font: context.font, points: theme.axisLabelSizePoints,
                                              dpi: context.dpi)
                for g in math.glyphs {
                    try canvas.drawGlyphs(g.text, origin: Point(placed.origin.x - g.rise, placed.origin.y - g.x),
                                          font: context.font, points: g.points, dpi: context.dpi, color: color,
                                          rotation: .vertical)
                }
            } else {
                try canvas.drawGlyphs(yLabel, origin: placed.origin, font: context.font, points: theme.axisLabelSizePoints,
                                      dpi: context.dpi, color: color, rotation: .vertical)
            }
        }
        // matplotlib's offset texts: below the x tick labels at the right end, above the y axis at its top.
        let size = theme.tickLabelSizePoints
        if !layout.xOffsetText.isEmpty {
            try drawLabel(TickLabel(layout.xOffsetText), at: Point(b.x1, labelsBottom + 3 * ppp), points: size,
                          color: color, horizontal: .right, vertical: .top, on: &canvas)
        }
        if !layout.yOffsetText.isEmpty {
            try drawLabel(TickLabel(layout.yOffsetText), at: Point(b.x0, b.y0 - 3 * ppp), points: size,
                          color: color, horizontal: .left, vertical: .bottom, on: &canvas)
        }
    }

    /// The title's anchor: centred, its baseline `titlePadPoints` above the axes.
    var titleAnchor: Point { Point(layout.box.centerX, layout.box.y0 - theme.titlePadPoints * ppp) }

    /// The x label's anchor (centre of its top edge): `axisLabelPadPoints` below the x tick labels, or
    /// below the axes when there are none — matplotlib's `XAxis._update_label_position`.
    func xLabelAnchor(_ bounds: TickLabelBounds) -> Point {
        Point(layout.box.centerX, (bounds.x?.y1 ?? layout.box.y1) + theme.axisLabelPadPoints * ppp)
    }

    /// The y label's anchor (centre of its descent side): `axisLabelPadPoints` left of the y tick labels,
    /// or of the axes when there are none — `YAxis._update_label_position`.
    func yLabelAnchor(_ bounds: TickLabelBounds) -> Point {
        Point((bounds.y?.x0 ?? layout.box.x0) - theme.axisLabelPadPoints * ppp, layout.box.centerY)
    }

    /// The y label rotated 90°, centred on `anchor.y`, its descent side at `anchor.x` (matplotlib's
    /// va='bottom', ha='center', rotation_mode='anchor'): the glyphs' origin (the bottom end of the
    /// baseline) and the rotated layout box.
    func placeVertical(_ text: String, anchor: Point) throws -> PlacedText {
        let points = theme.axisLabelSizePoints
        let line = context.font.lineMetrics(points: points, dpi: context.dpi)
        let width: Double, a: Double, d: Double
        if MathText.isMath(text) {
            let math = try MathTextLayout(math: text, font: context.font, points: points, dpi: context.dpi)
            (width, a, d) = (math.width, max(math.ascent, line.ascent), max(math.descent, line.descent))
        } else {
            let m = try context.font.measure(text, points: points, dpi: context.dpi)
            (width, a, d) = (m.width, max(m.ascent, line.ascent), max(m.descent, line.descent))
        }
        return PlacedText(origin: Point(anchor.x - d, anchor.y + width / 2),
                          box: PixelBox(x0: anchor.x - a - d, y0: anchor.y - width / 2, x1: anchor.x,
                                        y1: anchor.y + width / 2))
    }

    /// The extent of every tick label (major and minor), without drawing: what `drawTicks` returns.
    func tickLabelBounds() throws -> TickLabelBounds {
        let b = layout.box, size = theme.tickLabelSizePoints
        let offset = (theme.majorTickLengthPoints + theme.tickPadPoints) * ppp
        let minorOffset = (theme.minorTickLengthPoints + theme.tickPadPoints) * ppp
        var bounds = TickLabelBounds()
        for (ticks, o) in [(layout.xTicks, offset), (layout.xMinorTicks, minorOffset)] {
            for t in ticks where !t.label.text.isEmpty {
                let box = try place(t.label, at: Point(t.pixel, b.y1 + o), points: size, horizontal: .center,
                                    vertical: .top).placed.box
                bounds.x = bounds.x.map { $0.union(box) } ?? box
            }
        }
        for (ticks, o) in [(layout.yTicks, offset), (layout.yMinorTicks, minorOffset)] {
            for t in ticks where !t.label.text.isEmpty {
                let box = try place(t.label, at: Point(b.x0 - o, t.pixel), points: size, horizontal: .right,
                                    vertical: .centerBaseline).placed.box
                bounds.y = bounds.y.map { $0.union(box) } ?? box
            }
        }
        return bounds
    }

    /// The layout boxes of the title and the axis labels, without drawing (what the tests compare with
    /// matplotlib); nil for those the axes lack.
    func labelBoxes() throws -> (title: PixelBox?, x: PixelBox?, y: PixelBox?) {
        let bounds = try tickLabelBounds()
        var result: (title: PixelBox?, x: PixelBox?, y: PixelBox?) = (nil, nil, nil)
        if let title = axes.title, !title.isEmpty {
            result.title = try place(TickLabel(title), at: titleAnchor, points: theme.titleSizePoints,
                                     horizontal: .center, vertical: .baseline).placed.box
        }
        if let x = axes.xLabel, !x.isEmpty {
            result.x = try place(TickLabel(x), at: xLabelAnchor(bounds), points: theme.axisLabelSizePoints,
                                 horizontal: .center, vertical: .top).placed.box
        }
        if let y = axes.yLabel, !y.isEmpty {
            result.y = try placeVertical(y, anchor: yLabelAnchor(bounds)).box
        }
        return result
    }
}

extension PixelBox {
    /// The smallest box holding both.
    func union(_ o: PixelBox) -> PixelBox {
        PixelBox(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1))
    }
}
