import Codecs
import Raster

/// Frames into one animated WebP (Codecs' `WebPWriter` over libwebpmux's `WebPAnimEncoder`).
///
/// Lossless by default, with real 8-bit alpha (a `--transparent` figure stays anti-aliased on any
/// slide colour). libwebp compares each frame with the one before it, so frames are added in order
/// on the calling thread, like a GIF's.
public final class WebPSink: FrameSink {
    public let path: String
    private let writer: WebPWriter
    private let durations: FrameDurations

    public init(path: String, width: Int, height: Int, durations: FrameDurations, options: WebPOptions) throws {
        self.path = path
        self.durations = durations
        writer = try WebPWriter(path: path, width: width, height: height, options: options)
    }

    public var prepare: @Sendable (Image) throws -> Image { { $0 } }

    private var added = 0

    public func add(_ frame: Image, iteration: Int) throws {
        try writer.add(frame, duration: durations.duration(ofFrame: added))
        added += 1
    }

    public var consumesHeavily: Bool { true }

    public var stageTimes: [SinkStage] { [SinkStage(name: "libwebp", time: writer.encodeTime, inline: true)] }

    public func finish() throws -> [String] {
        try writer.finish()
        return [path]
    }

    public func cancel() {
        writer.cancel()
    }
}

/// How long each frame shows: one delay for all, the last frame held longer (`--hold-last`).
public struct FrameDurations: Sendable, Equatable {
    public var delay: Duration
    public var frameCount: Int
    public var holdLast: Duration

    public init(delay: Duration, frameCount: Int, holdLast: Duration = .zero) {
        self.delay = delay
        self.frameCount = frameCount
        self.holdLast = holdLast
    }

    /// The duration of frame `index` (0-based).
    public func duration(ofFrame index: Int) -> Duration {
        index == frameCount - 1 ? delay + holdLast : delay
    }

    /// Every frame's duration in milliseconds, rounded.
    public var milliseconds: [Double] {
        (0..<frameCount).map { duration(ofFrame: $0).milliseconds }
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        let (s, atto) = components
        return Double(s) * 1000 + Double(atto) / 1e15
    }
}
