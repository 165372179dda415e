import Foundation
import NMF
import Raster

/// Runs a solver and turns its snapshots into frames: rendered on all cores through a bounded queue,
/// handed to a sink strictly in order.
///
/// Memory is bounded by the number of frames in flight (twice the number of jobs), never by the length
/// of the animation. Rendering is a pure function of a snapshot, so the files are byte-identical whatever
/// the number of jobs.
public struct Animator: Sendable {
    /// One solver per run: one for the article's animation, two for a comparison. They run in lockstep.
    public let solvers: [NMFSolver]
    public let scene: any Scene
    /// The iterations shown, in order (for example 0, 1, …, 49, or 0, 5, 10, …).
    public let schedule: FrameSchedule
    /// Worker threads for rendering; 1 renders on the calling thread.
    public let jobs: Int

    public init(solvers: [NMFSolver], scene: any Scene, schedule: FrameSchedule,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.solvers = solvers
        self.scene = scene
        self.schedule = schedule
        self.jobs = max(1, jobs)
    }

    /// The frames, lazily: all solvers advance together, every iteration's loss is recorded, and a frame
    /// is produced for each scheduled iteration.
    public func frames() -> FrameSequence {
        FrameSequence(iterators: solvers.map { $0.makeSnapshots(iterations: schedule.last).makeIterator() },
                      schedule: schedule)
    }

    /// Renders every scheduled frame into `sink` and finishes it; on any error the sink is cancelled,
    /// leaving nothing behind, and the error is rethrown.
    ///
    /// - Parameter progress: called on the calling thread after each frame with the number done.
    /// - Returns: the paths written and where the time went.
    @discardableResult
    public func run<Sink: FrameSink>(into sink: Sink, progress: (Int) -> Void = { _ in }) throws -> RunReport {
        try withoutActuallyEscaping(progress) { try run(into: sink, reporter: ClosureProgress($0)) }
    }

    /// Renders every scheduled frame into `sink`, telling `reporter` after each frame; the reporter may
    /// ask to stop, which cancels the sink (nothing is left behind) and throws `AnimationError.stopped`.
    ///
    /// - Returns: the paths written and where the time went.
    @discardableResult
    public func run<Sink: FrameSink>(into sink: Sink, reporter: some ProgressReporter) throws -> RunReport {
        let total = schedule.count
        var timings = StageTimings()
        let clock = ContinuousClock()
        let scene = scene
        let prepare = sink.prepare
        let drawFrame = sink.drawFrame
        let (width, height) = scene.pixelSize
        // The sink's sample frames go through the pipeline first, so the workers render them side by
        // side and then the first frames while the calling thread hands the samples to the sink (a
        // GIF's palette is chosen from them before its first frame). Frames in flight stay at twice
        // the jobs: 18 (32 MB at 1000×450) overlapped a little more but cost 5,000 more page faults
        // for buffers touched once, 158 ms of task-clock against 147 ms (perf stat, 4 runs each).
        let samples = sampleFrames(count: sink.sampleCount)
        var sampleImages: [Image] = []
        let items = TimedSequence(base: PipelineItems(samples: samples, frames: frames()))
        let pipeline = OrderedPipeline<PipelineItem, PipelineResult<Sink.Prepared>, RenderState>(
            jobs: jobs, lowersWorkers: sink.consumesHeavily)
        var done = 0
        do {
            try pipeline.run(
                items,
                makeState: { try RenderState(width: width, height: height) },
                transform: { state, item in
                    let start = clock.now
                    switch item {
                    case .sample(let frame):
                        try scene.render(frame, into: &state.canvas, font: state.font)
                        return .sample(state.canvas.image, render: clock.now - start)
                    case .frame(let frame):
                        if let drawFrame {
                            // A vector sink draws the scene itself; its time is the frame's render.
                            let prepared = try drawFrame(scene, frame, state.font)
                            return .frame(FrameWork(prepared: prepared, iteration: frame.iteration,
                                                    render: clock.now - start, prepare: .zero))
                        }
                        try scene.render(frame, into: &state.canvas, font: state.font)
                        let rendered = clock.now
                        let prepared = try prepare(state.canvas.image)
                        return .frame(FrameWork(prepared: prepared, iteration: frame.iteration,
                                                render: rendered - start, prepare: clock.now - rendered))
                    }
                },
                consume: { _, result in
                    let start = clock.now
                    switch result {
                    case .sample(let image, let render):
                        timings.samples += render
                        sampleImages.append(image)
                        if sampleImages.count == samples.count {
                            try sink.useSamples(sampleImages)
                            sampleImages = []
                        }
                    case .frame(let work):
                        try sink.add(work.prepared, iteration: work.iteration)
                        timings.render += work.render
                        timings.prepare += work.prepare
                        done += 1
                        if reporter.framesDone(done, of: total) == .stop { throw AnimationError.stopped }
                    }
                    timings.write += clock.now - start
                })
            let start = clock.now
            let paths = try sink.finish()
            timings.write += clock.now - start
            timings.solve = items.elapsed
            timings.sinkStages = sink.stageTimes
            return RunReport(paths: paths, frames: done, timings: timings)
        } catch {
            sink.cancel()
            throw error
        }
    }
}

