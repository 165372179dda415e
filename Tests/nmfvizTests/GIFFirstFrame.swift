import CGIF
import Foundation
import Raster

/// The first frame of a GIF decoded with giflib, its transparent index as alpha 0: what a slide shows
/// before anything else is drawn.
struct GIFFirstFrame {
    var width: Int
    var height: Int
    var frameCount: Int
    /// The first frame's transparent index, or nil when it has none.
    var transparentIndex: Int?
    var image: Image

    struct DecodeError: Error { var code: Int32 }

    init(path: String) throws {
        var error: Int32 = 0
        guard let gif = DGifOpenFileName(path, &error) else { throw DecodeError(code: error) }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK, gif.pointee.ImageCount >= 1 else { throw DecodeError(code: gif.pointee.Error) }
        width = Int(gif.pointee.SWidth)
        height = Int(gif.pointee.SHeight)
        frameCount = Int(gif.pointee.ImageCount)
        var control = GraphicsControlBlock()
        DGifSavedExtensionToGCB(gif, 0, &control)
        transparentIndex = control.TransparentColor >= 0 ? Int(control.TransparentColor) : nil
        let saved = gif.pointee.SavedImages[0]
        let d = saved.ImageDesc
        guard let map = d.ColorMap ?? gif.pointee.SColorMap else { throw DecodeError(code: -1) }
        image = try Image(width: width, height: height, fill: .clear)
        for y in 0..<Int(d.Height) {
            for x in 0..<Int(d.Width) {
                let index = Int(saved.RasterBits[y * Int(d.Width) + x])
                guard index != transparentIndex, index < Int(map.pointee.ColorCount) else { continue }
                let c = map.pointee.Colors[index]
                image[Int(d.Left) + x, Int(d.Top) + y] = RGBA8(c.Red, c.Green, c.Blue)
            }
        }
    }
}
