import Codecs
import Raster
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Frames as PNG files named by iteration (a `FramePattern`), or one still at a fixed path.
///
/// Compression runs on the worker threads (`prepare`). Each frame is written under a temporary name
/// on the calling thread, and `finish` renames them all into place at once (`StagedFiles`): a run
/// that fails or is stopped leaves an earlier run's frames exactly as they were. After a successful
/// run into a pattern, the earlier frames that match the same pattern but were not made again are
/// removed, so the folder never holds a silent mix of two runs (a shorter rerun, or `--every`
/// changed). Missing folders are created, and removed again by `cancel`.
public final class PNGSink: FrameSink {
    private let name: (Int) -> String
    private let encoder: PNGEncoder
    private let pattern: FramePattern?
    private let staged = StagedFiles()
    private var createdFolders: [String]

    /// PNG files named by `pattern` from each frame's iteration.
    public convenience init(pattern: FramePattern, encoder: PNGEncoder = PNGEncoder()) throws {
        try self.init(folder: pattern.directory, target: pattern.original, encoder: encoder,
                      pattern: pattern, name: pattern.path(for:))
    }

    /// One PNG at `path` (the sink expects a single frame).
    public convenience init(still path: String, encoder: PNGEncoder = PNGEncoder()) throws {
        try self.init(folder: OutputPath.folder(of: path), target: path, encoder: encoder, pattern: nil,
                      name: { _ in path })
    }

    private init(folder: String, target: String, encoder: PNGEncoder, pattern: FramePattern?,
                 name: @escaping (Int) -> String) throws {
        self.encoder = encoder
        self.name = name
        self.pattern = pattern
        self.createdFolders = try OutputFolders.create(folder, for: target)
    }

    public var prepare: @Sendable (Image) throws -> [UInt8] {
        let encoder = encoder
        return { [UInt8](try encoder.encode($0)) }
    }

    public func add(_ frame: [UInt8], iteration: Int) throws {
        try staged.write(frame, to: name(iteration))
    }

    public func finish() throws -> [String] {
        let written = try staged.commit()
        OutputFolders.keep(createdFolders)
        createdFolders = []
        if let pattern { removeEarlierFrames(of: pattern, keeping: written) }
        return written
    }

    public func cancel() {
        staged.discard()
        OutputFolders.remove(createdFolders)
        createdFolders = []
    }

    /// Removes the regular files in the pattern's folder that the pattern names but this run did not
    /// write.
    private func removeEarlierFrames(of pattern: FramePattern, keeping written: [String]) {
        let folder = pattern.directory
        let keep = Set(written.map { OutputPath.split($0).name })
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var stale: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !keep.contains(name), pattern.matches(fileName: name) else { continue }
            let path = folder == "/" ? "/" + name : folder + "/" + name
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { stale.append(path) }
        }
        for path in stale { unlink(path) }
    }
}
