import NMF
import Testing
@testable import Animation

/// Axis labels: the loss panel's own, the style's per panel, and a CSV header's column names.
@Suite struct AxisLabelTests {
    static func frame(_ scene: some Scene, solver: NMFSolver, iterations: Int = 3) throws -> Frame {
        try #require(Array(Animator(solvers: [solver], scene: scene,
                                    schedule: try FrameSchedule(count: iterations + 1)).frames()).last)
    }

    @Test func theLossPanelIsLabelledAndPointPanelsAreNotByDefault() throws {
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let scene = try PanelScene(data: Dataset.cos2(), panels: [.data, .reconstruction, .loss],
                                   rows: [.init(lossBounds: .covering(solvers: [solver], lastIteration: 3))])
        let figure = try scene.figure(for: Self.frame(scene, solver: solver))
        #expect(figure.axes[0].xLabel == nil && figure.axes[0].yLabel == nil)
        #expect(figure.axes[1].xLabel == nil && figure.axes[1].yLabel == nil)
        #expect(figure.axes[2].xLabel == "iteration" && figure.axes[2].yLabel == "loss")
    }

    @Test func theStyleLabelsEachPanelAndAnEmptyLabelRemovesOne() throws {
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        var style = SceneStyle()
        style.widthInches = 15
        style.xLabels = [.data: "x", .loss: ""]
        style.yLabels = [.reconstruction: "ŷ", .loss: "‖Y − WH‖²"]
        let scene = try PanelScene(data: Dataset.cos2(), panels: [.data, .reconstruction, .loss],
                                   rows: [.init(lossBounds: .covering(solvers: [solver], lastIteration: 3))], style: style)
        let figure = try scene.figure(for: Self.frame(scene, solver: solver))
        #expect(figure.axes[0].xLabel == "x" && figure.axes[0].yLabel == nil)
        #expect(figure.axes[1].xLabel == nil && figure.axes[1].yLabel == "ŷ")
        #expect(figure.axes[2].xLabel == nil && figure.axes[2].yLabel == "‖Y − WH‖²")
    }

    @Test func columnNamesLabelThePointPanelsUnlessTheStyleDoes() throws {
        let data = try Matrix(rows: 3, columns: 3, values: [1, 2, 3, 2, 1, 4, 3, 3, 1])
        var visualization = Visualization(configuration: try NMFConfiguration(data: data, rank: 1),
                                          schedule: try .single(2))
        visualization.columns = (2, 0)
        visualization.columnNames = ["a", "b", "c"]
        visualization.style.yLabels = [.reconstruction: "mine"]
        let (scene, solvers) = try visualization.makeScene()
        let article = try #require(scene as? ArticleScene)
        let snapshot = try #require(Array(solvers[0].makeSnapshots(iterations: 2)).last)
        let figure = try article.figure(for: snapshot)
        #expect(figure.axes[0].xLabel == "c" && figure.axes[0].yLabel == "a")
        #expect(figure.axes[1].xLabel == "c" && figure.axes[1].yLabel == "mine")
        // Names that do not cover the plotted columns label nothing.
        visualization.columnNames = ["a"]
        visualization.style.yLabels = [:]
        let other = try #require(visualization.makeScene().scene as? ArticleScene)
        #expect(try other.figure(for: snapshot).axes[0].xLabel == nil)
    }

    @Test func largeTextGetsRoomWhenAsked() throws {
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        var style = SceneStyle()
        (style.widthInches, style.heightInches) = (12.8, 7.2)
        style.theme = try style.theme.withFontSize(20)
        let rows = [PanelScene.Row(lossBounds: .covering(solvers: [solver], lastIteration: 3))]
        let plain = try PanelScene(data: Dataset.cos2(), panels: [.reconstruction, .loss], rows: rows, style: style)
        style.makesRoomForText = true
        let roomy = try PanelScene(data: Dataset.cos2(), panels: [.reconstruction, .loss], rows: rows, style: style)
        let frame = try Self.frame(plain, solver: solver)
        let a = try plain.figure(for: frame).axes, b = try roomy.figure(for: frame).axes
        // matplotlib's grid leaves 0.2 × the axes width between panels, too little for 20 pt log labels
        // and a y label; the tight layout widens the gap and uses the figure's spare margins.
        #expect(b[1].box.x0 - b[0].box.x1 > a[1].box.x0 - a[0].box.x1 + 20)
        #expect(b[0].box.x0 < a[0].box.x0 && b[1].box.x1 > a[1].box.x1)
        #expect(b.allSatisfy { $0.box.x0 > 0 && $0.box.y0 > 0 && $0.box.x1 < 1280 && $0.box.y1 < 720 })
    }
}
