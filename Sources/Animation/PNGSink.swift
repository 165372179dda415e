import Codecs
import Raster

/// Frames as PNG files named by iteration (a `FramePattern`), or one still at a fixed path.
///
/// Compression runs on the worker threads (`prepare`). The files are staged and renamed into place
/// together by `finish` (`FrameFiles`): a run that fails or is stopped leaves an earlier run's frames
/// exactly as they were, and after a run into a pattern the earlier frames it did not make again are
/// removed. Missing folders are created, and removed again by `cancel`.
public final class PNGSink: FrameSink {
    private let encoder: PNGEncoder
    private let files: FrameFiles

    /// PNG files named by `pattern` from each frame's iteration.
    public init(pattern: FramePattern, encoder: PNGEncoder = PNGEncoder()) throws {
        self.encoder = encoder
        self.files = try FrameFiles(pattern: pattern)
    }

    /// One PNG at `path` (the sink expects a single frame).
    public init(still path: String, encoder: PNGEncoder = PNGEncoder()) throws {
        self.encoder = encoder
        self.files = try FrameFiles(still: path)
    }

    /// The frame compressed to PNG bytes, on a worker thread.
    public var prepare: @Sendable (Image) throws -> [UInt8] {
        let encoder = encoder
        return { [UInt8](try encoder.encode($0)) }
    }

    /// Stages the frame's PNG under a temporary name.
    public func add(_ frame: [UInt8], iteration: Int) throws {
        try files.write(frame, iteration: iteration)
    }

    /// Renames every staged frame into place, removing an earlier run's frames the pattern did not make
    /// again, and returns the paths.
    public func finish() throws -> [String] {
        try files.commit()
    }

    /// Removes the staged frames and the folders created for them.
    public func cancel() {
        files.discard()
    }
}
