// The stages between an RGBA frame and LZW: difference → palette → indices (GIFFrameEncoder.swift,
// GIFFrameEncoder+Palette.swift, GIFFrameEncoder+Mapping.swift).
//
// Pixels are handled as keys (see Keys): opaque colours with alpha 255, and 0 for every pixel with
// alpha below 128, GIF's only transparency. The encoder keeps the last frame (`previous`) and
// `shown`, the colours a viewer displays now (0 where it shows nothing). A pixel is a candidate when
// its key changed since the last frame; a candidate is drawn only when its palette colour differs
// from what is shown. Comparing with what is shown, not with source colours, keeps lossy animations
// small: a marker whose fill shifts by one level usually maps to the same entry and costs nothing.
// The work per frame is proportional to the canvas, never to the animation.
//
// Quality is bookkept against the true frame, with the bounds `FrameFidelity` checks
// (`GIFOptions.bounds`), never against earlier frames:
// - per pixel: a lossy shortcut (leaving a changed pixel stale, an LZW-friendly entry other than the
//   pixel's own) is taken only when what it shows is within `Bounds.background` levels (largest
//   channel) of the true colour for background colours and the plot's declared colours, `Bounds.ink`
//   for the rest (`Bounds.p999` in frames with budget to spare: `wideShare`). A pixel whose key
//   has not changed keeps what it showed, which was within its bound of that same key when decided:
//   nothing accumulates from frame to frame.
// - per frame: `shownError` is the squared error of the whole canvas against the current frame,
//   updated pixel by pixel. The shortcuts only spend what remains of the PSNR bound's budget after
//   the palette's own error; the pixels they leave behind are marked (`stale`), and once they hold
//   much of the budget they become candidates again (`repaintThreshold`).
import Raster

/// Turns RGBA frames into `IndexedFrame`s: frame differencing, palette choice and pixel mapping.
struct GIFFrameEncoder {
    let width: Int
    let height: Int
    let dithering: GIFOptions.Dithering
    /// How far a lossy shortcut may show each pixel from its true colour; its background colours
    /// are found in the first frame or the samples.
    var pixelBounds: PixelBounds
    /// The squared error a frame may hold in all: `Bounds.psnr` over the canvas (0 at quality 100).
    let budget: Double
    /// How lossy palettes are made (`GIFOptions.maximumColors` and `.quality`).
    let quantizer: Quantizer
    /// The palette written in the screen descriptor; set by the first frame.
    var global: GIFPalette?
    /// Whether `global` is quantized (some colours of the frames it was made from map to others).
    var globalIsLossy = false
    var globalMapper: PaletteMapper?
    /// The last frame added (its RGBA storage, shared with the caller's image, never copied).
    var previous: [UInt8]
    /// Colours a viewer displays now (packed opaque), 0 where nothing is shown.
    var shown: [UInt32]
    /// 1 where a pixel may show something else than the global palette's entry for its key: left
    /// stale within `tolerance`, given another entry by the LZW planner, or drawn from a local
    /// palette. Only these can improve by repainting: an unmarked pixel that shows another colour
    /// than its own already shows its entry (a lossy palette's best), and repainting it would
    /// draw nothing. Kept so that repainting looks at these alone, not at every anti-aliased pixel
    /// a lossy palette approximates (about 14,000 of each article frame).
    var stale: [UInt8]
    /// The frame being added (its RGBA storage, shared with the caller's image).
    var current: [UInt8]
    /// Canvas offsets of the current frame's candidates, in row order (a reused buffer).
    var candidateList: [Int32] = []
    /// Canvas offsets and palette indices of the pixels the current frame draws (reused buffers).
    var drawnList: [Int32] = []
    var drawnIndices: [UInt8] = []
    private(set) var frameCount = 0
    /// Entries within `Bounds.background` of each of the plot's declared colours (`PlotColorCover`),
    /// first in every quantized palette; empty when none were declared.
    var plotEntries: [UInt32] = []
    /// The declared colours themselves (packed opaque), left out of the quantizing.
    var plotColorSet: Set<UInt32> = []
    /// The ink bound of lossy shortcuts: `Bounds.ink`, or up to `Bounds.p999` in frames whose
    /// allowance is more than `wideShare` of the budget.
    let inkBounds: (narrow: Int, wide: Int)
    /// The share of the budget a frame must have left, after its palette's own error, for its
    /// shortcuts to show ink pixels up to `Bounds.p999` levels off instead of `Bounds.ink`.
    ///
    /// A palette that gives the plot's colours entries of their own leaves the blends fewer, but
    /// the PSNR budget slack (the article at 48.8 dB with the 13-level ink bound, 264,109 B): wide
    /// shortcuts spend it where LZW gains. Where the budget is tight (digits, at 46.5 dB), a wide
    /// shortcut spends what later frames miss. Measured (article, digits; bytes): 0.3: 234,341,
    /// 259,565; 0.35: 234,341, 257,825; 0.4: 234,341, 256,784; 0.5 and 0.7: 264,109, 256,671.
    static let wideShare = 0.4

