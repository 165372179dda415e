import Codecs
import Foundation
import NMF
import Testing
@testable import Animation

/// The README's "From Swift" example, run as written (into a temporary folder).
@Suite struct LibraryExampleTests {
    @Test func theReadmeExampleMakesTheArticlesGIF() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nmfviz-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("NMF_cos2.gif").path

        let data = Dataset.cos2()
        let solver = try NMFSolver(NMFConfiguration(data: data, rank: 2))
        var losses: [Double] = []
        for snapshot in solver.makeSnapshots(iterations: 50) {
            losses.append(snapshot.loss)
        }
        let scene = try ArticleScene(data: data)
        let animator = Animator(solvers: [solver], scene: scene, schedule: try FrameSchedule(count: 50))
        let gif = try GIFSink(path: path, width: 1000, height: 450, delay: .milliseconds(200), options: GIFOptions())
        try animator.run(into: gif)

        #expect(losses.count == 51)
        #expect(abs(losses[0] - 377.7359) < 1e-4)
        #expect(abs(losses[50] - 0.3930) < 1e-4)
        let playback = try GIFPlayback(path: path)
        #expect(playback.frames.count == 50 && playback.width == 1000 && playback.height == 450)
    }

    /// The README's teaching views through `Visualization`, as written there, checked against the
    /// scenes the command draws (sizes, rows, the comparison's runs).
    @Test func theReadmeVisualizationsBuild() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nmfviz-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let data = Dataset.cos2()
        let configuration = try NMFConfiguration(data: data, rank: 2)
        var article = Visualization(configuration: configuration)
        article.usesArticleBounds = true
        article.schedule = try FrameSchedule(count: 3)
        let path = folder.appendingPathComponent("NMF_cos2.gif").path
        let gif = try OutputTarget.parse(path).makeSink(width: 1000, height: 450, settings: SinkSettings())
        try article.makeAnimator().run(into: gif)
        #expect(try GIFPlayback(path: path).frames.count == 3)

        var loss = article
        loss.kind = .panels([.data, .reconstruction, .loss])
        loss.style.widthInches = 15
        #expect(try loss.makeScene().scene.pixelSize == (1500, 450))

        var compare = article
        compare.kind = .panels([.reconstruction, .loss])
        compare.comparison = try RunComparison(.solvers([.multiplicative, .hals]))
        compare.style.heightInches = 9
        let (scene, solvers) = try compare.makeScene()
        #expect(solvers.map(\.configuration.solver) == [.multiplicative, .hals])
        #expect(scene.pixelSize == (1000, 900))

        let strip = try article.filmstrip(iterations: [0, 1, 2, 5, 10, 49])
        #expect(strip.width == 1000 && strip.height == 450)   // the style's size, as every scene

        var digits = Visualization(configuration: try NMFConfiguration(
            data: try DigitsDataset.load().images, rank: 16, initialization: .nndsvda),
            schedule: try FrameSchedule(count: 51, step: 4))
        digits.kind = .images(shape: .digits, samples: nil)
        #expect(try digits.makeScene().scene is BasisImagesScene)

        #expect(throws: NMFError.self) {
            var bad = compare
            bad.configuration = try NMFConfiguration(data: data, rank: 2, loss: .kullbackLeibler)
            _ = try bad.makeScene()
        }
    }
}
