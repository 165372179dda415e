import Foundation
import Raster
import Testing

@testable import Codecs

/// Plain twin of `GIFFrameEncoder.unchangedBlock`: word by word, as the per-pixel scan decides.
private func plainUnchangedBlock(_ c: [UInt32], _ p: [UInt32], at start: Int) -> Bool {
    (start..<(start + GIFFrameEncoder.block)).allSatisfy { c[$0] == p[$0] }
}

@Suite struct ScanBlockTests {
    /// Blocks equal everywhere, then one word differing at each position of a block (first, middle,
    /// last, in each 64-bit half), at aligned and unaligned starts.
    @Test func agreesWithItsPlainTwin() {
        let count = 4 * GIFFrameEncoder.block + 3
        let base = (0..<count).map { UInt32($0) &* 0x9E37_79B1 | 0xFF00_0000 }
        var cases: [([UInt32], [UInt32])] = [(base, base)]
        for position in [0, 1, 7, 8, GIFFrameEncoder.block - 1, GIFFrameEncoder.block, count - 1] {
            var changed = base
            changed[position] ^= 1 << 24  // alpha only: still a different word
            cases.append((changed, base))
            cases.append((base, changed))
        }
        for (c, p) in cases {
            for start in [0, 1, GIFFrameEncoder.block, count - GIFFrameEncoder.block] {
                let fast = c.withUnsafeBufferPointer { cb in
                    p.withUnsafeBufferPointer { pb in GIFFrameEncoder.unchangedBlock(cb, pb, at: start) }
                }
                #expect(fast == plainUnchangedBlock(c, p, at: start))
            }
        }
    }

    /// `unchangedBlocks` (four blocks, one test) and `anyMarked` against their plain twins: one
    /// word or one mark off at every position of the run, at aligned and unaligned starts.
    @Test func fourBlocksAndMarksAgreeWithTheirPlainTwins() {
        let run = 4 * GIFFrameEncoder.block
        let count = run + 9
        let base = (0..<count).map { UInt32($0) &* 0x9E37_79B1 | 0xFF00_0000 }
        let clean = [UInt8](repeating: 0, count: count)
        for start in [0, 3, count - run] {
            for position in [-1] + Array(start..<(start + run)) + [start + run < count ? start + run : start] {
                var changed = base
                var marks = clean
                if position >= 0 {
                    changed[position] ^= 1
                    marks[position] = 2
                }
                let inside = position >= start && position < start + run
                let (same, marked) = changed.withUnsafeBufferPointer { c in
                    base.withUnsafeBufferPointer { p in
                        marks.withUnsafeBufferPointer { m in
                            (GIFFrameEncoder.unchangedBlocks(c, p, at: start), GIFFrameEncoder.anyMarked(m, from: start, count: run))
                        }
                    }
                }
                #expect(same == !(inside && position >= 0))
                #expect(same == (0..<4).allSatisfy { plainUnchangedBlock(changed, base, at: start + $0 * GIFFrameEncoder.block) })
                #expect(marked == (start..<(start + run)).contains { marks[$0] != 0 })
            }
        }
    }

    /// `appendMarked` lists, in order, exactly the marked pixels of the block that are opaque, for
    /// marks in either 64-bit half, at aligned and unaligned starts.
    @Test func appendMarkedListsTheMarkedOpaquePixels() {
        let count = 3 * GIFFrameEncoder.block + 5
        var rng = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let marks: [UInt8] = (0..<count).map { _ in
                UInt8.random(in: 0...3, using: &rng) == 0 ? UInt8.random(in: 1...255, using: &rng) : 0
            }
            // Transparent (alpha 0x00) or opaque words.
            let words: [UInt32] = (0..<count).map { _ in UInt32.random(in: 0...3, using: &rng) == 0 ? 0x10_0000 : 0xFF12_3456 }
            for start in [0, 5, GIFFrameEncoder.block, count - GIFFrameEncoder.block] {
                var listed: [Int32] = [-1]
                marks.withUnsafeBufferPointer { m in
                    words.withUnsafeBufferPointer { w in
                        GIFFrameEncoder.appendMarked(m, Keys(raw: w), from: start, to: &listed)
                    }
                }
                let marked = (start..<(start + GIFFrameEncoder.block)).filter { marks[$0] != 0 && Keys.key(words[$0]) != 0 }
                let expected: [Int32] = [-1] + marked.map { Int32($0) }
                #expect(listed == expected)
            }
        }
    }
}

