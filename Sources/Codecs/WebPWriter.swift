// Animated WebP through libwebpmux's WebPAnimEncoder: it finds each frame's changed rectangle,
// chooses blending and disposal, and assembles the RIFF container; this writer feeds it frames with
// drift-free millisecond timestamps and writes the result atomically.
import CWebP
import Raster

/// Writes an animated WebP frame by frame.
///
/// ```swift
/// let writer = try WebPWriter(path: "out.webp", width: 1000, height: 450)
/// for frame in frames { try writer.add(frame, duration: .milliseconds(200)) }
/// try writer.finish()
/// ```
/// libwebp keeps the compressed frames in memory until `finish` assembles the file, which is then
/// written beside `path` and renamed into place; `cancel()`, deinit or any error leaves nothing.
/// Frames are straight (not premultiplied) RGBA; alpha is kept, so `--transparent` figures stay
/// anti-aliased on any background. Not thread-safe: call it from one thread at a time.
public final class WebPWriter {
    /// The file the animation replaces when `finish` succeeds.
    public let path: String
    /// Width of every frame in pixels, 1…16383.
    public let width: Int
    /// Height of every frame in pixels, 1…16383.
    public let height: Int
    /// The options the writer was made with, already checked.
    public let options: WebPOptions
    private var encoder: OpaquePointer?
    private var file: AtomicFile?
    private var config: WebPConfig
    /// The start of the next frame, from the sum of the durations so far (so 30 fps does not drift).
    private var elapsed: Duration = .zero
    private var frames = 0
    private let stopwatch = ContinuousClock()
    /// Time spent in libwebp so far (`add`'s compression and `finish`'s assembly).
    public private(set) var encodeTime: Duration = .zero

    /// Creates the temporary output file beside `path` and libwebp's encoder.
    ///
    /// - Throws: `CodecsError.invalidSize` beyond WebP's 16383 px a side, `.invalidOption`, or
    ///   `.fileFailed` when the folder cannot be written.
    public init(path: String, width: Int, height: Int, options: WebPOptions = WebPOptions()) throws {
        guard (1...16383).contains(width), (1...16383).contains(height) else {
            throw CodecsError.invalidSize(width: width, height: height, limit: "WebP sides must be 1…16383 px")
        }
        try options.validate()
        self.path = path
        self.width = width
        self.height = height
        self.options = options
        config = try options.makeConfig()
        var animation = WebPAnimEncoderOptions()
        guard WebPAnimEncoderOptionsInit(&animation) != 0 else {
            throw CodecsError.webpFailed(path: path, message: "this libwebpmux does not match its headers")
        }
        switch options.loop {
        case .forever: animation.anim_params.loop_count = 0
        case .times(let n): animation.anim_params.loop_count = Int32(n)
        }
        guard let encoder = WebPAnimEncoderNew(Int32(width), Int32(height), &animation) else {
            throw CodecsError.webpFailed(path: path, message: "cannot make an animation encoder (out of memory?)")
        }
        self.encoder = encoder
        do {
            file = try AtomicFile(path: path)
        } catch {
            WebPAnimEncoderDelete(encoder)
            self.encoder = nil
            throw error
        }
    }

    deinit {
        cancel()
    }

    /// Adds the next frame, shown for `duration`.
    ///
    /// - Throws: `CodecsError.frameSizeMismatch`, `.writerClosed` after `finish` or `cancel`, or
    ///   `.webpFailed` with libwebp's reason.
    public func add(_ image: Image, duration: Duration) throws {
        guard let encoder else { throw CodecsError.writerClosed(path: path) }
        guard image.width == width, image.height == height else {
            throw CodecsError.frameSizeMismatch(path: path, expectedWidth: width, expectedHeight: height,
                                                width: image.width, height: image.height)
        }
        let start = stopwatch.now
        defer { encodeTime += stopwatch.now - start }
        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else {
            throw CodecsError.webpFailed(path: path, message: "this libwebp does not match its headers")
        }
        picture.width = Int32(width)
        picture.height = Int32(height)
        picture.use_argb = 1
        defer { WebPPictureFree(&picture) }
        let imported = image.pixels.withUnsafeBufferPointer {
            WebPPictureImportRGBA(&picture, $0.baseAddress, Int32(width * 4))
        }
        guard imported != 0 else { throw CodecsError.webpFailed(path: path, message: "out of memory") }
        let timestamp = Self.milliseconds(elapsed)
        guard WebPAnimEncoderAdd(encoder, &picture, timestamp, &config) != 0 else {
            throw CodecsError.webpFailed(path: path, message: Self.message(encoder))
        }
        elapsed += duration
        frames += 1
    }

    /// Assembles the animation and renames it into place.
    ///
    /// - Throws: `CodecsError.noFrames` when nothing was added, `.webpFailed`, or `.fileFailed`.
    public func finish() throws {
        guard let encoder, let file else { throw CodecsError.writerClosed(path: path) }
        defer { cancel() }
        guard frames > 0 else { throw CodecsError.noFrames(path: path) }
        let start = stopwatch.now
        // The end time gives the last frame its duration.
        guard WebPAnimEncoderAdd(encoder, nil, Self.milliseconds(elapsed), nil) != 0 else {
            throw CodecsError.webpFailed(path: path, message: Self.message(encoder))
        }
        var data = WebPData()
        guard WebPAnimEncoderAssemble(encoder, &data) != 0 else {
            throw CodecsError.webpFailed(path: path, message: Self.message(encoder))
        }
        defer { WebPDataClear(&data) }
        encodeTime += stopwatch.now - start
        try file.write(UnsafeRawBufferPointer(start: data.bytes, count: data.size))
        try file.commit()
    }

    /// Abandons the output, removing the temporary file. Safe to call more than once.
    public func cancel() {
        if let encoder { WebPAnimEncoderDelete(encoder) }
        encoder = nil
        file?.discard()
        file = nil
    }

    /// Whole milliseconds in `t`, rounded to nearest: the start of each frame is rounded, not each
    /// duration, so errors do not add up.
    static func milliseconds(_ t: Duration) -> Int32 {
        let (seconds, attoseconds) = t.components
        let ms = seconds * 1000 + (attoseconds + 500_000_000_000_000) / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }

    private static func message(_ encoder: OpaquePointer) -> String {
        guard let text = WebPAnimEncoderGetError(encoder) else { return "libwebp failed" }
        let message = String(cString: text)
        return message.isEmpty ? "libwebp failed" : message
    }
}
