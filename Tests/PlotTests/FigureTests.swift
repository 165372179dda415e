import Foundation
import Raster
import Testing
import TestSupport
@testable import Plot

@Suite struct FigureTests {
    func articleFixture() throws -> ReferenceFixtures.Figure {
        try ReferenceFixtures.load(ReferenceFixtures.Figure.self, "article.json")
    }

    /// The article's figure at another scale, built like `ReferenceFigures.article`.
    func article(scale: Double, theme: Theme = .matplotlib) throws -> Figure {
        let base = try ReferenceFigures.article(try articleFixture())
        var figure = try Figure(widthInches: 10, heightInches: 4.5, dpi: 100, scale: scale, theme: theme)
        try figure.addSubplots(rows: 1, columns: 2)
        for i in 0..<2 {
            let box = figure.axes[i].box
            figure.axes[i] = base.axes[i]
            figure.axes[i].box = box
        }
        return figure
    }

    @Test func scaleTwoDoublesEverything() throws {
        let one = try article(scale: 1), two = try article(scale: 2)
        #expect(two.pixelWidth == 2000 && two.pixelHeight == 900)
        let l1 = try one.layouts(), l2 = try two.layouts()
        for (a, b) in zip(l1, l2) {
            #expect(abs(b.box.x0 - 2 * a.box.x0) < 1e-9 && abs(b.box.y1 - 2 * a.box.y1) < 1e-9)
            #expect(a.xTicks.map(\.value) == b.xTicks.map(\.value) && a.yTicks.map(\.label) == b.yTicks.map(\.label))
            #expect(abs(b.xTicks[1].pixel - 2 * a.xTicks[1].pixel) < 1e-9)
        }
        // Averaged down 2×2, the 2× image looks like the 1× one.
        let big = try two.render(), small = try one.render()
        var down = try Image(width: 1000, height: 450)
        for y in 0..<450 {
            for x in 0..<1000 {
                var sum = [0, 0, 0]
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let p = big[2 * x + dx, 2 * y + dy]
                    sum[0] += Int(p.r); sum[1] += Int(p.g); sum[2] += Int(p.b)
                }
                down[x, y] = RGBA8(UInt8(sum[0] / 4), UInt8(sum[1] / 4), UInt8(sum[2] / 4))
            }
        }
        let ssim = try #require(SSIM.similarity(down, small))
        #expect(ssim > 0.95, "SSIM \(ssim)")
    }

    @Test func renderingIsDeterministicAndReusesACanvas() throws {
        let figure = try article(scale: 1)
        let a = try figure.render()
        var canvas = try Canvas(width: figure.pixelWidth, height: figure.pixelHeight, background: .black)
        try figure.render(into: &canvas)
        #expect(canvas.image == a)
        try figure.render(into: &canvas)
        #expect(canvas.image == a)
        var wrong = try Canvas(width: 10, height: 10)
        #expect(throws: PlotError.self) { try figure.render(into: &wrong) }
    }

    @Test func themesChangeColoursNotCode() throws {
        let dark = try article(scale: 1, theme: .dark).render()
        #expect(dark[5, 5] == .black)
        // The left spine is white on the dark theme.
        #expect(dark[125, 200].r > 200)
        let clear = try article(scale: 1, theme: Theme.matplotlib.withTransparentBackground).render()
        #expect(clear[5, 5].a == 0)
        #expect(clear[300, 30].a == 0)
        #expect(clear[300, 200].a == 255)
    }

    @Test func badInputThrowsClearErrors() throws {
        #expect(throws: PlotError.self) { try Figure(widthInches: 0, heightInches: 4) }
        #expect(throws: PlotError.self) { try Figure(widthInches: .nan, heightInches: 4) }
        #expect(throws: PlotError.self) { try Figure(widthInches: 10, heightInches: 4, dpi: -100) }
        #expect(throws: PlotError.self) { try Figure(widthInches: 1e6, heightInches: 1e6) }
        #expect(throws: PlotError.self) { try Figure(widthInches: 0.001, heightInches: 4) }
        var figure = try Figure()
        #expect(throws: PlotError.invalidSubplotGrid(rows: 1, columns: 2)) {
            try figure.addSubplot(rows: 1, columns: 2, index: 2)
        }
        try figure.addSubplots(rows: 1, columns: 1)
        #expect(throws: PlotError.lengthMismatch(what: "scatter y", expected: 2, actual: 1)) {
            try figure.axes[0].scatter(x: [1, 2], y: [1], colors: [.black])
        }
        #expect(throws: PlotError.self) { try figure.axes[0].scatter(x: [1], y: [1], size: -3, colors: [.black]) }
        #expect(throws: PlotError.self) { try figure.axes[0].quiver(x: [0], y: [0], u: [1, 2], v: [1]) }
        #expect(throws: PlotError.self) { try figure.axes[0].line(x: [0, 1], y: [0, 1], width: .infinity) }
        figure.axes[0].yScale = .log
        figure.axes[0].yLimits = (-1, 10)
        #expect(throws: PlotError.invalidLimits(axis: "y", lower: -1, upper: 10)) { try figure.render() }
        figure.axes[0].yLimits = (2, 2)
        #expect(throws: PlotError.self) { try figure.render() }
        let message = PlotError.invalidLimits(axis: "y", lower: -1, upper: 10).description
        #expect(message.contains("y limits") && !message.contains("\n"))
    }

    @Test func emptyAndDegenerateDataStillDraw() throws {
        var figure = try Figure(widthInches: 3, heightInches: 2)
        try figure.addSubplots(rows: 1, columns: 2)
        try figure.axes[0].scatter(x: [], y: [], colors: [])
        try figure.axes[1].line(x: [1, .nan, 2], y: [5, 5, 5])
        let layouts = try figure.layouts()
        #expect(layouts[0].x.lower == 0 && layouts[0].x.upper == 1)
        // A constant y is widened like matplotlib's nonsingular (±5 % of the value) before the margins.
        #expect(abs(layouts[1].y.lower - 4.725) < 1e-12 && abs(layouts[1].y.upper - 5.275) < 1e-12)
        let image = try figure.render()
        #expect(image.width == 300 && image.height == 200)
        // Values around two million get matplotlib's "1e6" offset text.
        try figure.axes[0].line(x: [0, 1], y: [0, 2e6])
        let big = try figure.layouts()[0]
        #expect(big.yOffsetText == "1e6")
        for t in big.yTicks {
            let shown = Double(t.label.text.replacingOccurrences(of: "\u{2212}", with: "-")) ?? .nan
            #expect(abs(shown * 1e6 - t.value) < 1e-6 * max(1, abs(t.value)), "\(t.label) for \(t.value)")
        }
        _ = try figure.render()
    }
}

@Suite struct LineSnappingTests {
    @Test func rectilinearLinesLandOnWholePixelsLikeAgg() throws {
        var figure = try Figure(widthInches: 4, heightInches: 3)
        try figure.addSubplots(rows: 1, columns: 1)
        figure.axes[0].xLimits = (0, 1)
        figure.axes[0].yLimits = (0, 1)
        // 0.72 pt = 1 px at 100 dpi: a horizontal line snapped to a pixel centre covers one row fully.
        try figure.axes[0].line(x: [0.1, 0.9], y: [0.5037, 0.5037], width: 0.72, color: .black)
        let image = try figure.render()
        let layout = try figure.layouts()[0]
        let row = Int(PixelSnapping.snap(layout.y.pixel(0.5037), strokeWidth: 1))
        let x = Int(layout.x.pixel(0.5))
        #expect(image[x, row] == .black)
        #expect(image[x, row - 1] == .white && image[x, row + 1] == .white)
        #expect(AxesRenderer.shouldSnap([Point(0, 0), Point(5, 0), Point(5, 3)]))
        #expect(!AxesRenderer.shouldSnap([Point(0, 0), Point(5, 1)]))
    }
}
