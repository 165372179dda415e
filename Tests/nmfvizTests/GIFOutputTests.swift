import Codecs
import Foundation
import Testing

/// The animated GIF as written by the command, read back through giflib as a viewer plays it.
@Suite struct GIFOutputTests {
    @Test func theDefaultRunIsTheArticlesAnimation() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run([])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(runner.contents() == ["NMF_cos2.gif"])
        let gif = try GIFPlayback(path: runner.path("NMF_cos2.gif"))
        #expect(gif.version == "GIF89a")
        #expect(gif.width == 1000 && gif.height == 450)
        #expect(gif.frames.count == 50)
        #expect(gif.delays == Array(repeating: 20, count: 50))
        #expect(gif.loopCount == 0)
        // Every pixel of every frame is shown (nothing left transparent on a white figure).
        #expect(gif.frames.allSatisfy { frame in stride(from: 3, to: frame.pixels.count, by: 4).allSatisfy { frame.pixels[$0] == 255 } })
    }

    @Test func eachFrameIsTheRenderedPNGWithin40dB() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--frames", "12", "--output", "a.gif", "--quiet"]).status == 0)
        #expect(try runner.run(["--frames", "12", "--output", "png/", "--quiet"]).status == 0)
        let gif = try GIFPlayback(path: runner.path("a.gif"))
        #expect(gif.frames.count == 12)
        for (i, frame) in gif.frames.enumerated() {
            let png = try PNGReader().read(path: runner.path(String(format: "png/frame_%03d.png", i)))
            #expect(psnr(frame, png) >= 40, "frame \(i)")
        }
    }

    @Test func fpsLoopAndDelay() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--frames", "7", "--fps", "30", "--loop", "3", "-o", "fps.gif", "--quiet"]).status == 0)
        let fps = try GIFPlayback(path: runner.path("fps.gif"))
        #expect(fps.delays == [3, 3, 4, 3, 3, 4, 3])
        // Three plays in all: the loop block says two repeats.
        #expect(fps.loopCount == 2)

        #expect(try runner.run(["--frames", "3", "--delay", "150", "--loop", "none", "-o", "once.gif", "--quiet"]).status == 0)
        let once = try GIFPlayback(path: runner.path("once.gif"))
        #expect(once.delays == [15, 15, 15])
        #expect(once.loopCount == nil)
    }
}
