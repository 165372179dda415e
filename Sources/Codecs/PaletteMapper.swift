/// Maps opaque colours to the index of their nearest palette entry, with a cache.
///
/// Plot frames repeat a few thousand colours over hundreds of thousands of pixels, so the nearest
/// entry (in RGB, through `NearestColor`) is searched once per distinct colour and remembered in an
/// open-addressing table. The table doubles when half full, up to `maximumBits` (a fixed 32,768-slot
/// table was cleared 7 times in the article's 50 frames, and every colour met after a clear was
/// searched again); past that it is cleared, which bounds memory and only costs repeated searches. A colour that is itself in the palette maps to its own (first) entry, so a
/// palette holding every colour of a frame reproduces it exactly.
struct PaletteMapper {
    /// The palette, packed `r | g << 8 | b << 16 | 0xFF << 24`.
    let colors: [UInt32]
    private let search: NearestColor
    /// The palette as points, in palette order, for `prefetch`.
    private let lab: [ColorPoint]
    private var keys: [UInt32]
    private var values: [UInt16]
    private var filled = 0
    /// The table holds `1 << bits` slots.
    private var bits = 12
    private var capacity: Int { 1 << bits }
    /// 2¹⁷ slots: 768 KB of table.
    private static let maximumBits = 17

    init(colors: [UInt32]) {
        self.colors = colors
        lab = colors.map { ColorPoint(packed: $0) }
        search = NearestColor(lab)
        while 1 << bits < 4 * colors.count { bits += 1 }
        keys = [UInt32](repeating: 0, count: 1 << bits)
        values = [UInt16](repeating: 0xFFFF, count: 1 << bits)
        // Exact members first, so they never go through the nearest search.
        for (i, c) in colors.enumerated().reversed() { store(c, UInt16(i)) }
    }

    /// The palette index for the opaque colour `c` (packed as in `colors`).
    @inline(__always)
    mutating func index(_ c: UInt32) -> UInt8 {
        var slot = slot(c)
        while true {
            let v = values[slot]
            if v == 0xFFFF { break }
            if keys[slot] == c { return UInt8(truncatingIfNeeded: v) }
            slot = (slot + 1) & (capacity - 1)
        }
        let found = search.nearest(ColorPoint(packed: c))
        store(c, UInt16(found))
        return UInt8(truncatingIfNeeded: found)
    }

    /// Palettes of at most this many entries are searched in batches by `prefetch`, where visiting
    /// every entry is cheap (on the article's 127-entry RGB palette, 152 against 159 ms of encode CPU
    /// with the limit at 64, on a loaded machine); larger ones keep `NearestColor`'s pruned walk.
    static let batchLimit = 128

    /// Searches the nearest entries of the colours of `batch` not yet cached all at once
    /// (`NearestScan`, the same answers as one by one), so that the `index` calls that follow hit
    /// the cache. Does nothing for palettes above `batchLimit` entries or for a handful of misses.
    mutating func prefetch(_ batch: [UInt32]) {
        guard lab.count <= PaletteMapper.batchLimit, !lab.isEmpty else { return }
        // Only what fits before the cache would be cleared: the rest is searched one by one later.
        let room = (1 << PaletteMapper.maximumBits) / 2 - filled
        var missing: [UInt32] = []
        for c in batch where missing.count < room && !isCached(c) { missing.append(c) }
        guard missing.count >= 16 else { return }
        var nearest = [Int](repeating: -1, count: missing.count)
        _ = NearestScan.assign(missing.map { ColorPoint(packed: $0) }, to: lab, assignment: &nearest)
        for (c, k) in zip(missing, nearest) { store(c, UInt16(k)) }
    }

    /// Whether `c` has a cached entry.
    private func isCached(_ c: UInt32) -> Bool {
        var slot = slot(c)
        while true {
            let v = values[slot]
            if v == 0xFFFF { return false }
            if keys[slot] == c { return true }
            slot = (slot + 1) & (capacity - 1)
        }
    }

    /// Whether `c` is exactly one of the palette's colours.
    mutating func contains(_ c: UInt32) -> Bool {
        colors[Int(index(c))] == c
    }

    /// The first slot probed for `c` (a multiplicative hash: the top `bits` bits of the product).
    @inline(__always)
    private func slot(_ c: UInt32) -> Int {
        Int((c &* 0x9E37_79B1) >> UInt32(32 - bits))
    }

    private mutating func store(_ c: UInt32, _ index: UInt16) {
        if filled >= capacity / 2 {
            if bits < PaletteMapper.maximumBits {
                // Half full: double, keeping every answer.
                let oldKeys = keys, oldValues = values
                bits += 1
                keys = [UInt32](repeating: 0, count: capacity)
                values = [UInt16](repeating: 0xFFFF, count: capacity)
                filled = 0
                for (k, v) in zip(oldKeys, oldValues) where v != 0xFFFF { insert(k, v) }
            } else {
                // Full: forget everything but the palette's own colours.
                values = [UInt16](repeating: 0xFFFF, count: capacity)
                filled = 0
                for (i, p) in colors.enumerated().reversed() { insert(p, UInt16(i)) }
            }
        }
        insert(c, index)
    }

    private mutating func insert(_ c: UInt32, _ index: UInt16) {
        var slot = slot(c)
        while values[slot] != 0xFFFF {
            if keys[slot] == c {
                values[slot] = index
                return
            }
            slot = (slot + 1) & (capacity - 1)
        }
        keys[slot] = c
        values[slot] = index
        filled += 1
    }
}
