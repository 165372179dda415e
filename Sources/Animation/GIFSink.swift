import Codecs
import Raster

/// Frames into one animated GIF (Codecs' streaming `GIFWriter`: O(one frame) of memory, the file renamed
/// into place only by `finish`).
public final class GIFSink: FrameSink {
    /// The GIF being written; it appears there only when `finish` succeeds.
    public let path: String
    private let writer: GIFWriter
    private let durations: FrameDurations
    private var added = 0
    private var createdFolders: [String]
    private let options: GIFOptions

    /// Frames shown `delay` each.
    ///
    /// - Parameters:
    ///   - path: the GIF to write (renamed into place by `finish`).
    ///   - width: the frames' width in pixels.
    ///   - height: the frames' height in pixels.
    ///   - delay: how long each frame shows; fractions of a centisecond are carried from frame to frame.
    ///   - options: quality, palette, loop and transparency.
    public convenience init(path: String, width: Int, height: Int, delay: Duration, options: GIFOptions) throws {
        try self.init(path: path, width: width, height: height,
                      durations: FrameDurations(delay: delay, frameCount: Int.max), options: options)
    }

    /// Frames shown for `durations` (the last one held longer with `--hold-last`).
    public init(path: String, width: Int, height: Int, durations: FrameDurations, options: GIFOptions) throws {
        self.path = path
        self.durations = durations
        self.options = options
        // A missing folder is created, as for PNG frames, and removed again if the GIF is abandoned.
        let folders = try OutputFolders.create(OutputPath.folder(of: path), for: path)
        do {
            self.writer = try GIFWriter(path: path, width: width, height: height, options: options)
        } catch {
            OutputFolders.remove(folders)
            throw error
        }
        self.createdFolders = folders
    }

    /// A `GIFOptions.matte` is applied here, on the render workers; the writer then finds nothing
    /// left to blend.
    public var prepare: @Sendable (Image) throws -> Image {
        let options = self.options
        return { options.matted($0) }
    }

    /// Quantizes the frame against what the frames before it left on screen and hands the previous one
    /// to the LZW thread; a frame identical to the previous one only lengthens it.
    public func add(_ frame: Image, iteration: Int) throws {
        try writer.add(frame, duration: durations.duration(ofFrame: added))
        added += 1
    }

    /// Five frames spread over the animation choose the global palette: the first frame alone (the
    /// initialization) often lacks colours that the points take on later.
    public var sampleCount: Int { 5 }

    /// Chooses the global palette from the sample frames.
    public func useSamples(_ images: [Image]) throws {
        try writer.useGlobalPalette(from: images)
    }

    /// Chooses the global palette from the sample frames, with entries for the scene's own colours first.
    public func useSamples(_ images: [Image], plotColors: [RGBA8]) throws {
        try writer.useGlobalPalette(from: images, plotColors: plotColors)
    }

    /// Each frame is quantized against what the frames before it left on screen, in `add`.
    public var consumesHeavily: Bool { true }

    /// Quantizing runs in `add`; giflib's LZW compression and the writes run on the writer's own thread.
    public var stageTimes: [SinkStage] {
        [SinkStage(name: "quantize", time: writer.quantizeTime, inline: true),
         SinkStage(name: "encode", time: writer.encodeTime, inline: false)]
    }

    /// Writes the trailer, renames the GIF into place and keeps the folders created for it.
    public func finish() throws -> [String] {
        try writer.finish()
        OutputFolders.keep(createdFolders)
        createdFolders = []
        return [path]
    }

    /// Stops the writer, removes the temporary file and the folders created for it.
    public func cancel() {
        writer.cancel()
        OutputFolders.remove(createdFolders)
        createdFolders = []
    }
}
