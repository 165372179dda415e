import Dispatch

/// Formats the pieces of a JSON document on other threads and hands them to a sink in the order
/// they were submitted, on the submitting thread.
///
/// Design: a ring of `slots` buffers. `submit` starts formatting a piece on a global queue into the
/// next slot and returns at once, so the caller (the solver, producing the next snapshot) runs while
/// the pieces are formatted on the other cores. Before a slot is reused its piece is written; the
/// pieces already done at the head of the ring are written at each `submit`. So at most `slots`
/// pieces and their buffers are alive, whatever the length of the run, and the sink is only ever
/// called from the caller's thread, one piece after the other, in order. Formatting is a pure
/// function of the piece, so the bytes do not depend on the threads or their timing.
///
/// With `slots` 0 each piece is formatted at `submit`, on the caller's thread, and written at once:
/// the sequential twin that the tests compare with.
final class JSONPieceWriter {
    /// One buffer of the ring and the signal that its piece is formatted.
    private final class Slot: @unchecked Sendable {
        let buffer = JSONPieceBuffer()
        let done = DispatchSemaphore(value: 0)
    }

    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private let ring: [Slot]
    /// Pieces submitted, and pieces written (or, after a failure, abandoned); the ones between are
    /// being formatted or wait to be written, in slots `written % ring.count` on.
    private var submitted = 0
    private var written = 0
    private let queue = DispatchQueue.global(qos: .userInitiated)

    /// A writer handing each formatted piece to `sink`, with `slots` pieces in flight at most
    /// (0: format and write each piece at once on the caller's thread).
    init(slots: Int, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        ring = (0..<max(1, slots)).map { _ in Slot() }
        sequential = slots <= 0
    }

    private let sequential: Bool

    /// Pieces in flight for a machine with `processors` cores: enough that every core has pieces
    /// queued while the caller writes the head of the ring.
    static func slots(processors: Int) -> Int { processors <= 1 ? 0 : 4 * processors }

    // Whatever stopped the document (a failed write, a non-finite snapshot), the buffers must outlive
    // the formatting still running into them.
    deinit { drain() }

    /// Formats `piece` (now or on another thread) and writes the pieces before it that are ready.
    ///
    /// - Throws: what the sink throws.
    func submit(_ piece: JSONPiece) throws {
        if sequential {
            let slot = ring[0]
            piece.format(into: slot.buffer)
            submitted += 1
            written += 1
            return try sink(slot.buffer.bytes)
        }
        // The slot about to be taken holds piece `submitted − ring.count`: write up to it first.
        while submitted - written >= ring.count { try writeHead(wait: true) }
        let slot = ring[submitted % ring.count]
        submitted += 1
        queue.async {
            piece.format(into: slot.buffer)
            slot.done.signal()
        }
        while written < submitted, try writeHead(wait: false) {}
    }

    /// Writes every piece still in flight, in order.
    ///
    /// - Throws: what the sink throws.
    func finish() throws {
        while written < submitted { try writeHead(wait: true) }
    }

    /// Writes the oldest piece not yet written if it is formatted, waiting for it when `wait`;
    /// returns whether it was written.
    @discardableResult
    private func writeHead(wait: Bool) throws -> Bool {
        let slot = ring[written % ring.count]
        if wait {
            slot.done.wait()
        } else if slot.done.wait(timeout: .now()) == .timedOut {
            return false
        }
        // Counted as written before the sink runs: if it throws, the piece's signal was consumed.
        written += 1
        try sink(slot.buffer.bytes)
        return true
    }

    /// Waits for the pieces still being formatted, writing none.
    private func drain() {
        guard !sequential else { return }
        while written < submitted {
            ring[written % ring.count].done.wait()
            written += 1
        }
    }
}
