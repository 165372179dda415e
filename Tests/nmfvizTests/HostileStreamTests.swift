import Foundation
import Testing

/// Standard streams that are full, closed or gone, and signals mid-run: no trap, the right exit
/// code, and nothing of the run left behind.
@Suite struct HostileStreamTests {
    @Test(arguments: [
        // The product cannot be written: exit 1 with the reason.
        ("\"$NMFVIZ\" factorize -o - --iterations 2 >/dev/full", 1, "No space left on device"),
        ("\"$NMFVIZ\" factorize -o - --iterations 2 >&-", 1, "cannot write to standard output"),
        ("trap '' PIPE; { \"$NMFVIZ\" factorize -o - --iterations 500; echo $? >status; } | head -c 1 >/dev/null; exit $(cat status)",
         1, "the reader closed the pipe"),
        // Only the messages cannot be written: the product is complete, exit 0 (or the usage error's 2).
        ("\"$NMFVIZ\" -o a.gif --frames 3 2>&-; echo $?; test -s a.gif", 0, ""),
        ("\"$NMFVIZ\" -o a.gif --frames 3 2>/dev/full; echo $?; test -s a.gif", 0, ""),
        ("\"$NMFVIZ\" --rank -1 2>&-", 2, ""),
    ])
    func streamsThatFailAreReportedNotTrapped(script: String, status: Int32, message: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.shell(script)
        #expect(result.status == status, "stderr: \(result.stderr)")
        #expect(result.status < 128, "crashed: \(result.stderr)")
        if !message.isEmpty {
            #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
        }
        if script.contains("echo $?;") { #expect(result.stdout == "0\n", "the run itself failed: \(result.stdout)") }
        #expect(!runner.contents().contains { $0.hasSuffix(".tmp") })
    }

    /// A closed standard error must not let the output file take descriptor 2 (and the messages).
    @Test func aClosedStandardErrorDoesNotLeakIntoTheOutput() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.shell("\"$NMFVIZ\" factorize -o s.json --iterations 2 2>&-").status == 0)
        #expect(try runner.shell("\"$NMFVIZ\" factorize -o t.json --iterations 2").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: runner.path("s.json")))
                == Data(contentsOf: URL(fileURLWithPath: runner.path("t.json"))))
    }

    /// SIGINT, SIGTERM and SIGHUP mid-run: exit 128 + the signal, and the folder as it was before.
    @Test(arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")])
    func signalsRemoveWhatTheRunWrote(signal: Int32, name: String) throws {
        for output in ["long.gif", "frames/", "deep/er/f_%04d.png"] {
            let runner = try CommandRunner()
            defer { runner.cleanUp() }
            try runner.write("keep", to: "earlier.txt")
            let process = Process()
            process.executableURL = try CommandRunner.executable
            process.arguments = ["--frames", "5000", "-o", output, "--quiet"]
            process.currentDirectoryURL = runner.folder
            let err = Pipe()
            process.standardError = err
            try process.run()
            // Wait until the run has written something (a temporary file or a staged frame).
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline && runner.contents().count < 2 { usleep(20_000) }
            usleep(100_000)
            kill(process.processIdentifier, signal)
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 128 + signal, "\(output): \(message)")
            #expect(message.hasPrefix("nmfviz: stopped by \(name)"), "\(output): \(message)")
            #expect(runner.contents() == ["earlier.txt"], "\(output) left: \(runner.contents())")
        }
    }

    /// A rerun that fails (here: a file-size limit, as a full disk) leaves the earlier frames exactly as
    /// they were; a shorter successful rerun leaves only its own frames.
    @Test func reruns() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["-o", "out/", "--frames", "4", "--quiet"]).status == 0)
        let files = { runner.contents().filter { $0.hasSuffix(".png") } }
        let earlier = try files().map { try Data(contentsOf: URL(fileURLWithPath: runner.path($0))) }
        #expect(earlier.count == 4)
        let failed = try runner.shell("ulimit -f 36; \"$NMFVIZ\" -o out/ --frames 8 --every 3 --quiet")
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("File too large"), "stderr: \(failed.stderr)")
        #expect(try files().map { try Data(contentsOf: URL(fileURLWithPath: runner.path($0))) } == earlier)
        #expect(try runner.run(["-o", "out/", "--frames", "2", "--every", "2", "--name-by", "iteration", "--quiet"]).status == 0)
        #expect(runner.contents() == ["out", "out/frame_000.png", "out/frame_002.png"])
        // Files the pattern does not name are not touched.
        try runner.write("notes", to: "out/frame_notes.png")
        try runner.write("notes", to: "out/other_001.png")
        #expect(try runner.run(["-o", "out/", "--frames", "1", "--quiet"]).status == 0)
        #expect(runner.contents() == ["out", "out/frame_000.png", "out/frame_notes.png", "out/other_001.png"])
    }

    /// A full disk while writing a GIF or JSON: exit 1, and the earlier file untouched.
    @Test func aFullDiskLeavesTheEarlierFile() throws {
        guard getuid() == 0 else {
            print("skipped: mounting a small tmpfs needs root")
            return
        }
        let runner = try CommandRunner()
        defer { _ = try? runner.shell("umount small"); runner.cleanUp() }
        let mounted = try runner.shell("mkdir small && mount -t tmpfs -o size=120k tmpfs small && echo old > small/a.gif")
        guard mounted.status == 0 else {
            print("skipped: cannot mount a tmpfs here: \(mounted.stderr)")
            return
        }
        let result = try runner.run(["-o", "small/a.gif", "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("No space left on device"), "stderr: \(result.stderr)")
        #expect(try String(contentsOfFile: runner.path("small/a.gif"), encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: runner.path("small")) == ["a.gif"])
        let json = try runner.run(["factorize", "-o", "small/s.json", "--iterations", "2000"])
        #expect(json.status == 1)
        #expect(json.stderr.contains("free"), "stderr: \(json.stderr)")
    }

    /// Threads the system refuses (`ulimit -u` as another user) are an error, not a hang.
    @Test func refusedThreadsAreAnErrorNotAHang() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else {
            print("skipped: needs root, setpriv and prlimit")
            return
        }
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = { (arguments: String, threads: Int) in
            "chmod 777 . && timeout 30 setpriv --reuid=65534 --regid=65534 --clear-groups prlimit --nproc=\(threads) \"$NMFVIZ\" \(arguments)"
        }
        for arguments in ["-o a.gif --quiet", "-o a.gif --quiet --jobs 1", "-o f/ --quiet --jobs 2"] {
            // With room for no thread but the main one, every run must refuse, in one line, and leave
            // the folder as it was.
            let before = runner.contents()
            let none = try runner.shell(script(arguments, 1))
            #expect(none.status == 1, "\(arguments): \(none.status) \(none.stderr)")
            #expect(none.stderr.contains("cannot start the") && none.stderr.split(separator: "\n").count == 1,
                    "\(arguments): \(none.stderr)")
            #expect(runner.contents() == before, "\(arguments): \(runner.contents())")
            // With room for one more, whether a run fits depends on which threads it needs; it must
            // end either way (not 124, timeout's status), and never leave a temporary file.
            let one = try runner.shell(script(arguments, 2))
            #expect(one.status == 1 || one.status == 0, "\(arguments): \(one.status) \(one.stderr)")
            if one.status == 1 {
                #expect(one.stderr.contains("cannot start the"), "\(arguments): \(one.stderr)")
            }
            #expect(!runner.contents().contains { $0.hasSuffix(".tmp") })
        }
    }

    /// On a terminal, an error that ends a run clears the progress bar's line first.
    @Test func anErrorOnATerminalClearsTheProgressBar() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipped: script(1) is not installed")
            return
        }
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.shell("script -qec 'ulimit -f 150; \"$NMFVIZ\" --frames 400 -o big.gif' /dev/null")
        let bar = result.stdout.range(of: " frames")
        let error = result.stdout.range(of: "nmfviz: error: big.gif")
        #expect(bar != nil && error != nil, "terminal: \(result.stdout.suffix(300))")
        if let error {
            #expect(result.stdout[..<error.lowerBound].hasSuffix("\r\u{1B}[K"), "terminal: \(result.stdout.suffix(300))")
        }
        #expect(runner.contents().isEmpty)
    }
}
