/// Nearest-centroid assignment of many points at once, eight points per step, for k-means.
///
/// Gives exactly `NearestColor.nearest`'s answers — the same Float distance,
/// `(dl² + da²) + db²`, and the lowest index among exact ties (centroids are visited in index
/// order and only a strictly smaller distance replaces the best) — but without branches: visiting
/// every centroid for eight points in vector registers beats walking outwards per point (the
/// article's palette samples, 12,821 colours into 37–63 centroids: about 5 ms less per animation).
enum NearestScan {
    /// Sets `assignment[i]` to the index of the centroid nearest `points[i]`; returns whether any
    /// assignment changed. `centroids` must not be empty; `assignment` has one entry per point.
    static func assign(_ points: [ColorPoint], to centroids: [ColorPoint], assignment: inout [Int]) -> Bool {
        let n = points.count
        guard !centroids.isEmpty, assignment.count == n else { return false }
        var changed = false
        // Each centroid's coordinates broadcast to four lanes once, so the loop loads them instead of
        // shuffling; eight points are two SSE-sized halves, so every vector operation is one
        // instruction on x86-64's baseline (SIMD8 was split less cleanly: about twice the work).
        let spread = centroids.map { SIMD4<Float>(repeating: $0.x) }
            + centroids.map { SIMD4<Float>(repeating: $0.y) }
            + centroids.map { SIMD4<Float>(repeating: $0.z) }
        let k = centroids.count
        points.withUnsafeBufferPointer { p in
            assignment.withUnsafeMutableBufferPointer { out in
                spread.withUnsafeBufferPointer { c in
                    var start = 0
                    while start < n {
                        let lanes = min(8, n - start)
                        var l0 = SIMD4<Float>(repeating: 0), a0 = l0, b0 = l0, l1 = l0, a1 = l0, b1 = l0
                        for lane in 0..<min(4, lanes) {
                            l0[lane] = p[start + lane].x
                            a0[lane] = p[start + lane].y
                            b0[lane] = p[start + lane].z
                        }
                        for lane in 4..<max(4, lanes) {
                            l1[lane - 4] = p[start + lane].x
                            a1[lane - 4] = p[start + lane].y
                            b1[lane - 4] = p[start + lane].z
                        }
                        var best0 = SIMD4<Float>(repeating: .infinity), best1 = best0
                        var index0 = SIMD4<Int32>(repeating: 0), index1 = index0
                        for j in 0..<k {
                            let cl = c[j], ca = c[k + j], cb = c[2 * k + j]
                            let dl0 = cl - l0, da0 = ca - a0, db0 = cb - b0
                            let dl1 = cl - l1, da1 = ca - a1, db1 = cb - b1
                            let d0 = (dl0 * dl0 + da0 * da0) + db0 * db0
                            let d1 = (dl1 * dl1 + da1 * da1) + db1 * db1
                            let closer0 = d0 .< best0, closer1 = d1 .< best1
                            best0.replace(with: d0, where: closer0)
                            best1.replace(with: d1, where: closer1)
                            let jj = SIMD4<Int32>(repeating: Int32(j))
                            index0.replace(with: jj, where: closer0)
                            index1.replace(with: jj, where: closer1)
                        }
                        for lane in 0..<lanes {
                            let found = Int(lane < 4 ? index0[lane] : index1[lane - 4])
                            if out[start + lane] != found {
                                out[start + lane] = found
                                changed = true
                            }
                        }
                        start += lanes
                    }
                }
            }
        }
        return changed
    }
}
