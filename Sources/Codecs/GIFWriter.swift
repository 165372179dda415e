// Animated GIF output through giflib's streaming encoder (EGif…), one frame at a time.
//
// Stages: GIFFrameEncoder (difference → palette → indices, producing an IndexedFrame) then this
// writer, which holds back one IndexedFrame so that identical frames can add their delays to it and
// so that it can still be disposed to the background if the next frame turns pixels transparent;
// then the file writes through giflib (GIFStream), on a second thread (GIFOutputThread). The LZW
// codes come from the encoder's planner (LZWPlanner), which runs giflib's dictionary anyway; giflib
// compresses only frames that carry no planned data.
import Raster

/// Writes an animated GIF89a frame by frame, holding O(one frame) of memory: the canvas state, the
/// frame held back, and at most `GIFOutputThread.capacity` frames of indices waiting for giflib.
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
/// Difference, palette and mapping happen in `add`, and cannot run ahead on other cores: each frame
/// is encoded against what the frames before it left on screen, and spends an error budget they
/// determine. A frame's LZW codes are emitted while its indices are planned; giflib's writes of a
/// frame (and its own LZW, for a frame enlarged after planning) run on a second thread, while `add`
/// quantizes the next one; a write's error is thrown by a later `add` or by `finish`. Render frames
/// in parallel and add them in order.
///
/// Transparency: pixels with alpha below 128 become GIF's transparent index (or, with
/// `GIFOptions.matte`, every pixel with some alpha is blended over the matte first); a frame that
/// turns opaque pixels transparent makes the frame before it dispose to the background (disposal 2).
public final class GIFWriter {
    /// Where the file appears when `finish()` succeeds.
    public let path: String
    /// The canvas width in pixels, 1…65535; every frame has this size.
    public let width: Int
    /// The canvas height in pixels, 1…65535; every frame has this size.
    public let height: Int
    /// Loop, dithering, palette size, quality and matte.
    public let options: GIFOptions
    private var encoder: GIFFrameEncoder
    /// giflib's side, written on `output`'s thread; nil once finished or cancelled.
    private var output: GIFOutputThread?
    private var pending: IndexedFrame?
    private var headerWritten = false
    private let stopwatch = ContinuousClock()
    private var closeTime: Duration = .zero
    /// Time spent so far choosing palettes and mapping pixels (difference, quantize, remap: `add`'s own
    /// work).
    public private(set) var quantizeTime: Duration = .zero
    /// Time spent so far writing frames through giflib (on the second thread), and closing the file:
    /// the blocks of planned LZW data, giflib's own LZW for frames without, the file writes and fsync.
    public var encodeTime: Duration { (output?.writeTime ?? finalWriteTime) + closeTime }
    private var finalWriteTime: Duration = .zero

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
        output = GIFOutputThread(stream: try GIFStream(path: path, width: width, height: height, options: options))
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
    /// - Parameter plotColors: the colours the frames draw as the plot's own (a colormap's entries for
    ///   marker faces, text, arrow and line colours; alpha ignored). Each gets a palette entry within
    ///   `GIFOptions.Bounds.background` levels before the anti-aliased blends get theirs (at most 5/8
    ///   of the entries), and no lossy shortcut shows it further off, so wherever a frame holds one of
    ///   them it is shown within that bound (without dithering). Only at `quality` 80 and above
    ///   (`GIFOptions.plotColorQuality`): below, the reserved entries made files larger than before
    ///   (quality 50: 131,293 → 149,386 B for the article), the opposite of what a lower quality asks.
    public func useGlobalPalette(from samples: [Image], plotColors: [RGBA8] = []) throws {
        guard output != nil else { throw CodecsError.writerClosed(path: path) }
        guard encoder.global == nil, pending == nil else {
            throw CodecsError.invalidOption(name: "global palette samples", value: "given after the first frame",
                                            allowed: "only before the first frame")
        }
        for image in samples where image.width != width || image.height != height || image.pixels.count != width * height * 4 {
            throw CodecsError.frameSizeMismatch(path: path, expectedWidth: width, expectedHeight: height, width: image.width, height: image.height)
        }
        let started = stopwatch.now
        let plot = options.quality < GIFOptions.plotColorQuality ? [] : plotColors.map { UInt32($0.r) | UInt32($0.g) << 8 | UInt32($0.b) << 16 | 0xFF00_0000 }
        encoder.seedGlobalPalette(from: samples.map(options.matted), plotColors: plot)
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
        guard output != nil else { throw CodecsError.writerClosed(path: path) }
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
        let outcome = encoder.encode(options.matted(image), duration: duration, pendingRect: pending?.rect)
        quantizeTime += stopwatch.now - started
        switch outcome {
        case .identical:
            pending?.duration += duration
        case let .frame(frame, clearPending):
            if let clearPending {
                pending?.enlarge(to: clearPending)
                pending?.disposal = 2
            }
            try guarded {
                if let previous = pending {
                    try output?.submit(.frame(previous))
                } else if !headerWritten, let global = encoder.global {
                    try output?.submit(.header(global))
                    headerWritten = true
                }
            }
            pending = frame
        }
    }

    /// Writes the last frame and the trailer, then renames the file into place.
    ///
    /// - Throws: `CodecsError.noFrames` if no frame was added, or a giflib or file error; in every
    ///   case nothing is left at `path` unless it succeeds.
    public func finish() throws {
        guard output != nil else { throw CodecsError.writerClosed(path: path) }
        guard let last = pending else {
            cancel()
            throw CodecsError.noFrames(path: path)
        }
        try guarded {
            try output?.submit(.frame(last))
            try output?.drain()
        }
        pending = nil
        guard let output else { return }
        self.output = nil
        finalWriteTime = output.writeTime
        let started = stopwatch.now
        defer { closeTime += stopwatch.now - started }
        try output.stream.close()
    }

    /// Abandons the animation: stops the writing thread, frees giflib's state and removes the
    /// temporary file. Safe to call twice.
    public func cancel() {
        if let output {
            output.abandon()
            finalWriteTime = output.writeTime
            output.stream.cancel()
        }
        output = nil
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
}
