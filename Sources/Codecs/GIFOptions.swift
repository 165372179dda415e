#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `GIFWriter` writes an animation.
///
/// The defaults (quality 41 dB, tolerance 10) were measured on the article's 50 frames at 1000×450
/// as matplotlib draws them: 198,849 bytes with every composited frame at PSNR ≥ 41.1 dB, where
/// matplotlib's PillowWriter makes 728,489 bytes and its ImageMagick writer 442,113. Other
/// qualities there: 39 dB → 179 KB (floor 38.5 dB), 43 → 213 KB (42.9), 45 → 230 KB (44.6).
public struct GIFOptions: Sendable, Equatable {
    /// How many times viewers play the animation (the NETSCAPE2.0 loop block).
    public enum Loop: Sendable, Equatable {
        /// Loop block with count 0: play forever.
        case forever
        /// Play `n` times in all (n ≥ 1): a loop block with count n − 1, or no block when n is 1.
        case times(Int)
    }

    /// How colours missing from a lossy palette are approximated.
    public enum Dithering: Sendable, Equatable {
        /// Nearest palette colour: flat plots look cleanest this way.
        case none
        /// An 8×8 Bayer pattern added before matching: smoother gradients, stable between frames.
        case ordered
    }

    public var loop: Loop = .forever
    public var dithering: Dithering = .none
    /// Most entries of a palette that has to be quantized (2…255; one more is kept for transparency).
    /// Frames with at most 255 colours get them all, exactly, whatever this says.
    public var maximumColors: Int = 255
    /// The quality a quantized palette aims for: PSNR in dB over the pixels it is built from. The
    /// quantizer stops adding entries once reached, since fewer entries make smaller files.
    public var quality: Double = 41
    /// How far (RGB levels, root mean square over the channels) a pixel of a lossy frame may be shown
    /// from its true colour, beyond the best palette entry's distance, when that saves redrawing it or
    /// lets LZW extend a string over it. 0 is plain nearest-colour; exact frames ignore it.
    public var tolerance: Int = 10

    public init(
        loop: Loop = .forever, dithering: Dithering = .none, maximumColors: Int = 255, quality: Double = 41,
        tolerance: Int = 10
    ) {
        self.loop = loop
        self.dithering = dithering
        self.maximumColors = maximumColors
        self.quality = quality
        self.tolerance = tolerance
    }

    /// `quality` as a mean squared error per channel on the 0…255 scale.
    var targetMSE: Double { 255 * 255 / pow(10, quality / 10) }

    func validate() throws {
        guard quality.isFinite, (20...99).contains(quality) else {
            throw CodecsError.invalidOption(name: "GIF quality", value: "\(quality) dB", allowed: "must be 20…99 dB (PSNR)")
        }
        guard (2...255).contains(maximumColors) else {
            throw CodecsError.invalidOption(name: "GIF colour count", value: String(maximumColors), allowed: "must be 2…255")
        }
        guard (0...64).contains(tolerance) else {
            throw CodecsError.invalidOption(name: "GIF tolerance", value: String(tolerance), allowed: "must be 0…64 levels")
        }
        if case .times(let n) = loop, !(1...65536).contains(n) {
            throw CodecsError.invalidOption(name: "GIF loop count", value: String(n), allowed: "must be 1…65536 plays, or forever")
        }
    }
}
