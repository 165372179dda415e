import Codecs
import Foundation
import Testing
@testable import NMFVizCommand

/// `--data digits` and `--image-shape`, end to end and through the parsed options.
@Suite struct ImageDataTests {
    @Test func digitsChangeTheDefaults() throws {
        let render = try Render.parse(["--data", "digits"])
        #expect(render.solverOptions.rank == 16)
        #expect(render.solverOptions.initialization == .nndsvda)
        #expect(render.frames == 51 && render.every == 4)
        #expect(try render.schedule().last == 200)
        #expect(render.output == "NMF_digits.gif")
        #expect(render.colormap == "gray_r")
        #expect(render.title == "iteration {iteration}, loss {loss}")
    }

    @Test func explicitOptionsWinOverTheDigitsDefaults() throws {
        let render = try Render.parse(["--data", "digits", "--rank", "2", "--init", "article", "--frames", "50",
                                       "--every", "1", "--colormap", "viridis", "--title", "{iteration}",
                                       "-o", "x.gif"])
        #expect(render.solverOptions.rank == 2)
        #expect(render.solverOptions.initialization == .article)
        #expect(render.frames == 50 && render.every == 1)
        #expect(render.colormap == "viridis" && render.title == "{iteration}" && render.output == "x.gif")
    }

    @Test func theArticlesDefaultsAreUnchanged() throws {
        let render = try Render.parse([])
        #expect(render.solverOptions.rank == 2 && render.solverOptions.initialization == .article)
        #expect(render.frames == 50 && render.every == 1)
        #expect(render.output == "NMF_cos2.gif" && render.colormap == "jet" && render.title == "{iteration}")
        #expect(!render.showsImages)
    }

    @Test func digitsFramesArePNGsOfTheFigureSize() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--data", "digits", "--frames", "2", "--every", "2", "-o", "frames/", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(runner.contents() == ["frames", "frames/frame_000.png", "frames/frame_001.png"])
        let image = try PNGReader().read(path: runner.path("frames/frame_001.png"))
        #expect(image.width == 1000 && image.height == 450)
    }

    @Test func digitsMakeAGif() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--data", "digits", "--frames", "3", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: runner.path("NMF_digits.gif")))
        #expect(bytes.starts(with: Array("GIF89a".utf8)))
        // The logical screen is the figure: 1000×450, little-endian.
        #expect(bytes.count > 10 && Int(bytes[6]) | Int(bytes[7]) << 8 == 1000 && Int(bytes[8]) | Int(bytes[9]) << 8 == 450)
    }

    @Test func aCSVOfImagesIsDrawnWithItsShape() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // 12 images of 2×3 pixels, non-negative.
        let rows = (0..<12).map { i in (0..<6).map { j in String((i * 7 + j * 3) % 5 + 1) }.joined(separator: ",") }
        try runner.write(rows.joined(separator: "\n") + "\n", to: "images.csv")
        let result = try runner.run(["--data", "images.csv", "--image-shape", "2x3", "--rank", "3", "--samples", "4",
                                     "-o", "still.png", "--iteration", "5", "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let image = try PNGReader().read(path: runner.path("still.png"))
        #expect(image.width == 1000 && image.height == 450)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--data", "data.csv", "--image-shape", "2x2", "-o", "out.gif"], status: 1,
             message: "nmfviz: error: data.csv has 3 columns, but 2x2 images need 4, one per pixel"),
        Case(arguments: ["--data", "digits", "--image-shape", "4x4", "-o", "out.gif"], status: 1,
             message: "digits has 64 columns, but 4x4 images need 16"),
        Case(arguments: ["--data", "data.csv", "--image-shape", "2by2", "-o", "out.gif"], status: 2,
             message: "--image-shape must be HxW"),
        Case(arguments: ["--samples", "3", "-o", "out.gif"], status: 2, message: "--samples applies to image data"),
        Case(arguments: ["--data", "digits", "--samples", "0", "-o", "out.gif"], status: 2, message: "--samples must be"),
        Case(arguments: ["--data", "digits", "--columns", "0,1", "-o", "out.gif"], status: 2, message: "--columns"),
        Case(arguments: ["--data", "data.csv", "--image-shape", "1x3", "--samples", "9", "-o", "out.gif"], status: 1,
             message: "--samples 9: the data have only 4 rows"),
        Case(arguments: ["--data", "digits", "--size", "0.2x0.2", "-o", "out.gif"], status: 1,
             message: "too small for 16 basis images"),
    ]

    @Test(arguments: cases)
    func failsCleanly(_ c: Case) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("1,2,3\n4,5,6\n7,8,9\n1,1,1\n", to: "data.csv")
        let before = runner.contents()
        let result = try runner.run(c.arguments)
        #expect(result.status == c.status)
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("nmfviz: error: "), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(c.message), "stderr: \(result.stderr)")
        #expect(runner.contents() == before, "left behind: \(runner.contents())")
    }
}
