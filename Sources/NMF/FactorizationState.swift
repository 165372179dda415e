import Foundation

/// The solver's working state: Y, W, H and every buffer an iteration writes into, allocated once.
///
/// `step()` applies one iteration of the configured rule in place. The buffers are plain `Matrix`
/// values owned only by this state, so the in-place writes never copy; W and H are copied only when
/// a caller still holds the snapshot that shares them (copy-on-write).
struct FactorizationState {
    let y: Matrix
    var w: Matrix
    var h: Matrix
    let loss: Loss
    let solver: SolverKind
    let m: Int, n: Int, k: Int

    // Products of the W step (m×k and k×k) and of the H step (k×n and k×k).
    var yHt: Matrix
    var hHt: Matrix
    var wHHt: Matrix
    var wtY: Matrix
    var wtW: Matrix
    var wtWH: Matrix
    /// Frobenius rules: Yᵀ (n×m), made once, so that Wᵀ Y runs as the dot-product kernel
    /// Yᵀ · (Wᵀ)ᵀ over contiguous rows instead of the strided Aᵀ · B kernel (about 1.6× faster on
    /// 2000×1000 data with k = 20); with Wᵀ (k×m) and the n×k product as scratch. 1×1 for KL.
    let yT: Matrix
    var wT: Matrix
    var yTW: Matrix
    /// KL: WH (m×n), turned in place into Y / WH for the numerators; empty for the other rules.
    var wh: Matrix
    /// True while `wh` holds W·H of the current W and H (KL reuses the loss's product in its W step).
    var whIsCurrent = false
    /// True while `yHt` and `hHt` hold Y Hᵀ and H Hᵀ of the current H, and `wtW` holds Wᵀ W of the
    /// current W: the Gram loss computes them and the next step reuses them, and the reverse.
    var yHtIsCurrent = false
    var hHtIsCurrent = false
    var wtWIsCurrent = false
    /// Who computes the products: the system BLAS for the large ones, or the Swift kernels.
    let engine: ProductEngine
    /// True when Wᵀ Y goes to BLAS directly; false when it runs as Yᵀ · (Wᵀ)ᵀ on the Swift kernel.
    let wtYByEngine: Bool
    /// Frobenius loss through Gram matrices (see `gramLoss()`) instead of forming W H; on for large data.
    let usesGramLoss: Bool
    /// ‖Y‖²_F, for the Gram loss.
    let dataSquaredNorm: Double
    /// Frobenius loss: one scratch row per parallel piece and one partial sum per data row.
    var lossScratch: [Double]
    var rowSums: [Double]
    /// A k-vector scratch (KL row/column sums).
    var sums: [Double]

    /// The workspace for one run from (w, h).
    ///
    /// - Parameters:
    ///   - engine: who computes the products; by default `ProductEngine.automatic(m:n:k:)`.
    ///   - gramLoss: whether the Frobenius loss goes through Gram matrices; by default when
    ///     m·n·k reaches `gramLossWorkThreshold`. Tests force both choices on small data.
    init(data: Matrix, w: Matrix, h: Matrix, loss: Loss, solver: SolverKind,
         engine: ProductEngine? = nil, gramLoss: Bool? = nil) {
        (y, self.w, self.h, self.loss, self.solver) = (data, w, h, loss, solver)
        let (m, n, k) = (data.rows, data.columns, w.columns)
        (self.m, self.n, self.k) = (m, n, k)
        let engine = engine ?? ProductEngine.automatic(m: m, n: n, k: k)
        self.engine = engine
        let wtYByEngine = engine.blasFor(m, k, n) != nil
        self.wtYByEngine = wtYByEngine
        usesGramLoss = loss == .frobenius
            && (gramLoss ?? (ProductEngine.work(m, n, k) >= FactorizationState.gramLossWorkThreshold))
        dataSquaredNorm = usesGramLoss ? MatrixKernels.squaredNorm(data.values) : 0
        func zeros(_ r: Int, _ c: Int) -> Matrix {
            Matrix(validRows: r, columns: c, values: [Double](repeating: 0, count: r * c))
        }
        yHt = zeros(m, k)
        hHt = zeros(k, k)
        wHHt = zeros(m, k)
        wtY = zeros(k, n)
        wtW = zeros(k, k)
        wtWH = zeros(k, n)
        wh = loss == .kullbackLeibler ? zeros(m, n) : zeros(1, 1)
        let viaTranspose = loss == .frobenius && !wtYByEngine
        yT = viaTranspose ? data.transposed() : zeros(1, 1)
        wT = viaTranspose ? zeros(k, m) : zeros(1, 1)
        yTW = viaTranspose ? zeros(n, k) : zeros(1, 1)
        lossScratch = loss == .frobenius ? [Double](repeating: 0, count: MatrixKernels.parallelPieces * n) : []
        rowSums = [Double](repeating: 0, count: m)
        sums = [Double](repeating: 0, count: k)
    }

