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
    /// The picture each frame is rendered through.
    public let scene: any Scene
    /// The iterations shown, in order (for example 0, 1, …, 49, or 0, 5, 10, …).
    public let schedule: FrameSchedule
    /// Worker threads for rendering; 1 renders on the calling thread.
    public let jobs: Int
    /// The solvers' one run, made before the frames (for the scene's limits), whose frames are drawn
    /// instead of running the solvers again; nil: `run(into:)` records one itself when the sink asks
    /// for samples, else streams the frames straight from the solvers.
    let recording: FrameRecording?

    /// Creates an animator; nothing runs until `frames()` or `run(into:)`.
    ///
    /// - Parameters:
    ///   - solvers: One solver per run, advanced in lockstep.
    ///   - scene: The picture each frame is rendered through.
    ///   - schedule: The iterations shown.
    ///   - jobs: Worker threads for rendering; values below 1 are taken as 1.
    public init(solvers: [NMFSolver], scene: any Scene, schedule: FrameSchedule, jobs: Int = Animator.defaultJobs) {
        self.init(solvers: solvers, scene: scene, schedule: schedule, jobs: jobs, recording: nil)
    }

    /// An animator that draws `recording`'s frames (the run of `solvers` over `schedule`), if given.
    package init(solvers: [NMFSolver], scene: any Scene, schedule: FrameSchedule, jobs: Int = Animator.defaultJobs,
                 recording: FrameRecording?) {
        self.solvers = solvers
        self.scene = scene
        self.schedule = schedule
        self.jobs = max(1, jobs)
        self.recording = recording
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
    /// - Parameters:
    ///   - sink: where the frames go; it is finished on success and cancelled on failure.
    ///   - progress: called on the calling thread after each frame with the number done.
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
        //
        // The samples come before the frames, so the solvers' run is recorded first and both are
        // taken from it: each solver runs once. Without samples or limits, nothing needs the run
        // ahead, and the frames stream from the solvers as the pipeline asks for them.
        let recording = try self.recording
            ?? (sink.sampleCount > 0 ? FrameRecording(solvers: solvers, schedule: schedule) : nil)
        let samples = try recording.map { try Self.sampleFrames(count: sink.sampleCount, of: $0) } ?? []
        var sampleImages: [Image] = []
        let reusable = SampleImages()
        let frames: AnyIterator<Frame> = recording.map { AnyIterator($0.frames()) } ?? AnyIterator(self.frames())
        let items = TimedSequence(base: PipelineItems(samples: samples, frames: frames))
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
                        if drawFrame == nil { reusable.store(state.canvas.image, iteration: frame.iteration) }
                        return .sample(state.canvas.image, render: clock.now - start)
                    case .frame(let frame):
                        if let drawFrame {
                            // A vector sink draws the scene itself; its time is the frame's render.
                            let prepared = try drawFrame(scene, frame, state.font)
                            return .frame(FrameWork(prepared: prepared, iteration: frame.iteration,
                                                    render: clock.now - start, prepare: .zero))
                        }
                        let image: Image
                        if let sample = reusable.take(iteration: frame.iteration) {
                            image = sample
                        } else {
                            try scene.render(frame, into: &state.canvas, font: state.font)
                            image = state.canvas.image
                        }
                        let rendered = clock.now
                        let prepared = try prepare(image)
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
                            try sink.useSamples(sampleImages, plotColors: scene.plotColors)
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
            // The snapshots end early only when one was not finite: say which, and keep no file.
            if done < schedule.count {
                if let recording {
                    try recording.checkFrames()
                    if let failure = recording.failure { throw failure }
                } else {
                    for solver in solvers { try solver.checkSnapshots(iterations: schedule.last) }
                }
            }
            let start = clock.now
            let paths = try sink.finish()
            timings.write += clock.now - start
            timings.solve = items.elapsed + (recording?.elapsed ?? .zero)
            timings.sinkStages = sink.stageTimes
            return RunReport(paths: paths, frames: done, timings: timings)
        } catch {
            sink.cancel()
            throw error
        }
    }
}

extension Animator {
    /// One render thread per core.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

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

    /// The sample frames (see `sampleIndices`), taken from the recorded run.
    ///
    /// - Throws: `NMFError.scratchFileFailed` when a spilled frame cannot be read back.
    static func sampleFrames(count: Int, of recording: FrameRecording) throws -> [Frame] {
        try sampleIndices(count: count, of: recording.schedule.count).filter { $0 < recording.count }
            .map { try recording.frame(at: $0) }
    }
}
