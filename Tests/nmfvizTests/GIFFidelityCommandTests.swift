import Codecs
import Foundation
import Raster
import Testing

/// The default GIFs of the command, decoded with giflib and composited as a viewer does, against the
/// PNG frames of the same run: every frame within `GIFOptions.Bounds.standard` (PSNR ≥ 46.5 dB, the
/// 99.9th percentile of the per-pixel error ≤ 24 levels, no background pixel more than 3 levels off),
/// and every pixel of one of the plot's own colours (`plotColors`) within 3 levels.
@Suite(.serialized) struct GIFFidelityCommandTests {
    /// The colours a point scene draws as its own, written out here rather than taken from the scene:
    /// the marker faces (jet's 256 entries) and `ink`, the theme's text, spines, ticks, edges and arrows.
    static func pointColors(ink: RGBA8 = .black) throws -> [RGBA8] {
        try Colormap(named: "jet").table + [ink]
    }

    /// Renders `arguments` as a GIF and as PNG frames and compares them frame by frame.
    private func expectWithinBounds(_ arguments: [String], matte: RGBA8? = nil, plotColors: [RGBA8]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let gif = try runner.run(arguments + ["-o", "a.gif", "--quiet"])
        #expect(gif.status == 0, "\(gif.stderr)")
        let png = try runner.run(arguments.filter { $0 != "--matte" && !$0.hasPrefix("#") } + ["-o", "png/", "--quiet"])
        #expect(png.status == 0, "\(png.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: runner.path("png")).filter { $0.hasSuffix(".png") }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        let options = GIFOptions(matte: matte)
        let bounds = GIFOptions.Bounds.standard
        var decoded = 0
        var plotPixels = 0
        var worst = (psnr: Double.infinity, p999: 0, ghosts: 0)
        _ = try GIFPlayback(path: runner.path("a.gif")) { i, shown in
            guard i < names.count else { return }
            let truth = options.matted(try PNGReader().read(path: runner.path("png/" + names[i])))
            let fidelity = FrameFidelity(shown: shown, truth: truth)
            #expect(fidelity.isWithin(bounds), "\(arguments) frame \(i): \(fidelity)")
            let own = PlotColorFidelity(shown: shown, truth: truth, colors: plotColors)
            #expect(own.maximum <= bounds.background, "\(arguments) frame \(i): the plot's colours \(own)")
            plotPixels += own.pixels
            worst = (min(worst.psnr, fidelity.psnr), max(worst.p999, fidelity.p999), max(worst.ghosts, fidelity.ghosts))
            decoded += 1
        }
        #expect(decoded == names.count && !names.isEmpty)
        #expect(plotPixels > 0, "\(arguments): no pixel of the plot's colours")
        #expect(worst.psnr >= bounds.psnr && worst.p999 <= bounds.p999 && worst.ghosts == 0, "\(arguments): \(worst)")
    }

    @Test func the300FrameArticleAnimation() throws {
        try expectWithinBounds(["--frames", "300"], plotColors: try Self.pointColors())
    }

    @Test func theDigitsAnimation() throws {
        // Text and spines; the images' greys are data, approximated within the other bounds.
        try expectWithinBounds(["--data", "digits"], plotColors: [.black])
    }

    @Test func aComparisonAnimation() throws {
        try expectWithinBounds(["--compare", "mu,hals"], plotColors: try Self.pointColors())
    }

    @Test func aTransparentDarkSlideWithAMatte() throws {
        try expectWithinBounds(["--theme", "dark", "--transparent", "--frames", "20", "--matte", "#1e1e1e"],
                               matte: RGBA8(0x1E, 0x1E, 0x1E), plotColors: try Self.pointColors(ink: .white))
    }

    @Test func qualityAndMatteAreCheckedAndDocumented() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let bad = try runner.run(["--quality", "0"])
        #expect(bad.status == 2 && bad.stderr.contains("--quality must be 1…100"), "\(bad.stderr)")
        let matte = try runner.run(["--matte", "slate"])
        #expect(matte.status == 2 && matte.stderr.contains("--matte must be"), "\(matte.stderr)")
        let help = try runner.run(["--help"])
        #expect(help.stdout.contains("--quality") && help.stdout.contains("--matte") && help.stdout.contains("one bit"))
        // Lower quality, smaller file.
        #expect(try runner.run(["--quality", "50", "-o", "q50.gif", "--quiet", "--frames", "10"]).status == 0)
        #expect(try runner.run(["--quality", "100", "-o", "q100.gif", "--quiet", "--frames", "10"]).status == 0)
        let small = (try FileManager.default.attributesOfItem(atPath: runner.path("q50.gif"))[.size] as? Int) ?? 0
        let large = (try FileManager.default.attributesOfItem(atPath: runner.path("q100.gif"))[.size] as? Int) ?? 0
        #expect(small > 0 && small < large)
    }
}
