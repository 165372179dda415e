import Foundation
import Raster

/// matplotlib's mathtext layout of a tick label with a superscript (`$\\mathdefault{10^{-2}}$`), for
/// DejaVu Sans.
///
/// mathtext places each glyph at the font's unhinted (linear) advance, not the hinted one plain text uses;
/// the superscript is 70 % of the size (`SHRINK_FACTOR`), raised by sup1 × x-height (sup1 = 845.824/1120,
/// `DejaVuSansFontConstants`), after a kern of delta × the shrunk x-height (delta = 0.025), and followed
/// by script_space × x-height (0.05). The x-height is DejaVu's 1120/2048 em. The box is rounded up to
/// whole pixels (`Output.to_vector`), which is what the text layout then aligns.
///
/// Math (`init(math:)`) follows `_mathtext.py` further: each glyph's box is its unhinted ink, scripts
/// are placed by `subsuper` (TeX's nodes 756–759, with the clearance of 4 rule thicknesses between a
/// superscript and a subscript), and `\hat` is `accent`'s Vlist (U+0302's ink centred over the symbol,
/// 2 rule thicknesses above it). The boxes then equal matplotlib's to 1e-3 px for the whole subset.
struct MathTextLayout {
    /// One glyph run to draw: its text, size, pen x from the origin and rise above the baseline.
    struct Glyph {
        var text: String
        var points: Double
        var x: Double
        var rise: Double
    }

    static let shrink = 0.7
    static let xHeightEm = 1120.0 / 2048.0
    static let sup1 = 845.824 / 1120.0
    static let delta = 0.025
    static let scriptSpace = 0.05
    /// DejaVu Sans's supdrop and subdrop (`DejaVuSansFontConstants`), in x-heights.
    static let supdrop = 790.527 / 1120.0
    static let subdrop = 102.4 / 1120.0

    /// mathtext's rule thickness, `get_underline_thickness`: 0.75/12 of the size, hard-coded there.
    static func ruleThickness(px: Double) -> Double { 0.75 / 12 * px }

    var glyphs: [Glyph] = []
    /// Rounded up to whole pixels, as matplotlib does.
    var width: Double
    var ascent: Double
    var descent: Double

    init(_ label: TickLabel, font: Font, points: Double, dpi: Double) throws {
        let xHeight = Self.xHeightEm * points * dpi / 72
        var builder = Builder(font: font, dpi: dpi)
        try builder.char(label.text, points: points, rise: 0)
        if let exponent = label.exponent {
            builder.x += Self.delta * xHeight * Self.shrink
            try builder.char(exponent, points: points * Self.shrink, rise: Self.sup1 * xHeight)
            builder.x += Self.scriptSpace * xHeight
        }
        glyphs = builder.glyphs
        width = builder.x.rounded(.up)
        ascent = builder.top.rounded(.up)
        descent = max(0, builder.bottom).rounded(.up)
    }

    /// The unhinted advance of `text` in pixels: measured at 64 × the size, where hinting's rounding is
    /// 1/64 of what it is at the real size. Measuring that large is slow, so results are cached per font.
    static func linearAdvance(_ text: String, font: Font, points: Double, dpi: Double) throws -> Double {
        try linearMetrics(text, font: font, points: points, dpi: dpi).advance
    }

    /// The unhinted advance and ink box of `text` in pixels (measured as `linearAdvance`), as mathtext
    /// reads a glyph's metrics with hinting off: what its boxes are built from.
    static func linearMetrics(_ text: String, font: Font, points: Double, dpi: Double) throws -> AdvanceCache.Metrics {
        let key = AdvanceCache.Key(font: ObjectIdentifier(font), text: text, points: points, dpi: dpi)
        if let cached = AdvanceCache.shared.value(for: key) { return cached }
        let m = try font.measure(text, points: points * 64, dpi: dpi)
        let metrics = AdvanceCache.Metrics(advance: m.width / 64, inkLeft: m.inkMinX / 64, inkRight: m.inkMaxX / 64,
                                           inkTop: -m.inkMinY / 64, inkBottom: -m.inkMaxY / 64)
        AdvanceCache.shared.store(metrics, for: key)
        return metrics
    }
}

/// A process-wide cache of linear advances and ink boxes, shared by the threads that render frames.
final class AdvanceCache: @unchecked Sendable {
    struct Key: Hashable {
        var font: ObjectIdentifier
        var text: String
        var points: Double
        var dpi: Double
    }

    /// A glyph run's unhinted metrics in pixels; the ink's top and bottom are heights above the
    /// baseline (y up, as mathtext's `ymax` and `ymin`), its left and right offsets from the pen.
    struct Metrics {
        var advance: Double
        var inkLeft: Double
        var inkRight: Double
        var inkTop: Double
        var inkBottom: Double
    }

