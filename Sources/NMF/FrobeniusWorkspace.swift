import Foundation

/// The products of Y with W and H that the Frobenius rules (multiplicative and HALS) share, and the
/// Frobenius loss, computed directly or from those products.
///
/// The "is current" flags let the loss and the next step share work: the Gram loss computes Y Hᵀ and
/// H Hᵀ of the current H, which the next step needs first, and reuses the step's Wᵀ W.
///
/// The Gram loss: ‖Y − WH‖²_F = ‖Y‖²_F − 2 ⟨Y Hᵀ, W⟩ + ⟨Wᵀ W, H Hᵀ⟩, where ⟨·,·⟩ sums the
/// elementwise products, so the loss costs two inner products of m·k and k² values instead of one
/// more m·n·k product (scikit-learn uses the same identity for sparse data). The identity subtracts
/// large numbers when the fit is close: its rounding error is about ε·‖Y‖²_F, so a result below
/// `gramLossCancellationLimit`·‖Y‖²_F is discarded and the loss is computed directly from W H.
/// Above it, the relative error stays below about 1e-11.
struct FrobeniusWorkspace {
    let y: Matrix
    let m: Int, n: Int, k: Int
    /// Y Hᵀ (m×k) and H Hᵀ (k×k) of the W step; Wᵀ W (k×k) and Wᵀ Y (k×n) of the H step.
    var yHt: Matrix
    var hHt: Matrix
    var wtW: Matrix
    var wtY: Matrix
    /// Yᵀ (n×m), made once, so that Wᵀ Y runs as the dot-product kernel Yᵀ · (Wᵀ)ᵀ over contiguous
    /// rows instead of the strided Aᵀ · B kernel (about 1.6× faster on 2000×1000 data with k = 20);
    /// with Wᵀ (k×m) and the n×k product as scratch. 1×1 when BLAS computes Wᵀ Y directly.
    let yT: Matrix
    var wT: Matrix
    var yTW: Matrix
    /// True while `yHt` and `hHt` hold Y Hᵀ and H Hᵀ of the current H, and `wtW` holds Wᵀ W of the
    /// current W.
    var yHtIsCurrent = false
    var hHtIsCurrent = false
    var wtWIsCurrent = false
    /// Who computes the products: the system BLAS for the large ones, or the Swift kernels.
    let engine: ProductEngine
    /// True when Wᵀ Y goes to BLAS directly; false when it runs as Yᵀ · (Wᵀ)ᵀ on the Swift kernel.
    let wtYByEngine: Bool
    /// Frobenius loss through Gram matrices instead of forming W H; on for large data.
    let usesGramLoss: Bool
    /// ‖Y‖²_F, for the Gram loss.
    let dataSquaredNorm: Double
    /// The direct loss: one scratch row per parallel piece and one partial sum per data row.
    var lossScratch: [Double]
    var rowSums: [Double]

    /// From this many multiply-adds in W H (m·n·k) on, the Frobenius loss goes through Gram matrices.
    static let gramLossWorkThreshold = 1 << 20

    /// The smallest loss, relative to ‖Y‖²_F, that the Gram identity reports.
    static let gramLossCancellationLimit = 1e-4

    init(data: Matrix, rank k: Int, engine: ProductEngine, gramLoss: Bool?) {
        y = data
        let (m, n) = (data.rows, data.columns)
        (self.m, self.n, self.k) = (m, n, k)
        self.engine = engine
        let wtYByEngine = engine.blasFor(m, k, n) != nil
        self.wtYByEngine = wtYByEngine
        usesGramLoss = gramLoss ?? (ProductEngine.work(m, n, k) >= FrobeniusWorkspace.gramLossWorkThreshold)
        dataSquaredNorm = usesGramLoss ? MatrixKernels.squaredNorm(data.values) : 0
        yHt = .zeros(m, k)
        hHt = .zeros(k, k)
        wtW = .zeros(k, k)
        wtY = .zeros(k, n)
        yT = wtYByEngine ? .zeros(1, 1) : data.transposed()
        wT = wtYByEngine ? .zeros(1, 1) : .zeros(k, m)
        yTW = wtYByEngine ? .zeros(1, 1) : .zeros(n, k)
        lossScratch = [Double](repeating: 0, count: MatrixKernels.parallelPieces * n)
        rowSums = [Double](repeating: 0, count: m)
    }

    /// `wtY = Wᵀ Y`: by BLAS directly, or through the stored Yᵀ.
    mutating func computeWtY(_ w: Matrix) {
        if wtYByEngine {
            engine.transposeTimes(w, y, into: &wtY)
            return
        }
        let (m, n, k) = (self.m, self.n, self.k)
        w.values.withUnsafeBufferPointer { pw in
            wT.values.withUnsafeMutableBufferPointer { MatrixKernels.transpose(pw, rows: m, columns: k, into: $0) }
        }
        Matrix.timesTransposed(yT, wT, into: &yTW)
        yTW.values.withUnsafeBufferPointer { p in
            wtY.values.withUnsafeMutableBufferPointer { MatrixKernels.transpose(p, rows: n, columns: k, into: $0) }
        }
    }

    /// Fills `yHt` and `hHt` for `h` unless the loss already did.
    mutating func computeProductsOfH(_ h: Matrix) {
        if !yHtIsCurrent {
            engine.timesTransposed(y, h, into: &yHt)
            yHtIsCurrent = true
        }
        if !hHtIsCurrent {
            engine.timesTransposed(h, h, into: &hHt)
            hHtIsCurrent = true
        }
    }

    /// Fills `wtW` with Wᵀ W of the new W (the H step's Gram matrix, reused by the next loss).
    mutating func computeWtW(_ w: Matrix) {
        engine.transposeTimes(w, w, into: &wtW)
        wtWIsCurrent = true
    }

    /// Marks the products of H as stale after H changed (Wᵀ W stays that of the new W).
    mutating func hChanged() {
        (yHtIsCurrent, hHtIsCurrent) = (false, false)
    }

    /// ‖Y − WH‖²_F of (w, h).
    mutating func loss(_ w: Matrix, _ h: Matrix) -> Double {
        if usesGramLoss, let loss = gramLoss(w, h) { return loss }
        let (m, n, k) = (self.m, self.n, self.k)
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
    }

    /// ‖Y − WH‖²_F by the Gram identity, or `nil` when cancellation would make it inaccurate.
    mutating func gramLoss(_ w: Matrix, _ h: Matrix) -> Double? {
        computeProductsOfH(h)
        if !wtWIsCurrent { computeWtW(w) }
        let cross = MatrixKernels.innerProduct(yHt.values, w.values)
        let model = MatrixKernels.innerProduct(wtW.values, hHt.values)
        let loss = dataSquaredNorm - 2 * cross + model
        return loss >= FrobeniusWorkspace.gramLossCancellationLimit * dataSquaredNorm ? loss : nil
    }
}