    /// Σ over the canvas of the squared RGB error between each pixel's key and what is shown (0 where
    /// either is transparent), kept up to date as pixels change, so that the global palette can be
    /// judged by the PSNR of the whole frame it would give.
    var shownError: Int64 = 0
    /// The share of the budget that stale pixels may hold before they are offered for repainting.
    /// Measured on the article at 50, 500 and 2000 frames, since only pixels marked `stale` are
    /// repainted: 0.8 gives 194,873 B, 499,332 B and 890,783 B, every frame at least 40.5 dB; 0.5
    /// gives 194,912 B, 521,867 B and 907,795 B and costs 6 ms more CPU (nmfviz bench-encoder: 85.3
    /// against 79.3 ms); 0.3 gives 532,253 B and 917,428 B for the long ones. Digits are the exception:
    /// 195,513 B at 0.8 against 186,851 B at 0.5. (When every approximated pixel was repainted, 0.8
    /// made long animations grow instead: 560,936 B and 2,110,886 B.) Only redrawing the pixels off by
    /// more than `tolerance` let the drifting-discs test dip under 40 dB.
    static let repaintThreshold: Double = 0.8

    init(width: Int, height: Int, options: GIFOptions) {
        self.width = width
        self.height = height
        dithering = options.dithering
        let bounds = options.bounds
        pixelBounds = PixelBounds(ink: bounds.ink, background: bounds.background)
        inkBounds = (bounds.ink, max(bounds.ink, bounds.p999))
        budget = options.floorMSE * Double(3 * width * height)
        quantizer = Quantizer(maximumColors: options.maximumColors, targetMSE: options.targetMSE)
        previous = [UInt8](repeating: 0, count: 4 * width * height)
        current = previous
        shown = [UInt32](repeating: 0, count: width * height)
        stale = [UInt8](repeating: 0, count: width * height)
    }

    /// What `encode` found about a frame.
    enum Outcome {
        /// Same pixels as the last frame: the caller adds its duration to the pending frame.
        case identical
        /// A frame to write. `clearPending` is set when the pending frame must be enlarged to that
        /// rectangle and disposed to the background, so that pixels turning transparent get cleared.
        case frame(IndexedFrame, clearPending: PixelRect?)
    }

