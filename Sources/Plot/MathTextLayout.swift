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
        let px = points * dpi / 72
        let xHeight = Self.xHeightEm * px
        var x = 0.0
        var top = 0.0, bottom = 0.0
        for ch in label.text {
            let s = String(ch)
            glyphs.append(Glyph(text: s, points: points, x: x, rise: 0))
            let m = try font.measure(s, points: points, dpi: dpi)
            top = max(top, m.ascent)
            bottom = max(bottom, m.descent)
            x += try Self.linearAdvance(s, font: font, points: points, dpi: dpi)
        }
        if let exponent = label.exponent {
            let small = points * Self.shrink
            let rise = Self.sup1 * xHeight
            x += Self.delta * xHeight * Self.shrink
            for ch in exponent {
                let s = String(ch)
                glyphs.append(Glyph(text: s, points: small, x: x, rise: rise))
                let m = try font.measure(s, points: small, dpi: dpi)
                top = max(top, rise + m.ascent)
                bottom = max(bottom, m.descent - rise)
                x += try Self.linearAdvance(s, font: font, points: small, dpi: dpi)
            }
            x += Self.scriptSpace * xHeight
        }
        width = x.rounded(.up)
        ascent = top.rounded(.up)
        descent = max(0, bottom).rounded(.up)
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
