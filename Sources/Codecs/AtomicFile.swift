#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written beside its target and renamed into place only when complete.
///
/// The temporary file is created in the target's own folder (so the final `rename` is atomic on one
/// file system) with mode 0666 before the umask, which gives the permissions of any ordinary file;
/// giflib's own `EGifOpenFileName` would create it 0600. Writes are buffered. Until `commit`
/// succeeds the target path is untouched, and any failure, `discard()` or deinit removes the
/// temporary file, so a failed run leaves nothing behind.
public final class AtomicFile {
    /// The path the file is renamed to on `commit`.
    let path: String
    /// The temporary file's path, beside `path`.
    let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 16
    private(set) var isOpen = true

    /// Creates the temporary file beside `path`.
    ///
    /// - Throws: `CodecsError.fileFailed` when the folder does not exist or cannot be written.
    public init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        // "a.gif" lives in ".", "/a.gif" in "/", "x/a.gif" in "x".
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else {
            throw CodecsError.fileFailed(path: path, operation: "write", message: "the path names a folder")
        }
        var attempt = 0
        while true {
            let candidate = (folder == "/" ? "/" : folder + "/") + ".\(name).\(getpid()).\(attempt).tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                descriptor = fd
                temporaryPath = candidate
                break
            }
            let code = errno
            if code == EEXIST && attempt < 100 {
                attempt += 1
                continue
            }
            throw CodecsError.fileFailed(
                path: path, operation: "create a file in \(folder)",
                message: AtomicFile.reason(code))
        }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        discard()
    }

    /// Appends bytes, flushing to the file when the buffer is full.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
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

    /// Writes the buffered bytes, closes the file and renames it onto the target.
    ///
    /// - Throws: `CodecsError.fileFailed` with the system's reason; the temporary file is then removed.
    public func commit() throws {
        guard isOpen else { throw CodecsError.writerClosed(path: path) }
        do {
            try flush()
        } catch {
            discard()
            throw error
        }
        isOpen = false
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw CodecsError.fileFailed(path: path, operation: "close", message: AtomicFile.reason(code))
        }
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw CodecsError.fileFailed(path: path, operation: "rename into place", message: AtomicFile.reason(code))
        }
    }

    /// Closes and removes the temporary file; does nothing once committed or discarded.
    public func discard() {
        guard isOpen else { return }
        isOpen = false
        close(descriptor)
        unlink(temporaryPath)
    }

    /// Writes `data` atomically to `path` in one go.
    public static func write(_ data: [UInt8], to path: String) throws {
        let file = try AtomicFile(path: path)
        try data.withUnsafeBytes { try file.write($0) }
        try file.commit()
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
                throw CodecsError.fileFailed(path: path, operation: "write", message: AtomicFile.reason(code))
            }
            offset += written
        }
    }

    /// The system's one-line reason for an errno value.
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// The C library's write(2), named apart from `AtomicFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
