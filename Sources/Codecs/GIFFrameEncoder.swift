// The stages between an RGBA frame and LZW: difference → palette → indices.
//
// Pixels are handled as "keys": opaque pixels as their colour with alpha forced to 255, and every
// pixel with alpha below 128 as 0, GIF's only kind of transparency. The encoder keeps two canvases:
// `previous`, the keys of the last frame added, and `shown`, the colours a viewer displays now (0
// where it shows nothing). A pixel is a candidate when its key changed since the last frame (or it
// is shown transparent but is not); a candidate is drawn only when its palette colour differs from
// what is shown. Comparing what is shown, not the source colours, is what keeps a lossy animation
// small: a marker whose fill shifts by one level usually maps to the same entry and costs nothing.
// The work per frame is proportional to the canvas, never to the animation.
//
// Palette per frame, in order of preference:
// 1. the global palette when it holds every candidate colour (exact);
// 2. a local exact palette when the candidates have at most 255 colours;
// 3. the global palette when its mean squared error over the candidates is small enough;
// 4. a local palette quantized from the candidates.
// The global palette itself is the first frame's exact colours or its quantized palette.
import Raster

/// 32-bit pixels read as keys: colour with alpha 255, or 0 for alpha below 128.
struct Keys {
    let raw: UnsafeBufferPointer<UInt32>

    @inline(__always)
    static func key(_ v: UInt32) -> UInt32 {
        v >> 24 < 128 ? 0 : v | 0xFF00_0000
    }

    @inline(__always)
    subscript(i: Int) -> UInt32 { Keys.key(raw[i]) }

    /// Calls `body` with the keys of RGBA8 `pixels` (read as little-endian words).
    static func with<R>(_ pixels: [UInt8], _ body: (Keys) -> R) -> R {
        pixels.withUnsafeBytes { bytes in
            bytes.withMemoryRebound(to: UInt32.self) { body(Keys(raw: $0)) }
        }
    }
}

/// Grows a bounding box point by point.
struct BoxBuilder {
    var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1

    @inline(__always)
    mutating func add(x: Int, y: Int) {
        if x < x0 { x0 = x }
        if x > x1 { x1 = x }
        if y < y0 { y0 = y }
        if y > y1 { y1 = y }
    }

    var rect: PixelRect {
        y1 < 0 ? PixelRect(x: 0, y: 0, width: 0, height: 0) : PixelRect(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
    }
}

/// Turns RGBA frames into `IndexedFrame`s: frame differencing, palette choice and pixel mapping.
struct GIFFrameEncoder {
    let width: Int
    let height: Int
    let dithering: GIFOptions.Dithering
    /// `GIFOptions.tolerance` as a squared RGB distance (sum over the three channels).
    let tolerance: Int
    /// How lossy palettes are made (`GIFOptions.maximumColors` and `.quality`).
    let quantizer: Quantizer
    /// The palette written in the screen descriptor; set by the first frame.
    private(set) var global: GIFPalette?
    private var globalMapper: PaletteMapper?
    /// Keys of the last frame added.
    private var previous: [UInt8]
    /// Colours a viewer displays now (packed opaque), 0 where nothing is shown.
    private var shown: [UInt32]
    /// Keys of the frame being added (a reused buffer).
    private var current: [UInt8]
    /// Canvas offsets of the current frame's candidates, in row order (a reused buffer).
    private var candidateList: [Int32] = []
    /// Canvas offsets and palette indices of the pixels the current frame draws (reused buffers).
    private var drawnList: [Int32] = []
    private var drawnIndices: [UInt8] = []
    private(set) var frameCount = 0

    /// Largest mean squared error per channel (0…255 scale) over a frame's candidate pixels for which
    /// the global palette is kept rather than a local one being built (6.5 would be PSNR 40 dB).
    /// Σ over the canvas of the squared RGB error between each pixel's key and what is shown (0 where
    /// either is transparent), kept up to date as pixels change, so that the global palette can be
    /// judged by the PSNR of the whole frame it would give.
    private var shownError: Int64 = 0
    /// A frame keeps the global palette while its predicted mean squared error stays within this
    /// factor of the quality target (1 dB): frames vary a little around the first one.
    static let globalPaletteSlack: Double = 1.26

