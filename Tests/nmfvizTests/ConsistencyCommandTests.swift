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
