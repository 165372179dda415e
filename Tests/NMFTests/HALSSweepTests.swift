import Testing
@testable import NMF

/// The row-by-row, interleaved, parallel HALS sweeps against scikit-learn's loop order.
struct HALSSweepTests {
    /// W sweep as scikit-learn's Cython writes it: component t outer, row i inner, r from 0 up.
    static func plainWSweep(_ w: inout [Double], gram: [Double], cross: [Double], m: Int, k: Int) {
        for t in 0..<k {
            let hess = gram[t * k + t]
            if hess == 0 { continue }
            for i in 0..<m {
                var grad = -cross[i * k + t]
                for r in 0..<k { grad += gram[t * k + r] * w[i * k + r] }
                w[i * k + t] = max(w[i * k + t] - grad / hess, 0)
            }
        }
    }

    /// H sweep as scikit-learn's Cython runs it on Hᵀ: component t outer, column j inner, r from 0 up.
    static func plainHSweep(_ h: inout [Double], gram: [Double], cross: [Double], n: Int, k: Int) {
        for t in 0..<k {
            let hess = gram[t * k + t]
            if hess == 0 { continue }
            for j in 0..<n {
                var grad = -cross[t * n + j]
                for r in 0..<k { grad += gram[t * k + r] * h[r * n + j] }
                h[t * n + j] = max(h[t * n + j] - grad / hess, 0)
            }
        }
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
        var expected = Self.draws(m * k, seed: 52).map { abs($0) }
        var fast = expected
        Self.plainWSweep(&expected, gram: gram, cross: cross, m: m, k: k)
        fast.withUnsafeMutableBufferPointer { pw in
            gram.withUnsafeBufferPointer { g in
                cross.withUnsafeBufferPointer { c in
                    guard let w = pw.baseAddress, let gp = g.baseAddress, let cp = c.baseAddress else { return }
                    MatrixKernels.forEachRange(count: m, work: m * k * k) { rows, _ in
                        HALSState.halsRows(w, gram: gp, cross: cp, rows: rows, k: k)
                    }
                }
            }
        }
        #expect(fast == expected)
        #expect(fast.contains(0) || m * k < 4)
    }

    /// The column-split H sweep gives the same bits as scikit-learn's loop order (an independent plain
    /// twin), whether it runs over all columns at once or in pieces.
    @Test(arguments: [(1, 1), (3, 5), (20, 1000)])
    func columnSplitEqualsOneSweep(k: Int, n: Int) {
        let gram = Self.draws(k * k, seed: 53).map { abs($0) + 0.1 }
        let cross = Self.draws(k * n, seed: 54)
        let start = Self.draws(k * n, seed: 55).map { abs($0) }
        func sweep(pieces: Int) -> [Double] {
            var h = start
            var scratch = [Double](repeating: 0, count: k * n)
            h.withUnsafeMutableBufferPointer { ph in
                scratch.withUnsafeMutableBufferPointer { ps in
                    gram.withUnsafeBufferPointer { pg in
                        cross.withUnsafeBufferPointer { pc in
                            guard let hp = ph.baseAddress, let sp = ps.baseAddress,
                                  let gp = pg.baseAddress, let cp = pc.baseAddress else { return }
                            MatrixKernels.forEachRange(count: n, pieces: pieces) { columns, _ in
                                HALSState.halsColumns(hp, gram: gp, cross: cp, scratch: sp,
                                                               columns: columns, n: n, k: k)
                            }
                        }
                    }
                }
            }
            return h
        }
        let whole = sweep(pieces: 1)
        var expected = start
        Self.plainHSweep(&expected, gram: gram, cross: cross, n: n, k: k)
        #expect(whole == expected)
        #expect(sweep(pieces: 7) == expected)
        #expect(whole != start)
    }
}
