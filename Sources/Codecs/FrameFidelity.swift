#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Raster

/// How faithfully a frame a viewer shows matches the true frame: the figures a GIF's quality is judged
/// by, and that `GIFOptions.bounds` promises for every composited frame.
///
/// Pixels are compared as GIF can hold them: alpha below 128 is transparent, anything else opaque
/// (so compare with the true frame after `GIFOptions.matte`, when one is used). Two transparent pixels
/// are equal; a transparent pixel against an opaque one is 255 levels off in every channel.
///
/// PSNR alone hides what shows on a mostly flat figure: a few thousand pixels of background left a few
/// levels off (ghost trails of moving markers) or a marker face 40 levels off cost well under 1 dB.
/// Hence the two other figures: the 99.9th percentile of each pixel's largest channel error, and the
/// background pixels (colours covering at least 5 % of the true frame: the figure's and the axes'
/// background; a marker's face, even several of one colour, covers far less) off by more than
/// `GIFOptions.Bounds.background` levels.
public struct FrameFidelity: Sendable, Equatable {
    /// Peak signal-to-noise ratio over RGB, in dB (infinity when equal).
    public var psnr: Double
    /// The 99.9th percentile of the per-pixel largest channel error (levels, 0…255).
    public var p999: Int
    /// The largest channel error of any pixel.
    public var maximum: Int
    /// Background pixels of the true frame (see `backgroundColors`) shown more than
    /// `backgroundTolerance` levels off.
    public var ghosts: Int

    /// Compares `shown` (what a viewer displays, e.g. `GIFPlayback.frames[i]`) with `truth`.
    ///
    /// Images of different sizes compare as PSNR −∞ with every pixel off.
    public init(shown: Image, truth: Image, backgroundTolerance: Int = GIFOptions.Bounds.standard.background) {
        let count = truth.width * truth.height
        guard shown.width == truth.width, shown.height == truth.height,
              shown.pixels.count == truth.pixels.count, truth.pixels.count == 4 * count else {
            self.init(psnr: -.infinity, p999: 255, maximum: 255, ghosts: truth.width * truth.height)
            return
        }
        var histogram = [Int](repeating: 0, count: 256)
        var sum: Int64 = 0
        var ghosts = 0
        let background = FrameFidelity.backgroundColors(of: truth)
        Keys.with(shown.pixels) { s in
            Keys.with(truth.pixels) { t in
                for i in 0..<count {
                    let a = s[i], b = t[i]
                    let e: Int
                    if a == 0 || b == 0 {
                        e = a == b ? 0 : 255
                        sum += a == b ? 0 : 3 * 255 * 255
                    } else {
                        let dr = Int(a & 0xFF) - Int(b & 0xFF)
                        let dg = Int((a >> 8) & 0xFF) - Int((b >> 8) & 0xFF)
                        let db = Int((a >> 16) & 0xFF) - Int((b >> 16) & 0xFF)
                        sum += Int64(dr * dr + dg * dg + db * db)
                        e = max(abs(dr), abs(dg), abs(db))
                    }
                    histogram[e] += 1
                    if e > backgroundTolerance && background.contains(b) { ghosts += 1 }
                }
            }
        }
        let mse = Double(sum) / Double(3 * count)
        var below = 0
        var p999 = 0
        // The smallest level that at least 99.9 % of the pixels are within.
        let needed = count - count / 1000
        for level in 0..<256 {
            below += histogram[level]
            if below >= needed {
                p999 = level
                break
            }
        }
        self.init(psnr: mse == 0 ? .infinity : 10 * log10(255 * 255 / mse), p999: p999,
                  maximum: histogram.lastIndex { $0 > 0 } ?? 0, ghosts: ghosts)
    }

    /// Figures given directly, e.g. as bounds to compare with.
    ///
    /// - Parameters:
    ///   - psnr: Peak signal-to-noise ratio over RGB, in dB.
    ///   - p999: The 99.9th percentile of the per-pixel largest channel error, levels.
    ///   - maximum: The largest channel error of any pixel, levels.
    ///   - ghosts: Background pixels shown more than the tolerance off.
    public init(psnr: Double, p999: Int, maximum: Int, ghosts: Int) {
        self.psnr = psnr
        self.p999 = p999
        self.maximum = maximum
        self.ghosts = ghosts
    }

