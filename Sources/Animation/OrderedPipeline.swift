import Codecs
import Foundation

/// Maps a sequence through a transform on several threads and hands the results to a consumer strictly in
/// input order, with a bounded number of items in flight.
///
/// The calling thread is both the producer (it iterates `inputs`, so the sequence need not be `Sendable`:
/// a solver that yields one snapshot at a time stays on one thread) and the consumer (the `consume`
/// closure runs on it, in order, so a sink needs no locking). Worker threads run `transform`. At most
/// `capacity` inputs are taken from the sequence before their results are consumed, so memory does not
/// grow with the length of the sequence.
///
/// Each worker owns a state made by `makeState` on that worker's thread (for example a canvas and a font
/// face that are reused frame after frame); the state never crosses threads.
///
/// Determinism: the results depend only on the inputs as long as `transform` is a pure function of its
/// input (the state is only a cache); the order of consumption is always the input order.
///
/// The first error, thrown by `transform` or `consume`, stops the pipeline: no further inputs are taken,
/// the workers finish the item in hand and exit, and the error is rethrown to the caller.
package struct OrderedPipeline<Input: Sendable, Output: Sendable, State> {
    /// Worker threads. 1 runs everything on the calling thread.
    package let jobs: Int
    /// Inputs taken but not yet consumed, at most.
    package let capacity: Int
    /// Whether the workers run at a lower priority than the calling thread (nice `workerNice` on
    /// Linux, utility QoS elsewhere), for consumers that are the slower, serial stage: with more
    /// threads than cores, the scheduler then lets the consumer run rather than rendering yet
    /// another frame that would only wait for it.
    package let lowersWorkers: Bool
    /// The nice value of lowered workers (measured on the article's GIF, 2 cores, median of 11:
    /// 126 ms whole process at 0, 115 ms at 3, 112 ms at 6, 114 ms at 10).
    static var workerNice: Int32 { 5 }

    /// - Parameters:
    ///   - jobs: the number of worker threads; values below 1 are treated as 1, above 1024 as 1024.
    ///   - capacity: the bound on items in flight; defaults to twice the number of jobs.
    ///   - lowersWorkers: see `lowersWorkers`.
    package init(jobs: Int, capacity: Int? = nil, lowersWorkers: Bool = false) {
        // Bounded so that no count a caller passes overflows the arithmetic below.
        self.jobs = min(max(1, jobs), 1024)
        self.capacity = max(self.jobs, min(capacity ?? 2 * self.jobs, 1 << 20))
        self.lowersWorkers = lowersWorkers
    }

    /// Runs the pipeline to the end of `inputs`, or to the first error.
    package func run<S: Sequence>(
        _ inputs: S,
        makeState: @escaping @Sendable () throws -> State,
        transform: @escaping @Sendable (inout State, Input) throws -> Output,
        consume: (Int, Output) throws -> Void
    ) throws where S.Element == Input {
        if jobs == 1 {
            var state = try makeState()
            for (index, input) in inputs.enumerated() {
                try consume(index, try transform(&state, input))
            }
            return
        }

        let board = Board<Input, Output>()
        defer { board.shutDown() }
        for _ in 0..<jobs {
            let lowered = lowersWorkers
            board.workerStarted()
            do {
                try WorkerThread.start(name: "render") {
                    #if os(Linux)
                    // Linux gives each thread its own nice value; `who` 0 is the calling thread.
                    if lowered { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, OrderedPipeline.workerNice) }
                    #elseif canImport(Darwin)
                    if lowered { _ = pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0) }
                    #endif
                    board.work(makeState: makeState, transform: transform)
                }
            } catch {
                // The workers already running see the failure and exit; shutDown waits for them.
                board.workerExited()
                board.fail(error)
                throw error
            }
        }

        var submitted = 0
        var consumed = 0
        do {
            var iterator = inputs.makeIterator()
            while true {
                // Make room before taking the next input, so no more than `capacity` are ever held.
                while submitted - consumed >= capacity {
                    try consume(consumed, try board.waitForResult(consumed))
                    consumed += 1
                }
                guard let input = iterator.next() else { break }
                try board.submit(index: submitted, input: input)
                submitted += 1
                while let output = try board.readyResult(consumed) {
                    try consume(consumed, output)
                    consumed += 1
                }
            }
            while consumed < submitted {
                try consume(consumed, try board.waitForResult(consumed))
                consumed += 1
            }
        } catch {
            board.fail(error)
            throw error
        }
    }
}

/// The shared state of a pipeline run: a queue of jobs, a table of finished results, the first error.
private final class Board<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [(Int, Input)] = []
    private var pendingStart = 0
    private var results: [Int: Output] = [:]
    private var failure: (any Error)?
    private var closed = false
    private var liveWorkers = 0

    func submit(index: Int, input: Input) throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        pending.append((index, input))
        condition.broadcast()
    }

    /// The result for `index` if it is ready, without waiting.
    func readyResult(_ index: Int) throws -> Output? {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        return results.removeValue(forKey: index)
    }

    /// Waits for the result for `index`.
    func waitForResult(_ index: Int) throws -> Output {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let failure { throw failure }
            if let output = results.removeValue(forKey: index) { return output }
            condition.wait()
        }
    }

    func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Tells the workers to stop once the queue is empty, and waits until every one has exited, so that
    /// no thread outlives the run.
    func shutDown() {
        condition.lock()
        closed = true
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    func workerStarted() {
        condition.lock()
        liveWorkers += 1
        condition.unlock()
    }

    func workerExited() {
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// A worker's loop: take the oldest job, transform it outside the lock, post the result.
    func work<State>(
        makeState: @Sendable () throws -> State,
        transform: @Sendable (inout State, Input) throws -> Output
    ) {
        defer { workerExited() }
        var state: State
        do {
            state = try makeState()
        } catch {
            fail(error)
            return
        }
        while true {
            condition.lock()
            while pendingStart == pending.count && !closed && failure == nil {
                condition.wait()
            }
            if failure != nil || pendingStart == pending.count {
                condition.unlock()
                return
            }
            let (index, input) = pending[pendingStart]
            pendingStart += 1
            if pendingStart > 64 && pendingStart * 2 > pending.count {
                pending.removeFirst(pendingStart)
                pendingStart = 0
            }
            condition.unlock()

            do {
                let output = try transform(&state, input)
                condition.lock()
                results[index] = output
                condition.broadcast()
                condition.unlock()
            } catch {
                fail(error)
                return
            }
        }
    }
}