    static let shared = AdvanceCache()
    // Guards `values`; held only for a dictionary lookup or insert.
    private let lock = NSLock()
    private var values: [Key: Metrics] = [:]

    func value(for key: Key) -> Metrics? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func store(_ value: Metrics, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        // Labels use a handful of characters at a few sizes; the bound only guards against misuse.
        if values.count > 4096 { values.removeAll() }
        values[key] = value
    }
}

extension MathTextLayout {
    /// The layout of `text` with `$…$` math (`MathText`): glyph runs at mathtext's positions.
    ///
    /// - Throws: `PlotError.unsupportedMathText` for math outside the subset; `RasterError` from the font.
    init(math text: String, font: Font, points: Double, dpi: Double) throws {
        var builder = Builder(font: font, dpi: dpi, linearInk: true)
        try builder.lay(MathText.parse(text), points: points, rise: 0)
        width = builder.x.rounded(.up)
        ascent = builder.top.rounded(.up)
        descent = max(0, builder.bottom).rounded(.up)
        // `Output.to_vector` places each glyph at y = ceil(height) - oy from the box's baseline, oy being
        // its depth below the box's top: the whole math is raised by what rounding the height up added.
        // Agg (and the SVG/PDF backends) draw the glyphs there, at that sub-pixel position.
        let raise = ascent - builder.top
        glyphs = builder.glyphs.map { var g = $0; g.rise += raise; return g }
    }

    /// Places nodes left to right, keeping the pen and the ink's extent above and below the baseline.
    ///
    /// With `linearInk` (math), a glyph's box is its unhinted ink, as mathtext's `Char` has
    /// (`iceberg` above the baseline, the rest below); the ×10ⁿ tick labels keep the hinted extents they
    /// were matched with.
    struct Builder {
        let font: Font
        let dpi: Double
        let linearInk: Bool
        var glyphs: [Glyph] = []
        var x = 0.0
        var top = 0.0
        var bottom = 0.0

        init(font: Font, dpi: Double, linearInk: Bool = false) {
            self.font = font
            self.dpi = dpi
            self.linearInk = linearInk
        }

        /// The ink above and below the baseline of one glyph run at `points`.
        func ink(_ text: String, points: Double) throws -> (top: Double, bottom: Double) {
            if linearInk {
                let m = try MathTextLayout.linearMetrics(text, font: font, points: points, dpi: dpi)
                return (m.inkTop, -m.inkBottom)
            }
            let m = try font.measure(text, points: points, dpi: dpi)
            return (-m.inkMinY, m.inkMaxY)
        }

        /// The extent of what was placed from glyph `start` on: (top, bottom) relative to `rise`, at
        /// least 0 each (an `Hlist`'s height and depth).
        func extent(from start: Int, rise: Double) throws -> (top: Double, bottom: Double) {
            var t = 0.0, b = 0.0
            for g in glyphs[start...] {
                let e = try ink(g.text, points: g.points)
                t = max(t, g.rise - rise + e.top)
                b = max(b, e.bottom - (g.rise - rise))
            }
            return (t, b)
        }

        mutating func char(_ s: String, points: Double, rise: Double) throws {
            for ch in s {
                let text = String(ch)
                glyphs.append(Glyph(text: text, points: points, x: x, rise: rise))
                if linearInk {
                    let e = try ink(text, points: points)
                    top = max(top, rise + e.top)
                    bottom = max(bottom, e.bottom - rise)
                } else {
                    let m = try font.measure(text, points: points, dpi: dpi)
                    top = max(top, rise + m.ascent)
                    bottom = max(bottom, m.descent - rise)
                }
                x += try MathTextLayout.linearAdvance(text, font: font, points: points, dpi: dpi)
            }
        }

        /// Lays `nodes` at `rise` and returns where their glyphs start and their extent, leaving the
        /// figure's extent as it was: the caller shifts them and then counts them in (`settle`).
        mutating func trial(_ node: MathText.Node, points: Double, rise: Double) throws
            -> (start: Int, top: Double, bottom: Double) {
            let saved = (top, bottom), start = glyphs.count
            try lay(node, points: points, rise: rise, first: true)
            let e = try extent(from: start, rise: rise)
            (top, bottom) = saved
            return (start, e.top, e.bottom)
        }

        /// Raises the glyphs `start..<end` (to the last when `end` is nil) by `shift` and counts their ink
        /// in the extent.
        mutating func settle(from start: Int, to end: Int? = nil, by shift: Double) throws {
            let end = end ?? glyphs.count
            var t = 0.0, b = 0.0
            for k in start..<end {
                glyphs[k].rise += shift
                let e = try ink(glyphs[k].text, points: glyphs[k].points)
                t = max(t, glyphs[k].rise + e.top)
                b = max(b, e.bottom - glyphs[k].rise)
            }
            top = max(top, t)
            bottom = max(bottom, b)
        }

