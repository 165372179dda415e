import Testing
@testable import NMF

/// The row-by-row, interleaved, parallel HALS sweeps against scikit-learn's loop order, written
/// plainly here as `_update_cdnmf_fast` writes it (an independent twin, not the kernels themselves).
struct HALSSweepTests {
    /// W sweep as scikit-learn's Cython writes it: components in `order` outer, row i inner, r from
    /// 0 up, the projected gradient's magnitude summed into the returned violation as it goes.
    static func plainWSweep(_ w: inout [Double], gram: [Double], cross: [Double], order: [Int], m: Int, k: Int) -> Double {
        var violation = 0.0
        for t in order {
            for i in 0..<m {
                var grad = -cross[i * k + t]
                for r in 0..<k { grad += gram[t * k + r] * w[i * k + r] }
                let pg = w[i * k + t] == 0 ? min(0, grad) : grad
                violation += abs(pg)
                let hess = gram[t * k + t]
                if hess != 0 { w[i * k + t] = max(w[i * k + t] - grad / hess, 0) }
            }
        }
        return violation
    }

    /// H sweep as scikit-learn's Cython runs it on Hᵀ: components in `order` outer, column j inner.
    static func plainHSweep(_ h: inout [Double], gram: [Double], cross: [Double], order: [Int], n: Int, k: Int) -> Double {
        var violation = 0.0
        for t in order {
            for j in 0..<n {
                var grad = -cross[t * n + j]
                for r in 0..<k { grad += gram[t * k + r] * h[r * n + j] }
                let pg = h[t * n + j] == 0 ? min(0, grad) : grad
                violation += abs(pg)
                let hess = gram[t * k + t]
                if hess != 0 { h[t * n + j] = max(h[t * n + j] - grad / hess, 0) }
            }
        }
        return violation
    }

    /// Both visiting orders: scikit-learn's 0..<k and a shuffled one.
    static func orders(_ k: Int) -> [[Int]] {
        var random = NumpyRandom(seed: 56)
        return [Array(0..<k), random.permutation(k)]
    }

    static func draws(_ count: Int, seed: UInt32) -> [Double] {
        var random = NumpyRandom(seed: seed)
        return (0..<count).map { _ in random.normal() }
    }

    /// Row counts around the 4-row interleave, one large enough to run in parallel; a zero
    /// diagonal entry of the Gram matrix (a component left alone) in every case.
    @Test(arguments: [(1, 1), (3, 2), (4, 3), (5, 5), (7, 4), (9, 6), (2003, 20)])
    func rowSweepEqualsScikitLearnsOrder(m: Int, k: Int) {
        var gram = Self.draws(k * k, seed: 50).map { abs($0) }
        gram[(k / 2) * k + k / 2] = 0
        let cross = Self.draws(m * k, seed: 51)
        var start = Self.draws(m * k, seed: 52).map { abs($0) }
        start[0] = 0  // a zero coordinate: its projected gradient is min(0, g)
        for order in Self.orders(k) {
            var expected = start
            let violation = Self.plainWSweep(&expected, gram: gram, cross: cross, order: order, m: m, k: k)
            var fast = start
            var violations = [Double](repeating: .nan, count: m * k)
            fast.withUnsafeMutableBufferPointer { pw in
                gram.withUnsafeBufferPointer { g in
                    cross.withUnsafeBufferPointer { c in
                        order.withUnsafeBufferPointer { po in
                            violations.withUnsafeMutableBufferPointer { pv in
                                guard let w = pw.baseAddress, let gp = g.baseAddress, let cp = c.baseAddress,
                                      let o = po.baseAddress, let v = pv.baseAddress else { return }
                                MatrixKernels.forEachRange(count: m, work: m * k * k) { rows, _ in
                                    HALSState.halsRows(w, gram: gp, cross: cp, order: o, violations: v,
                                                       rows: rows, m: m, k: k)
                                }
                            }
                        }
                    }
                }
            }
            #expect(fast == expected, "order \(order)")
            #expect(HALSState.sum(violations) == violation, "order \(order)")
            #expect(fast.contains(0) || m * k < 4)
        }
    }

    /// The column-split H sweep gives the same bits as scikit-learn's loop order (an independent plain
    /// twin), whether it runs over all columns at once or in pieces.
    @Test(arguments: [(1, 1), (3, 5), (20, 1000)])
    func columnSplitEqualsOneSweep(k: Int, n: Int) {
        let gram = Self.draws(k * k, seed: 53).map { abs($0) + 0.1 }
        let cross = Self.draws(k * n, seed: 54)
        var start = Self.draws(k * n, seed: 55).map { abs($0) }
        if k * n > 1 { start[k * n - 1] = 0 }
        for order in Self.orders(k) {
            func sweep(pieces: Int) -> (h: [Double], violation: Double) {
                var h = start
                var scratch = [Double](repeating: 0, count: k * n)
                var violations = [Double](repeating: .nan, count: k * n)
                h.withUnsafeMutableBufferPointer { ph in
                    scratch.withUnsafeMutableBufferPointer { ps in
                        gram.withUnsafeBufferPointer { pg in
                            cross.withUnsafeBufferPointer { pc in
                                order.withUnsafeBufferPointer { po in
                                    violations.withUnsafeMutableBufferPointer { pv in
                                        guard let hp = ph.baseAddress, let sp = ps.baseAddress,
                                              let gp = pg.baseAddress, let cp = pc.baseAddress,
                                              let o = po.baseAddress, let v = pv.baseAddress else { return }
                                        MatrixKernels.forEachRange(count: n, pieces: pieces) { columns, _ in
                                            HALSState.halsColumns(hp, gram: gp, cross: cp, scratch: sp, order: o,
                                                                  violations: v, columns: columns, n: n, k: k)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                return (h, HALSState.sum(violations))
            }
            let whole = sweep(pieces: 1)
            var expected = start
            let violation = Self.plainHSweep(&expected, gram: gram, cross: cross, order: order, n: n, k: k)
            #expect(whole.h == expected, "order \(order)")
            #expect(whole.violation == violation, "order \(order)")
            let pieces = sweep(pieces: 7)
            #expect(pieces.h == expected && pieces.violation == violation, "order \(order)")
            #expect(whole.h != start)
        }
    }
}
