import Foundation

/// Counts what the solvers compute, for tests that a whole path (bounds, palette samples, frames,
/// an export) runs each solver once: bound with `IterationCounter.$current.withValue(counter) { … }`,
/// every `SnapshotIterator` made inside counts into it, and every `SnapshotStore` the bytes it reads
/// back from its temporary file (which a path should read once). Unbound (always, outside such
/// tests) it costs one task-local read per run or store.
package final class IterationCounter: @unchecked Sendable {
    /// The counter that iterators made in this task count into; nil: none counts.
    @TaskLocal package static var current: IterationCounter?

    private let lock = NSLock()
    private var steps = 0
    private var starts = 0
    private var scratchReads = 0

    /// An empty counter.
    package init() {}

    /// The iterations computed (updates of W and H), over every run.
    package var iterations: Int { lock.withLock { steps } }

    /// The runs started (starting snapshots handed out).
    package var runs: Int { lock.withLock { starts } }

    /// The bytes of spilled snapshots read back from `SnapshotStore`s' temporary files.
    package var scratchBytesRead: Int { lock.withLock { scratchReads } }

    func countScratchRead(bytes: Int) { lock.withLock { scratchReads += bytes } }

    func countStart() { lock.withLock { starts += 1 } }

    func countStep() { lock.withLock { steps += 1 } }
}