    init(width: Int, height: Int, options: GIFOptions) {
        self.width = width
        self.height = height
        dithering = options.dithering
        tolerance = 3 * options.tolerance * options.tolerance
        quantizer = Quantizer(maximumColors: options.maximumColors, targetMSE: options.targetMSE)
        previous = [UInt8](repeating: 0, count: 4 * width * height)
        current = previous
        shown = [UInt32](repeating: 0, count: width * height)
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
        let scan = scan()
        if frameCount > 0 && scan.identical { return .identical }
        var clear: PixelRect?
        var candidates = scan.candidates
        if !scan.cleared.isEmpty, let pending = pendingRect {
            let disposed = pending.union(scan.cleared)
            clear = disposed
            for y in disposed.y..<(disposed.y + disposed.height) {
                let row = y * width
                for x in disposed.x..<(disposed.x + disposed.width) {
                    shownError -= Int64(GIFFrameEncoder.error(Keys.key(previousWord(row + x)), shown[row + x]))
                    shown[row + x] = 0
                }
            }
            // Cleared pixels that are opaque again are candidates now.
            candidates = candidateBox()
        }
        var (palette, mapper, local, exact, bestError) = choosePalette(candidates: candidates)
        let slack = exact ? 0 : tolerance
        // Lossy shortcuts (keeping a stale pixel, an LZW-friendly neighbour entry) may add error only
        // while the whole frame stays within the quality target.
        let budget = quantizer.targetMSE * GIFFrameEncoder.globalPaletteSlack * Double(3 * width * height)
        var allowance = slack > 0 ? Int64(max(0, budget - bestError)) : 0
        var rect = draw(mapper: &mapper, dither: !exact && dithering == .ordered, slack: slack, allowance: &allowance)
        if !local { globalMapper = mapper }
        if frameCount == 0 {
            rect = PixelRect(x: 0, y: 0, width: width, height: height)
        } else if rect.isEmpty {
            // Nothing visible changes (or only a clear): a 1×1 frame still carries the delay.
            rect = PixelRect(x: 0, y: 0, width: 1, height: 1)
        }
        let indices = plan(rect: rect, palette: palette, slack: slack, allowance: &allowance)
        previous = current
        frameCount += 1
        let frame = IndexedFrame(
            rect: rect, indices: indices, localPalette: local ? palette : nil,
            transparentIndex: palette.transparentIndex, duration: duration)
        return .frame(frame, clearPending: clear)
    }

    /// One pass over the new frame: whether it equals the last frame, the box of pixels turning
    /// transparent, and the box of candidates.
    ///
    /// Reads only the frame and `previous`: after every frame `shown` is 0 exactly where `previous`
    /// is (drawn pixels are never transparent, and nothing else changes `shown` outside a clear), so
    /// "shown transparent but opaque now" is "was transparent, opaque now", a change like any other.
    private func scan() -> (identical: Bool, cleared: PixelRect, candidates: PixelRect) {
        var identical = true
        var cleared = BoxBuilder(), candidates = BoxBuilder()
        let width = self.width, height = self.height
        Keys.with(current) { c in
            Keys.with(previous) { p in
                for y in 0..<height {
                    let row = y * width
                    var first = -1, last = -1
                    for x in 0..<width {
                        // Raw words first: equal words are equal keys, the common case.
                        guard c.raw[row + x] != p.raw[row + x] else { continue }
                        let k = c[row + x]
                        guard k != p[row + x] else { continue }
                        identical = false
                        if k == 0 {
                            cleared.add(x: x, y: y)
                        } else {
                            if first < 0 { first = x }
                            last = x
                        }
                    }
                    if first >= 0 {
                        candidates.add(x: first, y: y)
                        candidates.add(x: last, y: y)
                    }
                }
            }
        }
        return (identical, cleared.rect, candidates.rect)
    }

