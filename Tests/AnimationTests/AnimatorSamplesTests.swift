import Foundation
import NMF
import Raster
import Testing
@testable import Animation

/// A sink that records what it is given, in order.
private final class RecordingSink: FrameSink {
    let sampleCount: Int
    let consumesHeavily: Bool
    var events: [String] = []
    var samples: [Image] = []
    var frames: [Int: Image] = [:]

    init(sampleCount: Int, consumesHeavily: Bool) {
        self.sampleCount = sampleCount
        self.consumesHeavily = consumesHeavily
    }

    var prepare: @Sendable (Image) throws -> Image { { $0 } }

    func useSamples(_ images: [Image]) throws {
        events.append("samples \(images.count)")
        samples = images
    }

    func add(_ frame: Image, iteration: Int) throws {
        events.append("frame \(iteration)")
        frames[iteration] = frame
    }

    func finish() throws -> [String] { [] }
    func cancel() {}
}

@Suite struct AnimatorSamplesTests {
    static var smallStyle: ArticleScene.Style {
        var style = ArticleScene.Style()
        style.widthInches = 4
        style.heightInches = 2
        return style
    }

    /// The samples, rendered by the workers ahead of the frames, reach the sink once, before the
    /// first frame, and are exactly the frames at the sample positions; every frame follows in order.
    @Test(arguments: [1, 2, 3])
    func samplesComeFirstAndAreTheFramesAtTheirPositions(jobs: Int) throws {
        let data = Dataset.cos2()
        let solver = try NMFSolver(NMFConfiguration(data: data, rank: 2))
        let scene = try ArticleScene(data: data, style: Self.smallStyle)
        let animator = Animator(solvers: [solver], scene: scene, schedule: try FrameSchedule(count: 9, step: 2), jobs: jobs)
        let sink = RecordingSink(sampleCount: 4, consumesHeavily: jobs == 2)
        let report = try animator.run(into: sink)

        #expect(report.frames == 9)
        #expect(sink.events == ["samples 4"] + (0..<9).map { "frame \(2 * $0)" })
        let positions = Animator.sampleIndices(count: 4, of: 9)
        #expect(positions == [0, 3, 5, 8])
        #expect(sink.samples.count == positions.count)
        for (sample, position) in zip(sink.samples, positions) {
            #expect(sample.pixels == sink.frames[2 * position]?.pixels)
        }
    }

    /// Without samples the sink hears only of frames.
    @Test func noSamplesNoCall() throws {
        let data = Dataset.cos2()
        let solver = try NMFSolver(NMFConfiguration(data: data, rank: 2))
        let scene = try ArticleScene(data: data, style: Self.smallStyle)
        let sink = RecordingSink(sampleCount: 0, consumesHeavily: false)
        try Animator(solvers: [solver], scene: scene, schedule: try FrameSchedule(count: 3), jobs: 2).run(into: sink)
        #expect(sink.events == ["frame 0", "frame 1", "frame 2"])
    }
}

/// Frames that count how many were taken.
private struct CountingFrames: IteratorProtocol {
    let frame: Frame
    let taken: UnsafeMutablePointer<Int>
    mutating func next() -> Frame? {
        taken.pointee += 1
        return frame
    }
}

@Suite struct PipelineItemsTests {
    /// The samples come first, then the frames, and a frame is taken from its sequence only when
    /// asked for: the solver must not run ahead of the pipeline (an eager join kept every frame, each
    /// with its loss history, and memory grew with the square of the frame count).
    @Test func samplesFirstThenFramesOnlyAsAskedFor() throws {
        let data = Dataset.cos2()
        let solver = try NMFSolver(NMFConfiguration(data: data, rank: 2))
        let frames = Array(Animator(solvers: [solver], scene: try ArticleScene(data: data),
                                    schedule: try FrameSchedule(count: 3)).frames())
        let taken = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        defer { taken.deallocate() }
        taken.pointee = 0
        var items = PipelineItems(samples: [frames[0], frames[2]], frames: CountingFrames(frame: frames[1], taken: taken))
        var kinds: [String] = []
        for _ in 0..<2 {
            if case .sample(let frame)? = items.next() { kinds.append("sample \(frame.iteration)") }
        }
        #expect(kinds == ["sample 0", "sample 2"])
        #expect(taken.pointee == 0)
        for n in 1...5 {
            guard case .frame(let frame)? = items.next() else { Issue.record("expected a frame"); return }
            #expect(frame.iteration == 1)
            #expect(taken.pointee == n)
        }
    }
}

/// A solver that stops early ends the animation on the iteration it stopped at.
@Suite struct StoppedSolverFramesTests {
    @Test func lastFrameIsTheStoppingIteration() throws {
        let data = Dataset.cos2()
        let stopping = try NMFSolver(NMFConfiguration(data: data, rank: 2, maximumIterations: 23))
        let frames = Array(Animator(solvers: [stopping], scene: try ArticleScene(data: data),
                                    schedule: try FrameSchedule(count: 10, step: 5)).frames())
        // Scheduled 0, 5, …, 45: frames up to 20, then the stopping iteration 23 although unscheduled.
        #expect(frames.map(\.iteration) == [0, 5, 10, 15, 20, 23])
        let converging = try NMFSolver(NMFConfiguration(data: data, rank: 2, tolerance: 1e-3))
        let last = try #require(Array(Animator(solvers: [converging], scene: try ArticleScene(data: data),
                                               schedule: try FrameSchedule(count: 1000)).frames()).last)
        #expect(last.iteration % 10 == 0 && last.iteration < 999)
    }
}
