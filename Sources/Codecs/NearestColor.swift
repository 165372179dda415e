/// Nearest-neighbour search among at most a few hundred Oklab colours.
///
/// The colours are sorted by lightness; a query starts at its own lightness and walks outwards in
/// both directions, stopping each way once the lightness gap alone exceeds the best distance found.
/// Plot palettes spread over lightness, so a query usually looks at a handful of entries instead of
/// all 256 — a one-dimensional cousin of a k-d tree with no build cost to speak of.
struct NearestColor {
    /// Lightness, a and b of each entry, sorted by lightness.
    private var ls: [Float] = []
    private var as_: [Float] = []
    private var bs: [Float] = []
    /// Index in the caller's list of each sorted entry.
    private var original: [Int] = []

    init(_ colors: [Oklab]) {
        let order = colors.indices.sorted { colors[$0].l < colors[$1].l || (colors[$0].l == colors[$1].l && $0 < $1) }
        ls = order.map { colors[$0].l }
        as_ = order.map { colors[$0].a }
        bs = order.map { colors[$0].b }
        original = order
    }

    var isEmpty: Bool { ls.isEmpty }

    /// The caller's index of the entry nearest to `q` (the lowest index among exact ties), or -1 if empty.
    func nearest(_ q: Oklab) -> Int {
        let n = ls.count
        guard n > 0 else { return -1 }
        // First entry with lightness ≥ q.l.
        var lo = 0, hi = n
        while lo < hi {
            let mid = (lo + hi) / 2
            if ls[mid] < q.l { lo = mid + 1 } else { hi = mid }
        }
        var best = -1
        var bestDistance = Float.infinity
        func consider(_ i: Int) {
            let dl = ls[i] - q.l, da = as_[i] - q.a, db = bs[i] - q.b
            let d = dl * dl + da * da + db * db
            if d < bestDistance || (d == bestDistance && original[i] < original[best]) {
                bestDistance = d
                best = i
            }
        }
        var up = lo, down = lo - 1
        while up < n || down >= 0 {
            if up < n {
                let dl = ls[up] - q.l
                if dl * dl > bestDistance { up = n } else { consider(up); up += 1 }
            }
            if down >= 0 {
                let dl = q.l - ls[down]
                if dl * dl > bestDistance { down = -1 } else { consider(down); down -= 1 }
            }
        }
        return original[best]
    }
}
