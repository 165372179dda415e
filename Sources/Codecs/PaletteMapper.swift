/// Maps opaque colours to the index of their nearest palette entry, with a cache.
///
/// Plot frames repeat a few thousand colours over hundreds of thousands of pixels, so the nearest
/// entry (in RGB, through `NearestGrid`) is searched once per distinct colour and remembered in an
/// open-addressing table. The table doubles when half full, up to `maximumBits` (a fixed 32,768-slot
/// table was cleared 7 times in the article's 50 frames, and every colour met after a clear was
/// searched again); past that it is cleared, which bounds memory and only costs repeated searches. A colour that is itself in the palette maps to its own (first) entry, so a
/// palette holding every colour of a frame reproduces it exactly.
struct PaletteMapper {
    /// The palette, packed `r | g << 8 | b << 16 | 0xFF << 24`.
    let colors: [UInt32]
    private var search: NearestGrid
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
        search = NearestGrid(colors)
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
        let found = search.nearest(c)
        store(c, UInt16(found))
        return UInt8(truncatingIfNeeded: found)
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