@Suite struct PaletteMapperGrowthTests {
    /// Past every growth of its table and past the point where it is cleared, the mapper still
    /// answers each colour with its nearest entry (`NearestColor`'s answer), and palette colours
    /// with themselves.
    @Test func answersStayTheNearestEntryAsTheTableGrowsAndClears() {
        var rng = SplitMix64(seed: 9)
        let palette = (0..<60).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 }
        let search = NearestColor(palette.map { ColorPoint(packed: $0) })
        var mapper = PaletteMapper(colors: palette)
        // 90,000 distinct colours: more than the largest table keeps (65,536 answers).
        let colors = (0..<90_000).map { UInt32($0) &* 187 | 0xFF00_0000 }
        for c in colors {
            #expect(Int(mapper.index(c)) == search.nearest(ColorPoint(packed: c)))
        }
        for (i, c) in palette.enumerated() where palette.firstIndex(of: c) == i {
            #expect(Int(mapper.index(c)) == i)
        }
    }
}

@Suite struct RowCursorTests {
    /// The cursor gives each offset's column and row, in increasing order with gaps of any size,
    /// and also after a step back.
    @Test func locatesLikeDivision() {
        var rng = SplitMix64(seed: 5)
        for width in [1, 7, 1000] {
            var cursor = RowCursor(width: width)
            var offset = 0
            for step in 0..<2000 {
                offset = step % 500 == 499 ? offset / 3 : offset + Int.random(in: 0...(2 * width), using: &rng)
                let (x, y) = cursor.locate(offset)
                #expect(x == offset % width && y == offset / width)
            }
        }
    }
}

@Suite struct QuantizerPointsTests {
    /// Handing over the ColorPoint points (as the global palette's several tries do) changes nothing.
    @Test(arguments: [0.0, 4.0, 40.0])
    func givenPointsGiveTheSamePalette(targetMSE: Double) {
        var rng = SplitMix64(seed: 7)
        let colors = (0..<3000).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 }
        let weights = colors.indices.map { _ in Float(Int.random(in: 1...500, using: &rng)) }
        let quantizer = Quantizer(maximumColors: 255, targetMSE: targetMSE)
        let points = colors.map { ColorPoint(packed: $0) }
        let palette = quantizer.palette(colors: colors, weights: weights)
        #expect(palette.count <= 255)
        #expect(quantizer.palette(colors: colors, weights: weights, points: points) == palette)
    }
}

@Suite struct MedianCutSharingTests {
    /// One `MedianCut` asked for several targets, loose and tight in either order, gives each the
    /// palette a fresh quantizer run gives.
    @Test(arguments: [[16.0, 10, 4, 0], [0, 4, 10, 16.0], [10, 10, 2]])
    func sharedSplitsGiveTheSamePalettes(targets: [Double]) {
        var rng = SplitMix64(seed: 11)
        let colors = (0..<2500).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 }
        let weights = colors.indices.map { _ in Float(Int.random(in: 1...900, using: &rng)) }
        let cut = MedianCut(points: colors.map { ColorPoint(packed: $0) }, colors: colors, weights: weights)
        for target in targets {
            let quantizer = Quantizer(maximumColors: 200, targetMSE: target)
            let fresh = quantizer.palette(colors: colors, weights: weights)
            #expect(fresh.count <= 200 && fresh.count > 1)
            #expect(quantizer.palette(of: cut) == fresh)
        }
    }

    /// The boxes partition the colours, and the curve only falls.
    @Test func boxesPartitionTheColours() {
        var rng = SplitMix64(seed: 12)
        let colors = (0..<600).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 }
        let weights = colors.indices.map { _ in Float(Int.random(in: 1...50, using: &rng)) }
        let cut = MedianCut(points: colors.map { ColorPoint(packed: $0) }, colors: colors, weights: weights)
        for limit in [1, 2, 37, 600, 700] {
            let (boxes, curve) = cut.boxes(limit: limit, targetError: 0)
            #expect(boxes.count == min(limit, 600) && curve.count == boxes.count)
            #expect(boxes.flatMap { $0 }.sorted() == Array(colors.indices))
            #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.1 <= $0.0 + 1e-6 * $0.0 })
        }
    }
}

