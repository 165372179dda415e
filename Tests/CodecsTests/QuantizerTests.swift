import Foundation
import Raster
import Testing

@testable import Codecs

private func pack(_ r: Int, _ g: Int, _ b: Int) -> UInt32 {
    UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | 0xFF00_0000
}

private func randomColors(_ n: Int, seed: UInt64) -> [UInt32] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in pack(.random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng)) }
}

/// Plain twin of `NearestColor`: every entry, in order, squared distance by the textbook formula.
private func bruteNearest(_ q: ColorPoint, _ palette: [ColorPoint]) -> (index: Int, distance: Float) {
    var best = -1
    var distance = Float.infinity
    for (i, p) in palette.enumerated() {
        let d = (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) + (p.z - q.z) * (p.z - q.z)
        if d < distance {
            distance = d
            best = i
        }
    }
    return (best, distance)
}

@Suite struct ColorPointTests {
    /// Squared distance is the squared RGB error over 255².
    @Test func distanceIsTheRGBError() {
        let a = ColorPoint(packed: pack(10, 200, 30)), b = ColorPoint(packed: pack(13, 196, 30))
        #expect(abs(a.distance2(b) * 255 * 255 - 25) < 1e-3)
    }

    @Test func roundTripsEverySRGBColourOfAGrid() {
        for r in stride(from: 0, through: 255, by: 15) {
            for g in stride(from: 0, through: 255, by: 15) {
                for b in stride(from: 0, through: 255, by: 15) {
                    #expect(ColorPoint(packed: pack(r, g, b)).packed == pack(r, g, b))
                }
            }
        }
    }
}

@Suite struct NearestColorTests {
    @Test(arguments: [1, 2, 17, 255])
    func findsTheNearestLikeItsPlainTwin(count: Int) {
        var palette = randomColors(count, seed: UInt64(count)).map { ColorPoint(packed: $0) }
        if count > 2 { palette[count - 1] = palette[0] }  // a duplicate: ties go to the lower index
        let search = NearestColor(palette)
        for q in randomColors(3000, seed: 99).map({ ColorPoint(packed: $0) }) + palette {
            let found = search.nearest(q)
            let twin = bruteNearest(q, palette)
            let d = palette[found].distance2(q)
            #expect(abs(d - twin.distance) <= 1e-6)
            if d == twin.distance && palette[twin.index] != palette[found] { #expect(found == twin.index) }
        }
        #expect(search.nearest(palette[0]) == 0)
    }

    @Test func anEmptyPaletteAnswersMinusOne() {
        #expect(NearestColor([]).nearest(ColorPoint(x: 0.5, y: 0, z: 0)) == -1)
    }
}

@Suite struct PaletteMapperTests {
    @Test func agreesWithBruteForceAcrossCacheResets() {
        let palette = randomColors(200, seed: 5)
        let labs = palette.map { ColorPoint(packed: $0) }
        var mapper = PaletteMapper(colors: palette)
        // 40,000 colours overflow the 16,384-entry cache limit twice; every answer must stay right.
        for c in randomColors(40_000, seed: 6) + palette {
            let index = Int(mapper.index(c))
            let twin = bruteNearest(ColorPoint(packed: c), labs)
            #expect(abs(labs[index].distance2(ColorPoint(packed: c)) - twin.distance) <= 1e-6)
        }
        for (i, c) in palette.enumerated() {
            let member = mapper.contains(c)
            let index = Int(mapper.index(c))
            #expect(member)
            #expect(palette[index] == c && index <= i)
        }
        let stranger = mapper.contains(pack(1, 2, 3))
        #expect(stranger == palette.contains(pack(1, 2, 3)))
    }
}

@Suite struct QuantizerTests {
    @Test func fewColoursAreKeptExactly() {
        let colors = randomColors(100, seed: 1)
        #expect(Quantizer(maximumColors: 255).palette(colors: colors, weights: Array(repeating: 1, count: 100)) == colors)
    }

