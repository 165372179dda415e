import NMF
import Raster

/// Draws small images — one matrix row each — into rectangles of a frame: colours through a colormap,
/// then nearest-neighbour scaling.
///
/// The colours are looked up once per image pixel (64 for a digit), then copied as blocks: the per-pixel
/// loop only reads a precomputed column map and copies four bytes, with the rectangle clipped to the
/// image once up front. The tests hold a plain twin of `blit`, compared on edge cases.
enum TileBlitter {
    /// The colour of each image pixel: `value × scale` through `colormap` (matplotlib's indexing: values
    /// over 1 take the top colour, under 0 the bottom one).
    static func colors(of values: ArraySlice<Double>, scale: Double, colormap: Colormap) -> [RGBA8] {
        values.map { colormap.table[Colormap.index(for: $0 * scale) ?? 0] }
    }

    /// The colours of row `row` of `matrix` as an image scaled to the row's own maximum (an all-zero row
    /// takes the colormap's bottom colour).
    static func colors(ofRow row: Int, in matrix: Matrix, colormap: Colormap) -> [RGBA8] {
        let values = matrix.values[(row * matrix.columns)..<((row + 1) * matrix.columns)]
        let peak = values.max() ?? 0
        return colors(of: values, scale: peak > 0 ? 1 / peak : 0, colormap: colormap)
    }

    /// A tile framed like an axes: `border` pixels of `frameColor` around `rect`, then the image in it.
    static func drawFramed(_ colors: [RGBA8], shape: ImageShape, in rect: PixelRect, border: Int, frameColor: RGBA8,
                           canvas: inout Canvas) {
        let frame = PixelRect(x0: rect.x0 - border, y0: rect.y0 - border, x1: rect.x1 + border, y1: rect.y1 + border)
        canvas.clear(frameColor, in: frame)
        blit(colors, shape: shape, into: &canvas.image, rect: rect)
    }

    /// Copies `colors` (one per image pixel, row-major `shape`) into `rect` of `image`, each image pixel
    /// covering the frame pixels whose position in the tile maps to it: column ⌊(x − x0)·width / rect width⌋,
    /// row likewise. Parts of `rect` outside `image` are skipped; a `colors` array of the wrong length
    /// or an empty `rect` draws nothing.
    static func blit(_ colors: [RGBA8], shape: ImageShape, into image: inout Image, rect: PixelRect) {
        let clipped = rect.intersection(image.bounds)
        guard colors.count == shape.pixelCount, !clipped.isEmpty else { return }
        let columnMap = (clipped.x0..<clipped.x1).map { ($0 - rect.x0) * shape.width / rect.width }
        let stride = image.width * 4
        colors.withUnsafeBufferPointer { source in
            columnMap.withUnsafeBufferPointer { columnOf in
                image.withUnsafeMutablePixels { pixels in
                    // In range: clipped lies inside the image, columnOf < shape.width, rowOf < shape.height.
                    guard let base = pixels.baseAddress, let src = source.baseAddress else { return }
                    for y in clipped.y0..<clipped.y1 {
                        let rowStart = ((y - rect.y0) * shape.height / rect.height) * shape.width
                        var out = base + y * stride + clipped.x0 * 4
                        for i in 0..<columnOf.count {
                            let c = src[rowStart + columnOf[i]]
                            out[0] = c.r
                            out[1] = c.g
                            out[2] = c.b
                            out[3] = c.a
                            out += 4
                        }
                    }
                }
            }
        }
    }
}
