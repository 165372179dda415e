#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Raster

/// How `GIFWriter` writes an animation.
///
/// `quality` (1…100, as gifski's) sets `bounds`: what every frame a viewer composites is promised,
/// measured against the true frame by `FrameFidelity`. The same bounds decide, pixel by pixel, what
/// the encoder may leave stale or give an LZW-friendly neighbouring entry, so the check and the
/// encoder cannot disagree. Default 90: PSNR ≥ 46.5 dB in every frame (Pillow's level on the article),
/// the 99.9th percentile of the per-pixel error ≤ 24 levels, background within 3 levels.
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

    /// What a quality promises for every composited frame (see `FrameFidelity`).
    public struct Bounds: Sendable, Equatable {
        /// The least PSNR of a frame, in dB (infinity: exact).
        public var psnr: Double
        /// The 99.9th percentile of the per-pixel largest channel error may not exceed this.
        public var p999: Int
        /// How far (largest channel, levels) a pixel whose true colour is a background colour (one
        /// covering at least 5 % of the frame) may be shown off.
        public var background: Int
        /// How far (largest channel) any other pixel may be shown off by a lossy shortcut (left stale,
        /// or an entry that lets LZW go on) when its own palette entry is closer. A frame with much of
        /// its PSNR budget to spare may go up to `p999` instead; the plot's declared colours
        /// (`GIFWriter.useGlobalPalette(from:plotColors:)`) get the `background` bound.
        public var ink: Int

        /// The default quality's bounds.
        public static let standard = GIFOptions.bounds(quality: GIFOptions.defaultQuality)
    }

    /// The lowest `quality` at which the plot's own colours get exact palette entries and the
    /// background's bound (see `GIFWriter.useGlobalPalette(from:plotColors:)`).
    public static let plotColorQuality = 80

    /// The default `quality`.
    public static let defaultQuality = 90

    /// How many times viewers play the animation; forever by default.
    public var loop: Loop = .forever
    /// How colours missing from a lossy palette are approximated; none by default.
    public var dithering: Dithering = .none
    /// Most entries of a palette that has to be quantized (2…255; one more is kept for transparency).
    /// Frames with at most 255 colours get them all, exactly, whatever this says.
    public var maximumColors: Int = 255
    /// 1…100: 100 is exact whenever a frame has at most 255 colours; lower trades fidelity for size
    /// (`bounds(quality:)`).
    public var quality: Int = GIFOptions.defaultQuality
    /// The colour partly transparent pixels are blended against (the slide's colour), or nil.
    ///
    /// GIF's alpha has one bit: without a matte, a pixel with alpha below 128 is transparent and any
    /// other is drawn opaque in its own colour, so anti-aliased edges over a transparent background
    /// look jagged on any slide but a white one. With a matte, every pixel with some alpha is blended
    /// over this colour and drawn opaque; only fully transparent pixels stay transparent.
    public var matte: RGBA8?

    /// Options as given; by default loop forever, no dithering, 255 colours, quality 90, no matte.
    ///
    /// Values are not checked here; `GIFWriter` checks them when it is created.
    ///
    /// - Parameters:
    ///   - loop: How many times viewers play the animation.
    ///   - dithering: How colours missing from a lossy palette are approximated.
    ///   - maximumColors: Most entries of a quantized palette, 2…255.
    ///   - quality: 1…100; sets `bounds`.
    ///   - matte: The opaque colour partly transparent pixels are blended against, or nil.
    public init(
        loop: Loop = .forever, dithering: Dithering = .none, maximumColors: Int = 255,
        quality: Int = GIFOptions.defaultQuality, matte: RGBA8? = nil
    ) {
        self.loop = loop
        self.dithering = dithering
        self.maximumColors = maximumColors
        self.quality = quality
        self.matte = matte
    }

    /// `image` as the writer encodes it: with a `matte`, every partly transparent pixel blended over
    /// it and made opaque (fully transparent and opaque pixels unchanged, so applying it twice changes
    /// nothing); without, `image` itself.
    public func matted(_ image: Image) -> Image {
        guard let matte else { return image }
        let partial = image.pixels.withUnsafeBufferPointer { p in
            stride(from: 3, to: p.count, by: 4).contains { p[$0] != 0 && p[$0] != 255 }
        }
        guard partial else { return image }
        var out = image
        let m = (Int(matte.r), Int(matte.g), Int(matte.b))
        out.withUnsafeMutablePixels { p in
            for i in stride(from: 0, to: p.count - 3, by: 4) {
                let a = Int(p[i + 3])
                guard a != 0 && a != 255 else { continue }
                p[i] = UInt8((Int(p[i]) * a + m.0 * (255 - a) + 127) / 255)
                p[i + 1] = UInt8((Int(p[i + 1]) * a + m.1 * (255 - a) + 127) / 255)
                p[i + 2] = UInt8((Int(p[i + 2]) * a + m.2 * (255 - a) + 127) / 255)
                p[i + 3] = 255
            }
        }
        return out
    }

    /// What `quality` promises.
    public var bounds: Bounds { GIFOptions.bounds(quality: quality) }

    /// The bounds of a quality 1…100 (clamped): PSNR 19.5 + 0.3 · quality dB (46.5 at 90, 34.5 at 50);
    /// lossy shortcuts up to (100 − quality) · 1.3 levels on ink (13 at 90) and 3 on the background
    /// from 40 up; 99.9 % of the pixels within 24 levels at 90 and above, 2 more per step below. 100
    /// is exact (frames with more than 255 colours get a quantized local palette each).
    ///
    /// Measured on the article's 50 frames at quality 90 (`nmfviz bench-encoder`, before the plot's
    /// colours had entries of their own): ink bounds of 8, 10, 12, 13, 14, 16 and 24 levels gave
    /// 247,666, 244,380, 240,798, 240,313, 241,638, 243,882 and 253,903 B — beyond 13, what a wide
    /// shortcut spends of the PSNR budget is missed by later frames. With those entries the palette
    /// leaves budget to spare, and frames that have it use shortcuts up to `p999` levels
    /// (`GIFFrameEncoder.wideShare`).
    public static func bounds(quality: Int) -> Bounds {
        let q = min(100, max(1, quality))
        if q == 100 { return Bounds(psnr: .infinity, p999: 24, background: 0, ink: 0) }
        return Bounds(psnr: 19.5 + 0.3 * Double(q), p999: 24 + 2 * max(0, 90 - q),
                      background: 3 + max(0, 40 - q) / 4, ink: Int((Double(100 - q) * 1.3).rounded()))
    }

    /// What palettes aim for: a mean squared error per channel (0…255 scale) 1 dB better than the
    /// promised PSNR, so that frames that vary around the samples keep the global palette; 0 (every
    /// entry) at quality 100.
    var targetMSE: Double {
        let floor = bounds.psnr
        return floor.isFinite ? 255 * 255 / pow(10, (floor + 1) / 10) : 0
    }

    /// The mean squared error per channel of a frame at the promised PSNR (0 at quality 100).
    var floorMSE: Double {
        let floor = bounds.psnr
        return floor.isFinite ? 255 * 255 / pow(10, floor / 10) : 0
    }

    func validate() throws {
        guard (1...100).contains(quality) else {
            throw CodecsError.invalidOption(name: "GIF quality", value: String(quality), allowed: "must be 1…100")
        }
        guard (2...255).contains(maximumColors) else {
            throw CodecsError.invalidOption(name: "GIF colour count", value: String(maximumColors), allowed: "must be 2…255")
        }
        if let matte, matte.a != 255 {
            throw CodecsError.invalidOption(name: "GIF matte", value: "alpha \(matte.a)", allowed: "must be opaque")
        }
        if case .times(let n) = loop, !(1...65536).contains(n) {
            throw CodecsError.invalidOption(name: "GIF loop count", value: String(n), allowed: "must be 1…65536 plays, or forever")
        }
    }
}
