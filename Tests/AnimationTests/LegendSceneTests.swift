import NMF
import Plot
import Testing
@testable import Animation

/// Legends in the scenes: the compared runs' loss curves, and the coloured basis vectors.
@Suite struct LegendSceneTests {
    @Test func comparedRunsShareColoursAndALegendInEveryRow() throws {
        var visualization = Visualization(configuration: try NMFConfiguration(data: Dataset.cos2()),
                                          schedule: try FrameSchedule(count: 4))
        visualization.kind = .panels([.reconstruction, .loss])
        visualization.comparison = try RunComparison(.solvers([.multiplicative, .hals]))
        visualization.style.legendLocation = .lowerLeft
        let animator = try visualization.makeAnimator(jobs: 1)
        let scene = try #require(animator.scene as? PanelScene)
        let frame = try #require(Array(animator.frames()).last)
        let figure = try scene.figure(for: frame)
        let want = [Legend.Entry("mu", handle: .line(color: ColorCycle.color(0), widthPoints: 1.5)),
                    Legend.Entry("hals", handle: .line(color: ColorCycle.color(1), widthPoints: 1.5))]
        for row in 0..<2 {
            let axes = figure.axes[try #require(scene.axesIndex(row: row, panel: .loss))]
            #expect(axes.legend == Legend(entries: want, location: .lowerLeft))
            #expect(axes.yLabel == "loss")
        }
        #expect(figure.axes[0].legend == nil)
    }

    @Test func arrowColorsNameTheComponentsAndAreOffByDefault() throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2(), rank: 3)
        let snapshot = try #require(Array(NMFSolver(configuration).makeSnapshots(iterations: 2)).last)
        #expect(try ArticleScene(data: Dataset.cos2()).figure(for: snapshot).axes[1].legend == nil)
        var style = SceneStyle()
        style.arrowColors = true
        let figure = try ArticleScene(data: Dataset.cos2(), style: style).figure(for: snapshot)
        #expect(figure.axes[1].legend?.entries.map(\.label) == ["h₁", "h₂", "h₃"])
        #expect(figure.axes[1].legend?.entries.map(\.handle) == (0..<3).map { .patch(color: ColorCycle.color($0)) })
        #expect(PanelArtists.componentName(11) == "h₁₂")
    }
}
