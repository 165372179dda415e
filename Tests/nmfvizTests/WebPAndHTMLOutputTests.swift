import Codecs
import Foundation
import Raster
import Testing
import TestSupport

/// `-o x.webp` decoded by libwebp's demuxer, and `-o x.html` read back without a browser (the browser
/// test is Scripts/browser-test.py).
@Suite struct WebPAndHTMLOutputTests {
    /// The player has no loop count: a count other than 1 says so in one warning, and the page loops.
    @Test func aLoopCountForThePlayerIsAWarning() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let counted = try runner.run(["--frames", "3", "--loop", "3", "-o", "p.html", "--quiet"])
        #expect(counted.status == 0, "\(counted.stderr)")
        #expect(counted.stderr.contains("--loop 3 is read as --loop forever"), "\(counted.stderr)")
        let once = try runner.run(["--frames", "3", "--loop", "1", "-o", "q.html", "--quiet"])
        #expect(once.status == 0 && once.stderr.isEmpty, "\(once.stderr)")
    }

    @Test func webpFramesAreThePNGFramesExactly() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--frames", "6", "--delay", "100", "--hold-last", "900", "--loop", "2", "-o", "a.webp", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try runner.run(["--frames", "6", "-o", "png/", "--quiet"]).status == 0)
        let webp = try WebPAnimation(path: runner.path("a.webp"))
        #expect(webp.width == 1000 && webp.height == 450)
        #expect(webp.frames.count == 6)
        #expect(webp.durations == [100, 100, 100, 100, 100, 1000])
        #expect(webp.loopCount == 2)
        for (i, frame) in webp.frames.enumerated() {
            #expect(frame == (try PNGReader().read(path: runner.path(String(format: "png/frame_%03d.png", i)))), "frame \(i)")
        }
    }

    @Test func transparentWebPKeepsRealAlpha() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let args = ["--frames", "2", "--transparent", "--theme", "dark", "--quiet"]
        #expect(try runner.run(args + ["-o", "t.webp"]).status == 0)
        #expect(try runner.run(args + ["-o", "png/"]).status == 0)
        let webp = try WebPAnimation(path: runner.path("t.webp"))
        let png = try PNGReader().read(path: runner.path("png/frame_001.png"))
        #expect(webp.frames[1] == png)
        let alphas = Set(stride(from: 3, to: png.pixels.count, by: 4).map { png.pixels[$0] })
        #expect(alphas.contains(0) && alphas.contains(255) && alphas.count > 2, "anti-aliased alpha: \(alphas.count) levels")
    }

    @Test func lossyWebPIsSmallerAndClose() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--frames", "4", "-o", "lossless.webp", "--quiet"]).status == 0)
        #expect(try runner.run(["--frames", "4", "--webp-quality", "90", "-o", "lossy.webp", "--quiet"]).status == 0)
        #expect(try runner.run(["--frames", "4", "-o", "png/", "--quiet"]).status == 0)
        let lossy = try WebPAnimation(path: runner.path("lossy.webp"))
        for (i, frame) in lossy.frames.enumerated() {
            let png = try PNGReader().read(path: runner.path(String(format: "png/frame_%03d.png", i)))
            let ssim = SSIM.similarity(frame, png) ?? 0
            #expect(ssim >= 0.98, "frame \(i): SSIM \(ssim)")
        }
        let result = try runner.run(["--webp-quality", "120", "-o", "x.webp"])
        #expect(result.status == 2 && result.stderr.contains("--webp-quality must be between 0 and 100"), "\(result.stderr)")
    }

    @Test func htmlIsOneOfflineFileWithEveryFrameAndTheLoss() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--frames", "5", "--every", "3", "-o", "player.html", "--embed-snapshots", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try runner.run(["--frames", "5", "--every", "3", "-o", "png/", "--quiet"]).status == 0)
        #expect(runner.contents().filter { !$0.hasPrefix("png") } == ["player.html"])
        let page = try String(contentsOfFile: runner.path("player.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        for external in ["http://", "https://", "src=\"//", "<link", "@import", "url("] {
            #expect(!page.contains(external), "no external resource: \(external)")
        }
        let prefix = "\"data:image/webp;base64,"
        let urls = page.components(separatedBy: prefix).dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(urls.count == 5)
        for (i, url) in urls.enumerated() {
            let bytes = try #require(Data(base64Encoded: String(url)))
            let png = try PNGReader().read(path: runner.path(String(format: "png/frame_%03d.png", i)))
            #expect(try WebPStill.decode([UInt8](bytes)) == png, "frame \(i)")
        }
        func json(_ id: String) throws -> [String: Any] {
            let start = try #require(page.range(of: "<script type=\"application/json\" id=\"\(id)\">"))
            let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
            let text = page[start.upperBound..<end.lowerBound].replacingOccurrences(of: "\\u003c", with: "<")
            return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }
        let info = try json("nmfviz-frames")
        #expect(info["iterations"] as? [Int] == [0, 3, 6, 9, 12])
        #expect(info["delays"] as? [Double] == [200, 200, 200, 200, 200])
        let losses = try #require((info["losses"] as? [[String: Any]])?.first?["values"] as? [Double])
        #expect(abs(losses[0] - 377.7359) < 1e-3, "the article's loss at iteration 0: \(losses[0])")
        let snapshots = try #require(try json("nmfviz-snapshots")["snapshots"] as? [[String: Any]])
        #expect(snapshots.count == 13)
        #expect(page.contains("aria-label=\"Play backwards\"") && page.contains(":focus-visible"))
    }

    @Test func htmlAtScale2IsShownAtTheFiguresCSSSize() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--frames", "2", "--scale", "2", "-o", "p.html", "--quiet"]).status == 0)
        let page = try String(contentsOfFile: runner.path("p.html"), encoding: .utf8)
        #expect(page.contains("width: 1000px; height: 450px"))
        let result = try runner.run(["--embed-snapshots", "-o", "a.gif"])
        #expect(result.status == 2 && result.stderr.contains("--embed-snapshots puts the snapshots in a .html player"))
    }
}