    /// Differences, quantizes and maps `image` (of the animation's size).
    ///
    /// - Parameter pendingRect: the rectangle of the frame written just before this one, if any
    ///   (needed when pixels turn transparent: that frame is then disposed to the background).
    mutating func encode(_ image: Image, duration: Duration, pendingRect: PixelRect?) -> Outcome {
        // The frame's own storage: read through `Keys`, never copied.
        current = image.pixels
        // Pixels left slightly off by earlier frames are not candidates by themselves: once they hold
        // most of the budget (`repaintThreshold`), they are offered for repainting too, so the error
        // cannot creep past the target over a long lossy animation (measured before: 45 dB down to
        // 39 dB in 30 frames).
        let repaint = frameCount > 0 && Double(shownError) > budget * GIFFrameEncoder.repaintThreshold
        let scan = scan(includingStale: repaint)
        if frameCount > 0 && scan.identical { return .identical }
        var clear: PixelRect?
        if !scan.cleared.isEmpty, let pending = pendingRect {
            let disposed = pending.union(scan.cleared)
            clear = disposed
            for y in disposed.y0..<disposed.y1 {
                let row = y * width
                for x in disposed.x0..<disposed.x1 {
                    shownError -= Int64(GIFFrameEncoder.error(Keys.key(previousWord(row + x)), shown[row + x]))
                    shown[row + x] = 0
                    stale[row + x] = 0
                }
            }
            // Cleared pixels that are opaque again are candidates now.
            collectCandidates(includingStale: repaint)
        }
        var (palette, mapper, local, exact, bestError) = choosePalette(repaint: repaint)
        // Exact frames of an exact animation stay exact. A frame whose colours the lossy global
        // palette happens to hold is still part of a lossy animation: it may skip small changes too.
        let lossy = !(exact && (local || !globalIsLossy))
        // The first frame takes no shortcuts: what it leaves off stays in every later frame through
        // the pixels that never change, and is budget they lack (article: 239,546 B against 240,313).
        var allowance = lossy && frameCount > 0 ? Int64(max(0, budget - bestError)) : 0
        // Wide shortcuts only while the frame has budget to spare (see `wideShare`).
        pixelBounds.ink = Double(allowance) > budget * GIFFrameEncoder.wideShare ? inkBounds.wide : inkBounds.narrow
        var rect = draw(mapper: &mapper, local: local, dither: !exact && dithering == .ordered, lossy: lossy, allowance: &allowance)
        if !local { globalMapper = mapper }
        if frameCount == 0 {
            rect = PixelRect(x: 0, y: 0, width: width, height: height)
        } else if rect.isEmpty {
            // Nothing visible changes (or only a clear): a 1×1 frame still carries the delay.
            rect = PixelRect(x: 0, y: 0, width: 1, height: 1)
        }
        let (indices, compressed) = plan(rect: rect, palette: palette, lossy: lossy, allowance: &allowance)
        previous = current
        frameCount += 1
        let frame = IndexedFrame(
            rect: rect, indices: indices, localPalette: local ? palette : nil,
            transparentIndex: palette.transparentIndex, duration: duration, compressed: compressed)
        return .frame(frame, clearPending: clear)
    }

    /// One pass over the new frame: whether it equals the last frame, the box of pixels turning
    /// transparent, and the candidates (into `candidateList`, in row order).
    ///
    /// Decides change from the frame and `previous` alone: after every frame `shown` is 0 exactly where
    /// `previous` is (drawn pixels are never transparent, and nothing else changes `shown` outside a
    /// clear), so "shown transparent but opaque now" is "was transparent, opaque now", a change like any
    /// other. `stale` is read only with `includingStale`, to add unchanged pixels marked there (never
    /// transparent ones: a pixel marked stale was drawn, and only a clear makes it transparent, which
    /// also unmarks it).
    private mutating func scan(includingStale: Bool) -> (identical: Bool, cleared: PixelRect) {
        let count = width * height
        if frameCount == 0 {
            // Nothing is shown yet: every opaque pixel is a candidate and none is cleared.
            candidateList = Keys.with(current) { c in
                [Int32](unsafeUninitializedCapacity: count) { buffer, listed in
                    listed = 0
                    for i in 0..<count where c[i] != 0 {
                        buffer[listed] = Int32(i)
                        listed += 1
                    }
                }
            }
            return (false, BoxBuilder().rect)
        }
        var identical = true
        var cleared = BoxBuilder()
        var list = candidateList
        list.removeAll(keepingCapacity: true)
        Keys.with(current) { c in
            Keys.with(previous) { p in
                stale.withUnsafeBufferPointer { s in
                    let block = GIFFrameEncoder.block
                    var start = 0
                    while start < count {
                        // Four blocks at once where nothing changed (most of a plot frame): the
                        // loop's own steps cost as much as a block's comparison.
                        if start + 4 * block <= count && GIFFrameEncoder.unchangedBlocks(c.raw, p.raw, at: start) {
                            if includingStale && GIFFrameEncoder.anyMarked(s, from: start, count: 4 * block) {
                                for quarter in 0..<4 { GIFFrameEncoder.appendMarked(s, c, from: start + quarter * block, to: &list) }
                            }
                            start += 4 * block
                            continue
                        }
                        let end = min(count, start + block)
                        // Whole blocks first: most of a plot frame equals the last one, and such a
                        // block holds no changed pixel (only, perhaps, marked ones).
                        if end - start == block && GIFFrameEncoder.unchangedBlock(c.raw, p.raw, at: start) {
                            // Unchanged: with `includingStale`, its marked pixels are still candidates.
                            if includingStale { GIFFrameEncoder.appendMarked(s, c, from: start, to: &list) }
                            start = end
                            continue
                        }
                        for i in start..<end {
                            // Raw words first: equal words are equal keys, the common case.
                            if c.raw[i] == p.raw[i] || c[i] == p[i] {
                                // Unchanged; with `includingStale`, still a candidate if marked stale.
                                if includingStale && s[i] != 0 && c[i] != 0 { list.append(Int32(i)) }
                                continue
                            }
                            identical = false
                            if c[i] == 0 {
                                cleared.add(x: i % width, y: i / width)
                            } else {
                                list.append(Int32(i))
                            }
                        }
                        start = end
                    }
                }
            }
        }
        candidateList = list
        return (identical, cleared.rect)
    }

