/// Time spent in each stage. Rendering and preparing (PNG compression) run on several cores: theirs are
/// sums of the time each frame took, which can exceed the wall-clock time of the run.
public struct StageTimings: Sendable {
    /// Running the solvers for the frames.
    public var solve: Duration = .zero
    /// Running the solvers as far as the last sample frame, before the frames (a GIF's palette).
    public var sampleSolve: Duration = .zero
    /// Running the solvers once before the animation to find limits that hold for every frame
    /// (`Visualization.makeScene`), when the caller measured it.
    public var boundsSolve: Duration = .zero
    /// Every solver run: the frames', the samples' and the bounds' pre-runs.
    public var allSolves: Duration { solve + sampleSolve + boundsSolve }
    /// Rendering the frames (summed over the worker threads).
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
