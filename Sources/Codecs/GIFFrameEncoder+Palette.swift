import Raster

// Palette choice for a frame: see the top of GIFFrameEncoder.swift.
extension GIFFrameEncoder {
    /// Picks the palette for the candidates (see the top of GIFFrameEncoder.swift): the global one
    /// if exact or within the quality budget, else a local exact or quantized one.
    ///
    /// Also returns the frame's predicted squared error when every candidate gets its best entry.
    ///
    /// - Parameter repaint: whether stale pixels are being repainted (see `encode`). A frame that
    ///   then needs a local palette repaints every pixel the global palette approximates: see
    ///   `widenCandidates`.
    mutating func choosePalette(repaint: Bool) -> (GIFPalette, PaletteMapper, local: Bool, exact: Bool, bestError: Double) {
        let (histogram, untouched) = candidateHistogram()
        guard let global, var globalMapper else {
            let (colors, weights) = histogram.entries()
            pixelBounds.findBackground(colors: colors, weights: weights, total: width * height)
            let exact = colors.count <= 255
            let chosen = exact ? colors : quantizer.palette(colors: colors, weights: weights)
            let palette = GIFPalette(colors: chosen.isEmpty ? [0xFF00_0000] : chosen)
            self.global = palette
            globalIsLossy = !exact
            var mapper = PaletteMapper(colors: palette.colors)
            let error = exact ? 0 : squaredError(colors: colors, weights: weights, mapper: &mapper)
            return (palette, mapper, false, exact, Double(untouched) + error)
        }
        // Taken out while in use: a second reference would make the first new colour it caches
        // copy its 192 KB of tables. Frames that keep the global palette hand it back through
        // `encode`; the others put it back here.
        self.globalMapper = nil
        // Checks against the global palette do not depend on order: skip the sort.
        let (unsorted, counts) = histogram.entries(sorted: false)
        if unsorted.allSatisfy({ globalMapper.contains($0) }) {
            return (global, globalMapper, false, true, Double(untouched))
        }
        // An exact local palette when the frame's colours fit one and the global palette is exact:
        // exact animations stay exact. When the global palette is lossy anyway, it is kept while the
        // frame stays within the budget, which spares a local colour table.
        if unsorted.count > 255 || globalIsLossy {
            let predicted = Double(untouched) + squaredError(colors: unsorted, weights: counts, mapper: &globalMapper)
            if predicted <= budget { return (global, globalMapper, false, false, predicted) }
        }
        self.globalMapper = globalMapper
        let widened = repaint && globalIsLossy ? widenCandidates() : histogram
        let (colors, weights) = widened.entries()
        if colors.count <= 255 {
            let palette = GIFPalette(colors: colors)
            return (palette, PaletteMapper(colors: colors), true, true, Double(untouched))
        }
        let palette = GIFPalette(colors: quantizedWithPlotColors(colors: colors, weights: weights))
        var mapper = PaletteMapper(colors: palette.colors)
        let error = squaredError(colors: colors, weights: weights, mapper: &mapper)
        return (palette, mapper, true, false, Double(untouched) + error)
    }

    /// Makes every opaque pixel that shows another colour than its own a candidate too (in row
    /// order), and returns the histogram of the candidates.
    ///
    /// For a frame that needs a local palette while stale pixels are repainted: its palette is then
    /// made for, and drawn over, every pixel the global palette approximates. That lifts the whole
    /// picture above the quality target, so later frames have budget to skip small changes and need
    /// fewer local palettes (measured on 500 and 2000 article frames: 499,332 and 890,783 bytes, a
    /// median of 42.7 dB over the 500; without, 523,380 and 906,399 bytes at 41.0 dB). The shown
    /// error is unchanged: an unchanged pixel's error is the same before and after.
    mutating func widenCandidates() -> ColorHistogram {
        var list: [Int32] = []
        list.reserveCapacity(candidateList.count)
        Keys.with(current) { c in
            shown.withUnsafeBufferPointer { s in
                candidateList.withUnsafeBufferPointer { candidates in
                    var next = 0
                    for i in 0..<(width * height) {
                        if next < candidates.count && Int(candidates[next]) == i {
                            list.append(Int32(i))
                            next += 1
                            continue
                        }
                        let k = c[i], now = s[i]
                        if k != 0 && now != 0 && now != k { list.append(Int32(i)) }
                    }
                }
            }
        }
        candidateList = list
        return candidateHistogram(bookkeeping: false).histogram
    }

