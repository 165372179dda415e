import NMF

/// The frames of an animation: see `Animator.frames()`.
///
/// A solver that stops before the schedule's last iteration (its `tolerance` or
/// `maximumIterations`) ends the animation there: its last snapshot becomes the last frame, whether
/// or not the schedule lists that iteration, so the animation ends on the iteration it stopped at.
public struct FrameSequence: Sequence, IteratorProtocol {
    private var iterators: [SnapshotIterator]
    private var losses: [[Double]]
    private let schedule: FrameSchedule

    init(iterators: [SnapshotIterator], schedule: FrameSchedule) {
        self.iterators = iterators
        self.losses = Array(repeating: [], count: iterators.count)
        self.schedule = schedule
    }

    /// The next scheduled frame, or nil once a solver has stopped or the schedule is done.
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
            let stoppedEarly = iterators.contains { $0.stopReason == .converged || $0.stopReason == .maximumIterations }
            if schedule.contains(snapshots[0].iteration) || stoppedEarly {
                if stoppedEarly { iterators = [] }
                return Frame(snapshots: snapshots, losses: losses)
            }
        }
    }
}