    /// The smallest rectangle holding every candidate (after a clear, where `shown` no longer
    /// follows `previous`).
    private func candidateBox() -> PixelRect {
        var box = BoxBuilder()
        let width = self.width
        Keys.with(current) { c in
            Keys.with(previous) { p in
                shown.withUnsafeBufferPointer { s in
                    for y in 0..<height {
                        for x in 0..<width where GIFFrameEncoder.isCandidate(c[y * width + x], s[y * width + x], p[y * width + x]) {
                            box.add(x: x, y: y)
                        }
                    }
                }
            }
        }
        return box.rect
    }

    /// Whether the pixel at `i` is a candidate: its key changed, or it is shown transparent but is not.
    @inline(__always)
    private static func isCandidate(_ c: UInt32, _ s: UInt32, _ p: UInt32) -> Bool {
        c != 0 && (c != p || s == 0)
    }

    /// Picks the palette for the candidates in `rect` (see the top of the file).
    ///
    /// Also returns the frame's predicted squared error when every candidate gets its best entry.
    private mutating func choosePalette(candidates rect: PixelRect) -> (GIFPalette, PaletteMapper, local: Bool, exact: Bool, bestError: Double) {
        var histogram = ColorHistogram()
        var list = candidateList
        list.removeAll(keepingCapacity: true)
        defer { candidateList = list }
        // Error of the candidates against what they show now, before (old keys) and after (new keys).
        var before: Int64 = 0, after: Int64 = 0
        if !rect.isEmpty {
            Keys.with(current) { c in
                shown.withUnsafeBufferPointer { s in
                    Keys.with(previous) { p in
                        for y in rect.y..<(rect.y + rect.height) {
                            let row = y * width
                            var last: UInt32 = 0
                            var run: UInt32 = 0
                            for x in rect.x..<(rect.x + rect.width) {
                                let k = c[row + x]
                                guard GIFFrameEncoder.isCandidate(k, s[row + x], p[row + x]) else { continue }
                                list.append(Int32(row + x))
                                before += Int64(GIFFrameEncoder.error(p[row + x], s[row + x]))
                                after += Int64(GIFFrameEncoder.error(k, s[row + x]))
                                if k == last {
                                    run += 1
                                } else {
                                    if run > 0 { histogram.add(last, count: run) }
                                    last = k
                                    run = 1
                                }
                            }
                            if run > 0 { histogram.add(last, count: run) }
                        }
                    }
                }
            }
        }
        let untouched = shownError - before
        shownError += after - before
        guard let global, var globalMapper else {
            let (colors, weights) = histogram.entries()
            let exact = colors.count <= 255
            let chosen = exact ? colors : quantizer.palette(colors: colors, weights: weights)
            let palette = GIFPalette(colors: chosen.isEmpty ? [0xFF00_0000] : chosen)
            self.global = palette
            var mapper = PaletteMapper(colors: palette.colors)
            let error = exact ? 0 : squaredError(colors: colors, weights: weights, mapper: &mapper)
            return (palette, mapper, false, exact, Double(untouched) + error)
        }
        defer { self.globalMapper = globalMapper }
        // Checks against the global palette do not depend on order: skip the sort.
        let (unsorted, counts) = histogram.entries(sorted: false)
        if unsorted.allSatisfy({ globalMapper.contains($0) }) {
            return (global, globalMapper, false, true, Double(untouched))
        }
        let budget = quantizer.targetMSE * GIFFrameEncoder.globalPaletteSlack * Double(3 * width * height)
        if unsorted.count > 255 {
            let predicted = Double(untouched) + squaredError(colors: unsorted, weights: counts, mapper: &globalMapper)
            if predicted <= budget { return (global, globalMapper, false, false, predicted) }
        }
        let (colors, weights) = histogram.entries()
        if colors.count <= 255 {
            let palette = GIFPalette(colors: colors)
            return (palette, PaletteMapper(colors: colors), true, true, Double(untouched))
        }
        let palette = GIFPalette(colors: quantizer.palette(colors: colors, weights: weights))
        var mapper = PaletteMapper(colors: palette.colors)
        let error = squaredError(colors: colors, weights: weights, mapper: &mapper)
        return (palette, mapper, true, false, Double(untouched) + error)
    }