    /// Whether the frame is within `bounds`.
    public func isWithin(_ bounds: GIFOptions.Bounds) -> Bool {
        psnr >= bounds.psnr && p999 <= bounds.p999 && ghosts == 0
    }

    /// The keys (see `Keys`) covering at least 5 % of `image`: its background colours. (At 1 %, the
    /// faces of a few discs of one colour on a 120×80 canvas counted as background.)
    static func backgroundColors(of image: Image) -> Set<UInt32> {
        var histogram = ColorHistogram()
        var transparent = 0
        Keys.with(image.pixels) { keys in
            var last: UInt32 = 1, run: UInt32 = 0
            for i in 0..<(image.width * image.height) {
                let k = keys[i]
                if k == 0 {
                    transparent += 1
                } else if k == last {
                    run += 1
                } else {
                    if run > 0 { histogram.add(last, count: run) }
                    last = k
                    run = 1
                }
            }
            if run > 0 { histogram.add(last, count: run) }
        }
        let (colors, weights) = histogram.entries(sorted: false)
        let least = Float(image.width * image.height) / 20
        var found = Set(zip(colors, weights).filter { $0.1 >= least }.map(\.0))
        // Transparency (key 0) is never counted by the histogram.
        if Float(transparent) >= least { found.insert(0) }
        return found
    }
}

/// How faithfully a frame a viewer shows keeps the plot's own colours: over the pixels whose true
/// colour is one of a list (a colormap's entries for marker faces, the text and line colours), the
/// largest channel error and how many are more than a tolerance off.
///
/// `FrameFidelity`'s figures are about the whole frame; a marker face 10 levels off hides in them.
/// `GIFWriter.useGlobalPalette(from:plotColors:)` promises these pixels `Bounds.background` levels.
public struct PlotColorFidelity: Sendable, Equatable {
    /// Opaque pixels of the true frame whose colour is in the list.
    public var pixels: Int
    /// The largest channel error among them (0 when there are none).
    public var maximum: Int
    /// How many of them are more than the tolerance off.
    public var beyond: Int

    /// Compares `shown` with `truth` over the pixels whose true colour is one of `colors` (alpha
    /// ignored; only opaque pixels of `truth` count). Images of different sizes count every such pixel
    /// 255 levels off.
    public init(shown: Image, truth: Image, colors: [RGBA8], tolerance: Int = GIFOptions.Bounds.standard.background) {
        let wanted = Set(colors.map { UInt32($0.r) | UInt32($0.g) << 8 | UInt32($0.b) << 16 | 0xFF00_0000 })
        let count = truth.width * truth.height
        guard truth.pixels.count == 4 * count else {
            self.init(pixels: 0, maximum: 0, beyond: 0)
            return
        }
        let comparable = shown.width == truth.width && shown.height == truth.height && shown.pixels.count == truth.pixels.count
        var pixels = 0, maximum = 0, beyond = 0
        Keys.with(truth.pixels) { t in
            Keys.with(comparable ? shown.pixels : truth.pixels) { s in
                var last: UInt32 = 0, lastWanted = false
                for i in 0..<count {
                    let b = t[i]
                    guard b != 0 else { continue }
                    if b != last {
                        last = b
                        lastWanted = wanted.contains(b)
                    }
                    guard lastWanted else { continue }
                    pixels += 1
                    let a = s[i]
                    let e = !comparable || a == 0 ? 255 : GIFFrameEncoder.channelError(a, b)
                    maximum = max(maximum, e)
                    if e > tolerance { beyond += 1 }
                }
            }
        }
        self.init(pixels: pixels, maximum: maximum, beyond: beyond)
    }

    /// Figures given directly.
    ///
    /// - Parameters:
    ///   - pixels: Pixels of the true frame with one of the colours.
    ///   - maximum: The largest channel error among them.
    ///   - beyond: How many are more than the tolerance off.
    public init(pixels: Int, maximum: Int, beyond: Int) {
        self.pixels = pixels
        self.maximum = maximum
        self.beyond = beyond
    }
}
