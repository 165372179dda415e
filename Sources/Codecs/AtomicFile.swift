#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWriteback

/// A file written beside its target and renamed into place only when complete.
///
/// The temporary file (`.NAME.PID.N.tmp`, shortened to fit NAME_MAX) is created in the target's own
/// folder, so the final `rename` is atomic on one file system, with mode 0666 before the umask (the
/// permissions of any ordinary file; giflib's own `EGifOpenFileName` would create it 0600). Writes
/// are buffered; `commit` fsyncs the file before the rename and the folder after it, so a power cut
/// leaves the old file or the new one. Until `commit` succeeds the target is untouched, and any
/// failure, `discard()` or deinit removes the temporary file. The file is recorded in the
/// `OutputJournal` from before it exists until it is renamed, so a signal never leaves it behind.
///
/// What the target is decides how it is written (`OutputPath`): a symbolic link is followed and its
/// target replaced; an existing device, FIFO or socket (`/dev/stdout`, `/dev/null`) is written to
/// directly and never replaced; folders, block devices and new files in `/` or `/dev` are refused.
package final class AtomicFile {
    /// The path given.
    let path: String
    /// The file that `commit` replaces (after following symbolic links), or the stream written to.
    let targetPath: String
    /// The temporary file's path, beside the target; nil when writing to a stream.
    let temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 16
    private(set) var isOpen = true
    /// Bytes written to the file, and where the last early writeback began (see `writeFully`).
    private var fileOffset: Int64 = 0
    private var writebackStart: Int64 = 0

    /// Whether the target is a stream (device, FIFO, socket) written to directly.
    package var isStream: Bool { temporaryPath == nil }

    /// Creates the temporary file beside `path`, or opens the stream `path` names.
    ///
    /// - Throws: `CodecsError.fileFailed` when the folder does not exist or cannot be written,
    ///   `CodecsError.refusedTarget` for targets that are never written (see the type's summary).
    package init(path: String) throws {
        self.path = path
        switch try OutputPath.resolve(path) {
        case let .stream(stream):
            let fd = open(stream, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else {
                throw CodecsError.fileFailed(path: path, operation: "open for writing", message: OutputPath.reason(errno))
            }
            descriptor = fd
            targetPath = stream
            temporaryPath = nil
        case let .file(target, folder, name):
            targetPath = target
            (descriptor, temporaryPath) = try Self.createTemporary(folder: folder, name: name, for: path)
        }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        discard()
    }

    /// Appends bytes, flushing to the file when the buffer is full.
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw CodecsError.writerClosed(path: path) }
        if buffer.count + bytes.count > bufferLimit {
            try flush()
        }
        if bytes.count >= bufferLimit {
            try writeFully(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes the buffered bytes, fsyncs and closes the file and renames it onto the target.
    ///
    /// - Throws: `CodecsError.fileFailed` with the system's reason; the temporary file is then removed.
    package func commit() throws {
        guard let temporaryPath = try close() else { return }
        try Self.rename([(temporaryPath, targetPath)], for: path)
    }

    /// Writes the buffered bytes, fsyncs and closes the file but leaves it under its temporary name,
    /// still recorded in the journal, for `AtomicFile.rename` to move into place with others.
    ///
    /// - Returns: the temporary path and the target it is meant for; nil for a stream (already written).
    func closeKeepingTemporary() throws -> (temporary: String, target: String)? {
        guard let temporaryPath = try close() else { return nil }
        return (temporaryPath, targetPath)
    }

    /// Closes and removes the temporary file; does nothing once committed or discarded.
    package func discard() {
        guard isOpen else { return }
        isOpen = false
        systemClose(descriptor)
        if let temporaryPath { Self.remove(temporaryPath) }
    }

    /// Writes `data` atomically to `path` in one go.
    package static func write(_ data: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try data.withUnsafeBytes { try file.write($0) }
        try file.commit()
    }

    /// Renames temporary files onto their targets in one critical section of the journal, then
    /// fsyncs their folders: a signal sees all of them renamed or none.
    ///
    /// - Throws: `CodecsError.fileFailed` for the first rename that fails; the temporary files not
    ///   yet renamed are then removed.
    static func rename(_ moves: [(temporary: String, target: String)], for path: String) throws {
        var folders: [String] = []
        try OutputJournal.transaction { entries in
            for (index, move) in moves.enumerated() {
                if systemRename(move.temporary, move.target) != 0 {
                    let code = errno
                    for rest in moves[index...] {
                        unlink(rest.temporary)
                        entries.removeAll { $0 == .file(rest.temporary) }
                    }
                    throw CodecsError.fileFailed(path: move.target == path ? path : move.target,
                                                 operation: "rename into place", message: OutputPath.reason(code))
                }
                entries.removeAll { $0 == .file(move.temporary) }
                let folder = OutputPath.folder(of: move.target)
                if !folders.contains(folder) { folders.append(folder) }
            }
        }
        for folder in folders { syncFolder(folder) }
    }

    /// Removes a temporary file and its journal entry.
    static func remove(_ temporaryPath: String) {
        _ = try? OutputJournal.transaction { entries in
            unlink(temporaryPath)
            entries.removeAll { $0 == .file(temporaryPath) }
        }
    }

    /// Flushes, fsyncs and closes; returns the temporary path (nil for a stream).
    private func close() throws -> String? {
        guard isOpen else { throw CodecsError.writerClosed(path: path) }
        do {
            try flush()
            // fsync fails with EINVAL on pipes and character devices, which have nothing to sync.
            if fsync(descriptor) != 0, errno != EINVAL, errno != EROFS {
                throw CodecsError.fileFailed(path: path, operation: "sync to disk", message: OutputPath.reason(errno))
            }
        } catch {
            discard()
            throw error
        }
        isOpen = false
        if systemClose(descriptor) != 0, errno != EINTR {
            let code = errno
            if let temporaryPath { Self.remove(temporaryPath) }
            throw CodecsError.fileFailed(path: path, operation: "close", message: OutputPath.reason(code))
        }
        return temporaryPath
    }

    private static func createTemporary(folder: String, name: String, for path: String) throws -> (Int32, String) {
        var attempt = 0
        while true {
            let candidate = (folder == "/" ? "/" : folder + "/") + OutputPath.temporaryName(for: name, attempt: attempt)
            let (fd, code): (Int32, Int32) = try OutputJournal.transaction { entries in
                let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                if fd >= 0 { entries.append(.file(candidate)) }
                return (fd, fd >= 0 ? 0 : errno)
            }
            if fd >= 0 { return (fd, candidate) }
            if code == EEXIST && attempt < 100 {
                attempt += 1
                continue
            }
            throw CodecsError.fileFailed(
                path: path, operation: "create a file in \(folder)", message: OutputPath.reason(code))
        }
    }

    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        systemClose(fd)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeFully($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                throw CodecsError.fileFailed(path: path, operation: "write", message: OutputPath.reason(code))
            }
            offset += written
        }
        fileOffset += Int64(bytes.count)
        // A large file's pages are handed to the disk as it grows, so that `commit`'s fsync waits only
        // for the last few megabytes rather than for the whole file (the digits JSON export: 131 MB,
        // fsync 80 ms without this, 3 ms with). Only a hint: failures are ignored, fsync still decides.
        if temporaryPath != nil, fileOffset - writebackStart >= Self.writebackStep {
            _ = nmfviz_start_writeback(descriptor, writebackStart, fileOffset - writebackStart)
            writebackStart = fileOffset
        }
    }

    /// The bytes between two early writebacks.
    private static let writebackStep: Int64 = 8 << 20

    /// The system's one-line reason for an errno value.
    static func reason(_ code: Int32) -> String {
        OutputPath.reason(code)
    }
}

/// The C library's write(2), named apart from `AtomicFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// close(2) and rename(2), named apart from `AtomicFile`'s own methods.
@discardableResult
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
