// Animated GIF output through giflib's streaming encoder (EGif…), one frame at a time.
//
// Stages: GIFFrameEncoder (difference → palette → indices, producing an IndexedFrame) then this
// writer, which holds back one IndexedFrame so that identical frames can add their delays to it and
// so that it can still be disposed to the background if the next frame turns pixels transparent;
// then giflib's LZW. giflib writes through a callback into an AtomicFile, never through its own
// EGifOpenFileName (which creates files 0600 and leaves partial files on failure).
import CGIF
import Raster

/// Writes an animated GIF89a frame by frame, holding O(one frame) of memory.
///
/// ```swift
/// let writer = try GIFWriter(path: "out.gif", width: 1000, height: 450)
/// for frame in frames { try writer.add(frame, delayMilliseconds: 200) }
/// try writer.finish()
/// ```
/// The file appears at `path` only when `finish()` succeeds; until then it is a hidden temporary file
/// beside it, removed by `cancel()`, by deinit, or by any error. Output depends only on the frames and
/// options (never on timing or threads). Not thread-safe: call it from one thread or task at a time.
///
/// All per-frame work (difference, palette, mapping, LZW) happens in `add`, and it cannot be split
/// off to run ahead on other cores: each frame is encoded against what the frames before it left on
/// screen, and spends an error budget they determine. It is cheap next to drawing (about 1.8 ms for a
/// 1000×450 plot frame, one core), so render frames in parallel and add them in order.
///
/// Transparency: pixels with alpha below 128 become GIF's transparent index; a frame that turns
/// opaque pixels transparent makes the frame before it dispose to the background (disposal 2).
public final class GIFWriter {
    public let path: String
    public let width: Int
    public let height: Int
    public let options: GIFOptions
    private var encoder: GIFFrameEncoder
    private var sink: GIFSink?
    private var gif: UnsafeMutablePointer<GifFileType>?
    private var pending: IndexedFrame?
    private var clock = FrameClock()
    private let stopwatch = ContinuousClock()
    /// Time spent so far choosing palettes and mapping pixels (difference, quantize, remap: `add`'s own
    /// work), and in giflib's LZW compression and the file writes.
    public private(set) var quantizeTime: Duration = .zero
    public private(set) var encodeTime: Duration = .zero