/// PNG frame names, `--hold-last` and the GIF delay clamp.
@Suite struct FrameNamingAndDelayTests {
    @Test func framesOfEveryAreNumberedByFrameUnlessAsked() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["-o", "aa/", "--frames", "3", "--every", "5", "--quiet"]).status == 0)
        #expect(try runner.run(["-o", "bb/f_%04d.png", "--frames", "3", "--every", "5", "--name-by", "iteration", "--quiet"]).status == 0)
        #expect(runner.contents() == ["aa", "aa/frame_000.png", "aa/frame_001.png", "aa/frame_002.png",
                                      "bb", "bb/f_0000.png", "bb/f_0005.png", "bb/f_0010.png"])
        // Frame 2 of the first run is iteration 10.
        #expect(try PNGReader().read(path: runner.path("aa/frame_002.png")) == PNGReader().read(path: runner.path("bb/f_0010.png")))
        let bad = try runner.run(["-o", "cc/", "--name-by", "number"])
        #expect(bad.status == 2)
    }

    @Test func shortGIFDelaysAreRaisedWithAWarning() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let raised = try runner.run(["--frames", "4", "--fps", "60", "-o", "fast.gif", "--quiet"])
        #expect(raised.status == 0)
        #expect(raised.stderr.contains("warning: most browsers show GIF frames shorter than 20 ms for 100 ms"), "\(raised.stderr)")
        #expect(try GIFPlayback(path: runner.path("fast.gif")).delays == [2, 2, 2, 2])
        let kept = try runner.run(["--frames", "3", "--fps", "60", "--keep-short-delays", "-o", "kept.gif", "--quiet"])
        #expect(kept.status == 0 && kept.stderr.isEmpty, "\(kept.stderr)")
        #expect(try GIFPlayback(path: runner.path("kept.gif")).delays == [1, 2, 2])
    }

    @Test func holdLastLengthensTheLastGIFFrame() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--frames", "3", "--hold-last", "1000", "-o", "hold.gif", "--quiet"]).status == 0)
        #expect(try GIFPlayback(path: runner.path("hold.gif")).delays == [20, 20, 120])
        let bad = try runner.run(["--hold-last=-5"])
        #expect(bad.status == 2 && bad.stderr.contains("--hold-last must be between 0 and 655350 ms"), "\(bad.stderr)")
    }
}
