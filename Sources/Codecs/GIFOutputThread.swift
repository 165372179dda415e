// The second thread of a GIFWriter: giflib's writes of frame t run while the
// writer's caller quantizes frame t + 1. Only the bytes' timing changes, never the bytes: the blocks
// are written in the order they were handed over, by one thread.
import Foundation

/// Runs a `GIFStream`'s writes on a worker thread, through a bounded queue.
///
/// The writer submits blocks in order; the worker writes them in that order. At most `capacity`
/// blocks wait, so memory stays bounded when giflib is the slower side. The first error stops the
/// writes and is thrown back by the next `submit` or by `drain`. Every method is called by the
/// writer's thread; the worker only runs `work`.
final class GIFOutputThread: @unchecked Sendable {
    /// A block to write.
    enum Job {
        case header(GIFPalette)
        case frame(IndexedFrame)
    }

    /// Blocks waiting at most: two frames' worth lets the writer's caller run one frame ahead while
    /// the worker compresses, without holding more than a few frames of indices.
    static let capacity = 2

    let stream: GIFStream
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var queueStart = 0
    private var failure: (any Error)?
    private var stopping = false
    private var started = false
    private var exited = false
    private var busy: Duration = .zero

    init(stream: GIFStream) {
        self.stream = stream
    }

    /// Time the worker spent writing (giflib's calls, its LZW for frames without planned data, and
    /// the file writes).
    var writeTime: Duration {
        condition.lock()
        defer { condition.unlock() }
        return busy
    }

    /// Queues `job`, waiting while `capacity` jobs already wait.
    ///
    /// - Throws: the first error of an earlier write.
    func submit(_ job: Job) throws {
        condition.lock()
        defer { condition.unlock() }
        if !started { try start() }
        while failure == nil && queue.count - queueStart >= GIFOutputThread.capacity { condition.wait() }
        if let failure { throw failure }
        if queueStart > 0 && queueStart == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueStart = 0
        }
        queue.append(job)
        condition.broadcast()
    }

    /// Waits until every queued job is written, then stops the worker.
    ///
    /// - Throws: the first error of a write.
    func drain() throws {
        stop()
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
    }

    /// Drops the jobs still waiting and stops the worker, waiting for the one in hand. Safe to call twice.
    func abandon() {
        condition.lock()
        queue.removeAll()
        queueStart = 0
        condition.unlock()
        stop()
    }

    /// Tells the worker to exit once the queue is empty, and waits until it has.
    private func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while started && !exited { condition.wait() }
    }

    /// Starts the worker (with `condition` held).
    ///
    /// - Throws: `CodecsError.threadFailed` when the system refuses the thread; nothing then waits
    ///   for it.
    private func start() throws {
        try WorkerThread.start(name: "GIF writer") { [self] in work() }
        started = true
    }

    /// The worker: takes jobs in order and writes them, until stopped with an empty queue.
    private func work() {
        let clock = ContinuousClock()
        condition.lock()
        while true {
            while queueStart == queue.count && !stopping { condition.wait() }
            guard queueStart < queue.count else { break }
            let job = queue[queueStart]
            queueStart += 1
            let skip = failure != nil
            condition.unlock()
            var error: (any Error)?
            let began = clock.now
            if !skip {
                do {
                    switch job {
                    case .header(let global): try stream.putHeader(global: global)
                    case .frame(let frame): try stream.put(frame)
                    }
                } catch let thrown {
                    error = thrown
                }
            }
            let spent = clock.now - began
            condition.lock()
            busy += spent
            if failure == nil, let error { failure = error }
            condition.broadcast()
        }
        exited = true
        condition.broadcast()
        condition.unlock()
    }
}