    /// Maps every candidate (`candidateList`) and draws those whose colour differs from what is shown
    /// by more than `slack` (squared RGB distance to the true colour, beyond the best entry's):
    /// records them in `drawnList`/`drawnIndices` and their colour in `shown`. Returns the rectangle
    /// of drawn pixels. A skip's extra error is taken from `allowance` and only allowed while it lasts.
    private mutating func draw(mapper: inout PaletteMapper, dither: Bool, slack: Int, allowance: inout Int64) -> PixelRect {
        var box = BoxBuilder()
        let palette = mapper.colors
        let width = self.width
        var positions = drawnList, indices = drawnIndices
        positions.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        var error: Int64 = 0
        Keys.with(current) { c in
            shown.withUnsafeMutableBufferPointer { s in
                candidateList.withUnsafeBufferPointer { list in
                    var lastKey: UInt32 = 0
                    var lastIndex: UInt8 = 0
                    for position in list {
                        let i = Int(position)
                        let k = c[i]
                        if k != lastKey {
                            lastKey = k
                            lastIndex = mapper.index(k)
                        }
                        // Colours the palette holds exactly are never dithered: flat backgrounds
                        // and lines stay clean.
                        let index = dither && palette[Int(lastIndex)] != k
                            ? mapper.index(GIFFrameEncoder.dithered(k, x: i % width, y: i / width)) : lastIndex
                        let color = palette[Int(index)]
                        let was = s[i]
                        guard color != was else { continue }
                        if slack > 0 && was != 0 {
                            let extra = GIFFrameEncoder.distance2(k, was) - GIFFrameEncoder.distance2(k, color)
                            if extra <= slack && Int64(extra) <= allowance {
                                allowance -= Int64(max(0, extra))
                                continue
                            }
                        }
                        error += Int64(GIFFrameEncoder.error(k, color) - GIFFrameEncoder.error(k, was))
                        s[i] = color
                        positions.append(position)
                        indices.append(index)
                        box.add(x: i % width, y: i / width)
                    }
                }
            }
        }
        shownError += error
        drawnList = positions
        drawnIndices = indices
        return box.rect
    }

    /// One index per pixel of `rect`: drawn pixels their entry, the others the transparent index.
    ///
    /// Measured on the article's frames, all-transparent gaps beat continuing a run of the previous
    /// entry where the shown colour allows it (287 KB against 295 KB): uniform transparent stretches
    /// repeat from row to row, so LZW learns them, while mixing in background runs breaks them up.
    private func indices(rect: PixelRect, palette: GIFPalette) -> [UInt8] {
        var indices = [UInt8](repeating: UInt8(palette.transparentIndex ?? 0), count: rect.width * rect.height)
        let width = self.width
        for (position, index) in zip(drawnList, drawnIndices) {
            let i = Int(position)
            indices[(i / width - rect.y) * rect.width + (i % width - rect.x)] = index
        }
        return indices
    }

    /// The final indices of `rect`: `indices(rect:palette:)` as preferences, improved by `LZWPlanner`
    /// where a pixel accepts another index; `shown` then records what the chosen indices show.
    private mutating func plan(rect: PixelRect, palette: GIFPalette, slack: Int, allowance: inout Int64) -> [UInt8] {
        var planned = indices(rect: rect, palette: palette)
        // Drawn pixels prefer their entry, the others the transparent index.
        let preferred = planned
        let t = UInt8(palette.transparentIndex ?? 0)
        var colors = [UInt32](repeating: 0, count: 256)
        for (i, c) in palette.colors.enumerated() { colors[i] = c }
        var planner = LZWPlanner(tableSize: palette.tableSize, frequent: t)
        let width = self.width
        Keys.with(current) { c in
            shown.withUnsafeBufferPointer { s in
                preferred.withUnsafeBufferPointer { d in
                        planner.plan(&planned) { i, j in
                            let p = (rect.y + i / rect.width) * width + rect.x + i % rect.width
                            let k = c[p]
                            let want = d[i]
                            if want != t {
                                guard j != t else { return false }
                                let best = colors[Int(want)]
                                let extra = GIFFrameEncoder.distance2(k, colors[Int(j)]) - GIFFrameEncoder.distance2(k, best)
                                guard extra <= slack && Int64(extra) <= allowance else { return false }
                                allowance -= Int64(max(0, extra))
                                return true
                            }
                            if j == t { return true }
                            let was = s[p]
                            if k == 0 || was == 0 { return false }
                            let color = colors[Int(j)]
                            if color == was { return true }
                            guard slack > 0 else { return false }
                            let extra = GIFFrameEncoder.distance2(k, color) - GIFFrameEncoder.distance2(k, was)
                            guard extra <= slack && Int64(extra) <= allowance else { return false }
                            allowance -= Int64(max(0, extra))
                            return true
                        }
                }
            }
        }
        var delta: Int64 = 0
        Keys.with(current) { c in
            shown.withUnsafeMutableBufferPointer { s in
                var n = 0
                for y in rect.y..<(rect.y + rect.height) {
                    let row = y * width
                    for x in rect.x..<(rect.x + rect.width) {
                        let j = planned[n]
                        n += 1
                        guard j != t, colors[Int(j)] != s[row + x] else { continue }
                        let k = c[row + x]
                        delta += Int64(GIFFrameEncoder.error(k, colors[Int(j)]) - GIFFrameEncoder.error(k, s[row + x]))
                        s[row + x] = colors[Int(j)]
                    }
                }
            }
        }
        shownError += delta
        return planned
    }

