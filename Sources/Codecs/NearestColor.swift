/// Nearest-neighbour search among at most a few hundred colours (as `ColorPoint`s).
///
/// The colours are sorted by red; a query starts at its own red and walks outwards in both
/// directions, stopping each way once the red gap alone exceeds the best distance found. Plot
/// palettes spread over the channels, so a query usually looks at a fraction of the entries instead
/// of all 256 — a one-dimensional cousin of a k-d tree with no build cost to speak of.
struct NearestColor {
    /// (r, g, b scaled to 0…1, caller's index) of each entry, sorted by red.
    private var entries: [SIMD4<Float>] = []

    init(_ colors: [ColorPoint]) {
        let order = colors.indices.sorted { colors[$0].x < colors[$1].x || (colors[$0].x == colors[$1].x && $0 < $1) }
        entries = order.map { SIMD4(colors[$0].x, colors[$0].y, colors[$0].z, Float($0)) }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The caller's index of the entry nearest to `q` (the lowest index among exact ties), or -1 if empty.
    func nearest(_ q: ColorPoint) -> Int {
        entries.withUnsafeBufferPointer { e in
            let n = e.count
            guard n > 0 else { return -1 }
            // First entry with red ≥ the query's.
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if e[mid].x < q.x { lo = mid + 1 } else { hi = mid }
            }
            let query = SIMD4<Float>(q.x, q.y, q.z, 0)
            var best = -1
            var bestDistance = Float.infinity
            var bestIndex = Float.infinity
            @inline(__always) func consider(_ i: Int) {
                var d = e[i] - query
                d.w = 0
                let distance = (d * d).sum()
                if distance < bestDistance || (distance == bestDistance && e[i].w < bestIndex) {
                    bestDistance = distance
                    best = i
                    bestIndex = e[i].w
                }
            }
            var up = lo, down = lo - 1
            while up < n || down >= 0 {
                if up < n {
                    let dl = e[up].x - q.x
                    if dl * dl > bestDistance { up = n } else { consider(up); up += 1 }
                }
                if down >= 0 {
                    let dl = q.x - e[down].x
                    if dl * dl > bestDistance { down = -1 } else { consider(down); down -= 1 }
                }
            }
            return Int(e[best].w)
        }
    }
}