    /// Pixels per block in `scan`'s fast path (a power of two).
    static let block = 16

    /// Appends the opaque pixels marked in `marks` among the `block` from `start` (a block whose
    /// words did not change): two word loads, and a step per marked pixel only.
    @inline(__always)
    static func appendMarked(_ marks: UnsafeBufferPointer<UInt8>, _ c: Keys, from start: Int, to list: inout [Int32]) {
        assert(start >= 0 && start + block <= marks.count, "a whole block of marks")
        guard let base = marks.baseAddress else { return }
        for half in 0..<2 {
            var word = UnsafeRawPointer(base + start + 8 * half).loadUnaligned(as: UInt64.self)
            while word != 0 {
                let lane = word.trailingZeroBitCount / 8
                word &= ~(UInt64(0xFF) << UInt64(8 * lane))
                let i = start + 8 * half + lane
                if c[i] != 0 { list.append(Int32(i)) }
            }
        }
    }

    /// Whether the `block` pixels from `start` hold the same words in `c` and `p`.
    ///
    /// ORs the XORs in vector registers and tests them once: a few instructions per block instead
    /// of a branch per pixel. A block that fails is simply scanned
    /// pixel by pixel, so this only decides how fast, never what.
    @inline(__always)
    static func unchangedBlock(_ c: UnsafeBufferPointer<UInt32>, _ p: UnsafeBufferPointer<UInt32>, at start: Int) -> Bool {
        assert(start >= 0 && start + block <= min(c.count, p.count), "a whole block in both frames")
        guard let cBase = c.baseAddress, let pBase = p.baseAddress else { return false }
        let now = UnsafeRawPointer(cBase + start).loadUnaligned(as: SIMD16<UInt32>.self)
        let difference = now ^ UnsafeRawPointer(pBase + start).loadUnaligned(as: SIMD16<UInt32>.self)
        // OR the halves together (vector ORs; `max()` would compare lane by lane without SSE4).
        let eight = difference.lowHalf | difference.highHalf
        let four = eight.lowHalf | eight.highHalf
        let two = four.lowHalf | four.highHalf
        return two.x | two.y == 0
    }

