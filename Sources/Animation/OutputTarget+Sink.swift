import Codecs

/// How the sinks write, whatever the target: each format takes the settings it understands.
public struct SinkSettings: Sendable {
    /// How long each frame shows (animations), when `durations` is not given.
    public var delay: Duration = .milliseconds(200)
    /// Each frame's duration, the last one possibly held longer; nil: `delay` for every frame.
    public var durations: FrameDurations?
    /// The GIF's loop count, palette and quality.
    public var gif = GIFOptions()
    /// The PNG encoder (its metadata and dpi).
    public var png = PNGEncoder()
    /// PNG frames numbered by the iteration they show (0, 5, 10, … with a step of 5) rather than
    /// 0, 1, 2, …, which is what `ffmpeg -i frame_%03d.png` and beamer's `\animategraphics` read.
    public var namesFramesByIteration = false
    /// A video's quality and frame rate; the container comes from the path.
    public var videoCRF: Int?
    /// A video's frame rate; nil: one frame per `delay`.
    public var videoRate: FrameRate?
    /// Frames a video repeats at its end (`--hold-last`).
    public var videoHoldFrames = 0
    /// The animated WebP's compression and loop.
    public var webp = WebPOptions()
    /// The HTML player's page (title, durations, losses, snapshots); nil: a plain page.
    public var html: HTMLPlayerOptions?
    /// SVG and PDF: the raster resolution their geometry matches (dpi × scale), and what the files
    /// say about themselves.
    public var vectorDPI = 100.0
    /// What SVG and PDF files say about themselves; a file holding one frame of an animation adds the
    /// frame's iteration to the title.
    public var vectorMetadata = VectorMetadata(software: "nmfviz", title: "nmfviz", description: "")

    /// The defaults: 200 ms a frame, the codecs' default options, 100 dpi for vector output.
    public init() {}

    /// The durations of `count` frames.
    func durations(count: Int) -> FrameDurations {
        durations ?? FrameDurations(delay: delay, frameCount: count)
    }
}

extension OutputTarget {
    /// The one place that turns an output path's meaning into the sink that writes it.
    ///
    /// - Parameters:
    ///   - width: the frames' width in pixels.
    ///   - height: the frames' height in pixels.
    ///   - frameCount: the number of frames the sink will get (for durations and the last frame's hold).
    ///   - settings: the sink's options (GIF, PNG, video, WebP, vector and HTML settings).
    /// - Throws: the sink's own errors (a folder that cannot be created, a file that cannot be opened,
    ///   ffmpeg missing).
    public func makeSink(width: Int, height: Int, frameCount: Int = Int.max, settings: SinkSettings) throws
        -> any FrameSink
    {
        switch self {
        case let .gif(path):
            return try GIFSink(path: path, width: width, height: height,
                               durations: settings.durations(count: frameCount), options: settings.gif)
        case let .png(path):
            return try PNGSink(still: path, encoder: settings.png)
        case let .frames(pattern) where pattern.format == .svg:
            let sink = try SVGSink(pattern: pattern, dotsPerInch: settings.vectorDPI, metadata: settings.vectorMetadata)
            return settings.namesFramesByIteration ? sink : FrameIndexNaming(sink)
        case let .frames(pattern) where pattern.format == .pdf:
            let sink = try PDFSink(pattern: pattern, dotsPerInch: settings.vectorDPI, metadata: settings.vectorMetadata)
            return settings.namesFramesByIteration ? sink : FrameIndexNaming(sink)
        case let .frames(pattern):
            let sink = try PNGSink(pattern: pattern, encoder: settings.png)
            return settings.namesFramesByIteration ? sink : FrameIndexNaming(sink)
        case let .svg(path):
            return try SVGSink(still: path, dotsPerInch: settings.vectorDPI, metadata: settings.vectorMetadata)
        case let .pdf(path):
            return try PDFSink(document: path, dotsPerInch: settings.vectorDPI, metadata: settings.vectorMetadata)
        case let .video(path, container):
            let rate = settings.videoRate ?? FrameRate(delayMilliseconds: settings.delay.milliseconds)
            let options = VideoOptions(container: container, crf: settings.videoCRF, frameRate: rate,
                                       holdLastFrames: settings.videoHoldFrames)
            return try FolderCreatingSink(path: path) {
                try VideoSink(path: path, width: width, height: height, options: options)
            }
        case let .webp(path):
            return try FolderCreatingSink(path: path) {
                try WebPSink(path: path, width: width, height: height,
                             durations: settings.durations(count: frameCount), options: settings.webp)
            }
        case let .html(path):
            let name = OutputPath.split(path).name
            let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
            let options = settings.html
                ?? HTMLPlayerOptions(title: stem.isEmpty ? "nmfviz" : stem, durations: settings.durations(count: frameCount))
            return try FolderCreatingSink(path: path) {
                try HTMLSink(path: path, width: width, height: height, options: options)
            }
        }
    }

    /// Whether the sink's serial stage keeps whole frames (a GIF keeps the frame on screen and the
    /// previous one; libwebp's encoder keeps its own), for `MemoryBudget`.
    public var holdsFrames: Bool {
        switch self {
        case .gif, .webp: return true
        case .png, .frames, .video, .html, .svg, .pdf: return false
        }
    }
}
