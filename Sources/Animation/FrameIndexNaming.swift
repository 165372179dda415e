import Raster

/// Hands frames to another sink numbered 0, 1, 2, … in the order they come, instead of by the
/// iteration they show: PNG frames of `--every 5` become frame_000, frame_001, … rather than
/// frame_000, frame_005, …, which is what `ffmpeg -i frame_%03d.png` (it stops at the first gap)
/// and beamer's `\animategraphics` (consecutive numbers) need.
public final class FrameIndexNaming<Base: FrameSink>: FrameSink {
    public let base: Base
    private var next = 0

    public init(_ base: Base) {
        self.base = base
    }

    public var prepare: @Sendable (Image) throws -> Base.Prepared { base.prepare }

    public func add(_ frame: Base.Prepared, iteration: Int) throws {
        try base.add(frame, iteration: next)
        next += 1
    }

    public func finish() throws -> [String] { try base.finish() }
    public func cancel() { base.cancel() }
    public var sampleCount: Int { base.sampleCount }
    public func useSamples(_ images: [Image]) throws { try base.useSamples(images) }
    public var consumesHeavily: Bool { base.consumesHeavily }
    public var stageTimes: [SinkStage] { base.stageTimes }
    /// Vector sinks draw each frame themselves; the wrapper must pass that on, or they would get
    /// raster images.
    public var drawFrame: (@Sendable (any Scene, Frame, Font) throws -> Base.Prepared)? { base.drawFrame }
}
