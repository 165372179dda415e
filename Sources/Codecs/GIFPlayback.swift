import CGIF
import Foundation
import Raster

/// An animated GIF decoded with giflib (DGifSlurp) and composited frame by frame as a viewer does:
/// what people see, for tests and tools that compare images.
///
/// The canvas starts transparent; before each frame the previous frame's disposal is applied
/// (2: its rectangle becomes transparent, 3: the canvas before it is restored); then the frame's
/// non-transparent pixels are drawn. `init(path:)` keeps every composited frame, so memory grows
/// with the animation; `init(path:each:)` hands each one over instead and keeps none, for long ones.
package struct GIFPlayback: Sendable {
    /// The file's signature: "GIF87a" or "GIF89a".
    public private(set) var version: String
    /// The logical screen's width in pixels.
    public private(set) var width: Int
    /// The logical screen's height in pixels.
    public private(set) var height: Int
    /// NETSCAPE2.0 loop count, or nil without the block.
    public private(set) var loopCount: Int?
    /// Each frame's delay in hundredths of a second (its graphic control block).
    public private(set) var delays: [Int] = []
    /// Each frame's disposal method: 0 or 1 leave it, 2 clears its rectangle, 3 restores what was before it.
    public private(set) var disposals: [Int] = []
    /// Each frame's transparent palette index, or -1 for none.
    public private(set) var transparentIndices: [Int] = []
    /// Each frame's rectangle on the screen, pixels.
    public private(set) var rects: [(x: Int, y: Int, width: Int, height: Int)] = []
    /// Whether each frame has its own colour table (else it uses the global one).
    public private(set) var hasLocalPalette: [Bool] = []
    /// The canvas after each frame.
    public private(set) var frames: [Image] = []

    /// Decodes the file at `path`.
    ///
    /// - Throws: `CodecsError.gifFailed` with giflib's message for a file giflib cannot read.
    package init(path: String) throws {
        var kept: [Image] = []
        try self.init(path: path) { _, canvas in kept.append(canvas) }
        frames = kept
    }

    /// Decodes the file at `path`, calling `each` with every composited frame (its index and the
    /// canvas), in order; `frames` stays empty.
    ///
    /// - Throws: `CodecsError.gifFailed` with giflib's message for a file giflib cannot read, or what
    ///   `each` throws.
    package init(path: String, each: (Int, Image) throws -> Void) throws {
        var error: Int32 = 0
        guard let gif = DGifOpenFileName(path, &error) else {
            throw CodecsError.gifFailed(path: path, operation: "open the file", message: GIFByteSink.message(error))
        }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else {
            throw CodecsError.gifFailed(path: path, operation: "decode the file", message: GIFByteSink.message(gif.pointee.Error))
        }
        // giflib 5.2.1's DGifGetGifVersion always answers GIF87a: read the signature itself.
        let header = FileHandle(forReadingAtPath: path)?.readData(ofLength: 6) ?? Data()
        version = String(decoding: header, as: UTF8.self)
        width = Int(gif.pointee.SWidth)
        height = Int(gif.pointee.SHeight)
        var canvas = try Image(width: width, height: height, fill: .clear)
        var previousDisposal = 0
        var previousRect = (x: 0, y: 0, width: 0, height: 0)
        var beforePrevious = canvas
        for i in 0..<Int(gif.pointee.ImageCount) {
            let saved = gif.pointee.SavedImages[i]
            if i == 0 {
                for b in 0..<Int(saved.ExtensionBlockCount) {
                    let block = saved.ExtensionBlocks[b]
                    if block.Function == APPLICATION_EXT_FUNC_CODE, block.ByteCount == 11,
                        String(decoding: UnsafeBufferPointer(start: block.Bytes, count: 11), as: UTF8.self) == "NETSCAPE2.0",
                        b + 1 < Int(saved.ExtensionBlockCount)
                    {
                        let data = saved.ExtensionBlocks[b + 1]
                        loopCount = Int(data.Bytes[1]) | Int(data.Bytes[2]) << 8
                    }
                }
            }
            var control = GraphicsControlBlock()
            DGifSavedExtensionToGCB(gif, Int32(i), &control)
            delays.append(Int(control.DelayTime))
            disposals.append(Int(control.DisposalMode))
            transparentIndices.append(Int(control.TransparentColor))
            switch previousDisposal {
            case 2:
                for y in previousRect.y..<(previousRect.y + previousRect.height) {
                    for x in previousRect.x..<(previousRect.x + previousRect.width) { canvas[x, y] = .clear }
                }
            case 3:
                canvas = beforePrevious
            default:
                break
            }
            // Kept only for a frame that restores it afterwards: a copy per frame costs as much as the rest.
            if control.DisposalMode == 3 { beforePrevious = canvas }
            let d = saved.ImageDesc
            let rect = (x: Int(d.Left), y: Int(d.Top), width: Int(d.Width), height: Int(d.Height))
            rects.append(rect)
            hasLocalPalette.append(d.ColorMap != nil)
            guard let map = d.ColorMap ?? gif.pointee.SColorMap else {
                throw CodecsError.gifFailed(path: path, operation: "decode frame \(i)", message: "it has no colour table")
            }
            // Only the part of the rectangle on the canvas is drawn (giflib accepts frames that stick out).
            let transparent = Int(control.TransparentColor), colorCount = Int(map.pointee.ColorCount)
            let x0 = max(0, rect.x), x1 = min(width, rect.x + rect.width)
            let y0 = max(0, rect.y), y1 = min(height, rect.y + rect.height)
            let canvasWidth = width
            canvas.withUnsafeMutablePixels { out in
                for y in y0..<max(y0, y1) {
                    for x in x0..<max(x0, x1) {
                        let index = Int(saved.RasterBits[(y - rect.y) * rect.width + (x - rect.x)])
                        guard index != transparent, index < colorCount else { continue }
                        let c = map.pointee.Colors[index]
                        let o = 4 * (y * canvasWidth + x)
                        out[o] = c.Red
                        out[o + 1] = c.Green
                        out[o + 2] = c.Blue
                        out[o + 3] = 255
                    }
                }
            }
            try each(i, canvas)
            previousDisposal = Int(control.DisposalMode)
            previousRect = rect
        }
    }
}

/// Peak signal-to-noise ratio over RGB of two images of one size (infinity when equal), in dB; minus
/// infinity when their sizes differ.
package func psnr(_ a: Image, _ b: Image) -> Double {
    guard a.width == b.width, a.height == b.height, a.pixels.count == b.pixels.count else { return -.infinity }
    var sum: Double = 0
    for i in stride(from: 0, to: a.pixels.count, by: 4) {
        for c in 0..<3 {
            let d = Double(Int(a.pixels[i + c]) - Int(b.pixels[i + c]))
            sum += d * d
        }
    }
    let mse = sum / Double(a.width * a.height * 3)
    return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
}
