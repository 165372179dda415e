import Codecs
import Foundation
import Testing

/// Issue 18's consistency items from the command line: `--version`, and `factorize --every` and
/// `--no-data` that keep a long run's JSON small.
@Suite struct ConsistencyCommandTests {
    struct Document: Decodable {
        struct Entry: Decodable {
            let iteration: Int
            let loss: Double
            let W: [[Double]]
            let H: [[Double]]
        }
        let data: [[Double]]?
        let snapshots: [Entry]
        let n_iter: Int
    }

    func factorize(_ arguments: [String], in runner: CommandRunner) throws -> (Document, Int) {
        let result = try runner.run(["factorize", "-o", "s.json"] + arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: runner.path("s.json")))
        return (try JSONDecoder().decode(Document.self, from: bytes), bytes.count)
    }

    @Test func versionIsOneLine() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^nmfviz \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil,
                "stdout: \(result.stdout)")
    }

    @Test(arguments: [(10, 50, [0, 10, 20, 30, 40, 50]), (7, 20, [0, 7, 14, 20]), (1, 3, [0, 1, 2, 3]),
                      (1000, 5, [0, 5]), (1_000_000, 1, [0, 1])])
    func everyKeepsTheStepAndTheLast(every: Int, iterations: Int, expected: [Int]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let (all, _) = try factorize(["--iterations", String(iterations)], in: runner)
        let (thin, _) = try factorize(["--iterations", String(iterations), "--every", String(every)], in: runner)
        #expect(thin.snapshots.map(\.iteration) == expected)
        #expect(thin.n_iter == iterations)
        // The kept snapshots are the full run's, bit for bit.
        for entry in thin.snapshots {
            let full = all.snapshots[entry.iteration]
            #expect(entry.loss == full.loss && entry.W == full.W && entry.H == full.H)
        }
    }

    @Test func noDataLeavesTheDataOut() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let (with, withSize) = try factorize(["--iterations", "2"], in: runner)
        let (without, withoutSize) = try factorize(["--iterations", "2", "--no-data"], in: runner)
        #expect(with.data?.count == 80 && without.data == nil)
        #expect(try String(contentsOfFile: runner.path("s.json"), encoding: .utf8).hasPrefix("{\"data\": null, "))
        #expect(withoutSize < withSize)
        #expect(without.snapshots.map(\.W) == with.snapshots.map(\.W))
    }

    @Test(arguments: ["0", "-1", "1000001", "9223372036854775807", "99999999999999999999", "nan", "1.5", "", "ten"])
    func badEveryIsOneLineAndExitTwo(value: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["factorize", "-o", "s.json", "--every", value])
        #expect(result.status == 2, "stderr: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 && result.stderr.contains("--every"), "stderr: \(result.stderr)")
        #expect(runner.contents().isEmpty)
    }

    @Test func defaultJSONIsUnchangedByTheNewOptions() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        _ = try factorize(["--iterations", "5"], in: runner)
        let plain = try Data(contentsOf: URL(fileURLWithPath: runner.path("s.json")))
        _ = try factorize(["--iterations", "5", "--every", "1"], in: runner)
        #expect(try Data(contentsOf: URL(fileURLWithPath: runner.path("s.json"))) == plain)
    }
}

/// Issue 18: the dark theme reaches image data, and a vanishing colormap is one warning line.
@Suite struct DarkImageCommandTests {
    @Test func darkDigitsAreWhiteOnBlackWithoutWarning() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--data", "digits", "--theme", "dark", "--quiet", "-o", "d.png", "--iteration", "8"])
        #expect(result.status == 0 && result.stderr.isEmpty, "stderr: \(result.stderr)")
        let image = try PNGReader().read(path: runner.path("d.png"))
        // Most of every tile is zero: with gray on black the picture is mostly black.
        var dark = 0
        for i in stride(from: 0, to: image.pixels.count, by: 4) where image.pixels[i] < 40 { dark += 1 }
        #expect(Double(dark) / Double(image.width * image.height) > 0.8)
    }

    @Test(arguments: [(["--theme", "dark", "--colormap", "viridis"], "--colormap viridis"),
                      (["--theme", "dark", "--colormap", "jet"], "--colormap jet"),
                      (["--data", "digits", "--theme", "dark", "--colormap", "viridis"], "--colormap viridis")])
    func vanishingColormapIsOneWarning(options: [String], named: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(options + ["--quiet", "-o", "s.png", "--iteration", "1"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 && lines[0].hasPrefix("nmfviz: warning: \(named)"), "stderr: \(result.stderr)")
    }

    /// The default jet on the dark theme: the same judgement, as a note that --quiet hides.
    @Test func theDefaultJetOnDarkIsANoteQuietHides() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--theme", "dark", "-o", "s.png", "--iteration", "1"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 2 && lines[0].hasPrefix("nmfviz: note: the default colormap jet's darkest colours"),
                "stderr: \(result.stderr)")
        let quiet = try runner.run(["--theme", "dark", "--quiet", "-o", "t.png", "--iteration", "1"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "stderr: \(quiet.stderr)")
    }

    @Test(arguments: [["--theme", "dark", "--colormap", "Greens"], ["--colormap", "viridis"], [], ["--theme", "dark"],
                      ["--data", "digits", "--theme", "dark"],
                      ["--data", "digits", "--theme", "dark", "--colormap", "magma"]])
    func visibleColormapsAreNotWarnedAbout(options: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(options + ["--quiet", "-o", "s.png", "--iteration", "1"])
        #expect(result.status == 0 && result.stderr.isEmpty, "stderr: \(result.stderr)")
    }
}

/// Issue 18: `factorize --format npz`, checked by numpy itself (Scripts/fixtures/npz_load.py).
@Suite struct NPZCommandTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/fixtures/npz_load.py").path

    @Test(arguments: [["--iterations", "12"], ["--iterations", "20", "--every", "6", "--no-data"],
                      ["--data", "digits", "--iterations", "5", "--every", "2"],
                      ["--solver", "hals", "--tol", "1e-2", "--iterations", "300", "--every", "7"]])
    func numpyLoadsTheArchive(options: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        guard try runner.shell("python3 -c 'import numpy'").status == 0 else {
            print("skipped: python3 with numpy is not installed")
            return
        }
        let quoted = options.map { "'\($0)'" }.joined(separator: " ")
        let result = try runner.shell("python3 '\(Self.script)' \"$NMFVIZ\" \(quoted)")
        #expect(result.status == 0 && result.stdout == "ok\n", "stderr: \(result.stderr)")
    }

    @Test func npzIsChosenByExtensionAndIsAStoredZip() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["factorize", "--iterations", "2", "-o", "s.npz"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: runner.path("s.npz")))
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4b, 0x03, 0x04])
        #expect(Array(bytes.suffix(22).prefix(4)) == [0x50, 0x4b, 0x05, 0x06])
    }

    @Test(arguments: [(["--format", "zip"], "--format"), (["--format", ""], "--format"),
                      (["--format", "npz", "--rank", "2000", "--iterations", "1000000"], "--format npz")])
    func badFormatIsOneLine(options: [String], named: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["factorize", "-o", "s.npz"] + options)
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 && result.stderr.contains(named), "stderr: \(result.stderr)")
        #expect(runner.contents().isEmpty)
    }
}
