import Foundation
import NMF
import Testing
@testable import NMFVizCommand

/// Each command runs each solver once, in process, whatever it writes: a GIF (limits and palette
/// samples before the frames), PNG frames, a still with the animation's limits, a comparison, a
/// filmstrip (limits before the panels), the HTML player (losses and embedded snapshots beside the
/// frames), and the .npz and JSON exports. Before, a CSV's GIF ran the solver three times and the
/// .npz three; a CSV's filmstrip twice, and the player once more than its frames (twice more with
/// `--embed-snapshots`).
@Suite struct SolverRunsOnceCommandTests {
    static func counted(_ arguments: [String], factorize: Bool = false) throws -> (iterations: Int, runs: Int) {
        let counter = IterationCounter()
        try IterationCounter.$current.withValue(counter) {
            if factorize { try Factorize.parse(arguments).run() } else { try Render.parse(arguments).run() }
        }
        return (counter.iterations, counter.runs)
    }

    /// A folder with a 40 × 3 CSV, removed after `body`.
    static func withCSV(_ body: (_ csv: String, _ path: (String) -> String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("once-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("points.csv").path
        var text = ""
        for r in 0..<40 { text += "\(Double(r % 7) + 0.5),\(Double(r % 5) * 0.3 + 0.2),\(Double(r % 3) + 1)\n" }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        try body(csv) { folder.appendingPathComponent($0).path }
    }

    static let small = ["--quiet", "--dpi", "30", "--frames", "8"]

    @Test func everyOutputRunsEachSolverOnce() throws { try Self.withCSV { (csv: String, path: (String) -> String) throws in
        let small = Self.small

        #expect(try Self.counted(small + ["--data", csv, "-o", path("a.gif")]) == (7, 1))
        #expect(try Self.counted(small + ["-o", path("b.gif")]) == (7, 1))
        #expect(try Self.counted(small + ["--data", csv, "-o", path("frames") + "/"]) == (7, 1))
        #expect(try Self.counted(small + ["--data", csv, "--iteration", "3", "-o", path("s.png")]) == (7, 1))
        #expect(try Self.counted(small + ["--data", csv, "--compare", "mu,hals", "-o", path("c.gif")]) == (14, 2))
        #expect(try Self.counted(small + ["--data", csv, "--panels", "reconstruction,loss", "-o", path("p.gif")]) == (7, 1))
        #expect(try Self.counted(["--data", csv, "--iterations", "20", "--every", "3", "-o", path("x.npz")],
                                 factorize: true) == (20, 1))
        #expect(try Self.counted(["--data", csv, "--iterations", "20", "-o", path("x.json")], factorize: true) == (20, 1))
    } }

    /// The filmstrip's limits come from the run that gives its panels (before, a run of their own);
    /// the article's own data and basis images need no limits.
    @Test func filmstripRunsTheSolverOnce() throws { try Self.withCSV { (csv: String, path: (String) -> String) throws in
        let strip = ["--quiet", "--dpi", "30", "--filmstrip", "0,2,7"]
        #expect(try Self.counted(strip + ["--data", csv, "-o", path("f.png")]) == (7, 1))
        #expect(try Self.counted(strip + ["--data", csv, "--columns", "2,0", "-o", path("f.svg")]) == (7, 1))
        #expect(try Self.counted(strip + ["-o", path("a.png")]) == (7, 1))
        #expect(try Self.counted(strip + ["--data", csv, "--image-shape", "1x3", "--rank", "2", "-o", path("i.png")])
            == (7, 1))
    } }

    /// The player's losses and embedded snapshots come from the run recorded for its frames (before,
    /// a run each), for CSV data, the article's own (whose frames otherwise stream) and a comparison.
    @Test func htmlPlayerRunsEachSolverOnce() throws { try Self.withCSV { (csv: String, path: (String) -> String) throws in
        let small = Self.small
        #expect(try Self.counted(small + ["--data", csv, "-o", path("h.html")]) == (7, 1))
        #expect(try Self.counted(small + ["-o", path("a.html")]) == (7, 1))
        #expect(try Self.counted(small + ["--embed-snapshots", "-o", path("e.html")]) == (7, 1))
        #expect(try Self.counted(small + ["--data", csv, "--embed-snapshots", "-o", path("d.html")]) == (7, 1))
        #expect(try Self.counted(small + ["--data", csv, "--compare", "mu,hals", "-o", path("c.html")]) == (14, 2))
        #expect(try Self.counted(small + ["--data", csv, "--image-shape", "1x3", "--rank", "2", "-o", path("i.html")])
            == (7, 1))

        // What the page embeds is the first run's document as `factorize` writes it from a run of
        // its own, and each frame's loss is that run's.
        let configuration = try Render.parse(small + ["--data", csv]).solverOptions.makeConfiguration()
        let solver = try NMFSolver(configuration)
        let expected = SnapshotJSONWriter(configuration: configuration).document(solver.makeSnapshots(iterations: 7))
        let page = try String(contentsOfFile: path("d.html"), encoding: .utf8)
        #expect(page.contains("id=\"nmfviz-snapshots\">" + expected + "</script>"))
        let losses = solver.makeSnapshots(iterations: 7).map { SnapshotJSONWriter.encode($0.loss) }
        #expect(page.contains("\"losses\":[{\"label\":\"\",\"values\":[" + losses.joined(separator: ",") + "]}]"))
    } }
}
