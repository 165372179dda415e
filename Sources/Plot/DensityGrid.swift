import Foundation
import Raster

/// The counting and shading of a `Density`: pure functions of pixel positions, tested without axes.
public enum DensityGrid {
    /// How many of the points fall in each pixel of `rect`: row-major counts, `rect.width` a row.
    ///
    /// Point `i` is at pixel (`px[i]`, `py[i]`) (sub-pixel; image y down) and counts in the pixel
    /// (⌊px⌋, ⌊py⌋) when that lies inside `rect`; non-finite positions count nowhere.
    ///
    /// Precondition: `px.count == py.count` (the shorter length is used otherwise). Bounds are checked
    /// on the position as a double before it becomes an index, so no value can trap or write outside.
    public static func counts(px: [Double], py: [Double], in rect: PixelRect) -> [UInt32] {
        let width = max(0, rect.width), height = max(0, rect.height)
        var counts = [UInt32](repeating: 0, count: width * height)
        guard width > 0, height > 0 else { return counts }
        let x0 = Double(rect.x0), y0 = Double(rect.y0), w = Double(width), h = Double(height)
        let n = min(px.count, py.count)
        px.withUnsafeBufferPointer { xs in
            py.withUnsafeBufferPointer { ys in
                counts.withUnsafeMutableBufferPointer { bins in
                    for i in 0..<n {
                        // NaN fails both comparisons; ±∞ fails one.
                        let u = xs[i] - x0, v = ys[i] - y0
                        guard u >= 0, u < w, v >= 0, v < h else { continue }
                        let index = Int(v) * width + Int(u)  // truncation is ⌊⌋ for u, v ≥ 0
                        bins[index] &+= 1
                    }
                }
            }
        }
        return counts
    }

    /// The picture of `counts` (row-major, `width` a row): datashader's log shading through `colormap`,
    /// transparent where a count is 0 (see `Density`).
    ///
    /// - Throws: `RasterError.invalidSize` when `width` or the row count is not positive.
    public static func shade(_ counts: [UInt32], width: Int, colormap: Colormap) throws -> Image {
        let height = width > 0 ? counts.count / width : 0
        var image = try Image(width: width, height: height, fill: .clear)
        var low = UInt32.max, high: UInt32 = 0
        for c in counts where c > 0 {
            low = min(low, c)
            high = max(high, c)
        }
        guard high > 0 else { return image }
        let base = log1p(Double(low)), span = log1p(Double(high)) - base
        func color(_ c: Int) -> RGBA8 {
            c == 0 ? .clear : colormap.color(at: span > 0 ? (log1p(Double(c)) - base) / span : 1)
        }
        // A table by count keeps the loop free of logarithms for the small counts that fill most pixels.
        let tableSize = Int(min(high, 4096)) + 1
        let table = (0..<tableSize).map(color)
        image.withUnsafeMutablePixels { pixels in
            counts.withUnsafeBufferPointer { bins in
                for i in 0..<min(bins.count, width * height) {
                    let c = Int(bins[i])
                    let rgba = c < tableSize ? table[c] : color(c)
                    pixels[4 * i] = rgba.r
                    pixels[4 * i + 1] = rgba.g
                    pixels[4 * i + 2] = rgba.b
                    pixels[4 * i + 3] = rgba.a
                }
            }
        }
        return image
    }
}
