import Raster
import Testing
@testable import Plot

/// The mathtext subset: what is math, how it parses, what it refuses, and where scripts go.
@Suite struct MathTextTests {
    @Test(arguments: [("$x$", true), ("price ($)", false), ("a $b$ c $d$", true), ("\\$5 and $x$", true),
                      ("$a$ $", false), ("plain", false)])
    func mathNeedsAnEvenNumberOfDollars(text: String, isMath: Bool) {
        #expect(MathText.isMath(text) == isMath)
    }

    @Test func theSubsetParses() throws {
        #expect(try MathText.parse("$\\hat{Y} = WH$") == [.group([.hat(.group([.char("Y")])), .spaced("="), .char("W"), .char("H")])])
        #expect(try MathText.parse("$\\|Y - WH\\|_F^2$") == [.group([
            .char("‖"), .char("Y"), .spaced("−"), .char("W"), .char("H"),
            .scripts(base: .char("‖"), sub: .char("F"), sup: .char("2")),
        ])])
        #expect(try MathText.parse("a $\\alpha\\cdot x_{12}$") == [.char("a "), .group([
            .char("α"), .spaced("⋅"), .scripts(base: .char("x"), sub: .group([.char("1"), .char("2")]), sup: nil),
        ])])
        #expect(try MathText.parse("$t \\leftarrow t \\times 2$").count == 1)
    }

    @Test(arguments: [("$\\frac{a}{b}$", "\\frac is not supported"), ("${a$", "a '{' is not closed"),
                      ("$a}$", "a '}' closes nothing"), ("$x^$", "'^' needs something after it"),
                      ("$^2$", "'^' needs something before it"), ("$x^1^2$", "two superscripts on one base")])
    func unsupportedMathIsRefusedSayingWhy(text: String, reason: String) {
        #expect {
            try MathText.check(text)
        } throws: { error in
            guard case let .unsupportedMathText(t, why)? = error as? PlotError else { return false }
            return t == text && why.hasPrefix(reason)
        }
    }

    @Test func scriptsSitWhereMathtextPutsThem() throws {
        let font = try Figure.defaultFont()
        let layout = try MathTextLayout(math: "$x_1^2$", font: font, points: 10, dpi: 100)
        let px = 10 * 100 / 72.0, xHeight = MathTextLayout.xHeightEm * px
        #expect(layout.glyphs.map(\.text) == ["x", "2", "1"])
        #expect(layout.glyphs[1].points == 7 && layout.glyphs[2].points == 7)
        // Too close at sub2 and sup1: the subscript drops, then both rise until the superscript's
        // bottom is 4/5 of the x-height up (mathtext's clr, 4 × rule thickness apart).
        // Every glyph is raised by what rounding the box's height up adds (`Output.to_vector`), so rises
        // are measured from the nucleus's.
        let base = layout.glyphs[0].rise
        #expect(base >= 0 && base < 1)
        #expect(abs(layout.glyphs[1].rise - base - 0.8 * xHeight) < 1e-12)
        let rule = 0.75 / 12 * px, digitTop = layout.glyphs[2].rise + (try MathTextLayout.linearMetrics(
            "1", font: font, points: 7, dpi: 100).inkTop)
        #expect(abs(layout.glyphs[1].rise - digitTop - 4 * rule) < 1e-9)
        // Both scripts start delta × x-height after the base; a lone subscript drops by sub1 only.
        #expect(layout.glyphs[1].x == layout.glyphs[2].x && layout.glyphs[1].x > 0)
        let lone = try MathTextLayout(math: "$x_1$", font: font, points: 10, dpi: 100)
        #expect(abs(lone.glyphs[1].rise - lone.glyphs[0].rise + MathText.sub1 * xHeight) < 1e-12)
    }

    @Test func aMathTitleAndRotatedLabelDraw() throws {
        var figure = try Figure(widthInches: 5, heightInches: 4, dpi: 100)
        try figure.addSubplots(rows: 1, columns: 1)
        figure.axes[0].title = "$\\hat{Y} = WH$"
        figure.axes[0].yLabel = "$\\|Y - WH\\|_F^2$"
        let image = try figure.render()
        var plain = figure
        plain.axes[0].title = nil
        plain.axes[0].yLabel = nil
        let without = try plain.render()
        var titleInk = 0, labelInk = 0
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] != without[x, y] {
                if y < 48 { titleInk += 1 } else if x < 40 { labelInk += 1 }
            }
        }
        #expect(titleInk > 50 && labelInk > 50)
    }
}

/// Math text's size against matplotlib's mathtext with upright letters (mathtext.json).
@Suite struct MathTextFixtureTests {
    struct Case: Decodable { var text: String, width: Double, height: Double }

    @Test func widthsAndHeightsAreMatplotlibs() throws {
        let cases = try ReferenceFixtures.load([Case].self, "mathtext.json")
        #expect(cases.count == 7)
        let font = try Figure.defaultFont()
        let line = font.lineMetrics(points: 10, dpi: 100)
        for c in cases {
            let m = try MathTextLayout(math: c.text, font: font, points: 10, dpi: 100)
            let height = max(m.ascent, line.ascent) + max(m.descent, line.descent)
            // Both are whole pixels (mathtext rounds its box up) plus the line's fractional metrics.
            #expect(abs(m.width - c.width) <= 1e-9, "\(c.text): width \(m.width) vs \(c.width)")
            #expect(abs(height - c.height) <= 1e-3, "\(c.text): height \(height) vs \(c.height)")
        }
    }
}
