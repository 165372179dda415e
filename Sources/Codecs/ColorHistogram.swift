/// Counts of the distinct opaque colours among some pixels.
///
/// Open addressing on the packed colour with 0 as the empty key: key 0 is the transparent pixel,
/// which is never counted. The table doubles when half full.
struct ColorHistogram {
    private var keys: [UInt32]
    private var counts: [UInt32]
    private var mask: Int
    /// The colours added so far (including any whose count `remove` took back to 0).
    private(set) var distinctCount = 0

    init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt32](repeating: 0, count: size)
        counts = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `n` pixels of colour `c` (which must not be 0).
    @inline(__always)
    mutating func add(_ c: UInt32, count n: UInt32 = 1) {
        let slot = slot(of: c)
        if keys[slot] == c {
            counts[slot] &+= n
            return
        }
        keys[slot] = c
        counts[slot] = n
        distinctCount += 1
        if distinctCount * 2 > keys.count { grow() }
    }

    /// Removes `n` pixels of colour `c`, which must have been added at least `n` times. A colour
    /// whose count falls to 0 is no longer listed by `entries` (its slot stays in the table).
    @inline(__always)
    mutating func remove(_ c: UInt32, count n: UInt32 = 1) {
        let slot = slot(of: c)
        if keys[slot] == c { counts[slot] &-= n }
    }

    /// The slot holding `c`, or the empty slot where it would go (linear probing).
    @inline(__always)
    private func slot(of c: UInt32) -> Int {
        var slot = Int((c &* 0x9E37_79B1) >> 7) & mask
        while true {
            let k = keys[slot]
            if k == c || k == 0 { return slot }
            slot = (slot + 1) & mask
        }
    }

    /// The colours and their counts, in ascending colour order (so results never depend on hashing)
    /// unless `sorted` is false, for callers that do not care about order.
    func entries(sorted: Bool = true) -> (colors: [UInt32], weights: [Float]) {
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(distinctCount)
        for i in keys.indices where keys[i] != 0 && counts[i] != 0 { pairs.append((keys[i], counts[i])) }
        if sorted { pairs.sort { $0.0 < $1.0 } }
        return (pairs.map(\.0), pairs.map { Float($0.1) })
    }

    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts
        keys = [UInt32](repeating: 0, count: oldKeys.count * 2)
        counts = [UInt32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        distinctCount = 0
        for i in oldKeys.indices where oldKeys[i] != 0 { add(oldKeys[i], count: oldCounts[i]) }
    }
}
