import Animation
import Codecs
import Foundation
import Raster
import NMF
import Testing
@testable import NMFVizCommand

/// The command's outputs, end to end: the built executable in a temporary folder.
@Suite struct RenderTests {
    @Test func pngFramesInAFolderNamedByIteration() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--output", "frames/", "--frames", "4", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(runner.contents() == ["frames", "frames/frame_000.png", "frames/frame_001.png",
                                      "frames/frame_002.png", "frames/frame_003.png"])
        let image = try PNGReader().read(path: runner.path("frames/frame_003.png"))
        #expect(image.width == 1000 && image.height == 450)
    }

    @Test func everyAndAPrintfPattern() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--output", "out/f_%04d.png", "--frames", "3", "--every", "5", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        // Numbered by frame (issue 17), so that ffmpeg and beamer read them; --name-by iteration for 0, 5, 10.
        #expect(runner.contents() == ["out", "out/f_0000.png", "out/f_0001.png", "out/f_0002.png"])
    }

    @Test func aStillAtAnIterationAndScale() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--output", "still.png", "--iteration", "7", "--scale", "2", "--quiet"]).status == 0)
        let still = try PNGReader().read(path: runner.path("still.png"))
        #expect(still.width == 2000 && still.height == 900)

        // The still of iteration 7 is frame 7 of the animation, drawn twice as large.
        #expect(try runner.run(["--output", "frames/", "--frames", "8", "--quiet"]).status == 0)
        #expect(try runner.run(["--output", "small.png", "--iteration", "7", "--quiet"]).status == 0)
        let frame = try Data(contentsOf: URL(fileURLWithPath: runner.path("frames/frame_007.png")))
        let small = try Data(contentsOf: URL(fileURLWithPath: runner.path("small.png")))
        #expect(try PNGReader().decode(frame) == PNGReader().decode(small))
        let other = try PNGReader().read(path: runner.path("frames/frame_006.png"))
        #expect(try PNGReader().decode(small) != other)
    }

    @Test func summaryLineNamesTheFileAndFrames() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--output", "a.gif", "--frames", "3"])
        #expect(result.status == 0)
        // stderr is a pipe, not a terminal: no progress bar, one summary line.
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("nmfviz: 3 frames → a.gif, ") == true, "\(result.stderr)")
    }

    @Test func outputIsByteIdenticalAcrossRunsAndCores() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (name, jobs) in [("one.gif", "1"), ("all.gif", "4"), ("again.gif", "4")] {
            let result = try runner.run(["--output", name, "--frames", "12", "--jobs", jobs, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let one = try Data(contentsOf: URL(fileURLWithPath: runner.path("one.gif")))
        let all = try Data(contentsOf: URL(fileURLWithPath: runner.path("all.gif")))
        let again = try Data(contentsOf: URL(fileURLWithPath: runner.path("again.gif")))
        #expect(one.count > 1000)
        #expect(one == all)
        #expect(all == again)

        for (folder, jobs) in [("one/", "1"), ("all/", "3")] {
            #expect(try runner.run(["--output", folder, "--frames", "5", "--jobs", jobs, "--quiet"]).status == 0)
        }
        for i in 0..<5 {
            let name = String(format: "frame_%03d.png", i)
            let a = try Data(contentsOf: URL(fileURLWithPath: runner.path("one/" + name)))
            let b = try Data(contentsOf: URL(fileURLWithPath: runner.path("all/" + name)))
            #expect(a == b, "\(name)")
        }
    }

    @Test func csvDataWithOtherColumnsGetsLimitsFromEveryFrame() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var csv = "a;b;c\n"
        for i in 0..<30 {
            let x = Double(i) / 3
            csv += "\(x);\(10 + x * x);\(Double(i % 7))\n"
        }
        try runner.write(csv, to: "points.csv")
        let result = try runner.run(["--data", "points.csv", "--columns", "0,1", "--output", "p.png", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let image = try PNGReader().read(path: runner.path("p.png"))
        #expect(image.width == 1000 && image.height == 450)

        // The limits the command computed: everything of frames 0…49 (data, reconstructions, arrow tips
        // and the origin), widened by matplotlib's 5 % margins — recomputed here from the snapshots.
        let render = try Render.parse(["--data", runner.path("points.csv"), "--columns", "0,1", "--output", "a.gif"])
        let visualization = try render.visualization(schedule: try render.schedule())
        let scene = try #require(try visualization.makeScene().scene as? ArticleScene)
        var xs = [0.0], ys = [0.0]
        let data = visualization.configuration.data
        for r in 0..<data.rows { xs.append(data[r, 0]); ys.append(data[r, 1]) }
        for snapshot in try NMFSolver(visualization.configuration).makeSnapshots(iterations: 49) {
            let yHat = snapshot.reconstruction()
            for r in 0..<yHat.rows { xs.append(yHat[r, 0]); ys.append(yHat[r, 1]) }
            for k in 0..<snapshot.h.rows { xs.append(snapshot.h[k, 0]); ys.append(snapshot.h[k, 1]) }
        }
        func widened(_ v: [Double]) -> (Double, Double) {
            let lo = v.min() ?? 0, hi = v.max() ?? 0
            return (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
        }
        let (x0, x1) = widened(xs), (y0, y1) = widened(ys)
        #expect(abs(scene.bounds.xLimits.lower - x0) < 1e-12 && abs(scene.bounds.xLimits.upper - x1) < 1e-12)
        #expect(abs(scene.bounds.yLimits.lower - y0) < 1e-12 && abs(scene.bounds.yLimits.upper - y1) < 1e-12)
        #expect(scene.bounds != .article)
        #expect(scene.bounds.yLimits.upper > 103.4)   // the data's largest y, 10 + (29/3)², is inside
    }
}
