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
}
