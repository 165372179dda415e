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
}
