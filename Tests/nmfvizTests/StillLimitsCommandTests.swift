import Codecs
import Foundation
import Raster
import Testing

/// Issue 18: a still made alone has the axes of the animation's frame of the same iteration, so
/// stills made one by one for slides do not jump (the loss axis spans the animation's iterations,
/// and the data's limits cover all its frames).
@Suite struct StillLimitsCommandTests {
    static let csv = (0..<40).map { i in
        let x = Double(i) / 8
        return "\(x + 0.1),\(1.5 + sin(x)),\(0.2 + x * x / 10)"
    }.joined(separator: "\n") + "\n"

    @Test(arguments: [
        (["--panels", "data,reconstruction,loss"], 3),
        (["--panels", "reconstruction,loss", "--frames", "20", "--every", "3"], 9),
        (["--data", "d.csv"], 7),
        (["--data", "d.csv", "--panels", "data,loss", "--columns", "0,2"], 0),
        (["--compare", "solver=mu,hals", "--panels", "reconstruction,loss"], 2),
    ])
    func stillIsTheAnimationsFrame(options: [String], iteration: Int) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write(Self.csv, to: "d.csv")
        let animation = try runner.run(options + ["--quiet", "-o", "frames/", "--name-by", "iteration"])
        #expect(animation.status == 0, "stderr: \(animation.stderr)")
        let still = try runner.run(options + ["--quiet", "-o", "still.png", "--iteration", String(iteration)])
        #expect(still.status == 0, "stderr: \(still.stderr)")
        let frame = try PNGReader().read(path: runner.path(String(format: "frames/frame_%03d.png", iteration)))
        let alone = try PNGReader().read(path: runner.path("still.png"))
        #expect(frame.width == alone.width && frame.height == alone.height)
        #expect(frame.pixels == alone.pixels, "the still at \(iteration) differs from the animation's frame")
    }

    /// A still past the animation's last iteration widens the limits to hold it (its point is on the axis).
    @Test func stillBeyondTheAnimationIsDrawn() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let late = try runner.run(["--panels", "loss", "--quiet", "-o", "late.png", "--iteration", "80"])
        #expect(late.status == 0, "stderr: \(late.stderr)")
        let last = try runner.run(["--panels", "loss", "--quiet", "-o", "last.png", "--iteration", "49"])
        #expect(last.status == 0, "stderr: \(last.stderr)")
        let a = try PNGReader().read(path: runner.path("late.png"))
        let b = try PNGReader().read(path: runner.path("last.png"))
        #expect(a.pixels != b.pixels)
    }
}
