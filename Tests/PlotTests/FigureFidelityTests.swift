import Codecs
import Foundation
import Raster
import Testing
import TestSupport
@testable import Plot

/// Plot's figures against matplotlib's renderings of the same data (Scripts/fixtures/plot_reference.py).
@Suite struct FigureFidelityTests {
    static let names = ["article", "scatter", "quiver", "logline", "slide16", "legend", "components", "mathtext_labels"]

    func load(_ name: String) throws -> (fixture: ReferenceFixtures.Figure, figure: Figure, reference: Image) {
        let fixture = try ReferenceFixtures.load(ReferenceFixtures.Figure.self, name + ".json")
        let figure = try #require(try ReferenceFigures.build(name, fixture))
        let reference = try PNGReader().read(path: ReferenceFixtures.url(name + ".png").path)
        return (fixture, figure, reference)
    }

    @Test(arguments: names) func wholeImageSSIMIsAtLeast0999(name: String) throws {
        let (_, figure, reference) = try load(name)
        let image = try figure.render()
        #expect(image.width == reference.width && image.height == reference.height)
        let ssim = try #require(SSIM.similarity(image, reference))
        if ProcessInfo.processInfo.environment["PLOT_DUMP"] != nil {
            try PNGEncoder().write(image, to: "/tmp/plot_\(name).png")
            print("SSIM \(name): \(ssim)")
        }
        // Measured: article 0.99992, logline 0.99991, quiver 0.99999, scatter 0.99988, slide16 0.99999,
        // legend 0.99990, components 0.99994, mathtext_labels 0.99992 (0.99653 before its glyphs were
        // raised by what rounding the math box's height up adds, as `Output.to_vector` places them).
        #expect(ssim >= 0.999, "\(name): SSIM \(ssim)")
    }

    /// Luminance 0…255 of a pixel.
    func luma(_ image: Image, _ x: Int, _ y: Int) -> Double {
        let p = image[x, y]
        return 0.2125 * Double(p.r) + 0.7154 * Double(p.g) + 0.0721 * Double(p.b)
    }

    /// The darkest column near `x` on row `y` (or the darkest row near `y` on column `x`), searching ±3 px.
    func darkest(_ image: Image, x: Int, y: Int, alongX: Bool) -> (position: Int, luma: Double) {
        var best = (position: alongX ? x : y, luma: Double.infinity)
        for d in -3...3 {
            let px = alongX ? x + d : x, py = alongX ? y : y + d
            guard px >= 0, py >= 0, px < image.width, py < image.height else { continue }
            let l = luma(image, px, py)
            if l < best.luma { best = (alongX ? px : py, l) }
        }
        return best
    }

    @Test(arguments: names) func spinesAndTickMarksLandOnMatplotlibsPixels(name: String) throws {
        let (fixture, figure, reference) = try load(name)
        let image = try figure.render()
        var checked = 0
        func compare(x: Int, y: Int, alongX: Bool, _ what: String) {
            let mine = darkest(image, x: x, y: y, alongX: alongX)
            let theirs = darkest(reference, x: x, y: y, alongX: alongX)
            #expect(theirs.luma < 128, "\(name) \(what): matplotlib has no dark line here")
            #expect(mine.luma < 128, "\(name) \(what): no line drawn")
            #expect(abs(mine.position - theirs.position) <= 1, "\(name) \(what): \(mine.position) vs \(theirs.position)")
            checked += 1
        }
        for axes in fixture.axes {
            let b = axes.box
            let midX = Int((b[0] + b[2]) / 2), midY = Int((b[1] + b[3]) / 2)
            // Spines: cross each one half-way along, away from markers (the figures keep data off the middle
            // of the frame's edges).
            compare(x: Int(b[0]), y: midY, alongX: true, "left spine")
            compare(x: Int(b[2]), y: midY, alongX: true, "right spine")
            compare(x: midX, y: Int(b[1]), alongX: false, "top spine")
            compare(x: midX, y: Int(b[3]), alongX: false, "bottom spine")
            // Tick marks: 3 px outside the frame, below the bottom spine / left of the left spine.
            for t in axes.xticks { compare(x: Int(t.pixel.rounded()), y: Int(b[3]) + 3, alongX: true, "x tick \(t.value)") }
            for t in axes.yticks { compare(x: Int(b[0]) - 3, y: Int(t.pixel.rounded()), alongX: false, "y tick \(t.value)") }
        }
        #expect(checked >= 8)
    }
}