    /// Weighted squared RGB error of mapping the histogram's colours through `mapper`.
    private func squaredError(colors: [UInt32], weights: [Float], mapper: inout PaletteMapper) -> Double {
        var sum: Double = 0, total: Double = 0
        for (c, w) in zip(colors, weights) {
            let p = mapper.colors[Int(mapper.index(c))]
            var e: Double = 0
            for shift in [0, 8, 16] as [UInt32] {
                let d = Double(Int((c >> shift) & 0xFF) - Int((p >> shift) & 0xFF))
                e += d * d
            }
            sum += e * Double(w)
            total += Double(w)
        }
        return sum
    }

    /// The raw word of the previous frame at pixel `i`.
    private func previousWord(_ i: Int) -> UInt32 {
        previous.withUnsafeBytes { $0.load(fromByteOffset: 4 * i, as: UInt32.self) }
    }

    /// The error bookkept for a pixel with key `k` showing `s`: 0 when either is transparent.
    @inline(__always)
    static func error(_ k: UInt32, _ s: UInt32) -> Int {
        k == 0 || s == 0 ? 0 : distance2(k, s)
    }

    /// Squared RGB distance between two packed colours.
    @inline(__always)
    static func distance2(_ a: UInt32, _ b: UInt32) -> Int {
        let dr = Int(a & 0xFF) - Int(b & 0xFF)
        let dg = Int((a >> 8) & 0xFF) - Int((b >> 8) & 0xFF)
        let db = Int((a >> 16) & 0xFF) - Int((b >> 16) & 0xFF)
        return dr * dr + dg * dg + db * db
    }

    /// The 8×8 Bayer matrix, values 0…63.
    private static let bayer: [Int] = [
        0, 32, 8, 40, 2, 34, 10, 42, 48, 16, 56, 24, 50, 18, 58, 26,
        12, 44, 4, 36, 14, 46, 6, 38, 60, 28, 52, 20, 62, 30, 54, 22,
        3, 35, 11, 43, 1, 33, 9, 41, 51, 19, 59, 27, 49, 17, 57, 25,
        15, 47, 7, 39, 13, 45, 5, 37, 63, 31, 55, 23, 61, 29, 53, 21,
    ]

    /// `k` with a position-dependent offset of −4…+3 levels per channel (ordered dithering): about the
    /// spacing of a 255-entry palette around anti-aliased shades, so it breaks bands without visible noise.
    static func dithered(_ k: UInt32, x: Int, y: Int) -> UInt32 {
        let offset = (bayer[(y & 7) * 8 + (x & 7)] - 32) / 8
        var out: UInt32 = 0xFF00_0000
        for shift in [0, 8, 16] as [UInt32] {
            let v = max(0, min(255, Int((k >> shift) & 0xFF) + offset))
            out |= UInt32(v) << shift
        }
        return out
    }
}
