import Codecs
import Foundation
import NMF
import Plot
import Raster
import Testing
@testable import Animation

/// Slide-ready looks: a transparent figure background, the dark theme.
@Suite struct SlideStyleTests {
    static func frame(iterations: Int = 10) throws -> Frame {
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let scene = try ArticleScene(data: Dataset.cos2())
        return try #require(Array(Animator(solvers: [solver], scene: scene,
                                           schedule: try FrameSchedule(count: iterations + 1)).frames()).last)
    }

    static func articleScene(theme: Theme) throws -> ArticleScene {
        var style = ArticleScene.Style()
        style.theme = theme
        return try ArticleScene(data: Dataset.cos2(), style: style)
    }

    static func panelScene(theme: Theme) throws -> PanelScene {
        var style = ArticleScene.Style()
        style.theme = theme
        style.widthInches = 15
        return try PanelScene(data: Dataset.cos2(), panels: [.data, .reconstruction, .loss],
                              rows: [.init(lossBounds: LossBounds(xLimits: (0, 10), yLimits: (1, 1000)))], style: style)
    }

    /// Alpha 0 everywhere outside the axes but for ticks and text; the axes faces stay opaque.
    @Test(arguments: [Theme.matplotlib, Theme.dark])
    func transparentBackgroundOutsideTheAxes(theme: Theme) throws {
        let scene = try Self.panelScene(theme: theme.withTransparentBackground)
        let frame = try Self.frame()
        let figure = try scene.figure(for: frame)
        let image = try figure.render()
        let boxes = figure.axes.map(\.box)
        for (x, y) in [(0, 0), (image.width - 1, 0), (0, image.height - 1), (image.width - 1, image.height - 1)] {
            #expect(image[x, y].a == 0, "corner \(x),\(y)")
        }
        // Above the titles, and in the left part of each gap between panels (right of the spine, left of
        // the next panel's y label, which matplotlib puts 13 px right of the reconstruction's spine here):
        // nothing but background.
        for y in 0..<20 { for x in 0..<image.width { #expect(image[x, y].a == 0) } }
        for (left, _) in zip(boxes, boxes.dropFirst()) {
            for y in 0..<image.height {
                for x in (Int(left.x1) + 3)..<(Int(left.x1) + 12) where image[x, y].a != 0 {
                    Issue.record("opaque at \(x),\(y): \(image[x, y])")
                }
            }
        }
        var outside = 0, clear = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let inAxes = boxes.contains { px >= $0.x0 - 2 && px <= $0.x1 + 2 && py >= $0.y0 - 2 && py <= $0.y1 + 2 }
                if inAxes { continue }
                outside += 1
                if image[x, y].a == 0 { clear += 1 }
            }
        }
        #expect(Double(clear) > 0.95 * Double(outside), "\(clear) of \(outside) clear")
        for box in boxes {
            #expect(image[Int(box.x0) + 5, Int(box.y0) + 5].a == 255)
            #expect(image[Int(box.x0) + 5, Int(box.y0) + 5] == theme.axesFace)
        }
    }

    /// Read back from the files: PNG keeps alpha 0; GIF gets a transparent index (checked end to end in
    /// nmfvizTests, which can decode GIFs).
    @Test func transparentPNGKeepsAlpha() throws {
        let scene = try Self.articleScene(theme: Theme.matplotlib.withTransparentBackground)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("teach-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("still.png").path
        let sink = try PNGSink(still: path)
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        try Animator(solvers: [solver], scene: scene, schedule: try .single(4), jobs: 1).run(into: sink)
        let image = try PNGReader().read(path: path)
        #expect(image.width == 1000 && image.height == 450)
        #expect(image[0, 0].a == 0 && image[999, 449].a == 0)
        #expect(image[300, 200] == .white)
    }

    /// Dark slides: black background, the title's glyphs lighter than it.
    @Test(arguments: [false, true])
    func darkThemeTextIsLighterThanItsBackground(panels: Bool) throws {
        let frame = try Self.frame()
        let image: Image
        let box: PixelBox
        if panels {
            let figure = try Self.panelScene(theme: .dark).figure(for: frame)
            (image, box) = (try figure.render(), figure.axes[1].box)
        } else {
            let scene = try Self.articleScene(theme: .dark)
            let figure = try scene.figure(for: frame.snapshots[0])
            (image, box) = (try figure.render(), figure.axes[1].box)
        }
        let background = image[0, 0]
        #expect(Pixels.luma(background) < 30)
        // The title "10" sits centred just above the reconstruction panel.
        var glyph = 0
        var brightest = 0.0
        for y in max(0, Int(box.y0) - 30)..<(Int(box.y0) - 3) {
            for x in (Int(box.centerX) - 20)..<(Int(box.centerX) + 20) where image[x, y] != background {
                glyph += 1
                brightest = max(brightest, Pixels.luma(image[x, y]))
                #expect(Pixels.luma(image[x, y]) > Pixels.luma(background))
            }
        }
        #expect(glyph > 20)
        #expect(brightest > 200)
        // The left spine is light too (it falls on one of the pixels around the box's edge).
        let spine = (Int(box.x0) - 1...Int(box.x0) + 1).map { Pixels.luma(image[$0, Int(box.centerY)]) }.max() ?? 0
        #expect(spine > 100)
    }
}
