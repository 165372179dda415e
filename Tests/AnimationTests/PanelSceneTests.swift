import Foundation
import NMF
import Plot
import Raster
import Testing
@testable import Animation

/// The panel scene against matplotlib's geometry and numpy's losses (Fixtures/teach.json).
@Suite struct PanelSceneTests {
    static func articleSolver(_ solver: SolverKind = .multiplicative) throws -> NMFSolver {
        try NMFSolver(NMFConfiguration(data: Dataset.cos2(), solver: solver))
    }

    /// The scene `nmfviz --panels data,reconstruction,loss` draws at the article's defaults, 15×4.5 in.
    static func threePanels(style: ArticleScene.Style? = nil) throws -> (PanelScene, [Frame]) {
        let solver = try articleSolver()
        var s = style ?? ArticleScene.Style()
        if style == nil { s.widthInches = 15 }
        let scene = try PanelScene(
            data: Dataset.cos2(), panels: [.data, .reconstruction, .loss],
            rows: [.init(lossBounds: .covering(solvers: [solver], lastIteration: 49))], style: s)
        let frames = Array(Animator(solvers: [solver], scene: scene, schedule: try FrameSchedule(count: 50)).frames())
        return (scene, frames)
    }

    static func box(_ b: PixelBox) -> [Double] { [b.x0, b.y0, b.x1, b.y1] }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test func dataAndReconstructionDrawTheArticlesFigure() throws {
        let solver = try Self.articleSolver()
        let panels = try PanelScene(data: Dataset.cos2(), panels: [.data, .reconstruction],
                                    rows: [.init(lossBounds: .covering(solvers: [solver], lastIteration: 12))])
        let article = try ArticleScene(data: Dataset.cos2())
        let frame = try #require(Array(Animator(solvers: [solver], scene: panels,
                                                schedule: try FrameSchedule(count: 13)).frames()).last)
        #expect(panels.pixelSize == (1000, 450))
        var a = try Canvas(width: 1000, height: 450)
        var b = try Canvas(width: 1000, height: 450)
        try panels.render(frame, into: &a, font: nil)
        try article.render(frame, into: &b, font: nil)
        #expect(a.image == b.image)
    }

    @Test func threePanelLayoutAndLossAxisAreMatplotlibs() throws {
        let fixture = try TeachFixture.load()
        let (scene, frames) = try Self.threePanels()
        #expect(scene.pixelSize == (1500, 450))
        let figure = try scene.figure(for: frames[49])
        let layouts = try figure.layouts()
        #expect(layouts.count == 3)
        for (layout, expected) in zip(layouts, fixture.panels.boxes) {
            #expect(Self.close(Self.box(layout.box), expected, 1e-9), "\(layout.box) vs \(expected)")
        }
        let loss = layouts[2]
        #expect(loss.y.scale == .log)
        #expect(Self.close([loss.x.lower, loss.x.upper], fixture.panels.xlim, 1e-12))
        #expect(Self.close([loss.y.lower, loss.y.upper], fixture.panels.ylim, 1e-9))
        #expect(loss.yTicks.map(\.value) == fixture.panels.yticks)
        for marker in fixture.panels.markers {
            let point = [loss.x.pixel(Double(marker.iteration)), loss.y.pixel(fixture.mu_losses[marker.iteration])]
            #expect(Self.close(point, marker.pixel, 1e-9), "iteration \(marker.iteration)")
        }
    }

    @Test func lossCurveEndsAtEachFramesSnapshotLoss() throws {
        let fixture = try TeachFixture.load()
        let (scene, frames) = try Self.threePanels()
        #expect(frames.count == 50)
        for frame in frames {
            let curve = scene.lossCurve(for: frame, row: 0)
            #expect(curve.x.count == frame.iteration + 1)
            #expect(curve.x.last == Double(frame.iteration))
            #expect(curve.y.last == frame.snapshots[0].loss)
        }
        let last = scene.lossCurve(for: frames[49], row: 0)
        #expect(Self.close(last.y, fixture.mu_losses, 1e-12))
    }

    /// The red marker's pixels centre on matplotlib's position of (iteration, loss).
    @Test(arguments: [0, 1])
    func currentIterationIsMarkedWhereMatplotlibPutsIt(markerIndex: Int) throws {
        let fixture = try TeachFixture.load()
        let marker = fixture.panels.markers[markerIndex]
        let (scene, frames) = try Self.threePanels()
        let image = try scene.figure(for: frames[marker.iteration]).render()
        let box = fixture.panels.boxes[2]
        let red = try #require(Pixels.centroid(in: image, x0: Int(box[0]), y0: Int(box[1]), x1: Int(box[2]) + 1,
                                               y1: Int(box[3]) + 1) { $0.r > 150 && $0.g < 90 && $0.b < 90 })
        #expect(red.count > 20, "marker pixels: \(red.count)")
        #expect(abs(red.x - marker.pixel[0]) <= 1 && abs(red.y - marker.pixel[1]) <= 1,
                "marker at \(red) vs matplotlib \(marker.pixel)")
    }

    @Test func panelsAreDrawnInTheOrderGiven() throws {
        let solver = try Self.articleSolver()
        let scene = try PanelScene(data: Dataset.cos2(), panels: [.loss, .reconstruction, .data],
                                   rows: [.init(lossBounds: .covering(solvers: [solver], lastIteration: 3))])
        let frame = try #require(Array(Animator(solvers: [solver], scene: scene,
                                                schedule: try FrameSchedule(count: 4)).frames()).last)
        let figure = try scene.figure(for: frame)
        #expect(scene.axesIndex(row: 0, panel: .loss) == 0)
        #expect(scene.axesIndex(row: 0, panel: .data) == 2)
        #expect(figure.axes[0].yScale == .log && figure.axes[0].xLabel == "iteration")
        #expect(figure.axes[1].title == "3")
        #expect(figure.axes[2].yScale == .linear && figure.axes[2].title == nil)
        #expect(figure.axes[0].box.x1 < figure.axes[1].box.x0 && figure.axes[1].box.x1 < figure.axes[2].box.x0)
    }

    @Test func scaleMultipliesThePixelSize() throws {
        for scale in [2.0, 3.0] {
            var style = ArticleScene.Style()
            style.widthInches = 15
            style.scale = scale
            let (scene, frames) = try Self.threePanels(style: style)
            #expect(scene.pixelSize == (Int(1500 * scale), Int(450 * scale)))
            let image = try scene.figure(for: frames[2]).render()
            #expect(image.width == Int(1500 * scale) && image.height == Int(450 * scale))
        }
    }

    @Test func badPanelsAndRowsThrow() throws {
        let bounds = LossBounds(xLimits: (0, 1), yLimits: (1, 10))
        #expect(throws: AnimationError.badValue(.panels, given: "", reason: "choose at least one panel")) {
            try PanelScene(data: Dataset.cos2(), panels: [], rows: [.init(lossBounds: bounds)])
        }
        #expect(throws: AnimationError.badValue(.panels, given: "", reason: "there is no run to draw")) {
            try PanelScene(data: Dataset.cos2(), panels: [.loss], rows: [])
        }
        #expect(throws: AnimationError.self) {
            try PanelScene(data: Dataset.cos2(), panels: [.data], rows: [.init(lossBounds: bounds)], columns: (0, 2))
        }
    }
}
