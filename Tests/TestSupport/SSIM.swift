import Raster

/// Structural similarity of two images' luminance, as scikit-image computes it by default.
///
/// `skimage.metrics.structural_similarity(rgb2gray(a), rgb2gray(b), data_range=1)`: luminance
/// 0.2125 R + 0.7154 G + 0.0721 B on values in [0, 1]; 7×7 uniform windows; sample covariance
/// (× 49/48); K1 = 0.01, K2 = 0.03; the mean over pixels at least 3 from every edge, where the window
/// never leaves the image (so scikit-image's reflection at the borders plays no part). Window sums come from
/// summed-area tables; alpha is ignored (the figures are opaque).
public enum SSIM {
    public static func luminance(_ image: Image) -> [Double] {
        var out = [Double](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<out.count {
                let r = Double(p[4 * i]) / 255, g = Double(p[4 * i + 1]) / 255, b = Double(p[4 * i + 2]) / 255
                out[i] = 0.2125 * r + 0.7154 * g + 0.0721 * b
            }
        }
        return out
    }

    /// Mean SSIM; nil when the sizes differ or the image is smaller than one window.
    public static func similarity(_ a: Image, _ b: Image) -> Double? {
        guard a.width == b.width, a.height == b.height, a.width >= 7, a.height >= 7 else { return nil }
        let w = a.width, h = a.height
        let x = luminance(a), y = luminance(b)
        // Summed-area tables with one row and column of zeros in front: S[(j)*(w+1)+i] = sum over [0,i)×[0,j).
        func table(_ f: (Int) -> Double) -> [Double] {
            var s = [Double](repeating: 0, count: (w + 1) * (h + 1))
            for j in 0..<h {
                var row = 0.0
                for i in 0..<w {
                    row += f(j * w + i)
                    s[(j + 1) * (w + 1) + i + 1] = s[j * (w + 1) + i + 1] + row
                }
            }
            return s
        }
        let sx = table { x[$0] }, sy = table { y[$0] }
        let sxx = table { x[$0] * x[$0] }, syy = table { y[$0] * y[$0] }, sxy = table { x[$0] * y[$0] }
        func box(_ s: [Double], _ i: Int, _ j: Int) -> Double {
            let x0 = i - 3, y0 = j - 3, x1 = i + 4, y1 = j + 4
            return s[y1 * (w + 1) + x1] - s[y0 * (w + 1) + x1] - s[y1 * (w + 1) + x0] + s[y0 * (w + 1) + x0]
        }
        let np = 49.0, covNorm = np / (np - 1)
        let c1 = 0.01 * 0.01, c2 = 0.03 * 0.03
        var total = 0.0
        for j in 3..<(h - 3) {
            for i in 3..<(w - 3) {
                let ux = box(sx, i, j) / np, uy = box(sy, i, j) / np
                let vx = covNorm * (box(sxx, i, j) / np - ux * ux)
                let vy = covNorm * (box(syy, i, j) / np - uy * uy)
                let vxy = covNorm * (box(sxy, i, j) / np - ux * uy)
                total += (2 * ux * uy + c1) * (2 * vxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
            }
        }
        return total / Double((w - 6) * (h - 6))
    }
}