    @Test func manyColoursGiveAtMostTheLimitDeterministically() {
        let colors = randomColors(3000, seed: 2)
        var rng = SplitMix64(seed: 3)
        let weights = colors.map { _ in Float(Int.random(in: 1...50, using: &rng)) }
        for limit in [2, 16, 255] {
            let a = Quantizer(maximumColors: limit).palette(colors: colors, weights: weights)
            let b = Quantizer(maximumColors: limit).palette(colors: colors, weights: weights)
            #expect(a == b)
            #expect(a.count <= limit && a.count >= 2)
            #expect(a.allSatisfy { $0 >> 24 == 0xFF })
        }
    }

    @Test func aHeavyColourGetsItsOwnEntry() {
        var colors = randomColors(2000, seed: 4)
        colors.append(pack(255, 255, 255))
        var weights = [Float](repeating: 1, count: 2000)
        weights.append(1_000_000)
        let palette = Quantizer(maximumColors: 32).palette(colors: colors, weights: weights)
        #expect(palette.contains(pack(255, 255, 255)))
    }

    /// The quality target: the weighted RGB error of nearest-entry mapping lands near it, with fewer
    /// entries than the limit.
    @Test func aQualityTargetIsReachedWithFewerEntries() {
        var colors: [UInt32] = []
        var weights: [Float] = []
        var rng = SplitMix64(seed: 8)
        // Anti-aliasing-like data: mixes of a few base colours with white.
        let bases = [pack(0, 0, 128), pack(0, 200, 255), pack(255, 60, 0), pack(0, 0, 0)]
        for base in bases {
            for step in 0..<400 {
                let t = Double(step) / 399
                func mix(_ shift: UInt32) -> Int { Int((Double((base >> shift) & 0xFF) * t + 255 * (1 - t)).rounded()) }
                let c = pack(mix(0), mix(8), mix(16))
                if !colors.contains(c) {
                    colors.append(c)
                    weights.append(Float(Int.random(in: 1...5, using: &rng)))
                }
            }
        }
        let target = 255.0 * 255 / pow(10.0, 4.1)
        let palette = Quantizer(maximumColors: 255, targetMSE: target).palette(colors: colors, weights: weights)
        var mapper = PaletteMapper(colors: palette)
        var sum: Double = 0, total: Double = 0
        for (c, w) in zip(colors, weights) {
            let p = palette[Int(mapper.index(c))]
            for shift in [UInt32(0), 8, 16] {
                let d = Double(Int((c >> shift) & 0xFF) - Int((p >> shift) & 0xFF))
                sum += d * d * Double(w)
            }
            total += 3 * Double(w)
        }
        #expect(palette.count < 255)
        #expect(sum / total <= target * 1.6)
    }
}

@Suite struct ColorHistogramTests {
    @Test func countsLikeADictionaryThroughGrowth() {
        var histogram = ColorHistogram(capacity: 4)
        var twin: [UInt32: Int] = [:]
        var rng = SplitMix64(seed: 12)
        for _ in 0..<20_000 {
            let c = pack(.random(in: 0...40, using: &rng), .random(in: 0...40, using: &rng), 7)
            let n = Int.random(in: 1...3, using: &rng)
            histogram.add(c, count: UInt32(n))
            twin[c, default: 0] += n
        }
        let (colors, weights) = histogram.entries()
        #expect(colors == twin.keys.sorted())
        #expect(weights == colors.map { Float(twin[$0] ?? -1) })
        #expect(histogram.distinctCount == twin.count)
    }
}

@Suite struct FrameClockTests {
    @Test(arguments: [24, 25, 30, 50, 60, 7])
    func delaysFollowTheExactRationalClock(fps: Int) {
        var clock = FrameClock()
        var total = 0
        for n in 1...300 {
            let step: Duration = .seconds(1) / fps
            total += clock.delay(for: step)
            // Plain twin: whole centiseconds elapsed after n frames, in exact integers.
            #expect(total == n * 100 / fps)
        }
    }