    /// The histogram of the candidates' colours, and the error of the other pixels. With
    /// `bookkeeping` (once a frame) also moves `shownError` to the candidates' new keys.
    mutating func candidateHistogram(bookkeeping: Bool = true) -> (histogram: ColorHistogram, untouched: Int64) {
        var histogram = ColorHistogram()
        // Error of the candidates against what they show now, before (old keys) and after (new keys).
        var before: Int64 = 0, after: Int64 = 0
        Keys.with(current) { c in
            Keys.with(previous) { p in
                shown.withUnsafeBufferPointer { s in
                    candidateList.withUnsafeBufferPointer { list in
                        var last: UInt32 = 0
                        var run: UInt32 = 0
                        for position in list {
                            let i = Int(position)
                            let k = c[i]
                            before += Int64(GIFFrameEncoder.error(p[i], s[i]))
                            after += Int64(GIFFrameEncoder.error(k, s[i]))
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
        let untouched = shownError - before
        if bookkeeping { shownError += after - before }
        return (histogram, untouched)
    }

    /// A quantized palette for a local colour table: entries for the declared plot colours the frame
    /// holds first (`PlotColorCover`), the histogram's other colours quantized into the rest.
    func quantizedWithPlotColors(colors: [UInt32], weights: [Float]) -> [UInt32] {
        guard !plotColorSet.isEmpty, colors.count > quantizer.maximumColors else {
            return quantizer.palette(colors: colors, weights: weights)
        }
        let entries = PlotColorCover(colors.filter { plotColorSet.contains($0) }, radius: pixelBounds.background,
                                     limit: quantizer.maximumColors * 5 / 8).entries
        let kept = colors.indices.filter { !plotColorSet.contains(colors[$0]) }
        let blends = Quantizer(maximumColors: quantizer.maximumColors - entries.count, targetMSE: quantizer.targetMSE)
            .palette(colors: kept.map { colors[$0] }, weights: kept.map { weights[$0] })
        return entries + blends.filter { !entries.contains($0) }
    }

    /// Weighted squared RGB error of mapping the histogram's colours through `mapper`.
    func squaredError(colors: [UInt32], weights: [Float], mapper: inout PaletteMapper) -> Double {
        var sum: Double = 0
        let count = min(colors.count, weights.count)
        colors.withUnsafeBufferPointer { c in
            weights.withUnsafeBufferPointer { w in
                for n in 0..<count {
                    let p = mapper.colors[Int(mapper.index(c[n]))]
                    sum += Double(GIFFrameEncoder.distance2(c[n], p)) * Double(w[n])
                }
            }
        }
        return sum
    }
}

extension GIFFrameEncoder {
    /// Makes the global palette from sample frames of the whole animation instead of from the first
    /// frame alone, so that colours which appear only later (points that move into another part of a
    /// colormap) are in it and later frames need no local palettes.
    ///
    /// The palette is quantized from the first sample's pixels plus, for each later sample, the pixels
    /// where it differs from the first — so what moves weighs as much as the static background. Of the
    /// palettes of 31, 63, 127 and 255 entries (with the transparent entry, each fills a colour table
    /// of a power of two), the smallest is kept that every sample frame, mapped through it whole,
    /// accepts within the PSNR bound: LZW codes are one bit longer for each doubling of the table,
    /// and within a table more entries cost little. Measured on the article's 50 frames with a
    /// 47 dB bound: 127 entries 258,641 B, 255 entries 280,616 B.
    ///
    /// `plotColors` are the colours the scene itself draws (a colormap's entries for marker faces, the
    /// text, arrow and line colours): before the anti-aliased blends get entries, each of them gets
    /// one within `Bounds.background` levels (`PlotColorCover`), and lossy shortcuts may show them no
    /// further off than that (`PixelBounds`), so they stay exact or nearly so in every frame, however
    /// far the markers drift through the colormap between the samples.
    mutating func seedGlobalPalette(from samples: [Image], plotColors: [UInt32] = []) {
        guard let first = samples.first else { return }
        var histogram = ColorHistogram()
        var perSample: [ColorHistogram] = []
        let count = width * height
        Keys.with(first.pixels) { base in
            // The first sample pixel by pixel. Runs of one colour are counted once (plot frames are
            // mostly flat): the same counts as adding pixel by pixel, at a hash probe per run.
            var firstRun = Run()
            for i in 0..<count {
                let k = base[i]
                if k != 0 { firstRun.add(k, to: &histogram) }
            }
            firstRun.flush(to: &histogram)
            perSample.append(histogram)
            // The others from where they differ from it, found a block at a time as in `scan`: most
            // of a plot frame equals the first sample. Their own histograms are the first one's with
            // those pixels exchanged; the merged one gains the pixels that differ.
            for image in samples.dropFirst() {
                var sample = perSample[0]
                var mergedRun = Run()
                Keys.with(image.pixels) { keys in
                    var start = 0
                    while start < count {
                        let end = min(count, start + GIFFrameEncoder.block)
                        if end - start == GIFFrameEncoder.block
                            && GIFFrameEncoder.unchangedBlock(keys.raw, base.raw, at: start) {
                            start = end
                            continue
                        }
                        for i in start..<end {
                            let k = keys[i], was = base[i]
                            guard k != was else { continue }
                            if was != 0 { sample.remove(was) }
                            if k != 0 {
                                sample.add(k)
                                mergedRun.add(k, to: &histogram)
                            }
                        }
                        start = end
                    }
                }
                mergedRun.flush(to: &histogram)
                perSample.append(sample)
            }
        }
        let (colors, weights) = histogram.entries()
        guard !colors.isEmpty else { return }
        // A colour is background when it covers 2.5 % of a frame's worth of the pixels the samples
        // add up to (`FrameFidelity` counts 5 % of a frame; the first sample weighs most).
        pixelBounds.findBackground(colors: colors, weights: weights, total: count)
        pixelBounds.tighten(plotColors)
        // Also for the local palettes of frames the global one cannot serve.
        plotEntries = PlotColorCover(plotColors, radius: pixelBounds.background, limit: quantizer.maximumColors * 5 / 8).entries
        plotColorSet = Set(plotColors)
        // An exact palette keeps the samples' colours and adds the plot's entries they lack, for the
        // colours markers reach between the samples.
        let sampled = Set(colors)
        let missing = plotEntries.filter { !sampled.contains($0) }
        let lossy = colors.count + missing.count > 255
        var chosen = lossy ? colors : colors + missing
        // The chosen try's mapper becomes the global one: it already knows the nearest entry of every
        // sample colour it checked, which the first frames would otherwise search for again.
        var chosenMapper: PaletteMapper?
        if lossy {
            // The same test a frame passes to keep the global palette (see `choosePalette`).
            let sampleEntries = perSample.map { $0.entries(sorted: false) }
            // The plot's own colours first (at most 5/8 of the entries: a colormap of 256 takes about
            // 128); the blends share the rest.
            let reserved = plotEntries
            // One median cut for every try: they share its splits and sort each box once. The plot's
            // colours are left out of it: their entries are already there.
            let plot = plotColorSet
            let kept = reserved.isEmpty ? Array(colors.indices) : colors.indices.filter { !plot.contains(colors[$0]) }
            let cut = MedianCut(points: kept.map { ColorPoint(packed: colors[$0]) }, colors: kept.map { colors[$0] },
                                weights: kept.map { weights[$0] })
            // Smallest first; the last (every entry) always stands as the fallback.
            let sizes = [31, 63, 127, 255].filter { $0 >= 2 * reserved.count || $0 == 255 }
            for size in sizes {
                let limit = min(size, quantizer.maximumColors) - reserved.count
                let blends = Quantizer(maximumColors: limit, targetMSE: 0).palette(of: cut)
                let candidate = reserved + blends.filter { !reserved.contains($0) }
                chosen = candidate
                var mapper = PaletteMapper(colors: candidate)
                let accepted = sampleEntries.allSatisfy { squaredError(colors: $0.colors, weights: $0.weights, mapper: &mapper) <= budget }
                chosenMapper = mapper
                if accepted { break }
            }
        }
        let palette = GIFPalette(colors: chosen)
        global = palette
        globalIsLossy = lossy
        globalMapper = chosenMapper ?? PaletteMapper(colors: palette.colors)
    }
}

/// Palette entries that show every colour of a list within `radius` levels: the colours are grouped,
/// in the order given, into clusters whose members all lie within `radius` (Euclidean, so within
/// `radius` in every channel) of the cluster's rounded centre, and each cluster gives its centre.
///
/// Euclidean and not per channel, because pixels map to their nearest entry by Euclidean distance:
/// a member within `radius` of its centre has its nearest entry within `radius` too. A colormap's
/// neighbouring entries differ by 3–5 levels (jet: 256 entries, about 128 clusters at radius 3), so about
/// every two share an entry.
struct PlotColorCover {
    /// One entry per cluster, in the order the clusters were started.
    private(set) var entries: [UInt32] = []

    /// Clusters `colors` (packed opaque); at most `limit` clusters, colours that fit none of them
    /// once the limit is reached are left without an entry.
    init(_ colors: [UInt32], radius: Int, limit: Int) {
        var members: [[SIMD3<Int32>]] = []
        var sums: [SIMD3<Int32>] = []
        var seen = Set<UInt32>()
        let r2 = Int32(radius * radius)
        for c in colors where seen.insert(c | 0xFF00_0000).inserted {
            let v = SIMD3<Int32>(Int32(c & 0xFF), Int32((c >> 8) & 0xFF), Int32((c >> 16) & 0xFF))
            var joined = false
            for j in members.indices {
                let centre = PlotColorCover.centre(sums[j] &+ v, count: members[j].count + 1)
                guard PlotColorCover.distance2(v, centre) <= r2,
                      members[j].allSatisfy({ PlotColorCover.distance2($0, centre) <= r2 }) else { continue }
                members[j].append(v)
                sums[j] &+= v
                joined = true
                break
            }
            if !joined && members.count < limit {
                members.append([v])
                sums.append(v)
            }
        }
        entries = members.indices.map { j in
            let m = PlotColorCover.centre(sums[j], count: members[j].count)
            return UInt32(m.x) | UInt32(m.y) << 8 | UInt32(m.z) << 16 | 0xFF00_0000
        }
    }

    /// The rounded mean of `count` colours summing to `sum`.
    private static func centre(_ sum: SIMD3<Int32>, count: Int) -> SIMD3<Int32> {
        let n = Int32(count)
        return (sum &* 2 &+ n) / (2 &* n)
    }

    private static func distance2(_ a: SIMD3<Int32>, _ b: SIMD3<Int32>) -> Int32 {
        let d = a &- b
        return (d &* d).wrappedSum()
    }
}

/// A run of one colour on its way into a `ColorHistogram`.
private struct Run {
    var color: UInt32 = 0
    var count: UInt32 = 0

    /// Counts one pixel of `k` (not 0), adding the finished run to `histogram` when the colour changes.
    @inline(__always)
    mutating func add(_ k: UInt32, to histogram: inout ColorHistogram) {
        if k == color {
            count += 1
            return
        }
        flush(to: &histogram)
        color = k
        count = 1
    }

    /// Adds the run so far to `histogram`.
    mutating func flush(to histogram: inout ColorHistogram) {
        if count > 0 { histogram.add(color, count: count) }
        count = 0
    }
}
