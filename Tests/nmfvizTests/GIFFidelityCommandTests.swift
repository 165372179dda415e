import Codecs
import Foundation
import Raster
import Testing

/// The default GIFs of the command, decoded with giflib and composited as a viewer does, against the
/// PNG frames of the same run: every frame within `GIFOptions.Bounds.standard` (PSNR ≥ 46.5 dB, the
/// 99.9th percentile of the per-pixel error ≤ 24 levels, no background pixel more than 3 levels off).
@Suite(.serialized) struct GIFFidelityCommandTests {
    /// Renders `arguments` as a GIF and as PNG frames and compares them frame by frame.
    private func expectWithinBounds(_ arguments: [String], matte: RGBA8? = nil) throws {
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
        var worst = (psnr: Double.infinity, p999: 0, ghosts: 0)
        _ = try GIFPlayback(path: runner.path("a.gif")) { i, shown in
            guard i < names.count else { return }
            let truth = options.matted(try PNGReader().read(path: runner.path("png/" + names[i])))
            let fidelity = FrameFidelity(shown: shown, truth: truth)
            #expect(fidelity.isWithin(bounds), "\(arguments) frame \(i): \(fidelity)")
            worst = (min(worst.psnr, fidelity.psnr), max(worst.p999, fidelity.p999), max(worst.ghosts, fidelity.ghosts))
            decoded += 1
        }
        #expect(decoded == names.count && !names.isEmpty)
        #expect(worst.psnr >= bounds.psnr && worst.p999 <= bounds.p999 && worst.ghosts == 0, "\(arguments): \(worst)")
    }

    @Test func the300FrameArticleAnimation() throws {
        try expectWithinBounds(["--frames", "300"])
    }

    @Test func theDigitsAnimation() throws {
        try expectWithinBounds(["--data", "digits"])
    }

    @Test func aComparisonAnimation() throws {
        try expectWithinBounds(["--compare", "mu,hals"])
    }

    @Test func aTransparentDarkSlideWithAMatte() throws {
        try expectWithinBounds(["--theme", "dark", "--transparent", "--frames", "20", "--matte", "#1e1e1e"],
                               matte: RGBA8(0x1E, 0x1E, 0x1E))
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
