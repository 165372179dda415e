import Codecs
import Raster

/// Frames into one animated WebP (Codecs' `WebPWriter` over libwebpmux's `WebPAnimEncoder`).
///
/// Lossless by default, with real 8-bit alpha (a `--transparent` figure stays anti-aliased on any
/// slide colour). libwebp compares each frame with the one before it, so frames are added in order
/// on the calling thread, like a GIF's.
public final class WebPSink: FrameSink {
    /// The WebP being written; it appears there only when `finish` succeeds.
    public let path: String
    private let writer: WebPWriter
    private let durations: FrameDurations

    /// Starts libwebp's animation encoder for `width` × `height` frames shown for `durations`.
    ///
    /// - Throws: as `WebPWriter.init`: `CodecsError.invalidSize`, `.invalidOption`, `.webpFailed` or
    ///   `.fileFailed`.
    public init(path: String, width: Int, height: Int, durations: FrameDurations, options: WebPOptions) throws {
        self.path = path
        self.durations = durations
        writer = try WebPWriter(path: path, width: width, height: height, options: options)
    }

    /// The frame as it is: libwebp's work happens in `add`, which must see the frames in order.
    public var prepare: @Sendable (Image) throws -> Image { { $0 } }

    private var added = 0

    /// Compresses the frame against the one before it, shown for its duration.
    public func add(_ frame: Image, iteration: Int) throws {
        try writer.add(frame, duration: durations.duration(ofFrame: added))
        added += 1
    }

    /// True: libwebp's compression runs in `add`.
    public var consumesHeavily: Bool { true }

    /// libwebp's time, in `add` and `finish`.
    public var stageTimes: [SinkStage] { [SinkStage(name: "libwebp", time: writer.encodeTime, inline: true)] }

    /// Assembles the animation and renames it into place.
    public func finish() throws -> [String] {
        try writer.finish()
        return [path]
    }

    /// Abandons the animation and removes the temporary file.
    public func cancel() {
        writer.cancel()
    }
}

/// How long each frame shows: one delay for all, the last frame held longer (`--hold-last`).
public struct FrameDurations: Sendable, Equatable {
    /// How long each frame shows.
    public var delay: Duration
    /// The number of frames, so that the last one can be held.
    public var frameCount: Int
    /// How much longer than `delay` the last frame shows.
    public var holdLast: Duration

    /// Durations of `frameCount` frames of `delay`, the last one `holdLast` longer.
    public init(delay: Duration, frameCount: Int, holdLast: Duration = .zero) {
        self.delay = delay
        self.frameCount = frameCount
        self.holdLast = holdLast
    }

    /// The duration of frame `index` (0-based).
    public func duration(ofFrame index: Int) -> Duration {
        index == frameCount - 1 ? delay + holdLast : delay
    }

    /// Every frame's duration in milliseconds (fractions kept).
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
