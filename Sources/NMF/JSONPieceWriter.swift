import Dispatch
import Foundation

/// Formats the pieces of a JSON document on other threads and hands them to a sink in the order
/// they were submitted.
///
/// Design: a ring of `slots` buffers. `submit` starts formatting a piece on a global queue into the
/// next free slot and returns at once, so the caller (the solver, producing the next snapshot) runs
/// while the pieces are formatted and written on the other cores. The thread that finishes the oldest
/// piece not yet written writes it, and every piece after it that is ready, one writer at a time under
/// a lock; each piece written frees its slot. So at most `slots` pieces and their buffers are alive,
/// whatever the length of the run, and the sink is called for one piece after the other, in order,
/// never twice at once (though not always on the same thread). Formatting is a pure function of the
/// piece, so the bytes do not depend on the threads or their timing. Once the sink fails it is not
/// called again: the pieces still in flight are dropped and `submit`/`finish` throw its error.
///
/// With `slots` 0 each piece is formatted at `submit`, on the caller's thread, and written at once:
/// the sequential twin that the tests compare with.
final class JSONPieceWriter {
    /// What the caller and the formatting threads share; `lock` guards the variables.
    private final class Ring: @unchecked Sendable {
        let buffers: [JSONPieceBuffer]
        let sink: (UnsafeRawBufferPointer) throws -> Void
        /// Signalled once per slot that holds no piece waiting to be formatted or written.
        let free: DispatchSemaphore
        let lock = NSLock()
        /// Whether each slot's piece is formatted and waits to be written.
        var ready: [Bool]
        /// Pieces written (or dropped after a failure): the next to write is in slot `written % count`.
        var written = 0
        /// Whether a thread is writing (only one does at a time).
        var writing = false
        var failure: (any Error)?

        init(slots: Int, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
            buffers = (0..<slots).map { _ in JSONPieceBuffer() }
            ready = Array(repeating: false, count: slots)
            free = DispatchSemaphore(value: slots)
            self.sink = sink
        }

        /// Marks the piece in `slot` formatted, then writes the ready pieces at the head of the ring
        /// unless another thread already does.
        func formatted(slot: Int) {
            lock.lock()
            ready[slot] = true
            guard !writing else { return lock.unlock() }
            writing = true
            while true {
                let head = written % buffers.count
                guard ready[head] else { break }
                ready[head] = false
                let failed = failure != nil
                lock.unlock()
                var error: (any Error)?
                if !failed {
                    do { try sink(buffers[head].bytes) } catch let thrown { error = thrown }
                }
                lock.lock()
                if let error, failure == nil { failure = error }
                written += 1
                free.signal()
            }
            writing = false
            lock.unlock()
        }

        /// The sink's error, if it failed.
        var currentFailure: (any Error)? {
            lock.lock()
            defer { lock.unlock() }
            return failure
        }
    }

    private let sequential: Bool
    private let sequentialSink: (UnsafeRawBufferPointer) throws -> Void
    private let ring: Ring
    private var submitted = 0
    private let queue = DispatchQueue.global(qos: .userInitiated)

    /// A writer handing each formatted piece to `sink`, with `slots` pieces in flight at most
    /// (0: format and write each piece at once on the caller's thread).
    init(slots: Int, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        sequential = slots <= 0
        sequentialSink = sink
        ring = Ring(slots: max(1, slots), sink: sink)
    }

    /// Pieces in flight for a machine with `processors` cores: enough that every core has pieces
    /// queued while one of them writes.
    static func slots(processors: Int) -> Int { processors <= 1 ? 0 : 4 * processors }

    // Whatever stopped the document (a failed write, a non-finite snapshot), the pieces in flight are
    // finished (written or dropped) before the writer goes: nothing runs on after it.
    deinit { waitForAll() }

    /// Formats `piece` (now or on another thread) and writes it in its turn.
    ///
    /// - Throws: what the sink threw, for this piece or an earlier one.
    func submit(_ piece: JSONPiece) throws {
        if sequential {
            let buffer = ring.buffers[0]
            piece.format(into: buffer)
            return try sequentialSink(buffer.bytes)
        }
        if let failure = ring.currentFailure { throw failure }
        ring.free.wait()
        let slot = submitted % ring.buffers.count
        submitted += 1
        let ring = ring
        queue.async {
            piece.format(into: ring.buffers[slot])
            ring.formatted(slot: slot)
        }
    }

    /// Waits until every piece is written.
    ///
    /// - Throws: what the sink threw.
    func finish() throws {
        waitForAll()
        if let failure = ring.currentFailure { throw failure }
    }

    /// Waits until no piece is in flight (every slot free).
    private func waitForAll() {
        guard !sequential else { return }
        for _ in ring.buffers { ring.free.wait() }
        for _ in ring.buffers { ring.free.signal() }
    }
}