    /// Whether any of the `count` marks from `start` is set (`count` a multiple of 8): marks are
    /// sparse, and looking for them eight bytes at a time saves the per-word steps of `appendMarked`.
    @inline(__always)
    static func anyMarked(_ marks: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Bool {
        assert(start >= 0 && count % 8 == 0 && start + count <= marks.count, "whole words of marks")
        guard let base = marks.baseAddress else { return false }
        var any: UInt64 = 0
        for word in 0..<(count / 8) {
            any |= UnsafeRawPointer(base + start + 8 * word).loadUnaligned(as: UInt64.self)
        }
        return any != 0
    }

    /// Whether the `4 * block` pixels from `start` hold the same words in `c` and `p` (as
    /// `unchangedBlock` four times, with one test).
    @inline(__always)
    static func unchangedBlocks(_ c: UnsafeBufferPointer<UInt32>, _ p: UnsafeBufferPointer<UInt32>, at start: Int) -> Bool {
        assert(start >= 0 && start + 4 * block <= min(c.count, p.count), "four whole blocks in both frames")
        guard let cBase = c.baseAddress, let pBase = p.baseAddress else { return false }
        var difference = SIMD16<UInt32>.zero
        for quarter in 0..<4 {
            let offset = start + quarter * block
            difference |= UnsafeRawPointer(cBase + offset).loadUnaligned(as: SIMD16<UInt32>.self)
                ^ UnsafeRawPointer(pBase + offset).loadUnaligned(as: SIMD16<UInt32>.self)
        }
        let eight = difference.lowHalf | difference.highHalf
        let four = eight.lowHalf | eight.highHalf
        let two = four.lowHalf | four.highHalf
        return two.x | two.y == 0
    }

    /// Lists every candidate again, after a clear (where `shown` no longer follows `previous`), and
    /// with `includingStale` also every opaque pixel marked `stale`.
    private mutating func collectCandidates(includingStale: Bool) {
        var list = candidateList
        list.removeAll(keepingCapacity: true)
        Keys.with(current) { c in
            Keys.with(previous) { p in
                shown.withUnsafeBufferPointer { s in
                    stale.withUnsafeBufferPointer { marks in
                        for i in 0..<(width * height) {
                            let k = c[i]
                            let shownNow = s[i]
                            // The common case, decided first: unchanged and shown exactly.
                            if k == shownNow && c.raw[i] == p.raw[i] { continue }
                            if GIFFrameEncoder.isCandidate(k, shownNow, p[i])
                                || (includingStale && k != 0 && shownNow != 0 && marks[i] != 0) {
                                list.append(Int32(i))
                            }
                        }
                    }
                }
            }
        }
        candidateList = list
    }

    /// Whether the pixel at `i` is a candidate: its key changed, or it is shown transparent but is not.
    @inline(__always)
    static func isCandidate(_ c: UInt32, _ s: UInt32, _ p: UInt32) -> Bool {
        c != 0 && (c != p || s == 0)
    }

    /// The raw word of the previous frame at pixel `i`.
    private func previousWord(_ i: Int) -> UInt32 {
        previous.withUnsafeBytes { $0.load(fromByteOffset: 4 * i, as: UInt32.self) }
    }
}

/// How far (largest channel) a lossy shortcut may show an opaque key from its colour:
/// `GIFOptions.Bounds.background` for the background colours and the plot's declared colours, `ink`
/// (set per frame by the encoder) for the others.
struct PixelBounds {
    var ink: Int
    let background: Int
    /// The background colours (keys covering at least 2.5 % of a frame, the most frequent first),
    /// padded with 1, which is never a key. Eight scalars, not a SIMD8: `any(keys .== k)` compiled to
    /// a lane-by-lane loop through the stack (about 110 instructions a call, and the encoder asks for
    /// every candidate and every pixel the LZW planner looks at); eight compares cost about 16.
    private(set) var backgroundKeys: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (1, 1, 1, 1, 1, 1, 1, 1)

    init(ink: Int, background: Int) {
        self.ink = ink
        self.background = background
    }

    /// The plot's own colours (`tighten`), which get the background's bound too: one bit per slot of
    /// a 65,536-slot hash (1,024 words), empty when there are none. A colour that merely shares a slot
    /// gets the tighter bound as well, which costs a little size, never quality.
    private(set) var plotColorSlots: [UInt64] = []

    @inline(__always)
    func callAsFunction(_ k: UInt32) -> Int {
        let b = backgroundKeys
        if k == b.0 || k == b.1 || k == b.2 || k == b.3 || k == b.4 || k == b.5 || k == b.6 || k == b.7 { return background }
        guard !plotColorSlots.isEmpty else { return ink }
        let slot = PixelBounds.slot(k)
        return plotColorSlots[slot >> 6] & (1 << UInt64(slot & 63)) != 0 ? background : ink
    }

    /// Gives `colors` (packed; alpha ignored) the background's bound.
    mutating func tighten(_ colors: [UInt32]) {
        guard !colors.isEmpty else { return }
        if plotColorSlots.isEmpty { plotColorSlots = [UInt64](repeating: 0, count: 1024) }
        for c in colors {
            let slot = PixelBounds.slot(c)
            plotColorSlots[slot >> 6] |= 1 << UInt64(slot & 63)
        }
    }

    /// A colour's slot: the top 16 bits of its RGB times a Fibonacci constant.
    @inline(__always)
    static func slot(_ k: UInt32) -> Int {
        Int(((k & 0xFF_FFFF) &* 0x9E37_79B1) >> 16)
    }

    /// Takes the colours of `colors` whose `weights` reach `share` of `total` as the background
    /// colours (at most 8, the heaviest first).
    mutating func findBackground(colors: [UInt32], weights: [Float], total: Int, share: Double = 0.025) {
        let least = Float(Double(total) * share)
        let heavy = zip(colors, weights).filter { $0.1 >= least }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        var keys = [UInt32](repeating: 1, count: 8)
        for (lane, entry) in heavy.prefix(8).enumerated() { keys[lane] = entry.0 }
        backgroundKeys = (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[7])
    }
}
