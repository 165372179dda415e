/// Source-over compositing of one straight-alpha sRGB colour onto straight-alpha sRGB pixels.
///
/// Blending happens on the 8-bit sRGB values, as matplotlib's Agg backend does (no linear-light
/// conversion). The image keeps straight alpha everywhere; an opaque destination, the common case,
/// takes the short path dst + (src − dst)·α.
enum Compositor {
    /// Blends the colour (r, g, b in 0…255) with effective opacity `alpha` ∈ (0, 1] into the 4 bytes at `p`.
    @inline(__always)
    static func blend(_ p: UnsafeMutablePointer<UInt8>, r: Float, g: Float, b: Float, alpha: Float) {
        let da = p[3]
        if da == 255 {
            let dr = Float(p[0]), dg = Float(p[1]), db = Float(p[2])
            p[0] = UInt8(dr + (r - dr) * alpha + 0.5)
            p[1] = UInt8(dg + (g - dg) * alpha + 0.5)
            p[2] = UInt8(db + (b - db) * alpha + 0.5)
            return
        }
        let dstAlpha = Float(da) / 255
        let outAlpha = alpha + dstAlpha * (1 - alpha)
        guard outAlpha > 0 else { return }
        let keep = dstAlpha * (1 - alpha)
        let scale = 1 / outAlpha
        p[0] = UInt8(min(255, (r * alpha + Float(p[0]) * keep) * scale + 0.5))
        p[1] = UInt8(min(255, (g * alpha + Float(p[1]) * keep) * scale + 0.5))
        p[2] = UInt8(min(255, (b * alpha + Float(p[2]) * keep) * scale + 0.5))
        p[3] = UInt8(min(255, outAlpha * 255 + 0.5))
    }
}
