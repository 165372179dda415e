import Foundation
import NMF
import Raster
import Testing
@testable import Animation

/// A sink that asks for palette samples, like a GIF, and keeps every frame.
private final class SamplingSink: FrameSink {
    let sampleCount: Int
    var frames: [Int: Image] = [:]
    var samples: [Image] = []

    init(sampleCount: Int) { self.sampleCount = sampleCount }

    var prepare: @Sendable (Image) throws -> Image { { $0 } }
    func useSamples(_ images: [Image]) throws { samples = images }
    func add(_ frame: Image, iteration: Int) throws { frames[iteration] = frame }
    func finish() throws -> [String] { [] }
    func cancel() {}
}

/// A render runs each solver once: the limits, the palette samples and the frames all come from one
/// run (`FrameRecording`). Before, the solver ran up to three times (limits, samples, frames), and
/// the counts here were up to three times larger.
@Suite struct SolverRunsOnceTests {
    /// 60 rows of 4 columns, not the article's: the limits come from the run.
    static func data() throws -> Matrix {
        var state: UInt64 = 5
        let values = (0..<240).map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 3 + 0.01
        }
        return try Matrix(rows: 60, columns: 4, values: values)
    }

    static func visualization(frames: Int = 12) throws -> Visualization {
        var v = Visualization(configuration: try NMFConfiguration(data: data(), rank: 2),
                              schedule: try FrameSchedule(count: frames))
        v.style.widthInches = 3
        v.style.heightInches = 1.5
        v.style.dpi = 50
        return v
    }

    /// Runs `body` with a counter bound, returning (iterations, runs).
    static func counted(_ body: () throws -> Void) rethrows -> (iterations: Int, runs: Int) {
        let counter = IterationCounter()
        try IterationCounter.$current.withValue(counter) { try body() }
        return (counter.iterations, counter.runs)
    }

    @Test func articleWithLimitsAndSamples() throws {
        let v = try Self.visualization()
        let count = try Self.counted { try v.makeAnimator(jobs: 2).run(into: SamplingSink(sampleCount: 4)) }
        #expect(count.iterations == 11 && count.runs == 1)
    }

    /// The article's own data need no limits: with samples the run is recorded, without it streams.
    @Test(arguments: [0, 4])
    func articleOwnLimits(samples: Int) throws {
        var v = Visualization(configuration: try NMFConfiguration(data: Dataset.cos2()), schedule: try FrameSchedule(count: 12))
        v.usesArticleBounds = true
        v.style.dpi = 30
        let count = try Self.counted { try v.makeAnimator(jobs: 2).run(into: SamplingSink(sampleCount: samples)) }
        #expect(count.iterations == 11 && count.runs == 1)
    }

    @Test func comparisonOfTwoSolvers() throws {
        var v = try Self.visualization()
        v.kind = .panels([.reconstruction, .loss])
        v.comparison = try RunComparison(.solvers([.multiplicative, .hals]))
        let count = try Self.counted { try v.makeAnimator(jobs: 2).run(into: SamplingSink(sampleCount: 4)) }
        #expect(count.iterations == 2 * 11 && count.runs == 2)
    }

    /// A still at iteration 3 takes the limits of the 12-frame animation: the run goes to 11 once.
    @Test func stillWithTheAnimationsLimits() throws {
        var v = try Self.visualization()
        v.schedule = try .single(3)
        v.limitsSchedule = try FrameSchedule(count: 12)
        let sink = SamplingSink(sampleCount: 0)
        let count = try Self.counted { try v.makeAnimator(jobs: 1).run(into: sink) }
        #expect(count.iterations == 11 && count.runs == 1)
        #expect(Array(sink.frames.keys) == [3])
    }

    @Test func imagesWithSamples() throws {
        var v = try Self.visualization()
        v.kind = .images(shape: try ImageShape(height: 2, width: 2), samples: 2)
        let count = try Self.counted { try v.makeAnimator(jobs: 2).run(into: SamplingSink(sampleCount: 3)) }
        #expect(count.iterations == 11 && count.runs == 1)
    }

    /// The recorded frames are those `FrameSequence` makes, bit for bit, whether they stayed in memory
    /// or went to the temporary file; also for a comparison, and for a run a stopping rule ends early.
    @Test(arguments: [0, 1 << 30])
    func recordedFramesAreTheSequencesFrames(budget: Int) throws {
        let data = try Self.data()
        let cases: [[NMFConfiguration]] = [
            [try NMFConfiguration(data: data, rank: 2)],
            [try NMFConfiguration(data: data, rank: 2), try NMFConfiguration(data: data, rank: 2, solver: .hals)],
            [try NMFConfiguration(data: data, rank: 2, tolerance: 0.05)],
        ]
        let schedule = try FrameSchedule(count: 40, step: 3)
        for configurations in cases {
            let solvers = try configurations.map(NMFSolver.init)
            let live = Array(FrameSequence(iterators: solvers.map { $0.makeSnapshots(iterations: schedule.last).makeIterator() },
                                           schedule: schedule))
            let recording = try FrameRecording(solvers: solvers, schedule: schedule, budget: budget)
            let recorded = Array(recording.frames())
            try recording.checkFrames()
            #expect(recorded.count == live.count)
            #expect(recording.spilledBytes > 0 || budget > 0)
            for (a, b) in zip(recorded, live) {
                #expect(a.snapshots == b.snapshots)
                #expect(a.losses.map { $0.map(\.bitPattern) } == b.losses.map { $0.map(\.bitPattern) })
            }
        }
    }

    /// When one run of a comparison stops early, the others go on to their own ends for their losses
    /// (which the loss panels and the HTML player show), also when the frames that end on the stop
    /// are as many as the schedule's: before, the recording then ended every run at the stop.
    @Test func otherRunsGoOnPastAnEarlyStop() throws {
        let data = try Self.data()
        let stopping = try NMFConfiguration(data: data, rank: 2, tolerance: 0.05)
        let stop = try #require(Array(try NMFSolver(stopping).makeSnapshots(iterations: 1000)).last?.iteration)
        try #require(stop >= 3 && stop < 1000)
        // Frames 0, stop − 1 and the stop itself: three, as many as the schedule's 0, stop − 1, 2·(stop − 1).
        let schedule = try FrameSchedule(count: 3, step: stop - 1)
        let solvers = [try NMFSolver(try NMFConfiguration(data: data, rank: 2)), try NMFSolver(stopping)]
        let counter = IterationCounter()
        let recording = try IterationCounter.$current.withValue(counter) {
            try FrameRecording(solvers: solvers, schedule: schedule)
        }
        #expect(recording.count == 3)
        #expect(recording.losses.map(\.count) == [schedule.last + 1, stop + 1])
        #expect(counter.iterations == schedule.last + stop)
    }

    /// Spilling every snapshot changes no pixel.
    @Test func spilledFramesDrawTheSamePixels() throws {
        var v = try Self.visualization()
        v.kind = .panels([.reconstruction, .loss])
        var images: [[Int: Image]] = []
        for budget in [0, 1 << 30] {
            let (scene, solvers, recording) = try v.makeRecordedScene(budget: budget)
            let sink = SamplingSink(sampleCount: 4)
            try Animator(solvers: solvers, scene: scene, schedule: v.schedule, jobs: 2, recording: recording).run(into: sink)
            images.append(sink.frames)
        }
        #expect(images[0].count == 12)
        for (iteration, image) in images[0] { #expect(image.pixels == images[1][iteration]?.pixels) }
    }
}
