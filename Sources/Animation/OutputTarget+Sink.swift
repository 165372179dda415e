import Codecs

/// How the sinks write, whatever the target: each format takes the settings it understands.
public struct SinkSettings: Sendable {
    /// How long each frame shows (animations).
    public var delay: Duration = .milliseconds(200)
    /// The GIF's loop count, palette and quality.
    public var gif = GIFOptions()
    /// The PNG encoder (its metadata and dpi).
    public var png = PNGEncoder()

    public init() {}
}

extension OutputTarget {
    /// The one place that turns an output path's meaning into the sink that writes it.
    ///
    /// - Parameters:
    ///   - width: the frames' width in pixels; `height` likewise.
    /// - Throws: the sink's own errors (a folder that cannot be created, a file that cannot be opened).
    public func makeSink(width: Int, height: Int, settings: SinkSettings) throws -> any FrameSink {
        switch self {
        case let .gif(path):
            return try GIFSink(path: path, width: width, height: height, delay: settings.delay, options: settings.gif)
        case let .png(path):
            return try PNGSink(still: path, encoder: settings.png)
        case let .frames(pattern):
            return try PNGSink(pattern: pattern, encoder: settings.png)
        }
    }

    /// Whether the sink's serial stage needs memory for whole frames (a GIF keeps the frame on screen
    /// and the previous one), for `MemoryBudget`.
    public var holdsFrames: Bool { isGIF }
}
