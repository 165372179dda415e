import Foundation
import Testing

/// SVG and PDF from the command line: which files, how many pages, determinism, metadata, errors.
@Suite struct VectorCommandTests {
    func text(_ runner: CommandRunner, _ name: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: runner.path(name))), as: UTF8.self)
    }

    @Test func svgFramesInAFolderAndPDFFramesFromAPattern() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var result = try runner.run(["-o", "frames/", "--format", "svg", "--frames", "3", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        result = try runner.run(["-o", "pages/f_%02d.pdf", "--frames", "2", "--every", "5", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(runner.contents() == ["frames", "frames/frame_000.svg", "frames/frame_001.svg", "frames/frame_002.svg",
                                      "pages", "pages/f_00.pdf", "pages/f_01.pdf"])
        // Files are numbered by frame (ffmpeg's and beamer's need); the second shows iteration 5.
        #expect(try text(runner, "pages/f_01.pdf").contains("/Count 1 "))
        #expect(try text(runner, "pages/f_01.pdf").contains("iteration 5"))
        #expect(try text(runner, "frames/frame_002.svg").contains("<title>nmfviz: cos2, iteration 2</title>"))
        // Drawn as vectors (through the frame-numbering wrapper too), not as an embedded raster image.
        #expect(try !text(runner, "frames/frame_002.svg").contains("<image"))
    }

    @Test func aPDFIsAStillWithIterationAndAnAnimationWithout() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["-o", "still.pdf", "--iteration", "7", "--quiet"]).status == 0)
        #expect(try runner.run(["-o", "learning.pdf", "--frames", "5", "--quiet"]).status == 0)
        #expect(try runner.run(["-o", "still.svg", "--iteration", "7", "--quiet"]).status == 0)
        #expect(try text(runner, "still.pdf").contains("/Count 1 "))
        #expect(try text(runner, "learning.pdf").contains("/Count 5 "))
        #expect(runner.contents() == ["learning.pdf", "still.pdf", "still.svg"], "no temporary file is left")
    }

    @Test func outputIsDeterministicAndDatedOnlyWithSourceDateEpoch() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for name in ["a", "b"] {
            #expect(try runner.run(["-o", "\(name).pdf", "--frames", "3", "--quiet"]).status == 0)
            #expect(try runner.run(["-o", "\(name).svg", "--data", "digits", "--iteration", "8", "--quiet"]).status == 0)
        }
        #expect(try text(runner, "a.pdf") == text(runner, "b.pdf"))
        #expect(try text(runner, "a.svg") == text(runner, "b.svg"))
        #expect(try !text(runner, "a.pdf").contains("CreationDate"))
        let dated = try runner.shell("SOURCE_DATE_EPOCH=1764633600 \"$NMFVIZ\" -o dated.pdf --iteration 1 --quiet && "
            + "SOURCE_DATE_EPOCH=1764633600 \"$NMFVIZ\" -o dated.svg --iteration 1 --quiet")
        #expect(dated.status == 0, "\(dated.stderr)")
        #expect(try text(runner, "dated.pdf").contains("/CreationDate (D:20251202000000Z)"))
        #expect(try text(runner, "dated.svg").contains("<dc:date>2025-12-02T00:00:00Z</dc:date>"))
        let pdf = try text(runner, "a.pdf")
        #expect(pdf.contains("/Subject (data=cos2 rank=2 loss=frobenius solver=mu init=article seed=32)"), "\(pdf.suffix(400))")
    }

    @Test func filmstripsAsSVGAndPDF() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--filmstrip", "0,5,49", "-o", "strip.pdf", "--quiet"]).status == 0)
        #expect(try runner.run(["--filmstrip", "0,5,49", "-o", "strip.svg", "--quiet"]).status == 0)
        #expect(try runner.run(["--data", "digits", "--filmstrip", "0,40", "-o", "parts.svg", "--quiet"]).status == 0)
        #expect(try text(runner, "strip.pdf").contains("/Count 1 "))
        #expect(try text(runner, "parts.svg").contains("data:image/png;base64,"))
    }

    @Test(arguments: [
        (["-o", "a.gif", "--format", "svg"], "--format picks the files of a folder"),
        (["-o", "f_%03d.svg", "--format", "pdf"], "--format picks the files of a folder"),
        (["-o", "a.gif", "--iteration", "3"], "--iteration picks the iteration"),
        (["--filmstrip", "0,1", "-o", "s.gif"], "NAME.png, NAME.svg or NAME.pdf"),
        (["-o", "frames/", "--format", "jpg"], "jpg"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(runner.contents().isEmpty)
    }
}
