// giflib's side of a GIFWriter: the EGif… handle, the output file and the delay clock.
//
// giflib writes through a callback into an AtomicFile, never through its own EGifOpenFileName (which
// creates files 0600 and leaves partial files on failure).
import CGIF

/// Writes the blocks of an animated GIF89a through giflib: header, then frames, then the trailer.
///
/// Used by one thread at a time: `GIFOutputThread` hands it from the writer to its worker and back,
/// under a lock, so the unchecked `Sendable` only lets it cross that hand-off.
final class GIFStream: @unchecked Sendable {
    let path: String
    let width: Int
    let height: Int
    let options: GIFOptions
    private var gif: UnsafeMutablePointer<GifFileType>?
    private var sink: GIFByteSink?
    private var clock = FrameClock()

    /// Opens giflib on a temporary file beside `path`.
    ///
    /// - Throws: `CodecsError.fileFailed` when the folder cannot be written, `.gifFailed` when giflib
    ///   cannot start.
    init(path: String, width: Int, height: Int, options: GIFOptions) throws {
        self.path = path
        self.width = width
        self.height = height
        self.options = options
        let sink = GIFByteSink(file: try AtomicFile(path: path))
        var error: Int32 = 0
        guard let gif = EGifOpen(Unmanaged.passUnretained(sink).toOpaque(), gifWrite, &error) else {
            sink.file.discard()
            throw CodecsError.gifFailed(path: path, operation: "start the file", message: GIFByteSink.message(error))
        }
        EGifSetGifVersion(gif, true)
        self.sink = sink
        self.gif = gif
    }

    deinit {
        cancel()
    }

    /// Screen descriptor with the global palette, then the loop block.
    func putHeader(global: GIFPalette) throws {
        guard let gif else { throw CodecsError.writerClosed(path: path) }
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
    func put(_ frame: IndexedFrame) throws {
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
            try self.check(EGifPutImageDesc(gif, Int32(rect.x0), Int32(rect.y0), Int32(rect.width), Int32(rect.height), false, map), "write a frame's descriptor")
        }
        if let palette = frame.localPalette {
            try withColorMap(palette, describe)
        } else {
            try describe(nil)
        }
        // giflib has written the minimum code size of the frame's colour table; planned data made
        // for that size goes in as it is, anything else through giflib's own compressor.
        let map = gif.pointee.Image.ColorMap ?? gif.pointee.SColorMap
        let codeSize = max(2, Int(map?.pointee.BitsPerPixel ?? 0))
        if let compressed = frame.compressed, compressed.minimumCodeSize == codeSize, !compressed.blocks.isEmpty {
            try putBlocks(compressed.blocks, gif)
        } else {
            var indices = frame.indices
            try check(EGifPutLine(gif, &indices, Int32(indices.count)), "compress a frame")
        }
    }

    /// Writes LZW data sub-blocks (`LZWData.blocks`) and the terminating empty block.
    private func putBlocks(_ blocks: [UInt8], _ gif: UnsafeMutablePointer<GifFileType>) throws {
        try blocks.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                let length = Int(bytes[start])
                // A cut block would make giflib read past the buffer: `LZWData` never holds one.
                guard length > 0, start + 1 + length <= bytes.count else {
                    throw CodecsError.gifFailed(path: path, operation: "compress a frame", message: "malformed LZW data block")
                }
                let status = start == 0 ? EGifPutCode(gif, 0, base + start) : EGifPutCodeNext(gif, base + start)
                try check(status, "compress a frame")
                start += 1 + length
            }
        }
        try check(EGifPutCodeNext(gif, nil), "compress a frame")
    }

    /// Writes the trailer and renames the file into place; nothing is left at `path` on failure.
    func close() throws {
        guard let gif else { throw CodecsError.writerClosed(path: path) }
        var error: Int32 = 0
        let closed = EGifCloseFile(gif, &error)
        self.gif = nil
        guard let sink else { return }
        self.sink = nil
        if closed != GIF_OK {
            sink.file.discard()
            throw CodecsError.gifFailed(path: path, operation: "finish the file", message: sink.failure ?? GIFByteSink.message(error))
        }
        try sink.file.commit()
    }

    /// Frees giflib's state and removes the temporary file. Safe to call twice.
    func cancel() {
        sink?.discarding = true
        if let gif {
            var error: Int32 = 0
            EGifCloseFile(gif, &error)  // frees the handle even on error; its writes are ignored
        }
        gif = nil
        sink?.file.discard()
        sink = nil
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
        throw CodecsError.gifFailed(path: path, operation: operation, message: sink?.failure ?? GIFByteSink.message(code))
    }
}

/// giflib's output callback: forwards bytes to the writer's AtomicFile through the user pointer.
private let gifWrite: OutputFunc = { gif, bytes, count in
    guard let gif, let user = gif.pointee.UserData, let bytes, count > 0 else { return 0 }
    let sink = Unmanaged<GIFByteSink>.fromOpaque(user).takeUnretainedValue()
    return sink.write(UnsafeRawBufferPointer(start: bytes, count: Int(count))) ? count : 0
}

/// Where giflib's bytes go, and the first failure's reason (giflib only knows "write failed").
final class GIFByteSink {
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
