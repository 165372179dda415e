import NMF
import Plot
import Raster
import Testing
@testable import Animation

/// Frames drawn over a scene's static layer against the same frames drawn in full, pixel for pixel.
@Suite struct SharedFigureLayerTests {
    /// The frames a scene shows for the article's data with `solvers` (one per row).
    static func frames(_ scene: any Scene, solvers: [NMFSolver], count: Int = 50) throws -> [Frame] {
        Array(Animator(solvers: solvers, scene: scene, schedule: try FrameSchedule(count: count)).frames())
    }

    static func solver(_ kind: SolverKind = .multiplicative, loss: Loss = .frobenius) throws -> NMFSolver {
        try NMFSolver(NMFConfiguration(data: Dataset.cos2(), loss: loss, solver: kind))
    }

    /// The frames picked for comparison: the first ones (the arrows move most), one in the middle, the last.
    static let picked = [0, 1, 2, 10, 49]

    /// Draws the picked frames one after another into one canvas, as a worker does, and compares each with
    /// `full(frame)`; returns how many of them used the layer.
    static func compare(_ scene: any Scene, frames: [Frame], layered: (Frame, inout Canvas) throws -> Bool,
                        full: (Frame) throws -> Image) throws -> Int {
        var canvas = try Canvas(width: scene.pixelSize.width, height: scene.pixelSize.height)
        var used = 0
        for i in picked {
            if try layered(frames[i], &canvas) { used += 1 }
            let expected = try full(frames[i])
            #expect(canvas.image == expected, "frame \(i) differs from the full render")
            // Through the public entry point too.
            try scene.render(frames[i], into: &canvas, font: nil)
            #expect(canvas.image == expected, "frame \(i) (Scene.render) differs from the full render")
        }
        return used
    }

    static func article(_ style: ArticleScene.Style = ArticleScene.Style(), data: Matrix? = nil) throws -> Int {
        let solver = try solver()
        let scene = try ArticleScene(data: data ?? Dataset.cos2(), style: style)
        let frames = try frames(scene, solvers: [solver])
        let font = try Font.dejaVuSans()
        return try compare(scene, frames: frames, layered: { frame, canvas in
            try scene.render(scene.figure(for: frame.snapshots[0]), into: &canvas, font: font)
        }, full: { try scene.figure(for: $0.snapshots[0]).render() })
    }

    static func panels(_ panels: [Panel], solvers: [NMFSolver], style: ArticleScene.Style) throws -> Int {
        let bounds = LossBounds.covering(solvers: solvers, lastIteration: 49)
        let rows = solvers.count == 1 ? [PanelScene.Row(lossBounds: bounds)]
            : [.init(label: "a", lossBounds: bounds), .init(label: "b", lossBounds: bounds)]
        let scene = try PanelScene(data: Dataset.cos2(), panels: panels, rows: rows, style: style,
                                   overlaysOtherRuns: solvers.count > 1)
        let frames = try frames(scene, solvers: solvers)
        return try compare(scene, frames: frames, layered: { frame, canvas in
            try scene.render(scene.figure(for: frame), into: &canvas, font: nil)
        }, full: { try scene.figure(for: $0).render() })
    }

    @Test func articleFramesAreTheFullRenders() throws {
        #expect(try Self.article() == Self.picked.count)
    }

    @Test func darkTransparentAndScaledFramesAreTheFullRenders() throws {
        var dark = ArticleScene.Style()
        dark.theme = .dark
        dark.theme = dark.theme.withTransparentBackground
        #expect(try Self.article(dark) == Self.picked.count)
        var slide = ArticleScene.Style()
        slide.widthInches = 12.8
        slide.heightInches = 7.2
        slide.scale = 2
        slide.title = "step {iteration}, loss {loss}"
        #expect(try Self.article(slide) == Self.picked.count)
    }

    @Test func panelAndComparisonFramesAreTheFullRenders() throws {
        var wide = ArticleScene.Style()
        wide.widthInches = 15
        #expect(try Self.panels([.data, .reconstruction, .loss], solvers: [Self.solver()], style: wide) == Self.picked.count)
        #expect(try Self.panels([.reconstruction, .data], solvers: [Self.solver()], style: ArticleScene.Style())
                == Self.picked.count)
        var tall = wide
        tall.heightInches = 9
        let mu = try Self.solver(), hals = try Self.solver(.hals), kl = try Self.solver(loss: .kullbackLeibler)
        #expect(try Self.panels([.data, .reconstruction, .loss], solvers: [mu, hals], style: tall) == Self.picked.count)
        #expect(try Self.panels([.data, .reconstruction], solvers: [mu, kl], style: tall) == Self.picked.count)
    }

    /// At 2×1.5 in, three panels crowd: the reconstruction's tick labels reach into the data panel's, so
    /// the order of drawing matters and every frame must be drawn in full — and still be right.
    @Test func crowdedPanelsFallBackToFullRenders() throws {
        var tiny = ArticleScene.Style()
        tiny.widthInches = 2
        tiny.heightInches = 1.5
        #expect(try Self.panels([.data, .reconstruction, .loss], solvers: [Self.solver()], style: tiny) == 0)
    }

    @Test func aSceneWithoutDataPanelsDrawsInFull() throws {
        #expect(try Self.panels([.reconstruction, .loss], solvers: [Self.solver()], style: ArticleScene.Style()) == 0)
    }
}