extension Animator {
    /// The indices (0-based, into the schedule) of `count` frames spread evenly from first to last.
    public static func sampleIndices(count: Int, of total: Int) -> [Int] {
        guard count > 0, total > 0 else { return [] }
        guard count > 1, total > 1 else { return [0] }
        let n = min(count, total)
        var indices: [Int] = []
        for j in 0..<n {
            let i = (j * (total - 1) + (n - 1) / 2) / (n - 1)
            if indices.last != i { indices.append(i) }
        }
        return indices
    }

    /// The sample frames (see `sampleIndices`), running the solvers only as far as the last.
    func sampleFrames(count: Int) -> [Frame] {
        let wanted = Self.sampleIndices(count: count, of: schedule.count)
        guard let last = wanted.last else { return [] }
        var frames: [Frame] = []
        var next = 0
        for (index, frame) in self.frames().enumerated() {
            guard index <= last else { break }
            guard index == wanted[next] else { continue }
            frames.append(frame)
            next += 1
        }
        return frames
    }

}

/// The frames of an animation: see `Animator.frames()`.
public struct FrameSequence: Sequence, IteratorProtocol {
    private var iterators: [SnapshotIterator]
    private var losses: [[Double]]
    private let schedule: FrameSchedule

    init(iterators: [SnapshotIterator], schedule: FrameSchedule) {
        self.iterators = iterators
        self.losses = Array(repeating: [], count: iterators.count)
        self.schedule = schedule
    }

    public mutating func next() -> Frame? {
        guard !iterators.isEmpty else { return nil }
        while true {
            var snapshots: [Snapshot] = []
            snapshots.reserveCapacity(iterators.count)
            for i in iterators.indices {
                guard let snapshot = iterators[i].next() else { return nil }
                losses[i].append(snapshot.loss)
                snapshots.append(snapshot)
            }
            if schedule.contains(snapshots[0].iteration) {
                return Frame(snapshots: snapshots, losses: losses)
            }
        }
    }
}

/// Which iterations an animation shows: `count` frames, every `step`-th iteration from 0.
public struct FrameSchedule: Sendable, Equatable {
    public let count: Int
    public let step: Int

    /// - Throws: `AnimationError.notPositive` for a count or step below 1.
    public init(count: Int, step: Int = 1) throws {
        guard count >= 1 else { throw AnimationError.notPositive(name: "--frames", value: count) }
        guard step >= 1 else { throw AnimationError.notPositive(name: "--every", value: step) }
        let (last, overflow) = (count - 1).multipliedReportingOverflow(by: step)
        guard !overflow, last <= Self.maximumIteration else {
            throw AnimationError.tooManyIterations(last: overflow ? Int.max : last)
        }
        self.init(unchecked: count, step: step, offset: 0)
    }

