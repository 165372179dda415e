#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything this process has put on disk that is not finished yet: temporary files, frames staged
/// under temporary names, folders it created, and child processes writing for it.
///
/// A run that is stopped by a signal must leave nothing behind, whatever thread is doing what at that
/// moment. Every creation, rename and removal of such an entry happens while holding one lock, and is
/// recorded here in the same critical section, so the journal never misses a file that exists: a
/// file is recorded before its `open` and dropped after its `rename`. `abandon()` (called by the
/// command's signal thread) takes the lock for good, kills the children, removes the files and then
/// the folders, newest first; the caller then exits without unwinding. Libraries that never call
/// `abandon` pay one uncontended lock per file.
public enum OutputJournal {
    /// What the journal tracks.
    enum Entry: Equatable {
        case file(String)
        case folder(String)
        case child(pid_t)
    }

    private static let state = JournalState()

    /// Runs `body` while holding the journal's lock; `record` and `drop` may only be called inside.
    ///
    /// - Throws: `CodecsError.interrupted` when the journal has been abandoned (the process is exiting).
    static func transaction<T>(_ body: (inout [Entry]) throws -> T) throws -> T {
        try state.withEntries(body)
    }

    /// Records a child process that writes for this run (killed by `abandon`).
    public static func recordChild(_ pid: pid_t) throws {
        try transaction { $0.append(.child(pid)) }
    }

    /// Forgets a child process that has exited.
    public static func dropChild(_ pid: pid_t) {
        _ = try? transaction { entries in entries.removeAll { $0 == .child(pid) } }
    }

    /// Records a folder this run created (removed by `abandon` if it is empty by then).
    public static func recordFolder(_ path: String) throws {
        try transaction { $0.append(.folder(path)) }
    }

    /// Forgets folders: they now belong to the finished output.
    public static func dropFolders(_ paths: [String]) {
        _ = try? transaction { entries in entries.removeAll { paths.contains(folder: $0) } }
    }

    /// Kills the recorded children, removes the recorded files and (empty) folders, newest first,
    /// and keeps the lock so that nothing new can be created. Call it only on the way out of the
    /// process; it returns the number of entries removed.
    @discardableResult
    public static func abandon() -> Int {
        state.abandon()
    }
}

extension [String] {
    fileprivate func contains(folder entry: OutputJournal.Entry) -> Bool {
        if case let .folder(path) = entry { return contains(path) }
        return false
    }
}

/// The journal's entries behind a pthread mutex (Codecs uses no Foundation locks).
private final class JournalState: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var entries: [OutputJournal.Entry] = []
    private var abandoned = false

    init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    func withEntries<T>(_ body: (inout [OutputJournal.Entry]) throws -> T) throws -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !abandoned else { throw CodecsError.interrupted }
        return try body(&entries)
    }

    func abandon() -> Int {
        pthread_mutex_lock(mutex)
        // The lock is never released: the process is about to exit, and no thread may create,
        // rename or record anything after this point.
        abandoned = true
        var removed = 0
        for case let .child(pid) in entries {
            kill(pid, SIGTERM)
        }
        for case let .file(path) in entries.reversed() where unlink(path) == 0 {
            removed += 1
        }
        for case let .folder(path) in entries.reversed() where rmdir(path) == 0 {
            removed += 1
        }
        for case let .child(pid) in entries {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        entries = []
        return removed
    }
}