@Suite struct GIFOutputThreadTests {
    /// Frames of random indices over a 16-entry palette, each covering a random rectangle.
    private func frames(count: Int, seed: UInt64) -> (GIFPalette, [IndexedFrame]) {
        var rng = SplitMix64(seed: seed)
        let palette = GIFPalette(colors: (0..<15).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 })
        let frames = (0..<count).map { n -> IndexedFrame in
            let w = Int.random(in: 1...40, using: &rng), h = Int.random(in: 1...30, using: &rng)
            let rect = PixelRect(x: Int.random(in: 0...(40 - w), using: &rng), y: Int.random(in: 0...(30 - h), using: &rng), width: w, height: h)
            return IndexedFrame(rect: rect, indices: (0..<(w * h)).map { _ in UInt8.random(in: 0...15, using: &rng) },
                                localPalette: n % 3 == 2 ? palette : nil, transparentIndex: 15,
                                disposal: n % 4 == 3 ? 2 : 1, duration: .milliseconds(10 * n + 7))
        }
        return (palette, frames)
    }

    /// The worker writes exactly what the same calls on the caller's thread write, in order, however
    /// the two threads happen to interleave.
    @Test func writesTheSameBytesAsWritingInline() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (palette, frames) = frames(count: 40, seed: 3)
        let inline = try GIFStream(path: folder + "/inline.gif", width: 40, height: 30, options: GIFOptions())
        try inline.putHeader(global: palette)
        for frame in frames { try inline.put(frame) }
        try inline.close()
        let output = GIFOutputThread(stream: try GIFStream(path: folder + "/thread.gif", width: 40, height: 30, options: GIFOptions()))
        try output.submit(.header(palette))
        for frame in frames { try output.submit(.frame(frame)) }
        try output.drain()
        try output.stream.close()
        let expected = try Data(contentsOf: URL(fileURLWithPath: folder + "/inline.gif"))
        #expect(expected.count > 1000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/thread.gif")) == expected)
        #expect(output.writeTime > .zero)
    }

    /// A write that fails is thrown back by a later `submit` or by `drain`, never lost.
    @Test func aFailedWriteIsThrownBackLater() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/closed.gif"
        let (palette, frames) = frames(count: 8, seed: 5)
        let stream = try GIFStream(path: path, width: 40, height: 30, options: GIFOptions())
        stream.cancel()  // every write now fails with writerClosed
        let output = GIFOutputThread(stream: stream)
        #expect(throws: CodecsError.writerClosed(path: path)) {
            try output.submit(.header(palette))
            for frame in frames { try output.submit(.frame(frame)) }
            try output.drain()
        }
        #expect(throws: CodecsError.writerClosed(path: path)) { try output.drain() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// Abandoning with jobs queued stops the worker without writing them; a second call is harmless.
    @Test func abandoningStopsTheWorker() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (palette, frames) = frames(count: 4, seed: 9)
        let output = GIFOutputThread(stream: try GIFStream(path: folder + "/a.gif", width: 40, height: 30, options: GIFOptions()))
        try output.submit(.header(palette))
        for frame in frames { try output.submit(.frame(frame)) }
        output.abandon()
        output.abandon()
        output.stream.cancel()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

@Suite struct NearestScanTests {
    /// Random points against random centroids, with duplicated centroids (exact ties: the lowest
    /// index wins) and points sitting on centroids, in counts that leave partial groups of eight.
    @Test(arguments: [1, 2, 7, 8, 9, 63, 255])
    func agreesWithNearestColor(centroidCount: Int) {
        var rng = SplitMix64(seed: UInt64(centroidCount))
        func random() -> ColorPoint { ColorPoint(packed: UInt32.random(in: 0...0xFF_FFFF, using: &rng)) }
        var centroids = (0..<centroidCount).map { _ in random() }
        if centroidCount > 2 { centroids[centroidCount - 1] = centroids[1] }
        var points = (0..<(8 * centroidCount + 5)).map { _ in random() }
        points[0] = centroids[centroidCount - 1]
        let search = NearestColor(centroids)
        var assignment = [Int](repeating: -1, count: points.count)
        #expect(NearestScan.assign(points, to: centroids, assignment: &assignment))
        #expect(assignment == points.map { search.nearest($0) })
        #expect(!NearestScan.assign(points, to: centroids, assignment: &assignment))
        if centroidCount > 2 { #expect(assignment[0] == 1) }
    }
}

@Suite struct LZWPlannerRunTests {
    /// Plain twin of `LZWPlanner.plan`: a dictionary of (prefix, index) → code and each code's
    /// children in insertion order, one pixel at a time, the same rules (extend if the dictionary
    /// holds the extension; else the acceptable child that can itself be extended, then the
    /// cheapest, the newest first among equals; else emit, and add or clear at 4095).
    private func plainPlan(_ input: [UInt8], tableSize: Int, cost: (Int, UInt8) -> Int?) -> [UInt8] {
        let clear = max(4, tableSize)
        var out = input
        var table: [Int: Int] = [:]
        var children: [Int: [Int]] = [:]
        var symbolOf: [Int: UInt8] = [:]
        var running = clear + 2
        var current = Int(out[0])
        for i in 1..<out.count {
            let want = out[i]
            if let code = table[current << 8 | Int(want)] {
                current = code
                continue
            }
            var found = -1, foundCost = Int.max, foundExtends = false
            for child in (children[current] ?? []).reversed() {
                guard let c = cost(i, symbolOf[child] ?? 0) else { continue }
                let extends = !(children[child] ?? []).isEmpty
                if found < 0 || (extends && !foundExtends) || (extends == foundExtends && c < foundCost) {
                    found = child
                    foundCost = c
                    foundExtends = extends
                }
            }
            if found >= 0 {
                out[i] = symbolOf[found] ?? 0
                current = found
                continue
            }
            if running >= 4095 {
                table.removeAll()
                children.removeAll()
                symbolOf.removeAll()
                running = clear + 2
            } else {
                table[current << 8 | Int(want)] = running
                children[current, default: []].append(running)
                symbolOf[running] = want
                running += 1
            }
            current = Int(want)
        }
        return out
    }

