import Codecs
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a sink that writes one file per frame (named by a `FramePattern`) or one still at a
/// fixed path: PNG, SVG and PDF frames alike.
///
/// Each file is written under a temporary name, and `commit` renames them all into place at once
/// (`StagedFiles`): a run that fails or is stopped leaves an earlier run's files exactly as they were.
/// After a successful run into a pattern, the earlier files that match the same pattern but were not
/// made again are removed, so the folder never holds a silent mix of two runs (a shorter rerun, or
/// `--every` changed). Missing folders are created, and removed again by `discard`.
final class FrameFiles {
    private let name: (Int) -> String
    private let pattern: FramePattern?
    private let staged = StagedFiles()
    private var createdFolders: [String]

    /// Files named by `pattern` from each frame's iteration.
    convenience init(pattern: FramePattern) throws {
        try self.init(folder: pattern.directory, target: pattern.original, pattern: pattern, name: pattern.path(for:))
    }

    /// One file at `path`.
    convenience init(still path: String) throws {
        try self.init(folder: OutputPath.folder(of: path), target: path, pattern: nil, name: { _ in path })
    }

    private init(folder: String, target: String, pattern: FramePattern?, name: @escaping (Int) -> String) throws {
        self.name = name
        self.pattern = pattern
        self.createdFolders = try OutputFolders.create(folder, for: target)
    }

    /// Stages the file of the frame showing `iteration`.
    func write(_ bytes: [UInt8], iteration: Int) throws {
        try staged.write(bytes, to: name(iteration))
    }

    /// Renames every staged file into place; returns their paths.
    func commit() throws -> [String] {
        let written = try staged.commit()
        OutputFolders.keep(createdFolders)
        createdFolders = []
        if let pattern { removeEarlierFrames(of: pattern, keeping: written) }
        return written
    }

    /// Removes the staged files and the folders made for them.
    func discard() {
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
