import Foundation
import Testing

/// Data at the edges of double: refused with the value's place, or factorized without NaN or infinity,
/// through the built executable for both commands.
@Suite struct NumericInputTests {
    static let tooLarge = ["1e154", "1.7976931348623157e308", "1e400", "1e51", "\"2e300\""]

    @Test(arguments: tooLarge)
    func hugeValuesAreRefusedWithTheirPlace(_ value: String) throws {
        for command in [["factorize", "--output", "out.json"], ["--output", "out.gif"], ["--output", "frames/"]] {
            let runner = try CommandRunner()
            defer { runner.cleanUp() }
            try runner.write("x,y\n1,2\n3,\(value)\n", to: "data.csv")
            let result = try runner.run(command + ["--data", "data.csv"])
            #expect(result.status == 1)
            #expect(result.stderr == "nmfviz: error: data.csv:3:3: '\(value)' is too large: values must be at most 1e+50, "
                    + "or their squares and sums could overflow (line 1 was read as the header)\n")
            #expect(runner.contents() == ["data.csv"])
        }
    }

    @Test func denormalDataGiveFiniteNumbers() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("5e-324,1e-310\n1e-320,2e-310\n3e-315,4e-312\n", to: "tiny.csv")
        for initialization in ["article", "random", "nndsvd", "nndsvda", "nndsvdar"] {
            for solver in [["--solver", "mu"], ["--solver", "hals"], ["--loss", "kl"]] {
                let result = try runner.run(["factorize", "--data", "tiny.csv", "--iterations", "30",
                                             "--init", initialization, "--output", "-"] + solver)
                #expect(result.status == 0, "\(initialization) \(solver): \(result.stderr)")
                let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                let snapshots = json?["snapshots"] as? [[String: Any]] ?? []
                #expect(snapshots.count == 31)
                for snapshot in snapshots {
                    #expect((snapshot["loss"] as? Double)?.isFinite == true, "\(initialization) \(solver)")
                    let factors = [snapshot["W"], snapshot["H"]].compactMap { $0 as? [[Double]] }
                    #expect(factors.count == 2, "a factor holds null: \(initialization) \(solver)")
                }
            }
        }
        let render = try runner.run(["--data", "tiny.csv", "--frames", "5", "--output", "tiny.gif"])
        #expect(render.status == 0, "\(render.stderr)")
    }

    @Test func controlCharactersNeverReachTheTerminal() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("1,2\n3,\u{1B}[2J\n", to: "data.csv")
        let result = try runner.run(["factorize", "--data", "data.csv", "--output", "out.json"])
        #expect(result.status == 1)
        #expect(result.stderr == "nmfviz: error: data.csv:2:3: control character U+001B (ESC) is not allowed in CSV data\n")
        try runner.write("1,2\n3,4\u{202E}" + String(repeating: "7", count: 100_000) + "\n", to: "data.csv")
        let long = try runner.run(["--data", "data.csv", "--output", "out.gif"])
        #expect(long.stderr == "nmfviz: error: data.csv:2:3: '4\\u{202E}" + String(repeating: "7", count: 38) + "…' is not a number\n")
        #expect(runner.contents() == ["data.csv"])
    }

    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(mkfifo(runner.path("pipe.csv"), 0o600) == 0)
        let result = try runner.run(["factorize", "--data", "pipe.csv", "--output", "out.json"])
        #expect(result.status == 1)
        #expect(result.stderr == "nmfviz: error: pipe.csv: cannot read: it is a FIFO (named pipe); only regular files are read\n")
        try FileManager.default.createSymbolicLink(atPath: runner.path("gone.csv"), withDestinationPath: "nowhere.csv")
        let dangling = try runner.run(["--data", "gone.csv", "--output", "out.gif"])
        #expect(dangling.stderr == "nmfviz: error: gone.csv: cannot read: it is a symbolic link to a missing file\n")
    }
}
