import Codecs
import Foundation
import Raster

/// Frames into one self-contained HTML page with a player of the project's own (`HTMLPlayerPage`):
/// no external resource, so it works offline and can be mailed or put on a course page as one file.
///
/// Each frame is compressed on the worker threads (`prepare`: lossless WebP by default, chosen by
/// measurement, see `HTMLPlayerOptions.FrameFormat`) and appended to the page as a data URL on the
/// calling thread, so memory stays flat in the frame count. The page is written beside `path` and
/// renamed into place by `finish`.
public final class HTMLSink: FrameSink {
    /// The page being written; it appears there only when `finish` succeeds.
    public let path: String
    /// Title, frame format, durations, loop mode and what the page shows besides the frames.
    public let options: HTMLPlayerOptions
    private var file: AtomicFile?
    private var iterations: [Int] = []
    private let width: Int, height: Int

    /// Starts the page beside `path` with its head (player, styles, controls) for `width` × `height`
    /// pixel frames.
    ///
    /// - Throws: `CodecsError` when the folder cannot be written or `path` is refused.
    public init(path: String, width: Int, height: Int, options: HTMLPlayerOptions) throws {
        self.path = path
        self.options = options
        self.width = width
        self.height = height
        let file = try AtomicFile(path: path)
        let head = HTMLPlayerPage.head(options: options, width: width, height: height)
        try Self.write(head, to: file)
        self.file = file
    }

    deinit {
        cancel()
    }

    /// The frame compressed (WebP or PNG) and written as a quoted base64 data URL, one line of the page's
    /// frame list.
    public var prepare: @Sendable (Image) throws -> [UInt8] {
        let format = options.frameFormat
        let png = PNGEncoder()
        // libwebp's lossless level 1 (method 1, effort 20): 9% larger than its default on the
        // article's frames (25.7 KB against 23.6 KB a frame) in about half the time.
        let webp = WebPImageEncoder(options: WebPOptions(method: 1, losslessEffort: 20))
        return { image in
            let bytes: [UInt8]
            switch format {
            case .png: bytes = [UInt8](try png.encode(image))
            case .webp: bytes = try webp.encode(image)
            }
            return Array(("\"data:\(format.mimeType);base64," + Data(bytes).base64EncodedString() + "\",\n").utf8)
        }
    }

    /// Appends the frame's data URL to the page.
    ///
    /// - Throws: `AnimationError.cannotWrite` after `finish` or `cancel`; `CodecsError` if the write fails.
    public func add(_ frame: [UInt8], iteration: Int) throws {
        guard let file else { throw AnimationError.cannotWrite(path: path, reason: "the page is already finished") }
        try frame.withUnsafeBytes { try file.write($0) }
        iterations.append(iteration)
    }

    /// Writes the page's tail (the iterations and losses), then renames it into place.
    ///
    /// - Throws: `AnimationError.cannotWrite` after `finish` or `cancel`; `CodecsError` if the write fails,
    ///   after which nothing is left.
    public func finish() throws -> [String] {
        guard let file else { throw AnimationError.cannotWrite(path: path, reason: "the page is already finished") }
        defer { cancel() }
        let tail = HTMLPlayerPage.tail(options: options, iterations: iterations)
        try Self.write(tail, to: file)
        try file.commit()
        self.file = nil
        return [path]
    }

    /// Removes the temporary page; safe to call more than once.
    public func cancel() {
        file?.discard()
        file = nil
    }

    private static func write(_ text: String, to file: AtomicFile) throws {
        var text = text
        try text.withUTF8 { try file.write(UnsafeRawBufferPointer($0)) }
    }
}

/// What the HTML player shows besides the frames, and how it starts.
public struct HTMLPlayerOptions: Sendable {
    /// How frames are embedded.
    public enum FrameFormat: String, Sendable {
        /// Lossless WebP: the same pixels as PNG in about half the bytes on the article's frames
        /// (README: "HTML player"); every current browser shows it.
        case webp
        /// PNG, for the oldest browsers.
        case png

        var mimeType: String { self == .webp ? "image/webp" : "image/png" }
    }

    /// How playback ends: stop at the end, start again, or turn round (matplotlib's to_jshtml modes).
    public enum LoopMode: String, Sendable, CaseIterable {
        /// Stop at the last frame, start again from the first, or play backwards to the first and forwards
        /// again.
        case once, loop, reflect
    }

    /// The loss of each iteration (index = iteration), per solver run, with a label when there are several.
    public struct LossSeries: Sendable {
        /// The run's name in the legend (empty for a single run).
        public var label: String
        /// The loss after iterations 0, 1, 2, …; iterations past the end have no point.
        public var losses: [Double]

        /// A series called `label` with `losses` indexed by iteration.
        public init(label: String, losses: [Double]) {
            self.label = label
            self.losses = losses
        }
    }

    /// The page's title (HTML-escaped when written).
    public var title: String
    /// How frames are embedded: lossless WebP by default.
    public var frameFormat: FrameFormat = .webp
    /// Every frame's duration.
    public var durations: FrameDurations
    /// The frames' pixels per CSS pixel (`--scale`): 2 shows a 2000×900 frame at 1000×450, sharp on HiDPI screens.
    public var pixelRatio: Double = 1
    /// How playback ends; `.loop` by default, as matplotlib's to_jshtml.
    public var loopMode: LoopMode = .loop
    /// Loss curves drawn beside the player, one per run; none by default.
    public var losses: [LossSeries] = []
    /// `nmfviz factorize`'s JSON, embedded as `<script type="application/json" id="nmfviz-snapshots">`.
    public var snapshotsJSON: String?

    /// A page titled `title` showing frames for `durations`, the rest at its defaults.
    public init(title: String, durations: FrameDurations) {
        self.title = title
        self.durations = durations
    }
}
