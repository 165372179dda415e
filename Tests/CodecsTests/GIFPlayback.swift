import CGIF
import Foundation
import Raster

/// A GIF decoded with giflib (DGifSlurp) and composited frame by frame as a viewer does.
///
/// The canvas starts transparent; before each frame the previous frame's disposal is applied
/// (2: its rectangle becomes transparent, 3: the canvas before it is restored); then the frame's
/// non-transparent pixels are drawn. Used by the tests (and the benchmark) to judge what people see.
struct GIFPlayback {
    var version: String
    var width: Int
    var height: Int
    /// NETSCAPE2.0 loop count, or nil without the block.
    var loopCount: Int?
    var delays: [Int] = []
    var disposals: [Int] = []
    var transparentIndices: [Int] = []
    var rects: [(x: Int, y: Int, width: Int, height: Int)] = []
    var hasLocalPalette: [Bool] = []
    /// The canvas after each frame.
    var frames: [Image] = []

    struct DecodeError: Error { var code: Int32 }

    init(path: String) throws {
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readData(ofLength: 6)
        version = String(decoding: header, as: UTF8.self)
        var error: Int32 = 0
        guard let gif = DGifOpenFileName(path, &error) else { throw DecodeError(code: error) }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else { throw DecodeError(code: gif.pointee.Error) }
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
            beforePrevious = canvas
            let d = saved.ImageDesc
            let rect = (x: Int(d.Left), y: Int(d.Top), width: Int(d.Width), height: Int(d.Height))
            rects.append(rect)
            hasLocalPalette.append(d.ColorMap != nil)
            guard let map = d.ColorMap ?? gif.pointee.SColorMap else { throw DecodeError(code: -1) }
            for y in 0..<rect.height {
                for x in 0..<rect.width {
                    let index = Int(saved.RasterBits[y * rect.width + x])
                    guard index != Int(control.TransparentColor), index < Int(map.pointee.ColorCount) else { continue }
                    let c = map.pointee.Colors[index]
                    canvas[rect.x + x, rect.y + y] = RGBA8(c.Red, c.Green, c.Blue)
                }
            }
            frames.append(canvas)
            previousDisposal = Int(control.DisposalMode)
            previousRect = rect
        }
    }
}

/// Peak signal-to-noise ratio over RGB of two images of one size (infinity when equal), in dB.
func psnr(_ a: Image, _ b: Image) -> Double {
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
