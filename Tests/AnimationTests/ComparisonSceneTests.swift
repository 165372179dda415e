import Foundation
import NMF
import Plot
import Raster
import Testing
@testable import Animation

/// Two runs as rows of one animation (`nmfviz --compare`), against scikit-learn's HALS losses and
/// matplotlib's 2×2 grid.
@Suite struct ComparisonSceneTests {
    static func solvers() throws -> [NMFSolver] {
        try [SolverKind.multiplicative, .hals].map { try NMFSolver(NMFConfiguration(data: Dataset.cos2(), solver: $0)) }
    }

    static func scene(overlay: Bool, solvers: [NMFSolver]) throws -> PanelScene {
        var style = ArticleScene.Style()
        style.heightInches = 9
        let bounds = LossBounds.covering(solvers: solvers, lastIteration: 49)
        return try PanelScene(data: Dataset.cos2(), panels: [.reconstruction, .loss],
                              rows: [.init(label: "mu", lossBounds: bounds), .init(label: "hals", lossBounds: bounds)],
                              style: style, overlaysOtherRuns: overlay)
    }

    @Test func runsShareTheStartAndHALSFollowsScikitLearn() throws {
        let fixture = try TeachFixture.load()
        let solvers = try Self.solvers()
        #expect(solvers[0].initialW == solvers[1].initialW && solvers[0].initialH == solvers[1].initialH)
        let scene = try Self.scene(overlay: true, solvers: solvers)
        let frames = Array(Animator(solvers: solvers, scene: scene, schedule: try FrameSchedule(count: 50)).frames())
        let last = try #require(frames.last)
        #expect(last.snapshots.map(\.iteration) == [49, 49])
        #expect(last.losses[0][0] == last.losses[1][0])
        #expect(PanelSceneTests.close(last.losses[0], fixture.mu_losses, 1e-12))
        #expect(PanelSceneTests.close(last.losses[1], fixture.hals_losses, 1e-9))
        #expect(scene.lossCurve(for: last, row: 1).y.last == last.snapshots[1].loss)
        // What the class should see: HALS ends far below the multiplicative updates.
        #expect(last.snapshots[1].loss < last.snapshots[0].loss)
    }

    @Test func rowsAndSharedLossAxisAreMatplotlibs() throws {
        let fixture = try TeachFixture.load()
        let scene = try Self.scene(overlay: true, solvers: try Self.solvers())
        #expect(scene.pixelSize == (1000, 900))
        #expect(scene.axesIndex(row: 1, panel: .loss) == 3)
        let bounds = LossBounds.covering(losses: [fixture.mu_losses, fixture.hals_losses], lastIteration: 49)
        #expect(PanelSceneTests.close([bounds.yLimits.lower, bounds.yLimits.upper], fixture.compare.ylim, 1e-9))
        #expect(PanelSceneTests.close([bounds.xLimits.lower, bounds.xLimits.upper], fixture.compare.xlim, 1e-12))
        let frame = Frame(snapshots: [], losses: [])
        let layouts = try scene.figure(for: frame).layouts()
        for (layout, expected) in zip(layouts, fixture.compare.boxes) {
            #expect(PanelSceneTests.close(PanelSceneTests.box(layout.box), expected, 1e-9), "\(layout.box)")
        }
    }

    @Test func titlesNameEachRun() throws {
        let solvers = try Self.solvers()
        let scene = try Self.scene(overlay: true, solvers: solvers)
        let frame = try #require(Array(Animator(solvers: solvers, scene: scene,
                                                schedule: try FrameSchedule(count: 4)).frames()).last)
        let figure = try scene.figure(for: frame)
        #expect(figure.axes[0].title == "mu: 3")
        #expect(figure.axes[2].title == "hals: 3")
        #expect(figure.axes[3].title == "hals loss: " + String(format: "%.4g", frame.snapshots[1].loss))
    }

    /// With the overlay, each loss panel shows both runs, in their colours of the cycle (C0 for mu, C1
    /// for hals, in every row); without, only its own run's curve, in the theme's line colour (C0).
    @Test(arguments: [true, false])
    func otherRunsCurveShowsInItsColourOnlyWhenOverlaid(overlay: Bool) throws {
        let solvers = try Self.solvers()
        let scene = try Self.scene(overlay: overlay, solvers: solvers)
        let frame = try #require(Array(Animator(solvers: solvers, scene: scene,
                                                schedule: try FrameSchedule(count: 50)).frames()).last)
        let image = try scene.figure(for: frame).render()
        for row in 0..<2 {
            let box = try scene.figure(for: frame).axes[try #require(scene.axesIndex(row: row, panel: .loss))].box
            func shows(_ colour: RGBA8) -> Bool {
                Pixels.centroid(in: image, x0: Int(box.x0) + 2, y0: Int(box.y0) + 2, x1: Int(box.x1) - 1,
                                y1: Int(box.y1) - 1) { $0 == colour } != nil
            }
            #expect(shows(ColorCycle.color(0)), "row \(row): C0")
            #expect(shows(ColorCycle.color(1)) == overlay, "row \(row): C1")
            #expect(!shows(PanelArtists.otherRunColor), "row \(row): grey")
        }
    }
}
