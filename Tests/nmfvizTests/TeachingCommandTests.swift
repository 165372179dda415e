import Codecs
import Foundation
import Raster
import Testing

/// The teaching options end to end: the built `nmfviz`, its files read back.
@Suite struct TeachingCommandTests {
    /// Runs the command in a fresh folder and returns the image it wrote at `name` (PNG or GIF's first frame).
    static func image(_ arguments: [String], name: String) throws -> Image {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(arguments + ["--output", name, "--quiet"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
        if name.hasSuffix(".gif") { return try GIFPlayback(path: runner.path(name)).frames[0] }
        return try PNGReader().read(path: runner.path(name))
    }

    struct SizeCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var name = "out.png"
        var width: Int
        var height: Int
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let sizes: [SizeCase] = [
        SizeCase(arguments: ["--panels", "data,reconstruction,loss", "--iteration", "10"], width: 1500, height: 450),
        SizeCase(arguments: ["--panels", "loss"], width: 500, height: 450),
        SizeCase(arguments: ["--compare", "mu,hals", "--frames", "2"], name: "out.gif", width: 1000, height: 900),
        SizeCase(arguments: ["--compare", "frobenius,kl", "--panels", "data,reconstruction,loss", "--iteration", "3"],
                 width: 1500, height: 900),
        SizeCase(arguments: ["--filmstrip", "0,1,2,5,10,49"], width: 1580, height: 280),
        SizeCase(arguments: ["--filmstrip", "0,1,2,3,4,5,6"], width: 1580, height: 540),
        SizeCase(arguments: ["--filmstrip", "3,7"], width: 540, height: 280),
        SizeCase(arguments: ["--iteration", "5", "--scale", "2"], width: 2000, height: 900),
        SizeCase(arguments: ["--iteration", "5", "--scale", "3"], width: 3000, height: 1350),
        SizeCase(arguments: ["--filmstrip", "0,49", "--scale", "2"], width: 1080, height: 560),
        SizeCase(arguments: ["--iteration", "5", "--size", "16:9"], width: 1280, height: 720),
        SizeCase(arguments: ["--iteration", "5", "--size", "4:3"], width: 1000, height: 750),
        SizeCase(arguments: ["--panels", "reconstruction,loss", "--iteration", "5", "--size", "16:9", "--scale", "2"],
                 width: 2560, height: 1440),
        SizeCase(arguments: ["--frames", "2", "--size", "4:3"], name: "out.gif", width: 1000, height: 750),
    ]

    @Test(arguments: sizes)
    func imagesHaveTheExpectedSize(_ c: SizeCase) throws {
        let image = try Self.image(c.arguments, name: c.name)
        #expect(image.width == c.width && image.height == c.height)
    }

    /// The panels come in the order asked: the loss panel (mostly white, a blue curve) then the data
    /// panel (jet colours), told apart by the colours inside each axes box.
    @Test func panelsAreWhereTheyShouldBe() throws {
        let image = try Self.image(["--panels", "loss,data", "--iteration", "20"], name: "out.png")
        #expect(image.width == 1000 && image.height == 450)
        // matplotlib's 1×2 boxes at 1000×450: x 125…477 and 548…900, y 54…400.
        func colours(x0: Int, x1: Int) -> (blue: Int, warm: Int) {
            var blue = 0, warm = 0
            for y in 60..<395 {
                for x in x0..<x1 {
                    let p = image[x, y]
                    if p == RGBA8(0x1f, 0x77, 0xb4) { blue += 1 }
                    if p.r > 200 && p.b < 60 { warm += 1 }
                }
            }
            return (blue, warm)
        }
        let left = colours(x0: 130, x1: 472)
        let right = colours(x0: 553, x1: 895)
        // The only warm pixels on the left are the current-iteration marker's.
        #expect(left.blue > 50 && left.warm < 60, "left \(left)")
        #expect(right.warm > 200 && right.blue == 0, "right \(right)")
    }

    @Test(arguments: ["out.png", "out.gif"])
    func transparentBackgroundReadsBackAsAlphaZero(name: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var arguments = ["--transparent", "--output", name, "--quiet"]
        arguments += name.hasSuffix(".gif") ? ["--frames", "2"] : ["--iteration", "3"]
        let result = try runner.run(arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let image: Image
        if name.hasSuffix(".gif") {
            let gif = try GIFPlayback(path: runner.path(name))
            #expect(gif.transparentIndices.first.map { $0 >= 0 } == true)
            #expect(gif.frames.count == 2)
            image = gif.frames[0]
        } else {
            image = try PNGReader().read(path: runner.path(name))
        }
        #expect(image.width == 1000 && image.height == 450)
        for (x, y) in [(0, 0), (999, 0), (0, 449), (999, 449), (512, 200), (500, 20)] {
            #expect(image[x, y].a == 0, "\(x),\(y): \(image[x, y])")
        }
        // Inside the axes the face stays opaque white.
        #expect(image[300, 60] == .white && image[700, 60] == .white)
    }

    @Test func darkThemeHasLightTextOnADarkBackground() throws {
        let image = try Self.image(["--theme", "dark", "--iteration", "10"], name: "out.png")
        let background = image[0, 0]
        #expect(Int(background.r) + Int(background.g) + Int(background.b) < 60)
        // The title "10" centred above the right panel (x 548…900, top at y 54).
        var lightest = 0
        for y in 25..<50 {
            for x in 700..<750 { lightest = max(lightest, Int(image[x, y].r) + Int(image[x, y].g) + Int(image[x, y].b)) }
        }
        #expect(lightest > 600)
    }

    @Test func filmstripSummaryAndOptionsInHelp() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let strip = try runner.run(["--filmstrip", "0,10", "--output", "strip.png"])
        #expect(strip.status == 0)
        #expect(strip.stderr.contains("filmstrip of 2 iterations → strip.png, 540×280 px"), "\(strip.stderr)")
        #expect(runner.contents() == ["strip.png"])
        let help = try runner.run(["--help"])
        #expect(help.status == 0)
        // Help wraps its lines: compare the words.
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for example in ["--panels data,reconstruction,loss", "--compare mu,hals", "--filmstrip 0,1,2,5,10,49",
                        "--theme dark", "--transparent", "--size 16:9", "--scale 2", "16:9 (12.8x7.2, 1280×720 px", "4:3 (10x7.5, 1000×750 px)"] {
            #expect(words.contains(example), "help lacks \(example)")
        }
    }
}
