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
        let key = AdvanceCache.Key(font: ObjectIdentifier(font), text: text, points: points, dpi: dpi)
        if let cached = AdvanceCache.shared.value(for: key) { return cached }
        let advance = try font.measure(text, points: points * 64, dpi: dpi).width / 64
        AdvanceCache.shared.store(advance, for: key)
        return advance
    }
}

/// A process-wide cache of linear advances, shared by the threads that render frames.
final class AdvanceCache: @unchecked Sendable {
    struct Key: Hashable {
        var font: ObjectIdentifier
        var text: String
        var points: Double
        var dpi: Double
    }

    static let shared = AdvanceCache()
    // Guards `values`; held only for a dictionary lookup or insert.
    private let lock = NSLock()
    private var values: [Key: Double] = [:]

    func value(for key: Key) -> Double? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func store(_ value: Double, for key: Key) {
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
        var builder = Builder(font: font, dpi: dpi)
        try builder.lay(MathText.parse(text), points: points, rise: 0)
        glyphs = builder.glyphs
        width = builder.x.rounded(.up)
        ascent = builder.top.rounded(.up)
        descent = max(0, builder.bottom).rounded(.up)
    }

    /// Places nodes left to right, keeping the pen and the ink's extent above and below the baseline.
    struct Builder {
        let font: Font
        let dpi: Double
        var glyphs: [Glyph] = []
        var x = 0.0
        var top = 0.0
        var bottom = 0.0

        init(font: Font, dpi: Double) {
            self.font = font
            self.dpi = dpi
        }

        /// The extent of what was placed from glyph `start` on: (top, bottom) relative to `rise`.
        func extent(from start: Int, rise: Double) throws -> (top: Double, bottom: Double) {
            var t = 0.0, b = 0.0
            for g in glyphs[start...] {
                let m = try font.measure(g.text, points: g.points, dpi: dpi)
                t = max(t, g.rise - rise - m.inkMinY)
                b = max(b, m.inkMaxY - (g.rise - rise))
            }
            return (t, b)
        }

        mutating func char(_ s: String, points: Double, rise: Double) throws {
            for ch in s {
                let text = String(ch)
                glyphs.append(Glyph(text: text, points: points, x: x, rise: rise))
                let m = try font.measure(text, points: points, dpi: dpi)
                top = max(top, rise + m.ascent)
                bottom = max(bottom, m.descent - rise)
                x += try MathTextLayout.linearAdvance(text, font: font, points: points, dpi: dpi)
            }
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
                let start = glyphs.count, left = x
                try lay(base, points: points, rise: rise, first: true)
                let baseTop = try extent(from: start, rise: rise).top
                let accent = "\u{02C6}"
                let m = try font.measure(accent, points: points, dpi: dpi)
                let advance = try MathTextLayout.linearAdvance(accent, font: font, points: points, dpi: dpi)
                let accentRise = rise + baseTop + 0.1 * xHeight + m.inkMaxY
                glyphs.append(Glyph(text: accent, points: points, x: left + (x - left - advance) / 2, rise: accentRise))
                top = max(top, accentRise - m.inkMinY)
            case let .scripts(base, sub, sup):
                try lay(base, points: points, rise: rise, first: true)
                let small = points * MathTextLayout.shrink
                let end = x
                var after = end
                if let sup {
                    let start = glyphs.count
                    x = end + MathTextLayout.delta * xHeight
                    var up = MathTextLayout.sup1 * xHeight
                    try lay(sup, points: small, rise: rise + up, first: true)
                    let e = try extent(from: start, rise: rise + up)
                    if e.bottom + xHeight / 4 > up {
                        let shift = e.bottom + xHeight / 4 - up
                        for k in start..<glyphs.count { glyphs[k].rise += shift }
                        up += shift
                        top = max(top, rise + up + e.top)
                    }
                    after = max(after, x)
                }
                if let sub {
                    x = end + MathTextLayout.delta * xHeight
                    let down = (sup == nil ? MathText.sub1 : MathText.sub2) * xHeight
                    try lay(sub, points: small, rise: rise - down, first: true)
                    after = max(after, x)
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
