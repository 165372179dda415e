import Codecs
import Foundation
import Raster
import Testing

/// `--xlabel`, `--ylabel` and a CSV header's names, end to end: ink where matplotlib puts the labels.
@Suite struct LabelCommandTests {
    /// Where two images differ: the count of differing pixels inside `rects` and outside them all.
    static func differences(_ a: Image, _ b: Image, in rects: [(x: Range<Int>, y: Range<Int>)]) -> (inside: Int, outside: Int) {
        var inside = 0, outside = 0
        for y in 0..<a.height {
            for x in 0..<a.width where a[x, y] != b[x, y] {
                if rects.contains(where: { $0.x.contains(x) && $0.y.contains(y) }) { inside += 1 } else { outside += 1 }
            }
        }
        return (inside, outside)
    }

    /// Renders iteration 5 of a CSV with (or without) a header, with extra options.
    static func render(header: Bool, _ options: [String]) throws -> Image {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var text = header ? "height,weight\n" : ""
        for i in 0..<20 { text += "\(1 + Double(i) * 0.2),\(2 + Double(i % 7) * 0.3)\n" }
        try text.write(toFile: runner.path("p.csv"), atomically: true, encoding: .utf8)
        let result = try runner.run(["--data", runner.path("p.csv"), "--iteration", "5", "-o", "out.png", "--quiet"] + options)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return try PNGReader().read(path: runner.path("out.png"))
    }

    // At 1000×450 the left axes span x 125…477 and y 54…400.5: the x label sits below the tick labels
    // (y 415…450), the y label left of them (x 60…103: one-digit tick labels, as the still takes the
    // animation's limits 0…4, leave it nearer the axes); the right panel's are 423 px further right.
    static let leftX = (x: 125..<478, y: 415..<450), leftY = (x: 60..<103, y: 54..<401)
    static let rightX = (x: 548..<901, y: 415..<450), rightY = (x: 483..<526, y: 54..<401)

    @Test func aHeaderLabelsThePointPanelsAndAnEmptyLabelRemovesIt() throws {
        let plain = try Self.render(header: false, [])
        let named = try Self.render(header: true, [])
        let removed = try Self.render(header: true, ["--xlabel", "", "--ylabel", ""])
        for band in [Self.leftX, Self.leftY, Self.rightX, Self.rightY] {
            #expect(Self.differences(plain, named, in: [band]).inside > 20, "no label in \(band)")
        }
        #expect(Self.differences(plain, named, in: [Self.leftX, Self.leftY, Self.rightX, Self.rightY]).outside == 0)
        #expect(removed == plain)
    }

    @Test func aPanelPrefixLabelsThatPanelOnly() throws {
        let plain = try Self.render(header: false, [])
        let image = try Self.render(header: false, ["--xlabel", "reconstruction=ŷ₁ (fitted)"])
        let d = Self.differences(plain, image, in: [Self.rightX])
        #expect(d.inside > 20 && d.outside == 0)
    }

    @Test func anUnknownTitlePlaceholderIsAUsageErrorListingTheKnownOnes() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--title", "step {iter}", "-o", "out.png"])
        #expect(result.status == 2)
        #expect(result.stderr == "nmfviz: error: --title 'step {iter}': unknown placeholder {iter} (known: {iteration}, "
            + "{loss}, {rank}, {solver}, {loss_name}, {relative_error}) (see 'nmfviz help')\n")
        #expect(runner.contents().isEmpty)
    }

    @Test(arguments: ["0", "-3", "nan", "1e9"]) func aFontSizeOutOfRangeIsAUsageError(size: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--font-size", size, "-o", "out.png"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("nmfviz: error: --font-size must be between 1 and 200 points, not "))
    }

    @Test func aLargerFontSizeDrawsMoreInk() throws {
        func ink(_ image: Image) -> Int {
            var count = 0
            for y in 0..<image.height { for x in 0..<image.width where image[x, y] == RGBA8(0, 0, 0, 255) { count += 1 } }
            return count
        }
        let plain = try Self.render(header: true, [])
        let large = try Self.render(header: true, ["--font-size", "16"])
        #expect(large.width == plain.width && ink(large) > ink(plain) * 11 / 10)
    }
}

/// `--legend` and `--arrow-colors` end to end.
@Suite struct LegendCommandTests {
    @Test func anUnknownLegendLocationIsAUsageErrorListingTheKnownOnes() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--compare", "mu,hals", "--legend", "top", "-o", "out.png"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--legend must be one of best, upper-right, upper-left"))
        #expect(result.stderr.contains("not 'top'"))
    }

    @Test func arrowColorsPaintTheArrowsInTheCycle() throws {
        let image = try TeachingCommandTests.image(["--arrow-colors", "--iteration", "30"], name: "out.png")
        // C0 (#1f77b4) and C1 (#ff7f0e) appear in the right panel: the arrows and their legend patches.
        var c0 = 0, c1 = 0
        for y in 54..<400 {
            for x in 548..<900 {
                let p = image[x, y]
                if p == RGBA8(0x1f, 0x77, 0xb4) { c0 += 1 }
                if p == RGBA8(0xff, 0x7f, 0x0e) { c1 += 1 }
            }
        }
        #expect(c0 > 100 && c1 > 100)
    }
}
