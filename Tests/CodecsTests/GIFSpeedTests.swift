import Testing

@testable import Codecs

/// Plain twin of `GIFFrameEncoder.unchangedBlock`: word by word, as the per-pixel scan decides.
private func plainUnchangedBlock(_ c: [UInt32], _ p: [UInt32], _ s: [UInt32], at start: Int, includingStale: Bool) -> Bool {
    for i in start..<(start + GIFFrameEncoder.block) {
        if c[i] != p[i] { return false }
        if includingStale && s[i] != c[i] { return false }
    }
    return true
}

@Suite struct ScanBlockTests {
    /// Blocks equal everywhere, then one word differing at each position of a block (first, middle,
    /// last, in each 64-bit half), in the frame and in what is shown, at aligned and unaligned starts.
    @Test(arguments: [false, true])
    func agreesWithItsPlainTwin(includingStale: Bool) {
        let count = 4 * GIFFrameEncoder.block + 3
        let base = (0..<count).map { UInt32($0) &* 0x9E37_79B1 | 0xFF00_0000 }
        var cases: [([UInt32], [UInt32], [UInt32])] = [(base, base, base)]
        for position in [0, 1, 7, 8, GIFFrameEncoder.block - 1, GIFFrameEncoder.block, count - 1] {
            var changed = base
            changed[position] ^= 1 << 24  // alpha only: still a different word
            cases.append((changed, base, base))
            cases.append((base, changed, base))
            cases.append((base, base, changed))
        }
        for (c, p, s) in cases {
            for start in [0, 1, GIFFrameEncoder.block, count - GIFFrameEncoder.block] {
                let fast = c.withUnsafeBufferPointer { cb in
                    p.withUnsafeBufferPointer { pb in
                        s.withUnsafeBufferPointer { sb in
                            GIFFrameEncoder.unchangedBlock(cb, pb, sb, at: start, includingStale: includingStale)
                        }
                    }
                }
                #expect(fast == plainUnchangedBlock(c, p, s, at: start, includingStale: includingStale))
            }
        }
    }
}

@Suite struct QuantizerPointsTests {
    /// Handing over the Oklab points (as the global palette's several tries do) changes nothing.
    @Test(arguments: [0.0, 4.0, 40.0])
    func givenPointsGiveTheSamePalette(targetMSE: Double) {
        var rng = SplitMix64(seed: 7)
        let colors = (0..<3000).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 }
        let weights = colors.indices.map { _ in Float(Int.random(in: 1...500, using: &rng)) }
        let quantizer = Quantizer(maximumColors: 255, targetMSE: targetMSE)
        let points = colors.map { Oklab(packed: $0) }
        let palette = quantizer.palette(colors: colors, weights: weights)
        #expect(palette.count <= 255)
        #expect(quantizer.palette(colors: colors, weights: weights, points: points) == palette)
    }
}