        mutating func lay(_ nodes: [MathText.Node], points: Double, rise: Double) throws {
            for (i, node) in nodes.enumerated() { try lay(node, points: points, rise: rise, first: i == 0) }
        }

        mutating func lay(_ node: MathText.Node, points: Double, rise: Double, first: Bool) throws {
            let px = points * dpi / 72
            let xHeight = MathTextLayout.xHeightEm * px
            switch node {
            case let .char(s):
                try char(s, points: points, rise: rise)
            case let .spaced(s):
                let em = try MathTextLayout.linearAdvance("m", font: font, points: points, dpi: dpi)
                if !first { x += 0.2 * em }
                try char(s, points: points, rise: rise)
                if !first { x += 0.2 * em }
            case let .space(fraction):
                x += fraction * (try MathTextLayout.linearAdvance("m", font: font, points: points, dpi: dpi))
            case let .group(inner):
                try lay(inner, points: points, rise: rise)
            case let .hat(base):
                // mathtext's `accent`: Vlist[HCentered[Hbox(w/4), Accent], Vbox(2 × rule), Hlist[sym]], the
                // accent's box its ink (U+0302 for \hat), hpacked to the symbol's width.
                let start = glyphs.count, left = x
                try lay(base, points: points, rise: rise, first: true)
                let symbolWidth = x - left
                let symbolTop = try extent(from: start, rise: rise).top
                let accent = "\u{0302}"
                let m = try MathTextLayout.linearMetrics(accent, font: font, points: points, dpi: dpi)
                let content = symbolWidth / 4 + (m.inkRight - m.inkLeft)
                let inkLeft = left + (symbolWidth - content) / 2 + symbolWidth / 4
                let accentBottom = rise + symbolTop + 2 * MathTextLayout.ruleThickness(px: px)
                glyphs.append(Glyph(text: accent, points: points, x: inkLeft - m.inkLeft, rise: accentBottom - m.inkBottom))
                top = max(top, accentBottom + m.inkTop - m.inkBottom)
            case let .scripts(base, sub, sup):
                // mathtext's `subsuper` (TeX's nodes 756–759) for an upright nucleus.
                let baseStart = glyphs.count
                try lay(base, points: points, rise: rise, first: true)
                let nucleus = try extent(from: baseStart, rise: rise)
                let small = points * MathTextLayout.shrink
                let end = x
                // The kern is shrunk with the script it precedes (`Hlist([Kern, sup]).shrink()`).
                let kern = MathTextLayout.delta * xHeight * MathTextLayout.shrink
                var shiftUp = 0.0, shiftDown = 0.0
                if case let .char(c) = base, c.count == 1 {} else {
                    let shrunkXHeight = xHeight * MathTextLayout.shrink
                    shiftUp = nucleus.top - MathTextLayout.supdrop * shrunkXHeight
                    shiftDown = nucleus.bottom + MathTextLayout.subdrop * shrunkXHeight
                }
                var after = end
                if let sup {
                    x = end + kern
                    let s = try trial(sup, points: small, rise: rise)
                    after = max(after, x)
                    shiftUp = max(shiftUp, MathTextLayout.sup1 * xHeight, s.bottom + xHeight / 4)
                    if let sub {
                        x = end + kern
                        let b = try trial(sub, points: small, rise: rise)
                        after = max(after, x)
                        shiftDown = max(shiftDown, MathText.sub2 * xHeight)
                        // Scripts too close together: the subscript goes down, and if the superscript's
                        // bottom is then below 4/5 of the x-height, both move up.
                        var clearance = 4 * MathTextLayout.ruleThickness(px: px) - ((shiftUp - s.bottom) - (b.top - shiftDown))
                        if clearance > 0 {
                            shiftDown += clearance
                            clearance = xHeight * 4 / 5 - shiftUp + s.bottom
                            if clearance > 0 {
                                shiftUp += clearance
                                shiftDown -= clearance
                            }
                        }
                        // The subscript's glyphs follow the superscript's.
                        try settle(from: s.start, to: b.start, by: shiftUp)
                        try settle(from: b.start, by: -shiftDown)
                    } else {
                        try settle(from: s.start, by: shiftUp)
                    }
                } else if let sub {
                    x = end + kern
                    let b = try trial(sub, points: small, rise: rise)
                    after = max(after, x)
                    shiftDown = max(shiftDown, MathText.sub1 * xHeight, b.top - xHeight * 4 / 5)
                    try settle(from: b.start, by: -shiftDown)
                }
                x = after + MathTextLayout.scriptSpace * xHeight
            }
        }
    }
}

extension MathText {
    /// DejaVu Sans's sub1 and sub2 (`DejaVuSansFontConstants`), in x-heights.
    static let sub1 = 307.199 / 1120.0
    static let sub2 = 632.832 / 1120.0
}
