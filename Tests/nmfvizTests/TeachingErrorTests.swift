import Foundation
import Testing

/// Misused teaching options: one line, exit 2 (usage), nothing left behind.
@Suite struct TeachingErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--filmstrip", "0,1", "--output", "strip.gif"], message: "give --output NAME.png"),
        Case(arguments: ["--filmstrip", "0,1", "--output", "frames/"], message: "give --output NAME.png"),
        Case(arguments: ["--filmstrip", "0,1"], message: "give --output NAME.png"),
        Case(arguments: ["--filmstrip", "0,x", "--output", "s.png"], message: "--filmstrip takes iterations"),
        Case(arguments: ["--filmstrip", "0,-1", "--output", "s.png"], message: "--filmstrip takes iterations"),
        Case(arguments: ["--filmstrip", "", "--output", "s.png"], message: "--filmstrip takes iterations"),
        Case(arguments: ["--filmstrip", Array(0...36).map(String.init).joined(separator: ","), "--output", "s.png"],
             message: "at most 36"),
        Case(arguments: ["--filmstrip", "1,2", "--compare", "mu,hals", "--output", "s.png"], message: "leave out --compare"),
        Case(arguments: ["--filmstrip", "1,2", "--iteration", "3", "--output", "s.png"], message: "leave out --iteration"),
        Case(arguments: ["--panels", "data,basis", "--output", "a.gif"], message: "unknown panel 'basis'"),
        Case(arguments: ["--panels", "loss,loss", "--output", "a.gif"], message: "listed twice"),
        Case(arguments: ["--compare", "mu", "--output", "a.gif"], message: "--compare takes two"),
        Case(arguments: ["--compare", "mu,kl", "--output", "a.gif"], message: "--compare takes two"),
        Case(arguments: ["--compare", "mu,mu", "--output", "a.gif"], message: "--compare takes two"),
        Case(arguments: ["--compare", "mu,hals", "--loss", "kl", "--output", "a.gif"], message: "needs --loss frobenius"),
        Case(arguments: ["--compare", "frobenius,kl", "--solver", "hals", "--output", "a.gif"], message: "needs --solver mu"),
        Case(arguments: ["--theme", "blue", "--output", "a.gif"], message: "--theme"),
        Case(arguments: ["--size", "16:10", "--output", "a.gif"], message: "or 16:9 or 4:3"),
        Case(arguments: ["--compare", "mu,hals", "--scale", "20", "--output", "a.gif"], message: "over the limit"),
        Case(arguments: ["--color-by", "rank", "--output", "a.png"], message: "--color-by takes x or component, not 'rank'"),
        Case(arguments: ["--data", "digits", "--color-by", "component", "--output", "a.png"], message: "image data show their basis images"),
        // A single-valued option given twice would silently keep the last: a usage error instead.
        Case(arguments: ["--compare", "mu,hals", "--compare", "rank=2,3", "--output", "a.gif"],
             message: "--compare was given twice ('mu,hals' and 'rank=2,3')"),
        Case(arguments: ["--title", "a", "--title=b", "--output", "a.png"], message: "--title was given twice"),
        Case(arguments: ["-o", "a.png", "--output", "b.png"], message: "--output was given twice"),
        Case(arguments: ["render", "--seed", "1", "--rank", "3", "--seed", "1"], message: "--seed was given twice"),
        Case(arguments: ["factorize", "--rank", "2", "--rank", "3", "--output", "f.json"], message: "--rank was given twice"),
        Case(arguments: ["--colormap", "jet", "--colormap", "viridis", "--output", "a.png"], message: "--colormap was given twice"),
    ]

    @Test(arguments: cases)
    func failsAsUsage(_ c: Case) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(c.arguments)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("nmfviz: error: "), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(c.message), "stderr: \(result.stderr)")
        #expect(runner.contents().isEmpty, "left behind: \(runner.contents())")
    }

    /// Options meant to be repeated stay accepted, and a value that looks like an option is a value.
    @Test func repeatableOptionsAndOptionLikeValues() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for arguments in [["--xlabel", "a", "--xlabel", "loss=b", "--panels", "data,loss"],
                          ["--title", "--title", "--ylabel", "--compare"]] {
            let result = try runner.run(arguments + ["--quiet", "--output", "s.png"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    /// A filmstrip whose folder cannot be written is bad input (1), and leaves nothing.
    @Test func filmstripIntoAFileIsBadInput() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("not a folder", to: "afile")
        let result = try runner.run(["--filmstrip", "0,1", "--output", "afile/strip.png"])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("nmfviz: error: ") && result.stderr.contains("afile/strip.png"),
                "stderr: \(result.stderr)")
        #expect(runner.contents() == ["afile"])
    }
}
