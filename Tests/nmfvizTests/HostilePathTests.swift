import Foundation
import Testing

/// Output paths a user types, and paths that are not plain files: end to end through the executable.
@Suite struct HostilePathTests {
    /// One-character folders and prefixes (Foundation's NSString path methods trapped on them), and
    /// missing folders, which every kind of output creates.
    @Test(arguments: [
        (["-o", "x/still.png", "--iteration", "1", "--quiet"], ["x", "x/still.png"]),
        (["-o", "a/", "--frames", "2", "--quiet"], ["a", "a/frame_000.png", "a/frame_001.png"]),
        (["-o", "f%03d.png", "--frames", "2", "--quiet"], ["f000.png", "f001.png"]),
        (["-o", "q/r/s.png", "--iteration", "0", "--quiet"], ["q", "q/r", "q/r/s.png"]),
        (["-o", "g/h/a.gif", "--frames", "2", "--quiet"], ["g", "g/h", "g/h/a.gif"]),
        (["--filmstrip", "0,1", "-o", "s/t.png", "--quiet"], ["s", "s/t.png"]),
        (["factorize", "-o", "j/s.json", "--iterations", "1"], ["j", "j/s.json"]),
        (["-o", "w/a.webp", "--frames", "2", "--quiet"], ["w", "w/a.webp"]),
        (["-o", "h/a.html", "--frames", "2", "--quiet"], ["h", "h/a.html"]),
        (["-o", "p/a.pdf", "--frames", "2", "--quiet"], ["p", "p/a.pdf"]),
        (["-o", "v/a.svg", "--iteration", "2", "--quiet"], ["v", "v/a.svg"]),
    ])
    func shortAndMissingFoldersWork(arguments: [String], expected: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(runner.contents() == expected)
    }

    @Test func devicesAreWrittenToAndNeverReplaced() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let null = try runner.run(["factorize", "-o", "/dev/null", "--iterations", "1"])
        #expect(null.status == 0, "stderr: \(null.stderr)")
        let full = try runner.run(["factorize", "-o", "/dev/full", "--iterations", "1"])
        #expect(full.status == 1)
        #expect(full.stderr == "nmfviz: error: /dev/full: cannot write: No space left on device\n")
        for device in ["/dev/null", "/dev/full"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: device)
            #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial, "\(device) was replaced")
        }
        // /dev/stdout is the caller's standard output, whatever it is open on.
        let stdout = try runner.run(["factorize", "-o", "/dev/stdout", "--iterations", "1"])
        #expect(stdout.status == 0)
        #expect(stdout.stdout.hasPrefix("{\"data\": "))
        #expect(runner.contents().isEmpty)
    }

    @Test func aFIFOIsWrittenToAsAStream() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.shell("""
            mkfifo pipe && (cat pipe > copy.json &) && "$NMFVIZ" factorize -o pipe --iterations 1 && sleep 0.2 \
            && test -p pipe && head -c 9 copy.json
            """)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "{\"data\": ")
    }

    @Test func symbolicLinksAreFollowedAndKept() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("old", to: "real.json")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: runner.path("link.json"), withDestinationPath: "real.json")
        try fm.createSymbolicLink(atPath: runner.path("dangling.json"), withDestinationPath: "made.json")
        #expect(try runner.run(["factorize", "-o", "link.json", "--iterations", "1"]).status == 0)
        #expect(try runner.run(["factorize", "-o", "dangling.json", "--iterations", "1"]).status == 0)
        #expect(try fm.destinationOfSymbolicLink(atPath: runner.path("link.json")) == "real.json")
        #expect(try fm.destinationOfSymbolicLink(atPath: runner.path("dangling.json")) == "made.json")
        #expect(try String(contentsOfFile: runner.path("real.json"), encoding: .utf8).hasPrefix("{\"data\""))
        #expect(try String(contentsOfFile: runner.path("made.json"), encoding: .utf8).hasPrefix("{\"data\""))
        #expect(runner.contents() == ["dangling.json", "link.json", "made.json", "real.json"])
    }

    @Test(arguments: [
        (["-o", "/dev/nmfviz-test.gif"], "nmfviz does not create files in /dev"),
        (["-o", "/nmfviz-test.png", "--iteration", "0"], "nmfviz does not create files directly in /"),
        (["-o", "/", "--frames", "1"], "nmfviz does not create files directly in /"),
        (["-o", "/dev/null"], "is a device or pipe"),
        (["factorize", "-o", "/proc/nmfviz.json"], "nmfviz does not create files in /proc"),
    ])
    func systemFoldersAreRefused(arguments: [String], message: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/dev/nmfviz-test.gif"))
        #expect(!FileManager.default.fileExists(atPath: "/nmfviz-test.png"))
        #expect(!FileManager.default.fileExists(atPath: "/frame_000.png"))
    }

    /// Names up to NAME_MAX work: the temporary name beside them is shortened to fit.
    @Test(arguments: [200, 240, 250, 255])
    func longNamesWork(length: Int) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let name = String(repeating: "n", count: length - 5) + ".json"
        let result = try runner.run(["factorize", "-o", name, "--iterations", "1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(runner.contents() == [name])
        let gif = String(repeating: "é", count: (length - 4) / 2) + ".gif"
        #expect(try runner.run(["-o", gif, "--frames", "2", "--quiet"]).status == 0)
        #expect(runner.contents() == [name, gif].sorted())
    }

    @Test(arguments: [["--data", "d.csv", "-o", "d.csv"], ["factorize", "--data", "d.csv", "-o", "./d.csv"],
                      ["--data", "d.csv", "-o", "alias.png", "--iteration", "0"]])
    func theInputIsNeverOverwritten(arguments: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("1,2\n3,4\n5,1\n", to: "d.csv")
        try FileManager.default.linkItem(atPath: runner.path("d.csv"), toPath: runner.path("alias.png"))
        // An output named .csv is refused for its extension by render; factorize writes JSON anywhere.
        let result = try runner.run(arguments)
        #expect(result.status != 0)
        #expect(try String(contentsOfFile: runner.path("d.csv"), encoding: .utf8) == "1,2\n3,4\n5,1\n")
        #expect(runner.contents() == ["alias.png", "d.csv"])
    }
}
