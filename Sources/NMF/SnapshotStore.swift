import Foundation

/// Snapshots kept for a later stage of the same run, so that the solver runs once: held in memory
/// up to `budget` bytes of W and H, and beyond it written to a temporary file that is unlinked as
/// soon as it is created (nothing is left behind, whatever stops the process) and read back with
/// `pread` when asked for.
///
/// The memory this holds is therefore flat in the number of snapshots: at most `budget` bytes of
/// matrices plus a few words per snapshot; the spilled ones live in the page cache, which the kernel
/// reclaims as it needs to. Reads are positional, so several threads may read at once once the
/// appends are done (the caller appends on one thread, then hands the store out).
package final class SnapshotStore: @unchecked Sendable {
    /// W and H bytes kept in memory before spilling: 64 MB, a third of what a 1000×450 GIF's render
    /// already holds (`MemoryBudget`); 40 frames of 100,000 × 2 W.
    package static let defaultBudget = 64 << 20

    private enum Entry {
        case memory(Snapshot)
        case file(iteration: Int, loss: Double, offset: Int, w: (rows: Int, columns: Int), h: (rows: Int, columns: Int))
    }

    private var entries: [Entry] = []
    private let budget: Int
    private let directory: String
    private var held = 0
    private var descriptor: Int32 = -1
    private var end = 0
    private let counter = IterationCounter.current

    /// An empty store that keeps up to `budget` bytes of matrices in memory and spills the rest into
    /// `directory` (by default `$TMPDIR`, else /tmp).
    package init(budget: Int = SnapshotStore.defaultBudget, directory: String? = nil) {
        self.budget = max(0, budget)
        self.directory = directory ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "/tmp"
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The number of snapshots kept.
    package var count: Int { entries.count }

    /// The bytes written to the temporary file so far (0 while everything fits in memory).
    package var spilledBytes: Int { end }

    /// Keeps `snapshot`, in memory while the budget lasts.
    ///
    /// - Throws: `NMFError.scratchFileFailed` when the temporary file cannot be made or written (a
    ///   full disk).
    package func append(_ snapshot: Snapshot) throws(NMFError) {
        let bytes = (snapshot.w.values.count + snapshot.h.values.count) * MemoryLayout<Double>.size
        if held + bytes <= budget {
            held += bytes
            entries.append(.memory(snapshot))
            return
        }
        let offset = end
        try write(snapshot.w.values)
        try write(snapshot.h.values)
        entries.append(.file(iteration: snapshot.iteration, loss: snapshot.loss, offset: offset,
                             w: (snapshot.w.rows, snapshot.w.columns), h: (snapshot.h.rows, snapshot.h.columns)))
    }

    /// The snapshot kept at `index` (0-based, in the order appended), bit for bit as it was given.
    ///
    /// - Precondition: `index` is below `count` (the caller's own bookkeeping, never user input).
    /// - Throws: `NMFError.scratchFileFailed` when the temporary file cannot be read back.
    package func snapshot(at index: Int) throws(NMFError) -> Snapshot {
        switch entries[index] {
        case let .memory(snapshot):
            return snapshot
        case let .file(iteration, loss, _, _, _):
            return Snapshot(iteration: iteration, w: try w(at: index), h: try h(at: index), loss: loss)
        }
    }

    /// The W of the snapshot kept at `index`, read alone: a spilled snapshot's H stays in the file, for
    /// a reader that takes every W and then every H (an .npz's entries).
    ///
    /// - Precondition: `index` is below `count`.
    /// - Throws: `NMFError.scratchFileFailed` when the temporary file cannot be read back.
    package func w(at index: Int) throws(NMFError) -> Matrix {
        switch entries[index] {
        case let .memory(snapshot):
            return snapshot.w
        case let .file(_, _, offset, w, _):
            return Matrix(validRows: w.rows, columns: w.columns, values: try read(count: w.rows * w.columns, at: offset))
        }
    }

    /// The H of the snapshot kept at `index`, read alone (see `w(at:)`).
    ///
    /// - Precondition: `index` is below `count`.
    /// - Throws: `NMFError.scratchFileFailed` when the temporary file cannot be read back.
    package func h(at index: Int) throws(NMFError) -> Matrix {
        switch entries[index] {
        case let .memory(snapshot):
            return snapshot.h
        case let .file(_, _, offset, w, h):
            let values = try read(count: h.rows * h.columns, at: offset + w.rows * w.columns * 8)
            return Matrix(validRows: h.rows, columns: h.columns, values: values)
        }
    }

    private func write(_ values: [Double]) throws(NMFError) {
        if descriptor < 0 { try open() }
        let failure: NMFError? = values.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(end + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return .scratchFileFailed(reason: Self.reason(n < 0 ? errno : ENOSPC)) }
                done += n
            }
            return nil
        }
        if let failure { throw failure }
        end += values.count * 8
    }

    private func read(count: Int, at offset: Int) throws(NMFError) -> [Double] {
        counter?.countScratchRead(bytes: count * 8)
        var failure: NMFError?
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var done = 0
            while done < raw.count {
                let n = pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = .scratchFileFailed(reason: n < 0 ? Self.reason(errno) : "it ended early")
                    raw.initializeMemory(as: UInt8.self, repeating: 0)
                    break
                }
                done += n
            }
            initialized = count
        }
        if let failure { throw failure }
        return values
    }

    /// Makes the temporary file and unlinks it at once: only the open descriptor refers to it.
    private func open() throws(NMFError) {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
            + Array("nmfviz-snapshots-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .scratchFileFailed(reason: "\(directory): \(Self.reason(errno))") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(path)
        descriptor = fd
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
