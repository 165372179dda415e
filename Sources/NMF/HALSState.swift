/// HALS: cyclic coordinate descent on ‖Y − WH‖²_F (Cichocki & Phan 2009; Hsieh & Dhillon 2011),
/// as scikit-learn's `solver='cd'` runs it without shuffling or regularization.
///
/// For each component t in order, every W[i, t] moves to the minimizer of the loss along that
/// coordinate, clipped at zero: W[i, t] ← max(W[i, t] − g / HHᵀ[t, t], 0) with
/// g = −(Y Hᵀ)[i, t] + Σ_r HHᵀ[t, r] W[i, r] summed from r = 0 up, as scikit-learn's Cython does.
/// A component whose HHᵀ[t, t] is zero is left alone instead of dividing by zero. Then H likewise,
/// with W's new values, from Wᵀ W and Wᵀ Y.
///
/// Rows of W (and columns of H) never read each other within a sweep: row i's update at t sees
/// only row i's own values for r < t (already updated) and r ≥ t (not yet). So the sweep runs row by
/// row instead of component by component, four rows interleaved so that their four dependent sums
/// overlap in the pipeline, and rows are split over cores: every value is computed by the same
/// sequence of operations as scikit-learn's loop, whatever the number of threads.
struct HALSState: UpdaterState {
    var w: Matrix
    var h: Matrix
    var products: FrobeniusWorkspace
    /// k×n: the gradients of one row of H for a block of columns (see `halsColumns`).
    var gradients: Matrix

    init(data: Matrix, w: Matrix, h: Matrix, engine: ProductEngine, gramLoss: Bool?) {
        (self.w, self.h) = (w, h)
        products = FrobeniusWorkspace(data: data, rank: w.columns, engine: engine, gramLoss: gramLoss)
        gradients = .zeros(w.columns, data.columns)
    }

    mutating func step() {
        products.computeProductsOfH(h)
        let (m, n, k) = (products.m, products.n, products.k)
        w.values.withUnsafeMutableBufferPointer { pw in
            products.hHt.values.withUnsafeBufferPointer { gram in
                products.yHt.values.withUnsafeBufferPointer { cross in
                    guard let w = pw.baseAddress, let g = gram.baseAddress, let c = cross.baseAddress else { return }
                    MatrixKernels.forEachRange(count: m, work: m * k * k) { rows, _ in
                        HALSState.halsRows(w, gram: g, cross: c, rows: rows, k: k)
                    }
                }
            }
        }
        products.computeWtW(w)
        products.computeWtY(w)
        h.values.withUnsafeMutableBufferPointer { ph in
            products.wtW.values.withUnsafeBufferPointer { gram in
                products.wtY.values.withUnsafeBufferPointer { cross in
                    gradients.values.withUnsafeMutableBufferPointer { grad in
                        guard let h = ph.baseAddress, let gm = gram.baseAddress, let c = cross.baseAddress,
                              let d = grad.baseAddress else { return }
                        MatrixKernels.forEachRange(count: n, work: n * k * k) { columns, _ in
                            HALSState.halsColumns(h, gram: gm, cross: c, scratch: d,
                                                  columns: columns, n: n, k: k)
                        }
                    }
                }
            }
        }
        products.hChanged()
    }

    mutating func currentLoss() -> Double {
        products.loss(w, h)
    }

    /// The W sweep over `rows` of the m×k W, from HHᵀ (k×k) and Y Hᵀ (m×k).
    ///
    /// Precondition: `rows` within 0..<m and the buffers of those sizes.
    static func halsRows(_ w: UnsafeMutablePointer<Double>, gram: UnsafePointer<Double>,
                         cross: UnsafePointer<Double>, rows: Range<Int>, k: Int) {
        assert(k >= 1 && rows.lowerBound >= 0)
        var i = rows.lowerBound
        while i + 4 <= rows.upperBound {
            let (w0, w1, w2, w3) = (w + i * k, w + (i + 1) * k, w + (i + 2) * k, w + (i + 3) * k)
            let (c0, c1, c2, c3) = (cross + i * k, cross + (i + 1) * k, cross + (i + 2) * k, cross + (i + 3) * k)
            for t in 0..<k {
                let hess = gram[t * k + t]
                if hess == 0 { continue }
                let row = gram + t * k
                var (g0, g1, g2, g3) = (-c0[t], -c1[t], -c2[t], -c3[t])
                for r in 0..<k {
                    let q = row[r]
                    g0 += q * w0[r]
                    g1 += q * w1[r]
                    g2 += q * w2[r]
                    g3 += q * w3[r]
                }
                w0[t] = max(w0[t] - g0 / hess, 0)
                w1[t] = max(w1[t] - g1 / hess, 0)
                w2[t] = max(w2[t] - g2 / hess, 0)
                w3[t] = max(w3[t] - g3 / hess, 0)
            }
            i += 4
        }
        while i < rows.upperBound {
            let wi = w + i * k, ci = cross + i * k
            for t in 0..<k {
                let hess = gram[t * k + t]
                if hess == 0 { continue }
                var grad = -ci[t]
                for r in 0..<k { grad += gram[t * k + r] * wi[r] }
                wi[t] = max(wi[t] - grad / hess, 0)
            }
            i += 1
        }
    }

    /// The H sweep over `columns` of the k×n H, from Wᵀ W (k×k) and Wᵀ Y (k×n); `scratch` (k×n)
    /// holds the gradients of row t for the whole column range before row t changes.
    ///
    /// Precondition: `columns` within 0..<n and the buffers of those sizes.
    static func halsColumns(_ h: UnsafeMutablePointer<Double>, gram: UnsafePointer<Double>,
                            cross: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>,
                            columns: Range<Int>, n: Int, k: Int) {
        assert(k >= 1 && columns.lowerBound >= 0 && columns.upperBound <= n)
        for t in 0..<k {
            let hess = gram[t * k + t]
            if hess == 0 { continue }
            let grad = scratch + t * n
            for j in columns { grad[j] = -cross[t * n + j] }
            for r in 0..<k {
                let g = gram[t * k + r]
                let hr = h + r * n
                for j in columns { grad[j] += g * hr[j] }
            }
            let ht = h + t * n
            for j in columns { ht[j] = max(ht[j] - grad[j] / hess, 0) }
        }
    }
}