    /// One iteration of the configured rule: W first, then H with the new W.
    mutating func step() {
        switch (solver, loss) {
        case (.multiplicative, .frobenius): frobeniusMultiplicativeStep()
        case (.multiplicative, .kullbackLeibler): kullbackLeiblerMultiplicativeStep()
        case (.hals, _): halsStep()
        }
    }

    /// `wtY = Wᵀ Y` (Frobenius rules only): by BLAS directly, or through the stored Yᵀ.
    mutating func computeWtY() {
        if wtYByEngine {
            engine.transposeMultiply(w, y, into: &wtY)
            return
        }
        w.values.withUnsafeBufferPointer { pw in
            wT.values.withUnsafeMutableBufferPointer { MatrixKernels.transpose(pw, rows: m, columns: k, into: $0) }
        }
        Matrix.multiplyTransposed(yT, wT, into: &yTW)
        yTW.values.withUnsafeBufferPointer { p in
            wtY.values.withUnsafeMutableBufferPointer { MatrixKernels.transpose(p, rows: n, columns: k, into: $0) }
        }
    }

    /// The configured loss of the current W and H.
    mutating func currentLoss() -> Double {
        switch loss {
        case .frobenius:
            if usesGramLoss, let loss = gramLoss() { return loss }
            return y.values.withUnsafeBufferPointer { py in
                w.values.withUnsafeBufferPointer { pw in
                    h.values.withUnsafeBufferPointer { ph in
                        lossScratch.withUnsafeMutableBufferPointer { scratch in
                            rowSums.withUnsafeMutableBufferPointer { sums in
                                MatrixKernels.squaredDistance(py, pw, ph, m: m, k: k, n: n,
                                                              scratch: scratch, rowSums: sums)
                            }
                        }
                    }
                }
            }
        case .kullbackLeibler:
            if !whIsCurrent {
                engine.multiply(w, h, into: &wh)
                whIsCurrent = true
            }
            return FactorizationState.generalizedKL(y: y.values, wh: wh.values)
        }
    }

    /// Elements per chunk of the elementwise KL passes: the unit of their parallel split, fixed so
    /// that sums do not depend on the number of cores, and one chunk for small data.
    static let elementChunk = 1 << 16

    /// Σ y·log(y/ŷ) − y + ŷ the way scikit-learn's `_beta_divergence(beta=1)` computes it.
    ///
    /// The three sums run left to right within chunks of `elementChunk` elements (in parallel), and
    /// the chunks' sums are then added in order: for data of at most one chunk, this is exactly the
    /// serial left-to-right sum.
    static func generalizedKL(y: [Double], wh: [Double]) -> Double {
        let count = min(y.count, wh.count)
        let chunks = max(1, (count + elementChunk - 1) / elementChunk)
        var partial = [Double](repeating: 0, count: 3 * chunks)
        y.withUnsafeBufferPointer { py in
            wh.withUnsafeBufferPointer { pq in
                partial.withUnsafeMutableBufferPointer { out in
                    MatrixKernels.forEachRange(count: chunks, pieces: chunks > 1 ? MatrixKernels.parallelPieces : 1) { range, _ in
                        for chunk in range {
                            var divergence = 0.0, sumY = 0.0, sumWH = 0.0
                            for index in (chunk * elementChunk)..<min(count, (chunk + 1) * elementChunk) {
                                let (yv, whv) = (py[index], pq[index])
                                sumWH += whv
                                if yv > NMFSolver.epsilon {
                                    divergence += yv * log(yv / max(whv, NMFSolver.epsilon))
                                    sumY += yv
                                }
                            }
                            (out[3 * chunk], out[3 * chunk + 1], out[3 * chunk + 2]) = (divergence, sumY, sumWH)
                        }
                    }
                }
            }
        }
        var divergence = 0.0, sumY = 0.0, sumWH = 0.0
        for chunk in 0..<chunks {
            divergence += partial[3 * chunk]
            sumY += partial[3 * chunk + 1]
            sumWH += partial[3 * chunk + 2]
        }
        return divergence + (sumWH - sumY)
    }
}
