import Foundation
import NMF
@testable import Plot
import Raster
import Testing
@testable import Animation

@Suite struct FilmstripTests {
    static func style(count: Int) -> ArticleScene.Style {
        var style = ArticleScene.Style()
        (style.widthInches, style.heightInches) = Filmstrip.defaultSize(count: count)
        return style
    }

    @Test(arguments: [(1, 1, 1), (5, 1, 5), (6, 1, 6), (7, 2, 6), (12, 2, 6), (13, 3, 6), (36, 6, 6)])
    func wrapsToAGridPastSix(count: Int, rows: Int, columns: Int) {
        let grid = Filmstrip.grid(count: count)
        #expect(grid.rows == rows && grid.columns == columns)
    }

    @Test func oneRowOfSixIsTheExpectedSizeWithPanelsInOrder() throws {
        let iterations = [0, 1, 2, 5, 10, 49]
        let strip = try Filmstrip(data: Dataset.cos2(), iterations: iterations, style: Self.style(count: 6))
        #expect(strip.pixelSize == (1580, 280))
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let snapshots = strip.snapshots(solver: solver)
        #expect(snapshots.map(\.iteration) == iterations)
        let figure = try strip.figure(for: snapshots)
        #expect(figure.axes.map(\.title) == iterations.map(String.init))
        for (a, b) in zip(figure.axes, figure.axes.dropFirst()) {
            #expect(a.box.x1 < b.box.x0 && a.box.y0 == b.box.y0)
        }
        let image = try strip.image(solver: solver)
        #expect(image.width == 1580 && image.height == 280)
    }

    /// Labels and large text: every panel labelled as a reconstruction, the grid laid out as
    /// tight_layout would (so that the labels fit), also for a short last row.
    @Test(arguments: [6, 7])
    func labelsAndFontSizeMakeRoomAsTheOtherScenesDo(count: Int) throws {
        let iterations = Array(0..<count)
        let plain = try Filmstrip(data: Dataset.cos2(), iterations: iterations, style: Self.style(count: count))
        var style = Self.style(count: count)
        style.xLabels[.reconstruction] = "x"
        style.yLabels[.reconstruction] = "cos²(x) + 1"
        let labelled = try Filmstrip(data: Dataset.cos2(), iterations: iterations, style: style)
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let figure = try labelled.figure(for: labelled.snapshots(solver: solver))
        #expect(figure.axes.count == count)
        #expect(figure.axes.allSatisfy { $0.xLabel == "x" && $0.yLabel == "cos²(x) + 1" })
        let before = try plain.figure(for: plain.snapshots(solver: solver))
        try Self.expectDecorationsFit(figure)
        #expect(figure.axes.map(\.box) != before.axes.map(\.box))

        var big = Self.style(count: count)
        big.theme = try big.theme.withFontSize(16)
        big.makesRoomForText = true
        let large = try Filmstrip(data: Dataset.cos2(), iterations: iterations, style: big)
        let largeFigure = try large.figure(for: large.snapshots(solver: solver))
        #expect(largeFigure.axes[0].box != before.axes[0].box)
        try Self.expectDecorationsFit(largeFigure)
    }

    /// Every panel's tick labels, axis labels and title lie inside the figure and off the other panels.
    static func expectDecorationsFit(_ figure: Figure) throws {
        let layouts = try figure.layouts()
        let context = RenderContext(theme: figure.theme, pixelsPerPoint: figure.pixelsPerPoint, dpi: figure.effectiveDPI,
                                    font: try Figure.defaultFont())
        let (w, h) = (Double(figure.pixelWidth), Double(figure.pixelHeight))
        for (i, layout) in layouts.enumerated() {
            let renderer = AxesRenderer(axes: figure.axes[i], layout: layout, context: context)
            let ticks = try renderer.tickLabelBounds(), labels = try renderer.labelBoxes()
            for box in [ticks.x, ticks.y, labels.title, labels.x, labels.y].compactMap({ $0 }) {
                #expect(box.x0 >= 0 && box.y0 >= 0 && box.x1 <= w && box.y1 <= h, "panel \(i): \(box) outside \(w)×\(h)")
                for (j, other) in layouts.enumerated() where j != i {
                    let o = other.box
                    #expect(box.x1 <= o.x0 || box.x0 >= o.x1 || box.y1 <= o.y0 || box.y0 >= o.y1,
                            "panel \(i)'s text \(box) covers panel \(j) \(o)")
                }
            }
        }
    }

    @Test func nineIterationsWrapOnMatplotlibsGrid() throws {
        let fixture = try TeachFixture.load()
        let size = Filmstrip.defaultSize(count: 9)
        #expect(PanelSceneTests.close([size.widthInches, size.heightInches], fixture.filmstrip.figure, 1e-12))
        let iterations = [0, 1, 2, 3, 4, 5, 10, 20, 49]
        let strip = try Filmstrip(data: Dataset.cos2(), iterations: iterations, style: Self.style(count: 9))
        #expect(strip.pixelSize == (1580, 540))
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let layouts = try strip.figure(for: strip.snapshots(solver: solver)).layouts()
        #expect(layouts.count == 9)
        for (layout, expected) in zip(layouts, fixture.filmstrip.boxes) {
            #expect(PanelSceneTests.close(PanelSceneTests.box(layout.box), expected, 1e-9), "\(layout.box)")
        }
    }

    @Test func keepsTheOrderGivenAndRepeats() throws {
        let strip = try Filmstrip(data: Dataset.cos2(), iterations: [5, 0, 5], style: Self.style(count: 3))
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        #expect(strip.snapshots(solver: solver).map(\.iteration) == [5, 0, 5])
    }

    @Test func badIterationsThrow() throws {
        let style = Self.style(count: 1)
        #expect(throws: AnimationError.badValue(.filmstrip, given: "", reason: "give at least one iteration")) {
            try Filmstrip(data: Dataset.cos2(), iterations: [], style: style)
        }
        #expect(throws: AnimationError.self) {
            try Filmstrip(data: Dataset.cos2(), iterations: [3, -1], style: style)
        }
        #expect(throws: AnimationError.self) {
            try Filmstrip(data: Dataset.cos2(), iterations: Array(0...Filmstrip.maximumPanels), style: style)
        }
        let strip = try Filmstrip(data: Dataset.cos2(), iterations: [1, 2], style: style)
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        #expect(throws: AnimationError.self) {
            try strip.figure(for: Array(solver.makeSnapshots(iterations: 0)))
        }
    }
}
