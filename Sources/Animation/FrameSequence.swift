import NMF

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
