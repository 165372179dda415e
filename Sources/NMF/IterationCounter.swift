import Foundation

/// Counts what the solvers compute, for tests that a whole path (bounds, palette samples, frames,
/// an export) runs each solver once: bound with `IterationCounter.$current.withValue(counter) { … }`,
/// every `SnapshotIterator` made inside counts into it. Unbound (always, outside such tests) it
/// costs one task-local read per run.
package final class IterationCounter: @unchecked Sendable {
    /// The counter that iterators made in this task count into; nil: none counts.
    @TaskLocal package static var current: IterationCounter?

    private let lock = NSLock()
    private var steps = 0
    private var starts = 0

    /// An empty counter.
    package init() {}

    /// The iterations computed (updates of W and H), over every run.
    package var iterations: Int { lock.withLock { steps } }

    /// The runs started (starting snapshots handed out).
    package var runs: Int { lock.withLock { starts } }

    func countStart() { lock.withLock { starts += 1 } }

    func countStep() { lock.withLock { steps += 1 } }
}
