import Codecs

/// Writes text to a file all or nothing (Codecs' `AtomicFile`: a temporary file beside the target,
/// renamed over it only when everything was written), or streams it to standard output for `-`
/// (in 64 KB writes through `StandardStreams`, which report a failed write instead of trapping).
enum AtomicTextOutput {
    /// Calls `produce` with a sink for the pieces of text, then commits them to `path`.
    ///
    /// - Throws: whatever `produce` throws, or `CodecsError.fileFailed` naming `path` and the system's
    ///   reason; in either case nothing is left at `path`.
    static func write(to path: String, _ produce: ((String) throws -> Void) throws -> Void) throws {
        if path == "-" {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            try produce { piece in
                buffer.append(contentsOf: piece.utf8)
                if buffer.count >= 1 << 16 {
                    try buffer.withUnsafeBytes { try StandardStreams.writeOutput($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try buffer.withUnsafeBytes { try StandardStreams.writeOutput($0) }
            return
        }
        // A missing folder is created, as for every other output, and removed again on failure.
        let folders = try OutputFolders.create(OutputPath.folder(of: path), for: path)
        do {
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
            OutputFolders.keep(folders)
        } catch {
            OutputFolders.remove(folders)
            throw error
        }
    }

    /// As `write(to:_:)`, for bytes (an .npz archive).
    static func writeBytes(to path: String, _ produce: (([UInt8]) throws -> Void) throws -> Void) throws {
        try writeBuffers(to: path) { sink in try produce { piece in try piece.withUnsafeBytes { try sink($0) } } }
    }

    /// As `write(to:_:)`, for bytes handed over in buffers that the sink does not keep (the JSON
    /// export's chunks, written as they come).
    static func writeBuffers(to path: String, _ produce: (@escaping (UnsafeRawBufferPointer) throws -> Void) throws -> Void)
        throws
    {
        if path == "-" {
            try produce { try StandardStreams.writeOutput($0) }
            return
        }
        let folders = try OutputFolders.create(OutputPath.folder(of: path), for: path)
        do {
            let file = try AtomicFile(path: path)
            do {
                try produce { try file.write($0) }
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
            OutputFolders.keep(folders)
        } catch {
            OutputFolders.remove(folders)
            throw error
        }
    }
}
