#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// A colour in Björn Ottosson's Oklab space, where Euclidean distance follows perceived difference.
///
/// The quantizer clusters and matches colours here rather than in sRGB, so that palette entries are
/// spent where the eye sees error (dark blues, saturated reds) and not on differences it barely sees.
/// Conversion goes sRGB8 → linear light (a 256-entry table) → LMS → cube root → Lab, with the
/// matrices of the reference implementation (https://bottosson.github.io/posts/oklab/).
struct Oklab: Equatable {
    var l: Float
    var a: Float
    var b: Float

    /// sRGB 8-bit sample to linear light, 0…1.
    static let linear: [Float] = (0..<256).map { i in
        let c = Double(i) / 255
        return Float(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
    }

    /// The Oklab value of an opaque sRGB colour packed as `r | g << 8 | b << 16` (alpha ignored).
    init(packed c: UInt32) {
        let r = Oklab.linear[Int(c & 0xFF)]
        let g = Oklab.linear[Int((c >> 8) & 0xFF)]
        let bl = Oklab.linear[Int((c >> 16) & 0xFF)]
        let lms0 = cbrtf(0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * bl)
        let lms1 = cbrtf(0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * bl)
        let lms2 = cbrtf(0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * bl)
        l = 0.210_454_255_3 * lms0 + 0.793_617_785_0 * lms1 - 0.004_072_046_8 * lms2
        a = 1.977_998_495_1 * lms0 - 2.428_592_205_0 * lms1 + 0.450_593_709_9 * lms2
        b = 0.025_904_037_1 * lms0 + 0.782_771_766_2 * lms1 - 0.808_675_766_0 * lms2
    }

    init(l: Float, a: Float, b: Float) {
        self.l = l
        self.a = a
        self.b = b
    }

    /// The nearest opaque sRGB colour, packed as `r | g << 8 | b << 16 | 0xFF << 24`.
    var packed: UInt32 {
        let l0 = l + 0.396_337_777_4 * a + 0.215_803_757_3 * b
        let m0 = l - 0.105_561_345_8 * a - 0.063_854_172_8 * b
        let s0 = l - 0.089_484_177_5 * a - 1.291_485_548_0 * b
        let l3 = l0 * l0 * l0, m3 = m0 * m0 * m0, s3 = s0 * s0 * s0
        let r = 4.076_741_662_1 * l3 - 3.307_711_591_3 * m3 + 0.230_969_929_2 * s3
        let g = -1.268_438_004_6 * l3 + 2.609_757_401_1 * m3 - 0.341_319_396_5 * s3
        let bl = -0.004_196_086_3 * l3 - 0.703_418_614_7 * m3 + 1.707_614_701_0 * s3
        return Oklab.encode(r) | Oklab.encode(g) << 8 | Oklab.encode(bl) << 16 | 0xFF00_0000
    }

    /// Linear light to the nearest sRGB 8-bit sample.
    static func encode(_ x: Float) -> UInt32 {
        let c = max(0, min(1, Double(x)))
        let s = c <= 0.003_130_8 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
        return UInt32((s * 255).rounded())
    }

    /// Squared Euclidean distance.
    @inline(__always)
    func distance2(_ other: Oklab) -> Float {
        let dl = l - other.l, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }
}
