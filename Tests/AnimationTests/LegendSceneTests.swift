import NMF
@testable import Plot
import Raster
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

    @Test func colorByComponentColoursEachPointByTheLargestEntryOfItsRowOfW() throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2(), rank: 3)
        let snapshot = try #require(Array(NMFSolver(configuration).makeSnapshots(iterations: 5)).last)
        var style = SceneStyle()
        style.pointColoring = .dominantComponent
        let figure = try ArticleScene(data: Dataset.cos2(), style: style).figure(for: snapshot)
        let axes = figure.axes[1]
        guard case .scatter(let points)? = axes.artists.first else {
            Issue.record("the reconstruction's first artist is not its points")
            return
        }
        let w = snapshot.w
        let want = (0..<w.rows).map { i -> RGBA8 in
            let row = (0..<w.columns).map { w[i, $0] }
            return ColorCycle.color(row.firstIndex(of: row.max()!)!)
        }
        #expect((0..<w.rows).map { points.faceColor($0) } == want)
        // The arrows take the same colours, outlined, and the legend names them.
        let arrows = axes.artists.compactMap { if case .quiver(let q) = $0 { q } else { nil } }
        #expect(arrows.map(\.color) == (0..<3).map { ColorCycle.color($0) })
        #expect(arrows.allSatisfy { $0.edgeColor == style.theme.markerEdgeColor && $0.minimumLength == 10 })
        #expect(axes.legend?.entries.map(\.label) == ["h₁", "h₂", "h₃"])
        // The data panel keeps the article's colours by x.
        #expect(try ArticleScene(data: Dataset.cos2()).figure(for: snapshot).axes[0] == figure.axes[0])
    }

    @Test func dominantComponentsBreakTiesAsNumpysArgmax() throws {
        let w = try Matrix(rows: 4, columns: 3, values: [1, 2, 2, 0, 0, 0, 5, 1, 5, 0, 0, 0.5])
        #expect(PanelArtists.dominantComponents(w) == [1, 0, 0, 2])
    }

    @Test func theArticlesArrowsKeepMatplotlibsLengths() throws {
        let snapshot = try #require(Array(NMFSolver(try NMFConfiguration(data: Dataset.cos2())).makeSnapshots(iterations: 2)).last)
        let figure = try ArticleScene(data: Dataset.cos2()).figure(for: snapshot)
        let arrows = figure.axes[1].artists.compactMap { if case .quiver(let q) = $0 { q } else { nil } }
        #expect(!arrows.isEmpty && arrows.allSatisfy { $0.minimumLength == nil && $0.edgeColor == nil })
    }
}
