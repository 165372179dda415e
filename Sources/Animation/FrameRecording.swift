import NMF

/// One run of the solvers, remembered for every stage that needs it, so that a render runs each
/// solver once: the limits (which must be known before the first frame is drawn, and cover every
/// frame), a GIF's palette samples, and the frames themselves.
///
/// The solvers advance in lockstep as for `FrameSequence`, and each goes on alone to its own end
/// (up to `through`) for the limits. Every snapshot is handed to `observe` as it is made (the limits
/// keep only extents: per-frame summaries, never the snapshots); the snapshots of the frames to
/// draw are kept in a `SnapshotStore` — in memory up to its budget, beyond it in an unlinked
/// temporary file — so memory stays flat in the frame count. The losses are kept whole: one number
/// per iteration and run.
///
/// This is the seam for a stage that needs more than the frames: give `observe` whatever summary it
/// needs (a density's ranges, say), and take the frames from `frames()` or `frame(at:)`.
package final class FrameRecording: @unchecked Sendable {
    /// The iterations the frames were recorded for.
    package let schedule: FrameSchedule
    /// The number of runs (snapshots per frame).
    package let runs: Int
    /// Per run, its losses after iterations 0, 1, … to its own end (at most `through`).
    package let losses: [[Double]]
    /// The error that explains frames missing from the schedule (the first run, in order, that
    /// stopped being finite by the schedule's last iteration), as `NMFSolver.checkSnapshots` finds.
    package let failure: NMFError?
    /// The time the run took (solver and `observe`).
    package let elapsed: Duration

    private let store: SnapshotStore
    private let iterations: [Int]
    // Set at most once, by the thread that reads the frames, then read after it.
    private var readFailure: NMFError?

    /// Runs `solvers` once.
    ///
    /// - Parameters:
    ///   - through: the last iteration `observe` must see; the runs stop at the schedule's last
    ///     iteration (or where they end) when it is nil or smaller.
    ///   - budget: the bytes of W and H kept in memory before spilling (`SnapshotStore`).
    ///   - observe: called with the run's index and each of its snapshots, in order.
    /// - Throws: `NMFError.scratchFileFailed` from the store. A run that
    ///   stops being finite is not an error here: it ends, and `failure` says why when the frames
    ///   fall short of the schedule.
    package init(solvers: [NMFSolver], schedule: FrameSchedule, through: Int? = nil,
                 budget: Int = SnapshotStore.defaultBudget,
                 observe: (Int, Snapshot) -> Void = { _, _ in }) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let last = max(through ?? schedule.last, schedule.last)
        let store = SnapshotStore(budget: budget)
        var iterators = solvers.map { $0.makeSnapshots(iterations: last).makeIterator() }
        var running = Array(repeating: true, count: solvers.count)
        var own = Array(repeating: [Double](), count: solvers.count)
        var failures = [(iteration: Int, error: NMFError)?](repeating: nil, count: solvers.count)
        var framesOpen = !solvers.isEmpty
        var kept: [Int] = []
        var current: [Snapshot?] = []
        while running.contains(true) {
            current.removeAll(keepingCapacity: true)
            for r in iterators.indices {
                guard running[r] else { current.append(nil); continue }
                do {
                    if let snapshot = try iterators[r].nextSnapshot() {
                        own[r].append(snapshot.loss)
                        observe(r, snapshot)
                        current.append(snapshot)
                    } else {
                        running[r] = false
                        current.append(nil)
                    }
                } catch {
                    if case let .nonFiniteResult(iteration, _) = error { failures[r] = (iteration, error) }
                    running[r] = false
                    current.append(nil)
                }
            }
            if framesOpen {
                // As `FrameSequence`: the frames end when any run ends, and on the frame where one stopped.
                if current.contains(where: { $0 == nil }) {
                    framesOpen = false
                } else {
                    let snapshots = current.compactMap { $0 }
                    let iteration = snapshots[0].iteration
                    let stoppedEarly = iterators.contains {
                        $0.stopReason == .converged || $0.stopReason == .maximumIterations
                    }
                    if schedule.contains(iteration) || stoppedEarly {
                        for snapshot in snapshots { try store.append(snapshot) }
                        kept.append(iteration)
                    }
                    if stoppedEarly || iteration >= schedule.last { framesOpen = false }
                }
            }
            // Every frame is there and nothing later is asked for: the runs are done. (Not merely as
            // many frames as the schedule's: frames that ended early on a run's stop can be as many,
            // and then the other runs go on to their own ends, for their losses.)
            if !framesOpen && kept.last == schedule.last && (through ?? 0) <= schedule.last { break }
        }
        self.schedule = schedule
        self.runs = solvers.count
        self.losses = own
        self.store = store
        self.iterations = kept
        self.failure = failures.lazy.compactMap { $0 }.first { $0.iteration <= schedule.last }?.error
        self.elapsed = clock.now - start
    }

    /// The number of frames recorded (fewer than the schedule's when a run ended early).
    package var count: Int { iterations.count }

    /// The bytes of snapshots that did not fit the memory budget and went to the temporary file.
    package var spilledBytes: Int { store.spilledBytes }

    /// The frame at `index` (0-based, below `count`), as `FrameSequence` would have made it.
    ///
    /// - Throws: `NMFError.scratchFileFailed` when a spilled snapshot cannot be read back.
    package func frame(at index: Int) throws -> Frame {
        let iteration = iterations[index]
        var snapshots: [Snapshot] = []
        snapshots.reserveCapacity(runs)
        for r in 0..<runs { snapshots.append(try store.snapshot(at: index * runs + r)) }
        return Frame(snapshots: snapshots, losses: losses.map { Array($0[...iteration]) })
    }

    /// The frames in order; a frame that cannot be read back ends them, and `checkFrames()` then throws.
    package func frames() -> Frames { Frames(recording: self) }

    /// Throws the error that ended `frames()` early, if one did.
    package func checkFrames() throws {
        if let readFailure { throw readFailure }
    }

    /// The recorded frames, read back one at a time.
    package struct Frames: Sequence, IteratorProtocol {
        let recording: FrameRecording
        var index = 0

        /// The next frame; nil after the last, or when one cannot be read back.
        package mutating func next() -> Frame? {
            guard index < recording.count, recording.readFailure == nil else { return nil }
            defer { index += 1 }
            do {
                return try recording.frame(at: index)
            } catch {
                recording.readFailure = (error as? NMFError) ?? .scratchFileFailed(reason: "\(error)")
                return nil
            }
        }
    }
}