    /// Creates the temporary output file beside `path`.
    ///
    /// - Throws: `CodecsError.invalidSize` for a size GIF cannot hold (1…65535 px a side),
    ///   `CodecsError.invalidOption`, or `CodecsError.fileFailed` when the folder cannot be written.
    public init(path: String, width: Int, height: Int, options: GIFOptions = GIFOptions()) throws {
        guard (1...65535).contains(width), (1...65535).contains(height) else {
            throw CodecsError.invalidSize(width: width, height: height, limit: "GIF sides must be 1…65535 px")
        }
        try options.validate()
        self.path = path
        self.width = width
        self.height = height
        self.options = options
        encoder = GIFFrameEncoder(width: width, height: height, options: options)
        let sink = GIFSink(file: try AtomicFile(path: path))
        var error: Int32 = 0
        guard let gif = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), gifWrite, &error) else {
            sink.file.discard()
            throw CodecsError.gifFailed(path: path, operation: "start the file", message: GIFSink.message(error))
        }
        EGifSetGifVersion(gif, true)
        self.sink = sink
        self.gif = gif
    }

    deinit {
        cancel()
    }

    /// Builds the global palette from sample frames of the whole animation (for example its first,
    /// middle and last frames) rather than from the first frame alone.
    ///
    /// When the first frame lacks colours that later frames use — points that move across a colormap —
    /// a palette made from it alone sends those frames to local palettes, which costs size. Samples
    /// only choose colours: every frame is still encoded from its own pixels, so the output stays
    /// within `GIFOptions.quality` either way. Call it before the first `add`.
    ///
    /// - Throws: `CodecsError.invalidOption` once a frame was added, `.writerClosed` after `finish`, and
    ///   `CodecsError.frameSizeMismatch` for a sample of another size.
    public func useGlobalPalette(from samples: [Image]) throws {
        guard gif != nil else { throw CodecsError.writerClosed(path: path) }
        guard encoder.global == nil, pending == nil else {
            throw CodecsError.invalidOption(name: "global palette samples", value: "given after the first frame",
                                            allowed: "only before the first frame")
        }
        for image in samples where image.width != width || image.height != height || image.pixels.count != width * height * 4 {
            throw CodecsError.frameSizeMismatch(path: path, expectedWidth: width, expectedHeight: height, width: image.width, height: image.height)
        }
        let started = stopwatch.now
        encoder.seedGlobalPalette(from: samples)
        quantizeTime += stopwatch.now - started
    }

    /// Adds a frame shown for `delayMilliseconds` ms.
    ///
    /// - Throws: as `add(_:duration:)`.
    public func add(_ image: Image, delayMilliseconds: Int) throws {
        guard delayMilliseconds >= 0 else {
            throw CodecsError.invalidOption(name: "frame delay", value: "\(delayMilliseconds) ms", allowed: "must be ≥ 0")
        }
        try add(image, duration: .milliseconds(delayMilliseconds))
    }

    /// Adds a frame shown for `duration` (e.g. `.seconds(1) / 30`); delays are stored in centiseconds
    /// with the rounding error carried to the next frame, so long animations keep time.
    ///
    /// - Throws: `CodecsError.frameSizeMismatch`, `.invalidOption` for a negative duration,
    ///   `.writerClosed` after `finish`/`cancel`, or a giflib or file error (the writer is then cancelled).
    public func add(_ image: Image, duration: Duration) throws {
        guard gif != nil else { throw CodecsError.writerClosed(path: path) }
        guard image.width == width, image.height == height else {
            throw CodecsError.frameSizeMismatch(path: path, expectedWidth: width, expectedHeight: height, width: image.width, height: image.height)
        }
        // `pixels` is a public var: its length is checked before any unchecked read.
        guard image.pixels.count == width * height * 4 else {
            throw CodecsError.invalidSize(width: width, height: height, limit: "the frame holds \(image.pixels.count) bytes, not width × height × 4")
        }
        guard duration >= .zero else {
            throw CodecsError.invalidOption(name: "frame duration", value: "\(duration)", allowed: "must be ≥ 0")
        }
        let started = stopwatch.now
        let outcome = encoder.encode(image, duration: duration, pendingRect: pending?.rect)
        let quantized = stopwatch.now
        quantizeTime += quantized - started
        defer { encodeTime += stopwatch.now - quantized }
        switch outcome {
        case .identical:
            pending?.duration += duration
        case let .frame(frame, clearPending):
            if let clearPending {
                pending?.enlarge(to: clearPending)
                pending?.disposal = 2
            }
            try guarded {
                if let previous = pending { try put(previous) } else { try putHeader() }
            }
            pending = frame
        }
    }

    /// Writes the last frame and the trailer, then renames the file into place.
    ///
    /// - Throws: `CodecsError.noFrames` if no frame was added, or a giflib or file error; in every
    ///   case nothing is left at `path` unless it succeeds.
    public func finish() throws {
        guard gif != nil else { throw CodecsError.writerClosed(path: path) }
        guard let last = pending else {
            cancel()
            throw CodecsError.noFrames(path: path)
        }
        let started = stopwatch.now
        defer { encodeTime += stopwatch.now - started }
        try guarded { try put(last) }
        pending = nil
        var error: Int32 = 0
        let closed = EGifCloseFile(gif, &error)
        gif = nil
        guard let sink else { return }
        self.sink = nil
        if closed != GIF_OK {
            sink.file.discard()
            throw CodecsError.gifFailed(path: path, operation: "finish the file", message: sink.failure ?? GIFSink.message(error))
        }
        try sink.file.commit()
    }

    /// Abandons the animation: frees giflib's state and removes the temporary file. Safe to call twice.
    public func cancel() {
        sink?.discarding = true
        if let gif {
            var error: Int32 = 0
            EGifCloseFile(gif, &error)  // frees the handle even on error; its writes are ignored
        }
        gif = nil
        sink?.file.discard()
        sink = nil
        pending = nil
    }

    /// Runs a step that writes, cancelling the writer if it throws.
    private func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            cancel()
            throw error
        }
    }

    /// Screen descriptor with the global palette, then the loop block.
    private func putHeader() throws {
        guard let gif, let global = encoder.global else { return }
        try withColorMap(global) { map in
            try check(EGifPutScreenDesc(gif, Int32(width), Int32(height), 8, Int32(global.transparentIndex ?? 0), map), "write the screen descriptor")
        }
        let plays: Int
        switch options.loop {
        case .forever: plays = 0
        case .times(let n): plays = n
        }
        guard plays != 1 else { return }
        let count = plays == 0 ? 0 : plays - 1
        try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), "write the loop block")
        var name = Array("NETSCAPE2.0".utf8)
        try check(EGifPutExtensionBlock(gif, 11, &name), "write the loop block")
        var loop: [UInt8] = [1, UInt8(count & 0xFF), UInt8(count >> 8)]
        try check(EGifPutExtensionBlock(gif, 3, &loop), "write the loop block")
        try check(EGifPutExtensionTrailer(gif), "write the loop block")
    }

    /// Graphics control extension, image descriptor (with its local palette) and LZW data of a frame.
    private func put(_ frame: IndexedFrame) throws {
        guard let gif else { throw CodecsError.writerClosed(path: path) }
        var control = GraphicsControlBlock()
        control.DisposalMode = Int32(frame.disposal)
        control.UserInputFlag = false
        control.DelayTime = Int32(min(65535, clock.delay(for: frame.duration)))
        control.TransparentColor = Int32(frame.transparentIndex ?? -1)
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), &extensionBytes), "write a frame's control block")
        let rect = frame.rect
        let describe = { (map: UnsafeMutablePointer<ColorMapObject>?) in
            try self.check(EGifPutImageDesc(gif, Int32(rect.x), Int32(rect.y), Int32(rect.width), Int32(rect.height), false, map), "write a frame's descriptor")
        }
        if let palette = frame.localPalette {
            try withColorMap(palette, describe)
        } else {
            try describe(nil)
        }
        var indices = frame.indices
        try check(EGifPutLine(gif, &indices, Int32(indices.count)), "compress a frame")
    }

    /// A giflib colour map for `palette`, valid during `body`.
    private func withColorMap(_ palette: GIFPalette, _ body: (UnsafeMutablePointer<ColorMapObject>?) throws -> Void) throws {
        var colors = [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: palette.tableSize)
        for (i, c) in palette.colors.enumerated() {
            colors[i] = GifColorType(Red: UInt8(c & 0xFF), Green: UInt8((c >> 8) & 0xFF), Blue: UInt8((c >> 16) & 0xFF))
        }
        guard let map = GifMakeMapObject(Int32(palette.tableSize), &colors) else {
            throw CodecsError.gifFailed(path: path, operation: "make a colour map", message: "out of memory")
        }
        defer { GifFreeMapObject(map) }
        try body(map)
    }

    /// Turns a giflib status into a thrown error with giflib's message (or the write's own reason).
    private func check(_ status: Int32, _ operation: String) throws {
        guard status != GIF_OK else { return }
        let code = gif?.pointee.Error ?? 0
        throw CodecsError.gifFailed(path: path, operation: operation, message: sink?.failure ?? GIFSink.message(code))
    }
}

/// giflib's output callback: forwards bytes to the writer's AtomicFile through the user pointer.
private let gifWrite: OutputFunc = { gif, bytes, count in
    guard let gif, let user = gif.pointee.UserData, let bytes, count > 0 else { return 0 }
    let sink = Unmanaged<GIFSink>.fromOpaque(user).takeUnretainedValue()
    return sink.write(UnsafeRawBufferPointer(start: bytes, count: Int(count))) ? count : 0
}

/// Where giflib's bytes go, and the first failure's reason (giflib only knows "write failed").
final class GIFSink {
    let file: AtomicFile
    var failure: String?
    /// Set while cancelling: giflib's final writes are dropped.
    var discarding = false

    init(file: AtomicFile) {
        self.file = file
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if discarding { return true }
        do {
            try file.write(bytes)
            return true
        } catch let CodecsError.fileFailed(_, _, message) {
            failure = failure ?? message
            return false
        } catch {
            failure = failure ?? "\(error)"
            return false
        }
    }

    /// giflib's message for an error code.
    static func message(_ code: Int32) -> String {
        guard let text = GifErrorString(code) else { return "giflib error \(code)" }
        return String(cString: text)
    }
}
