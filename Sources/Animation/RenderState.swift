import Plot
import Raster

/// A worker's reusable canvas and font face.
struct RenderState {
    var canvas: Canvas
    let font: Font

    init(width: Int, height: Int) throws {
        canvas = try Canvas(width: width, height: height)
        font = try Font.dejaVuSans()
    }
}
