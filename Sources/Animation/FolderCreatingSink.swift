import Codecs
import Raster

/// A sink whose output's missing folders are created first — as PNG frames, GIFs and vector output
/// create theirs — and removed again if the output is abandoned (`cancel`, a failure, a signal through
/// the `OutputJournal`). Wraps the sinks that write one file themselves (video, WebP, HTML).
public final class FolderCreatingSink<Base: FrameSink>: FrameSink {
    /// The wrapped sink, which writes the output.
    public let base: Base
    private var created: [String]

    /// Creates the folders of `path`, then the sink; if the sink cannot be made they are removed.
    ///
    /// - Throws: `CodecsError` for a folder that cannot be created, or the sink's own error.
    public init(path: String, makeBase: () throws -> Base) throws {
        let created = try OutputFolders.create(OutputPath.folder(of: path), for: path)
        do {
            self.base = try makeBase()
        } catch {
            OutputFolders.remove(created)
            throw error
        }
        self.created = created
    }

    /// The base sink's per-frame work.
    public var prepare: @Sendable (Image) throws -> Base.Prepared { base.prepare }
    /// Hands the frame to the base sink.
    public func add(_ frame: Base.Prepared, iteration: Int) throws { try base.add(frame, iteration: iteration) }

    /// Finishes the base sink, then keeps the folders it created.
    ///
    /// - Throws: the base sink's error; the folders are then left for `cancel` to remove.
    public func finish() throws -> [String] {
        let paths = try base.finish()
        OutputFolders.keep(created)
        created = []
        return paths
    }

    /// Cancels the base sink and removes the folders created for it.
    public func cancel() {
        base.cancel()
        OutputFolders.remove(created)
        created = []
    }

    /// The base sink's sample count.
    public var sampleCount: Int { base.sampleCount }
    /// Hands the samples to the base sink.
    public func useSamples(_ images: [Image]) throws { try base.useSamples(images) }
    /// Whether the base sink's `add` is the slow stage.
    public var consumesHeavily: Bool { base.consumesHeavily }
    /// The base sink's own stage timings.
    public var stageTimes: [SinkStage] { base.stageTimes }
    /// The base sink's drawing, so that vector sinks keep drawing their frames themselves.
    public var drawFrame: (@Sendable (any Scene, Frame, Font) throws -> Base.Prepared)? { base.drawFrame }
}
