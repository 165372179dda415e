/// HALS: cyclic coordinate descent on ‖Y − WH‖²_F (Cichocki & Phan 2009; Hsieh & Dhillon 2011),
/// as scikit-learn's `solver='cd'` (`_update_coordinate_descent` and `_update_cdnmf_fast`) runs it.
///
/// For each component t in order (or, with `shuffle`, in the order of a fresh
/// `permutation(k)` of the numpy stream each half-step), every W[i, t] moves to the minimizer of the loss along that
/// coordinate, clipped at zero: W[i, t] ← max(W[i, t] − g / HHᵀ[t, t], 0) with
/// g = −(Y Hᵀ)[i, t] + Σ_r HHᵀ[t, r] W[i, r] summed from r = 0 up, as scikit-learn's Cython does.
/// A component whose HHᵀ[t, t] is zero is left alone instead of dividing by zero. Then H likewise,
/// with W's new values, from Wᵀ W and Wᵀ Y. Regularization enters as scikit-learn puts it: the L2
/// term on the Gram matrix's diagonal, the L1 term subtracted from every cross product (both on
/// copies, since the unregularized products also serve the Gram loss).
///
/// Each sweep also records, for scikit-learn's stopping rule, the projected gradient of every
/// coordinate before it moves (the gradient, or min(0, gradient) where the value is 0); their absolute
/// values are summed afterwards in scikit-learn's order (component, then row), so the violation is
/// the same number whatever the number of threads.
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
    /// The scaled regularization terms.
    let regularization: Regularization
    /// The regularized Gram matrix (k×k) and cross products (m×k for W, k×n for H); 1×1 unused
    /// without regularization.
    var gram: Matrix
    var crossW: Matrix
    var crossH: Matrix
    /// The projected gradients of one sweep, in scikit-learn's order: component s (the s-th visited)
    /// major, then row (or column).
    var violationsW: [Double]
    var violationsH: [Double]
    /// The order in which the components are visited; drawn afresh each half-step when shuffling.
    var order: [Int]
    /// The stream of the shuffle (scikit-learn's `random_state`), or nil without shuffling.
    var random: NumpyRandom?

    init(data: Matrix, w: Matrix, h: Matrix, engine: ProductEngine, gramLoss: Bool?,
         regularization: Regularization = Regularization(l1W: 0, l1H: 0, l2W: 0, l2H: 0), shuffleSeed: UInt32? = nil) {
        (self.w, self.h) = (w, h)
        let (m, n, k) = (data.rows, data.columns, w.columns)
        products = FrobeniusWorkspace(data: data, rank: k, engine: engine, gramLoss: gramLoss)
        gradients = .zeros(k, n)
        self.regularization = regularization
        let regularized = !regularization.isNone
        gram = regularized ? .zeros(k, k) : .zeros(1, 1)
        crossW = regularized ? .zeros(m, k) : .zeros(1, 1)
        crossH = regularized ? .zeros(k, n) : .zeros(1, 1)
        violationsW = [Double](repeating: 0, count: m * k)
        violationsH = [Double](repeating: 0, count: n * k)
        order = Array(0..<k)
        random = shuffleSeed.map { NumpyRandom(seed: $0) }
    }

    /// One sweep over W, then one over H; returns scikit-learn's violation of the two.
    mutating func step() -> Double? {
        products.computeProductsOfH(h)
        let (m, n, k) = (products.m, products.n, products.k)
        let regularized = !regularization.isNone
        if regularized {
            Self.regularize(products.hHt, l2: regularization.l2W, into: &gram)
            Self.subtract(regularization.l1W, from: products.yHt, into: &crossW)
        }
        if random != nil { order = random?.permutation(k) ?? order }
        let wGram = regularized ? gram : products.hHt
        let wCross = regularized ? crossW : products.yHt
        w.values.withUnsafeMutableBufferPointer { pw in
            wGram.values.withUnsafeBufferPointer { pg in
                wCross.values.withUnsafeBufferPointer { pc in
                    order.withUnsafeBufferPointer { po in
                        violationsW.withUnsafeMutableBufferPointer { pv in
                            guard let w = pw.baseAddress, let g = pg.baseAddress, let c = pc.baseAddress,
                                  let o = po.baseAddress, let v = pv.baseAddress else { return }
                            MatrixKernels.forEachRange(count: m, work: m * k * k) { rows, _ in
                                HALSState.halsRows(w, gram: g, cross: c, order: o, violations: v,
                                                   rows: rows, m: m, k: k)
                            }
                        }
                    }
                }
            }
        }
        products.computeWtW(w)
        products.computeWtY(w)
        if regularized {
            Self.regularize(products.wtW, l2: regularization.l2H, into: &gram)
            Self.subtract(regularization.l1H, from: products.wtY, into: &crossH)
        }
        if random != nil { order = random?.permutation(k) ?? order }
        let hGram = regularized ? gram : products.wtW
        let hCross = regularized ? crossH : products.wtY
        h.values.withUnsafeMutableBufferPointer { ph in
            hGram.values.withUnsafeBufferPointer { pg in
                hCross.values.withUnsafeBufferPointer { pc in
                    gradients.values.withUnsafeMutableBufferPointer { grad in
                        order.withUnsafeBufferPointer { po in
                            violationsH.withUnsafeMutableBufferPointer { pv in
                                guard let h = ph.baseAddress, let gm = pg.baseAddress, let c = pc.baseAddress,
                                      let d = grad.baseAddress, let o = po.baseAddress, let v = pv.baseAddress
                                else { return }
                                MatrixKernels.forEachRange(count: n, work: n * k * k) { columns, _ in
                                    HALSState.halsColumns(h, gram: gm, cross: c, scratch: d, order: o,
                                                          violations: v, columns: columns, n: n, k: k)
                                }
                            }
                        }
                    }
                }
            }
        }
        products.hChanged()
        return Self.sum(violationsW) + Self.sum(violationsH)
    }

    mutating func currentLoss() -> Double {
        products.loss(w, h)
    }

    /// `out = gram` with `l2` added to its diagonal (scikit-learn: `HHt.flat[::k + 1] += l2_reg`).
    static func regularize(_ gram: Matrix, l2: Double, into out: inout Matrix) {
        out.values = gram.values
        if l2 != 0 {
            for t in 0..<gram.rows { out.values[t * gram.columns + t] += l2 }
        }
    }

    /// `out = cross − l1` elementwise (scikit-learn: `XHt -= l1_reg`).
    static func subtract(_ l1: Double, from cross: Matrix, into out: inout Matrix) {
        out.values = cross.values
        if l1 != 0 {
            for index in out.values.indices { out.values[index] -= l1 }
        }
    }

    /// Σ |v| left to right, as scikit-learn's `violation += fabs(pg)` runs.
    static func sum(_ values: [Double]) -> Double {
        var total = 0.0
        for v in values { total += abs(v) }
        return total
    }

    /// The W sweep over `rows` of the m×k W, from the Gram matrix (k×k) and the cross products (m×k),
    /// visiting the components in `order` (a permutation of 0..<k); the projected gradient of
    /// (row i, s-th component) goes to `violations[s·m + i]`.
    ///
    /// Precondition: `rows` within 0..<m and the buffers of those sizes.
    static func halsRows(_ w: UnsafeMutablePointer<Double>, gram: UnsafePointer<Double>,
                         cross: UnsafePointer<Double>, order: UnsafePointer<Int>,
                         violations: UnsafeMutablePointer<Double>, rows: Range<Int>, m: Int, k: Int) {
        assert(k >= 1 && rows.lowerBound >= 0 && rows.upperBound <= m)
        var i = rows.lowerBound
        while i + 4 <= rows.upperBound {
            let (w0, w1, w2, w3) = (w + i * k, w + (i + 1) * k, w + (i + 2) * k, w + (i + 3) * k)
            let (c0, c1, c2, c3) = (cross + i * k, cross + (i + 1) * k, cross + (i + 2) * k, cross + (i + 3) * k)
            for s in 0..<k {
                let t = order[s]
                let row = gram + t * k
                var (g0, g1, g2, g3) = (-c0[t], -c1[t], -c2[t], -c3[t])
                for r in 0..<k {
                    let q = row[r]
                    g0 += q * w0[r]
                    g1 += q * w1[r]
                    g2 += q * w2[r]
                    g3 += q * w3[r]
                }
                let v = violations + s * m + i
                v[0] = w0[t] == 0 ? min(0, g0) : g0
                v[1] = w1[t] == 0 ? min(0, g1) : g1
                v[2] = w2[t] == 0 ? min(0, g2) : g2
                v[3] = w3[t] == 0 ? min(0, g3) : g3
                let hess = row[t]
                if hess == 0 { continue }
                w0[t] = max(w0[t] - g0 / hess, 0)
                w1[t] = max(w1[t] - g1 / hess, 0)
                w2[t] = max(w2[t] - g2 / hess, 0)
                w3[t] = max(w3[t] - g3 / hess, 0)
            }
            i += 4
        }
        while i < rows.upperBound {
            let wi = w + i * k, ci = cross + i * k
            for s in 0..<k {
                let t = order[s]
                var grad = -ci[t]
                for r in 0..<k { grad += gram[t * k + r] * wi[r] }
                violations[s * m + i] = wi[t] == 0 ? min(0, grad) : grad
                let hess = gram[t * k + t]
                if hess == 0 { continue }
                wi[t] = max(wi[t] - grad / hess, 0)
            }
            i += 1
        }
    }

    /// The H sweep over `columns` of the k×n H, from the Gram matrix (k×k) and the cross products
    /// (k×n), visiting the components in `order`; `scratch` (k×n) holds the gradients of row t for the
    /// whole column range before row t changes; the projected gradient of (s-th component, column j)
    /// goes to `violations[s·n + j]`.
    ///
    /// Precondition: `columns` within 0..<n and the buffers of those sizes.
    static func halsColumns(_ h: UnsafeMutablePointer<Double>, gram: UnsafePointer<Double>,
                            cross: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>,
                            order: UnsafePointer<Int>, violations: UnsafeMutablePointer<Double>,
                            columns: Range<Int>, n: Int, k: Int) {
        assert(k >= 1 && columns.lowerBound >= 0 && columns.upperBound <= n)
        for s in 0..<k {
            let t = order[s]
            let grad = scratch + t * n
            for j in columns { grad[j] = -cross[t * n + j] }
            for r in 0..<k {
                let g = gram[t * k + r]
                let hr = h + r * n
                for j in columns { grad[j] += g * hr[j] }
            }
            let ht = h + t * n
            let v = violations + s * n
            for j in columns { v[j] = ht[j] == 0 ? min(0, grad[j]) : grad[j] }
            let hess = gram[t * k + t]
            if hess == 0 { continue }
            for j in columns { ht[j] = max(ht[j] - grad[j] / hess, 0) }
        }
    }
}
