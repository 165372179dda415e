import Raster

/// Hands frames to another sink numbered 0, 1, 2, … in the order they come, instead of by the
/// iteration they show: PNG frames of `--every 5` become frame_000, frame_001, … rather than
/// frame_000, frame_005, …, which is what `ffmpeg -i frame_%03d.png` (it stops at the first gap)
/// and beamer's `\animategraphics` (consecutive numbers) need.
public final class FrameIndexNaming<Base: FrameSink>: FrameSink {
    /// The wrapped sink, which receives the frames' indices as their iterations.
    public let base: Base
    private var next = 0

    /// Numbers the frames given to `base` 0, 1, 2, ….
    public init(_ base: Base) {
        self.base = base
    }

    /// The base sink's per-frame work.
    public var prepare: @Sendable (Image) throws -> Base.Prepared { base.prepare }

    /// Hands the frame to the base sink under the next index, whatever `iteration` it shows.
    public func add(_ frame: Base.Prepared, iteration: Int) throws {
        try base.add(frame, iteration: next)
        next += 1
    }

    /// Finishes the base sink.
    public func finish() throws -> [String] { try base.finish() }
    /// Cancels the base sink.
    public func cancel() { base.cancel() }
    /// The base sink's sample count.
    public var sampleCount: Int { base.sampleCount }
    /// Hands the samples to the base sink.
    public func useSamples(_ images: [Image]) throws { try base.useSamples(images) }
    /// Whether the base sink's `add` is the slow stage.
    public var consumesHeavily: Bool { base.consumesHeavily }
    /// The base sink's own stage timings.
    public var stageTimes: [SinkStage] { base.stageTimes }
    /// Vector sinks draw each frame themselves; the wrapper must pass that on, or they would get
    /// raster images.
    public var drawFrame: (@Sendable (any Scene, Frame, Font) throws -> Base.Prepared)? { base.drawFrame }
}
