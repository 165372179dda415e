/// Hears about an animation's progress and may ask it to stop (as gifski's `ProgressReporter`).
///
/// `Animator.run(into:reporter:)` calls it on the calling thread after each frame the sink took.
/// Answering `.stop` cancels the sink, so nothing of the run is left on disk, and the run throws
/// `AnimationError.stopped`.
public protocol ProgressReporter {
    /// `done` frames of `total` are in the sink.
    func framesDone(_ done: Int, of total: Int) -> ProgressDecision
}

/// What a `ProgressReporter` wants after a frame.
public enum ProgressDecision: Sendable, Equatable {
    /// Go on to the next frame.
    case proceed
    /// Stop the run: the sink is cancelled and the run throws `AnimationError.stopped`.
    case stop
}

/// A progress closure that never asks to stop.
struct ClosureProgress: ProgressReporter {
    let body: (Int) -> Void

    init(_ body: @escaping (Int) -> Void) { self.body = body }

    func framesDone(_ done: Int, of total: Int) -> ProgressDecision {
        body(done)
        return .proceed
    }
}