    @Test func wholeMillisecondsAreCarriedToo() {
        var clock = FrameClock()
        var delays: [Int] = []
        for _ in 0..<6 { delays.append(clock.delay(for: .milliseconds(33))) }
        #expect(delays == [3, 3, 3, 4, 3, 3])
        var plain = FrameClock()
        delays = []
        for _ in 0..<3 { delays.append(plain.delay(for: .milliseconds(200))) }
        #expect(delays == [20, 20, 20])
    }
}

@Suite struct LZWPlannerTests {
    /// Plain twin of giflib's LZW parse: the number of codes it emits for `indices`.
    private func codeCount(_ indices: [UInt8], tableSize: Int) -> Int {
        let clear = max(4, tableSize)
        var table: [Int: Int] = [:]
        var running = clear + 2
        var codes = 0
        var current = Int(indices[0])
        for pixel in indices.dropFirst() {
            let key = current << 8 | Int(pixel)
            if let code = table[key] {
                current = code
                continue
            }
            codes += 1
            if running >= 4095 {
                table.removeAll()
                running = clear + 2
            } else {
                table[key] = running
                running += 1
            }
            current = Int(pixel)
        }
        return codes + 1
    }

    @Test func withNoAlternativesTheIndicesStay() {
        var rng = SplitMix64(seed: 1)
        let original = (0..<20_000).map { _ in UInt8.random(in: 0...15, using: &rng) }
        var planned = original
        let planner = LZWPlanner(tableSize: 16, frequent: 15)
        planner.plan(&planned, cost: { _, _ in nil }, take: { _, _, _ in Issue.record("nothing may be taken") })
        #expect(planned == original)
    }

    @Test func alternativesAreRespectedAndShortenTheStream() {
        var rng = SplitMix64(seed: 2)
        // Noisy runs: each pixel prefers v but also accepts v ± 1 (like near-identical shades).
        let original = (0..<30_000).map { i in UInt8(clamping: 8 + (i / 50) % 5 + Int.random(in: -1...1, using: &rng)) }
        var planned = original
        let planner = LZWPlanner(tableSize: 32, frequent: 31)
        var taken = 0
        planner.plan(&planned, cost: { i, j in abs(Int(j) - Int(original[i])) <= 1 ? 0 : nil }, take: { _, _, _ in taken += 1 })
        #expect(taken == zip(planned, original).filter { $0 != $1 }.count)
        #expect(zip(planned, original).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
        #expect(codeCount(planned, tableSize: 32) < codeCount(original, tableSize: 32) * 3 / 4)
    }
}

@Suite struct FrameTypeTests {
    @Test func tableSizesArePowersOfTwoWithRoomForTransparency() {
        #expect(GIFPalette(colors: [1]).tableSize == 2)
        #expect(GIFPalette(colors: [1, 2]).tableSize == 4)
        #expect(GIFPalette(colors: Array(repeating: 1, count: 127)).tableSize == 128)
        #expect(GIFPalette(colors: Array(repeating: 1, count: 128)).tableSize == 256)
        #expect(GIFPalette(colors: Array(repeating: 1, count: 255)).transparentIndex == 255)
    }

    @Test func enlargingKeepsEveryPixelWhereItWas() {
        var frame = IndexedFrame(
            rect: PixelRect(x: 3, y: 2, width: 2, height: 2), indices: [1, 2, 3, 4],
            localPalette: nil, transparentIndex: 9, duration: .milliseconds(10))
        frame.enlarge(to: PixelRect(x: 2, y: 1, width: 4, height: 4))
        #expect(frame.indices == [9, 9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9, 9, 9, 9])
        #expect(frame.rect == PixelRect(x: 2, y: 1, width: 4, height: 4))
    }
}
