/// Files written under temporary names and renamed into place together, only when all are written.
///
/// A run that writes many files (PNG frames into a folder that may hold an earlier run's) must fail
/// as a whole: until `commit`, every earlier file is exactly as it was, and a failure, `discard()`,
/// deinit or a signal removes the temporary files. `commit` renames them all in one critical section
/// of the `OutputJournal`.
public final class StagedFiles {
    private var staged: [(temporary: String, target: String)] = []
    private var streamed: [String] = []

    /// An empty set of staged files.
    public init() {}

    deinit {
        discard()
    }

    /// Writes `bytes` under a temporary name beside `path` (or straight to `path` when it is a
    /// device or FIFO).
    public func write(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try bytes.withUnsafeBytes { try file.write($0) }
        if let move = try file.closeKeepingTemporary() {
            staged.append(move)
        } else {
            streamed.append(path)
        }
    }

    /// Renames every staged file onto its target.
    ///
    /// - Returns: the targets, in the order they were written.
    /// - Throws: `CodecsError.fileFailed` for a rename that fails (the rest are then removed).
    public func commit() throws -> [String] {
        let moves = staged
        staged = []
        try AtomicFile.rename(moves, for: moves.first?.target ?? "")
        defer { streamed = [] }
        return streamed + moves.map(\.target)
    }

    /// Removes every staged file; the targets stay as they were.
    public func discard() {
        for move in staged { AtomicFile.remove(move.temporary) }
        staged = []
    }
}
