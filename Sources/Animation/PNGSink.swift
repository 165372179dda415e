import Codecs
import Foundation
import Raster

/// Frames as PNG files named by iteration (a `FramePattern`), or one still at a fixed path.
///
/// Compression runs on the worker threads (`prepare`); each file is written atomically on the calling
/// thread. The folder is created if missing; `cancel` removes every file this sink wrote, and the folder
/// too if it created it.
public final class PNGSink: FrameSink {
    private let name: (Int) -> String
    private let encoder: PNGEncoder
    private var written: [String] = []
    private var createdFolders: [String] = []

    /// PNG files named by `pattern` from each frame's iteration.
    public convenience init(pattern: FramePattern, encoder: PNGEncoder = PNGEncoder()) throws {
        try self.init(folder: pattern.directory, encoder: encoder, name: pattern.path(for:))
    }

    /// One PNG at `path` (the sink expects a single frame).
    public convenience init(still path: String, encoder: PNGEncoder = PNGEncoder()) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try self.init(folder: folder.isEmpty ? "." : folder, encoder: encoder, name: { _ in path })
    }

    private init(folder: String, encoder: PNGEncoder, name: @escaping (Int) -> String) throws {
        self.encoder = encoder
        self.name = name
        try createFolder(folder)
    }

    public var prepare: @Sendable (Image) throws -> [UInt8] {
        let encoder = encoder
        return { [UInt8](try encoder.encode($0)) }
    }

    public func add(_ frame: [UInt8], iteration: Int) throws {
        let path = name(iteration)
        try AtomicFile.write(frame, to: path)
        written.append(path)
    }

    public func finish() throws -> [String] {
        defer { written = [] }
        createdFolders = []
        return written
    }

    public func cancel() {
        let fm = FileManager.default
        for path in written { try? fm.removeItem(atPath: path) }
        written = []
        // rmdir, not removeItem: a folder is only removed if nothing else has appeared in it.
        for folder in createdFolders.reversed() { _ = rmdir(folder) }
        createdFolders = []
    }

    /// Creates `folder` and any missing parents, remembering which ones it made.
    private func createFolder(_ folder: String) throws {
        let fm = FileManager.default
        var missing: [String] = []
        var current = folder
        var isDirectory: ObjCBool = false
        while !current.isEmpty, current != "/", current != ".",
              !fm.fileExists(atPath: current, isDirectory: &isDirectory) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        if fm.fileExists(atPath: current, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw AnimationError.cannotWrite(path: folder, reason: "\(current) is not a folder")
        }
        for path in missing.reversed() {
            do {
                try fm.createDirectory(atPath: path, withIntermediateDirectories: false)
            } catch {
                cancel()
                throw AnimationError.cannotWrite(path: path, reason: "the folder cannot be created")
            }
            createdFolders.append(path)
        }
    }
}
