import Codecs
import Foundation
import Testing

/// `--points` on the command line: hostile values are usage errors of one line, and `--points density`
/// draws a still whose frame outside the axes is the scatter still's.
@Suite struct PointsCommandTests {
    @Test(arguments: [
        ("0", "--points 0: a number of rows must be at least 1"),
        ("-1", "--points -1: must be all, density, auto or a whole number of rows such as 50000"),
        ("1e30", "--points 1e30: must be all, density, auto or a whole number of rows such as 50000"),
        ("densityx", "--points densityx: must be all, density, auto or a whole number of rows such as 50000"),
        ("99999999999999999999", "--points 99999999999999999999: a number of rows must be at most \(Int.max)"),
    ])
    func hostileValuesAreOneLineUsageErrors(value: String, message: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--points", value, "-o", "out.png", "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderr == "nmfviz: error: \(message) (see 'nmfviz help')\n")
        #expect(!FileManager.default.fileExists(atPath: runner.path("out.png")))
    }

    @Test func aChosenDensityIsDrawnWithoutANoteAndASmallSampleIsAllTheRows() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var text = "x,y\n"
        for i in 0..<300 { text += "\(0.2 + Double(i) / 75),\(1 + Double(i % 17) / 10)\n" }
        try text.write(toFile: runner.path("p.csv"), atomically: true, encoding: .utf8)
        let base = ["--data", runner.path("p.csv"), "--iteration", "3", "--quiet"]
        let density = try runner.run(base + ["--points", "density", "-o", "d.png"])
        #expect(density.status == 0 && density.stderr.isEmpty, "stderr: \(density.stderr)")
        let all = try runner.run(base + ["--points", "all", "-o", "a.png"])
        let sample = try runner.run(base + ["--points", "300", "-o", "s.png"])
        #expect(all.status == 0 && sample.status == 0)
        let a = try PNGReader().read(path: runner.path("a.png"))
        #expect(try PNGReader().read(path: runner.path("s.png")) == a)
        #expect(try PNGReader().read(path: runner.path("d.png")) != a)
    }
}
