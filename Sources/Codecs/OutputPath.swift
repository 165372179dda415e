#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What writing to a path means, decided before anything is created.
///
/// - A new name, or an existing regular file, is written beside it and renamed over it.
/// - A symbolic link is followed (to its end, even when dangling) and what it points to is replaced;
///   the link itself stays.
/// - An existing character device, FIFO or socket (`/dev/stdout`, `/dev/null`, a named pipe) is
///   written to directly, as a stream: it is never replaced by a regular file.
/// - Folders, block devices, and new files in `/`, `/dev`, `/proc` or `/sys` are refused: nobody
///   means to create those by accident.
///
/// Path arithmetic is plain string work on `/` (Foundation's NSString path methods trap on some
/// one-character names on Linux).
public enum OutputPath {
    enum Resolved: Equatable {
        /// A regular file at `path` (new or replaced), in `folder` under `name`.
        case file(path: String, folder: String, name: String)
        /// An existing device, FIFO or socket, written to directly.
        case stream(path: String)
    }

    /// The longest file name most file systems take (NAME_MAX).
    static let nameLimit = 255

    /// Splits `path` into its folder ("." when none, "/" for the root) and its last component.
    public static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let name = String(path[path.index(after: slash)...])
        var folder = String(path[..<slash])
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        if folder.isEmpty { folder = "/" }
        return (folder, name)
    }

    /// The folder part of `path` ("." when it has none).
    public static func folder(of path: String) -> String { split(path).folder }

    /// The extension of the last component, without the dot ("" when there is none).
    public static func pathExtension(_ path: String) -> String {
        let name = split(path).name
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// Decides how to write `path`.
    ///
    /// - Throws: `CodecsError.refusedTarget` or `.fileFailed` naming the path and the reason.
    static func resolve(_ path: String) throws -> Resolved {
        var current = path
        // Follow symbolic links ourselves so that a dangling one still names where to create.
        for _ in 0..<40 {
            var info = stat()
            if lstat(current, &info) != 0 {
                let code = errno
                guard code == ENOENT else {
                    throw CodecsError.fileFailed(path: path, operation: "look up the target", message: reason(code))
                }
                return try newFile(current, original: path)
            }
            // A process's own descriptors (`/dev/stdout` → `/proc/self/fd/1`) are streams whatever they
            // are open on: replacing the file behind one would defeat the shell's redirection.
            if current.hasPrefix("/proc/self/fd/") || current.hasPrefix("/dev/fd/") {
                return .stream(path: current)
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                var stream = stat()
                if stat(current, &stream) == 0, isStream(stream.st_mode) {
                    return .stream(path: current)
                }
                current = try readLink(current, original: path)
            case S_IFREG:
                return try newFile(current, original: path)
            case S_IFCHR, S_IFIFO, S_IFSOCK:
                return .stream(path: current)
            case S_IFDIR:
                throw CodecsError.refusedTarget(path: path, reason: "is a folder, not a file")
            default:
                throw CodecsError.refusedTarget(path: path, reason: "is a block device; nmfviz does not write to disks")
            }
        }
        throw CodecsError.fileFailed(path: path, operation: "follow the symbolic link", message: reason(ELOOP))
    }

    /// Refuses to create files in the root or the kernel's folders.
    ///
    /// - Throws: `CodecsError.refusedTarget` for `/`, `/dev`, `/proc`, `/sys` and below.
    public static func checkFolder(_ folder: String, for path: String) throws {
        guard let real = realpath(folder, nil) else { return }  // a missing folder is reported on create
        defer { free(real) }
        let absolute = String(cString: real)
        if absolute == "/" {
            throw CodecsError.refusedTarget(
                path: path, reason: "nmfviz does not create files directly in / (give a path in a folder)")
        }
        for system in ["/dev", "/proc", "/sys"] where absolute == system || absolute.hasPrefix(system + "/") {
            throw CodecsError.refusedTarget(
                path: path, reason: "nmfviz does not create files in \(system) (only existing devices are written to)")
        }
    }

    /// A name for a temporary file beside `name` that fits NAME_MAX: `.NAME.PID.N.tmp`, with NAME
    /// shortened (on a character boundary) when needed.
    static func temporaryName(for name: String, attempt: Int) -> String {
        let tail = ".\(getpid()).\(attempt).tmp"
        let room = nameLimit - 1 - tail.utf8.count
        var kept = name
        while kept.utf8.count > room { kept.removeLast() }
        return "." + kept + tail
    }

    private static func newFile(_ path: String, original: String) throws -> Resolved {
        let (folder, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw CodecsError.refusedTarget(path: original, reason: "names a folder, not a file")
        }
        guard name.utf8.count <= nameLimit else {
            throw CodecsError.fileFailed(path: original, operation: "create the file", message: reason(ENAMETOOLONG))
        }
        try checkFolder(folder, for: original)
        return .file(path: path, folder: folder, name: name)
    }

    private static func isStream(_ mode: mode_t) -> Bool {
        let type = mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK
    }

    private static func readLink(_ link: String, original: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else {
            throw CodecsError.fileFailed(path: original, operation: "read the symbolic link", message: reason(errno))
        }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let folder = split(link).folder
        return folder == "/" ? "/" + target : folder + "/" + target
    }

    /// The system's one-line reason for an errno value.
    public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
