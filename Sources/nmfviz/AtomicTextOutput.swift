import Foundation

/// Why an output file could not be written.
struct OutputError: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes text to a file all or nothing, or streams it to standard output for `-`.
///
/// The text goes to a hidden temporary file beside the target, which is renamed over the target
/// only when everything was written: a failed run leaves no partial file behind.
enum AtomicTextOutput {
    /// Calls `produce` with a sink for the pieces of text, then commits them to `path`.
    static func write(to path: String, _ produce: ((String) throws -> Void) throws -> Void) throws {
        if path == "-" {
            try produce { FileHandle.standardOutput.write(Data($0.utf8)) }
            return
        }
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw OutputError(path: path, reason: "cannot create a file in \(folder.path)")
        }
        var committed = false
        defer { if !committed { try? FileManager.default.removeItem(at: temporary) } }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: temporary)
        } catch {
            throw OutputError(path: path, reason: "cannot open \(temporary.path)")
        }
        do {
            // Pieces are buffered into ~1 MB writes: one write per snapshot would be slow on big runs.
            var buffer = Data()
            try produce { piece in
                buffer.append(contentsOf: piece.utf8)
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
        } catch let error as OutputError {
            throw error
        } catch {
            try? handle.close()
            throw OutputError(path: path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, target.path) == 0 else {
            throw OutputError(path: path, reason: String(cString: strerror(errno)))
        }
        committed = true
    }
}
