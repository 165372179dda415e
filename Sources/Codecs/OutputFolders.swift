#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders made for an output, and removed again if the output is abandoned.
///
/// Every kind of output (a GIF, a still, a folder of frames) creates missing folders the same way;
/// each folder made is recorded in the `OutputJournal`, so a signal removes it (when empty) too.
public enum OutputFolders {
    /// Creates `folder` and its missing parents.
    ///
    /// - Parameters:
    ///   - folder: the folder to create.
    ///   - path: the output the folder is for, named in errors.
    /// - Returns: the folders created, outermost first (pass them to `remove` or `keep`).
    /// - Throws: `CodecsError.fileFailed` or `.refusedTarget` naming the folder and the reason.
    public static func create(_ folder: String, for path: String) throws -> [String] {
        var missing: [String] = []
        var current = folder
        while current != "/" && current != "." && !current.isEmpty {
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw CodecsError.refusedTarget(path: path, reason: "\(current) is not a folder")
                }
                break
            }
            let code = errno
            guard code == ENOENT else {
                throw CodecsError.fileFailed(path: path, operation: "look up \(current)", message: OutputPath.reason(code))
            }
            missing.append(current)
            current = OutputPath.folder(of: current)
        }
        // An existing folder is checked file by file (`AtomicFile` refuses new files in /dev but
        // writes its devices); a folder to create must not be in a system folder.
        if missing.isEmpty { return [] }
        try OutputPath.checkFolder(current, for: path)
        var created: [String] = []
        for path in missing.reversed() {
            let code: Int32 = try OutputJournal.transaction { entries in
                guard mkdir(path, 0o777) == 0 else { return errno }
                entries.append(.folder(path))
                return 0
            }
            guard code == 0 || code == EEXIST else {
                remove(created)
                throw CodecsError.fileFailed(path: path, operation: "create the folder", message: OutputPath.reason(code))
            }
            if code == 0 { created.append(path) }
        }
        return created
    }

    /// Removes folders `create` made, innermost first, where they are empty.
    public static func remove(_ created: [String]) {
        for folder in created.reversed() {
            _ = try? OutputJournal.transaction { entries in
                rmdir(folder)
                entries.removeAll { $0 == .folder(folder) }
            }
        }
    }

    /// Keeps folders `create` made: they now hold a finished output.
    public static func keep(_ created: [String]) {
        OutputJournal.dropFolders(created)
    }
}
