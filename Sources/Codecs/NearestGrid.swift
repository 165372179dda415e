/// Nearest palette entry of 8-bit colours, through a grid of RGB cells that each list the only
/// entries that can be nearest to a colour inside them.
///
/// Gives exactly `NearestColor.nearest`'s answers (the same Float distance between `ColorPoint`s,
/// the lowest index among exact ties), but looks at a handful of entries per query instead of
/// walking outwards through many. A cell is 16 levels a side (16³ cells); its list is made the
/// first time a colour falls in it, in integer levels, which are exact: with T the smallest, over
/// the entries, of the largest squared distance from an entry to the cell, an entry whose smallest
/// squared distance to the cell exceeds T is farther from every colour of the cell than some other
/// entry, so it is left out. Float rounding cannot bring it back: squared distances of 8-bit
/// colours are integers (in levels²), and the Float ones are within far less than one of them, so
/// the Float nearest entries are among the integer nearest, which are all kept. Lists keep index
/// order, so a strict comparison keeps the lowest index among ties.
///
/// Measured on the article's 50 frames (callgrind, release build): the colours met for the first
/// time in each frame were searched at about 880 instructions each by `NearestScan`'s batches over a
/// 127-entry palette.
struct NearestGrid {
    /// The entries as points (for the Float distance) and as integer levels (for the cells' lists).
    private let points: [ColorPoint]
    private let levels: [SIMD4<Int32>]
    /// Per cell: where its list starts in `lists`, or -1 before it is made; and its length.
    private var starts: [Int32]
    private var counts: [UInt16]
    private var lists: [UInt8] = []

    /// Levels per cell side (a power of two) and cells per side.
    private static let shift: UInt32 = 4
    private static let side = 256 >> 4

    /// - Parameter colors: at most 256 opaque colours, packed `r | g << 8 | b << 16`.
    init(_ colors: [UInt32]) {
        points = colors.map { ColorPoint(packed: $0) }
        levels = colors.map { SIMD4(Int32($0 & 0xFF), Int32(($0 >> 8) & 0xFF), Int32(($0 >> 16) & 0xFF), 0) }
        let cells = NearestGrid.side * NearestGrid.side * NearestGrid.side
        starts = [Int32](repeating: -1, count: cells)
        counts = [UInt16](repeating: 0, count: cells)
    }

    /// The index of the entry nearest to `c` (lowest among exact ties), or -1 without entries.
    @inline(__always)
    mutating func nearest(_ c: UInt32) -> Int {
        guard !points.isEmpty else { return -1 }
        let s = NearestGrid.shift
        let cell = Int((c >> s) & 15) | Int((c >> (8 + s)) & 15) << 4 | Int((c >> (16 + s)) & 15) << 8
        if starts[cell] < 0 { makeList(cell) }
        let q = ColorPoint(packed: c)
        let start = Int(starts[cell]), end = start + Int(counts[cell])
        return points.withUnsafeBufferPointer { p in
            lists.withUnsafeBufferPointer { list in
                var best = Int(list[start])
                var bestDistance = p[best].distance2(q)
                for k in (start + 1)..<max(start + 1, end) {
                    let i = Int(list[k])
                    let d = p[i].distance2(q)
                    if d < bestDistance {
                        bestDistance = d
                        best = i
                    }
                }
                return best
            }
        }
    }

    /// Lists the entries that can be nearest to some colour of `cell` (never empty).
    private mutating func makeList(_ cell: Int) {
        let size = Int32(1 << NearestGrid.shift)
        let lo = SIMD4<Int32>(Int32(cell & 15), Int32((cell >> 4) & 15), Int32(cell >> 8), 0) &* size
        let hi = lo &+ (size - 1)
        var threshold = Int32.max
        var nearestBound: [Int32] = []
        nearestBound.reserveCapacity(levels.count)
        for e in levels {
            // Per channel: 0 inside the cell's range, else the gap to it; and the gap to its far end.
            let below = lo &- e, above = e &- hi
            let gap = SIMD4<Int32>.zero.replacing(with: below, where: below .> 0).replacing(with: above, where: above .> 0)
            let far = (e &- lo).replacing(with: hi &- e, where: hi &- e .> e &- lo)
            nearestBound.append((gap &* gap).wrappedSum())
            threshold = min(threshold, (far &* far).wrappedSum())
        }
        starts[cell] = Int32(lists.count)
        var count = 0
        for (i, bound) in nearestBound.enumerated() where bound <= threshold {
            lists.append(UInt8(truncatingIfNeeded: i))
            count += 1
        }
        counts[cell] = UInt16(count)
    }
}
