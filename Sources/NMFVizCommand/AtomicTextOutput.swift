import Codecs
import Foundation

/// Writes text to a file all or nothing (Codecs' `AtomicFile`: a temporary file beside the target,
/// renamed over it only when everything was written), or streams it to standard output for `-`.
enum AtomicTextOutput {
    /// Calls `produce` with a sink for the pieces of text, then commits them to `path`.
    ///
    /// - Throws: whatever `produce` throws, or `CodecsError.fileFailed` naming `path` and the system's
    ///   reason; in either case nothing is left at `path`.
    static func write(to path: String, _ produce: ((String) throws -> Void) throws -> Void) throws {
        if path == "-" {
            try produce { FileHandle.standardOutput.write(Data($0.utf8)) }
            return
        }
        let file = try AtomicFile(path: path)
        do {
            try produce { piece in
                var piece = piece
                try piece.withUTF8 { try file.write(UnsafeRawBufferPointer($0)) }
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