    /// Long and short runs of the transparent index between coloured pixels, some of which accept
    /// a neighbouring entry: the jumps along runs of the transparent index change nothing, across
    /// dictionary clears too.
    @Test(arguments: [(16, UInt64(1)), (4, 2), (256, 3), (128, 4)])
    func agreesWithItsPlainTwinOnTransparentRuns(tableSize: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let t = UInt8(tableSize - 1)
        var input: [UInt8] = []
        while input.count < 120_000 {
            let run = Int.random(in: 0...Int.random(in: 1...400, using: &rng), using: &rng)
            input += [UInt8](repeating: t, count: run)
            for _ in 0..<Int.random(in: 1...6, using: &rng) { input.append(UInt8.random(in: 0...(t - 1), using: &rng)) }
        }
        let cost: (Int, UInt8) -> Int? = { i, j in
            let want = input[i]
            if want == t { return j == t ? 0 : (i % 3 == 0 ? 5 : nil) }
            return abs(Int(j) - Int(want)) <= 1 && j != t ? abs(Int(j) - Int(want)) : nil
        }
        var planned = input
        LZWPlanner(tableSize: tableSize, frequent: t).plan(&planned, cost: cost, take: { _, _, _ in })
        let expected = plainPlan(input, tableSize: tableSize, cost: cost)
        #expect(planned.count == expected.count)
        #expect(planned == expected)
        #expect(planned != input)
    }
}

@Suite struct NearestGridTests {
    /// The grid against `NearestColor`'s walk: random palettes of every size class, with duplicate
    /// entries (exact ties: the lowest index), entries at the cells' corners and on their borders,
    /// and colours spread over every cell and on the entries themselves.
    @Test(arguments: [1, 2, 10, 64, 127, 200, 256])
    func agreesWithNearestColor(paletteSize: Int) {
        var rng = SplitMix64(seed: UInt64(paletteSize))
        func random() -> UInt32 { UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 }
        var palette = (0..<paletteSize).map { _ in random() }
        if paletteSize > 2 { palette[paletteSize - 1] = palette[0] }
        if paletteSize > 8 {
            palette[1] = 0xFF00_0000
            palette[2] = 0xFFFF_FFFF
            palette[3] = 0xFF0F_100F
            palette[4] = 0xFF10_0F10
        }
        let walk = NearestColor(palette.map { ColorPoint(packed: $0) })
        var grid = NearestGrid(palette)
        // Equidistant from two entries in integer levels: (0,0,0) and (2,0,0) against (1,0,0).
        let queries = palette + (0..<30_000).map { _ in random() } + [0xFF00_0001, 0xFF0F_0F0F, 0xFF10_1010]
        for q in queries {
            #expect(grid.nearest(q) == walk.nearest(ColorPoint(packed: q)))
        }
    }

    /// Exact ties between different entries, decided by index in both.
    @Test func tiesGoToTheLowestIndex() {
        let palette: [UInt32] = [0xFF00_0002, 0xFF00_0000, 0xFF00_0200, 0xFF02_0000]
        var grid = NearestGrid(palette)
        let walk = NearestColor(palette.map { ColorPoint(packed: $0) })
        for q: UInt32 in [0xFF00_0001, 0xFF00_0100, 0xFF01_0000, 0xFF01_0101] {
            #expect(grid.nearest(q) == walk.nearest(ColorPoint(packed: q)))
        }
        #expect(grid.nearest(0xFF00_0001) == 0)
        var empty = NearestGrid([])
        #expect(empty.nearest(0xFF00_0000) == -1)
    }
}

