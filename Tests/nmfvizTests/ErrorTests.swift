import Foundation
import Testing

/// Bad input and bad usage: one line on stderr, the right exit code, and nothing left behind.
@Suite struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var message: String
        var csv: String? = nil
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--data", "data.csv", "--output", "out.gif"], status: 1,
             message: "nmfviz: error: data.csv:2:3: 'abc' is not a number", csv: "1,2\n1,abc\n3,4\n"),
        Case(arguments: ["--data", "data.csv", "--output", "out.gif"], status: 1,
             message: "data.csv:2", csv: "1,2\n1,-2\n3,4\n"),
        Case(arguments: ["--data", "data.csv", "--output", "frames/"], status: 1,
             message: "data.csv:3", csv: "1,2\n3,4\n5\n"),
        Case(arguments: ["--data", "missing.csv", "--output", "out.gif"], status: 1, message: "missing.csv"),
        Case(arguments: ["--rank", "0", "--output", "out.gif"], status: 2, message: "--rank"),
        Case(arguments: ["--rank", "3", "--init", "nndsvd", "--output", "out.gif"], status: 1, message: "nndsvd"),
        Case(arguments: ["--rank", "1000000000", "--output", "out.gif"], status: 1, message: "at most 11585 components"),
        Case(arguments: ["--frames", "0", "--output", "out.gif"], status: 2, message: "--frames must be between 1 and 1000001, not 0"),
        Case(arguments: ["--every", "0", "--output", "frames/"], status: 2, message: "--every must be between 1 and 1000000, not 0"),
        Case(arguments: ["factorize", "--iterations", "0", "--output", "s.json"], status: 2, message: "--iterations"),
        Case(arguments: ["--colormap", "nope", "--output", "out.gif"], status: 2, message: "viridis"),
        Case(arguments: ["--output", "out.jpg"], status: 2, message: "unknown extension '.jpg'"),
        Case(arguments: ["--output", "afile/out.gif"], status: 1, message: "afile/out.gif"),
        Case(arguments: ["--output", "afile/sub/"], status: 1, message: "afile"),
        Case(arguments: ["--size", "200x200", "--output", "out.gif"], status: 2, message: "over the limit"),
        Case(arguments: ["--scale", "100", "--output", "frames/"], status: 2, message: "over the limit"),
        Case(arguments: ["--size", "10by4", "--output", "out.gif"], status: 2, message: "--size"),
        Case(arguments: ["--size", "1e300x1", "--output", "out.gif"], status: 2, message: "over the limit"),
        Case(arguments: ["--filmstrip", "1,2", "--size", "1e300x2", "--output", "f.png"], status: 2, message: "over the limit"),
        Case(arguments: ["--dpi", "1e308", "--scale", "10", "--output", "out.gif"], status: 2, message: "--dpi"),
        Case(arguments: ["--scale", "1e9", "--size", "1e-9x1e-9", "--output", "out.gif"], status: 2, message: "--scale"),
        Case(arguments: ["--delay", "100", "--fps", "10", "--output", "out.gif"], status: 2, message: "not both"),
        Case(arguments: ["--loop", "sometimes", "--output", "out.gif"], status: 2, message: "--loop"),
        Case(arguments: ["--columns", "0,5", "--output", "out.gif"], status: 1, message: "--columns 0,5"),
        Case(arguments: ["--no-such-option"], status: 2, message: "no-such-option"),
        // Issue 13: every number is checked before use, with the real reason and what is allowed.
        Case(arguments: ["--dpi", "1", "--output", "out.gif"], status: 2, message: "--dpi × --scale must be between 10 and 10000"),
        Case(arguments: ["--dpi", "1e-308", "--output", "out.gif"], status: 2, message: "--dpi × --scale must be between 10"),
        Case(arguments: ["--fps", "1e-300", "--output", "out.gif"], status: 2, message: "--fps must be between 0.0016 and 100"),
        Case(arguments: ["--jobs", "10000", "--output", "out.gif"], status: 2, message: "--jobs must be between 1 and 256"),
        Case(arguments: ["--frames", "9223372036854775807", "--output", "s.png"], status: 2, message: "--frames must be between"),
        Case(arguments: ["--frames", "1000001", "--every", "2", "--output", "s.png"], status: 2,
             message: "at most 1000000 iterations"),
        Case(arguments: ["--every", "9223372036854775807", "--frames", "3", "--output", "out.gif"], status: 2,
             message: "--every must be between"),
        Case(arguments: ["--size", "0.001x0.001", "--output", "out.gif"], status: 2, message: "too small: it needs at least 1 px"),
        Case(arguments: ["--size", "1e300x1", "--output", "out.gif"], status: 2, message: "1e+302×100 px is over the limit"),
    ]

    /// Negative numbers reach the option's own check (ArgumentParser would take them for options and
    /// say "Missing value").
    static let negatives: [[String]] = [
        ["--rank", "-1"], ["--frames", "-2"], ["--every", "-3"], ["--iteration", "-4", "-o", "s.png"],
        ["--delay", "-5"], ["--fps", "-6"], ["--dpi", "-7"], ["--scale", "-8"], ["--jobs", "-9"],
        ["--loop", "-3"], ["--columns", "-1,2"], ["--size", "-1x2"], ["--seed", "-1"],
        ["--data", "digits", "--samples", "-4"], ["--image-shape", "-1x5"], ["--filmstrip", "-1,2", "-o", "s.png"],
        ["factorize", "--iterations", "-3"], ["factorize", "--rank", "-2"],
    ]

    @Test(arguments: negatives)
    func negativeNumbersGetTheRealReason(_ arguments: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.contains("Missing value"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(arguments[arguments[0] == "factorize" ? 1 : arguments.count > 2 && arguments[0] == "--data" ? 2 : 0]),
                "stderr: \(result.stderr)")
        #expect(runner.contents().isEmpty)
    }

    @Test(arguments: cases)
    func failsCleanly(_ c: Case) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        if let csv = c.csv { try runner.write(csv, to: "data.csv") }
        try runner.write("not a folder", to: "afile")
        let before = runner.contents()
        let result = try runner.run(c.arguments)
        #expect(result.status == c.status)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("nmfviz: error: "), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(c.message), "stderr: \(result.stderr)")
        #expect(runner.contents() == before, "left behind: \(runner.contents())")
    }

    /// Control characters typed in arguments are escaped in the message, never sent to the terminal.
    @Test(arguments: [["--\u{1B}[2Jx"], ["--colormap", "\u{1B}[31mred"], ["--output", "a\u{7}b.jpg"]])
    func argumentsInMessagesAreEscaped(_ arguments: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "stderr: \(result.stderr.debugDescription)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