    /// More iterations than this are surely a typo (as for `factorize`).
    public static let maximumIteration = 1_000_000

    /// One frame showing `iteration`.
    public static func single(_ iteration: Int) throws -> FrameSchedule {
        guard iteration >= 0 else { throw AnimationError.notPositive(name: "--iteration", value: iteration) }
        guard iteration <= maximumIteration else { throw AnimationError.tooManyIterations(last: iteration) }
        return FrameSchedule(unchecked: 1, step: 1, offset: iteration)
    }

    private let offset: Int

    private init(unchecked count: Int, step: Int, offset: Int) {
        self.count = count
        self.step = step
        self.offset = offset
    }

    /// The last iteration shown.
    public var last: Int { offset + (count - 1) * step }

    /// Whether that iteration is shown as a frame.
    public func contains(_ iteration: Int) -> Bool {
        let i = iteration - offset
        return i >= 0 && i % step == 0 && i / step < count
    }
}

/// What a run did: the files written, the number of frames, and where the time went.
public struct RunReport: Sendable {
    public let paths: [String]
    public let frames: Int
    public let timings: StageTimings
}

/// Time spent in each stage. Rendering and preparing (PNG compression) run on several cores: theirs are
/// sums of the time each frame took, which can exceed the wall-clock time of the run.
public struct StageTimings: Sendable {
    public var solve: Duration = .zero
    public var render: Duration = .zero
    /// The sink's per-frame work on the worker threads (PNG compression).
    public var prepare: Duration = .zero
    /// The sink's work on the calling thread (`add` and `finish`), its own stages included.
    public var write: Duration = .zero
    /// Rendering the sample frames a sink asked for (summed over threads, like `render`).
    public var samples: Duration = .zero
    /// Named stages within `write` that the sink measured itself (a GIF's quantize and encode).
    public var sinkStages: [SinkStage] = []
}

/// A worker's reusable canvas and font face.
struct RenderState {
    var canvas: Canvas
    let font: Font

    init(width: Int, height: Int) throws {
        canvas = try Canvas(width: width, height: height)
        font = try Font.dejaVuSans()
    }
}

/// What the pipeline renders: a sample frame for the sink (see `FrameSink.sampleCount`), or a frame.
enum PipelineItem: Sendable {
    case sample(Frame)
    case frame(Frame)
}

/// The samples, then the frames, one at a time: the frames are taken from the solver only as the
/// pipeline asks for them (joining the two with `+` would build an array of every frame first, each
/// holding its loss history: memory growing with the square of the frame count).
struct PipelineItems<Frames: IteratorProtocol<Frame>>: Sequence, IteratorProtocol {
    private var samples: IndexingIterator<[Frame]>
    private var frames: Frames

    init(samples: [Frame], frames: Frames) {
        self.samples = samples.makeIterator()
        self.frames = frames
    }

    mutating func next() -> PipelineItem? {
        if let sample = samples.next() { return .sample(sample) }
        return frames.next().map { .frame($0) }
    }
}

/// A rendered sample frame, or a frame prepared for the sink.
enum PipelineResult<Prepared: Sendable>: Sendable {
    case sample(Image, render: Duration)
    case frame(FrameWork<Prepared>)
}

/// One frame's result on its way to the sink, with how long it took.
struct FrameWork<Prepared: Sendable>: Sendable {
    let prepared: Prepared
    let iteration: Int
    let render: Duration
    let prepare: Duration
}

/// Wraps a sequence and adds up the time spent producing its elements (the solver's time).
final class TimedSequence<Base: Sequence>: Sequence, IteratorProtocol {
    private var iterator: Base.Iterator
    private let clock = ContinuousClock()
    private(set) var elapsed: Duration = .zero

    init(base: Base) { iterator = base.makeIterator() }

    func next() -> Base.Element? {
        let start = clock.now
        defer { elapsed += clock.now - start }
        return iterator.next()
    }
}
