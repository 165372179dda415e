import NMF
import Raster

/// Draws small images — one matrix row each — into rectangles of a frame: colours through a colormap,
/// then nearest-neighbour scaling.
///
/// The colours are looked up once per image pixel (64 for a digit), made into a small image, and drawn
/// through the surface (`DrawingSurface.drawImage`): a raster canvas copies blocks (`Image.copyNearest`),
/// a vector surface embeds the image. The tests hold a plain twin of `blit`, compared on edge cases.
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

    /// The colours of one image (row-major `shape`) as an image; nil for the wrong number of colours.
    static func image(_ colors: [RGBA8], shape: ImageShape) -> Image? {
        guard colors.count == shape.pixelCount, var tile = try? Image(width: shape.width, height: shape.height) else {
            return nil
        }
        tile.withUnsafeMutablePixels { p in
            // In range: the image holds pixelCount × 4 bytes, one pixel per colour.
            for (i, c) in colors.enumerated() {
                p[4 * i] = c.r
                p[4 * i + 1] = c.g
                p[4 * i + 2] = c.b
                p[4 * i + 3] = c.a
            }
        }
        return tile
    }

    /// `values × scale` through `colormap` as a `shape` image, written straight into its pixels (the
    /// colours of `colors(of:scale:colormap:)`); nil when the count does not match the shape.
    static func image(of values: ArraySlice<Double>, scale: Double, colormap: Colormap, shape: ImageShape) -> Image? {
        guard values.count == shape.pixelCount, var tile = try? Image(width: shape.width, height: shape.height) else {
            return nil
        }
        let table = colormap.table
        tile.withUnsafeMutablePixels { p in
            // In range: the image holds pixelCount × 4 bytes, one pixel per value.
            for (i, v) in values.enumerated() {
                let c = table[Colormap.index(for: v * scale) ?? 0]
                p[4 * i] = c.r
                p[4 * i + 1] = c.g
                p[4 * i + 2] = c.b
                p[4 * i + 3] = c.a
            }
        }
        return tile
    }

    /// Row `row` of `matrix` as a `shape` image scaled to the row's own maximum (see `colors(ofRow:in:colormap:)`).
    static func image(ofRow row: Int, in matrix: Matrix, colormap: Colormap, shape: ImageShape) -> Image? {
        let values = matrix.values[(row * matrix.columns)..<((row + 1) * matrix.columns)]
        let peak = values.max() ?? 0
        return image(of: values, scale: peak > 0 ? 1 / peak : 0, colormap: colormap, shape: shape)
    }

    /// A tile framed like an axes: `border` pixels of `frameColor` around `rect`, then the image in it.
    static func drawFramed(_ tile: Image?, in rect: PixelRect, border: Int, frameColor: RGBA8,
                           surface: inout some DrawingSurface) {
        let frame = PixelRect(x0: rect.x0 - border, y0: rect.y0 - border, x1: rect.x1 + border, y1: rect.y1 + border)
        surface.clear(frameColor, in: frame)
        guard let tile else { return }
        surface.drawImage(tile, in: rect, clip: nil)
    }

    /// Copies `colors` (one per image pixel, row-major `shape`) into `rect` of `image`, each image pixel
    /// covering the frame pixels whose position in the tile maps to it: column ⌊(x − x0)·width / rect width⌋,
    /// row likewise. Parts of `rect` outside `image` are skipped; a `colors` array of the wrong length
    /// or an empty `rect` draws nothing.
    static func blit(_ colors: [RGBA8], shape: ImageShape, into image: inout Image, rect: PixelRect) {
        guard !rect.isEmpty, let tile = Self.image(colors, shape: shape) else { return }
        image.copyNearest(tile, into: rect)
    }
}
