/// The Frobenius loss of large factorizations from products the iterations compute anyway.
///
/// ‖Y − WH‖²_F = ‖Y‖²_F − 2 ⟨Y Hᵀ, W⟩ + ⟨Wᵀ W, H Hᵀ⟩, where ⟨·,·⟩ sums the elementwise products.
/// Y Hᵀ and H Hᵀ of the new H are exactly what the next step needs first, and Wᵀ W of the new W
/// is what the step just used for H, so the loss costs two inner products of m·k and k² values
/// instead of one more m·n·k product (scikit-learn uses the same identity for sparse data).
///
/// The identity subtracts large numbers when the fit is close: its rounding error is about
/// ε·‖Y‖²_F, so a result below `gramLossCancellationLimit`·‖Y‖²_F is discarded and the caller
/// computes the loss directly from W H. Above it, the relative error stays below about 1e-11.
extension FactorizationState {
    /// From this many multiply-adds in W H (m·n·k) on, the Frobenius loss goes through Gram matrices.
    static let gramLossWorkThreshold = 1 << 20

    /// The smallest loss, relative to ‖Y‖²_F, that the Gram identity reports.
    static let gramLossCancellationLimit = 1e-4

    /// Fills `yHt` and `hHt` for the current H unless the loss already did.
    mutating func computeProductsOfH() {
        if !yHtIsCurrent {
            engine.multiplyTransposed(y, h, into: &yHt)
            yHtIsCurrent = true
        }
        if !hHtIsCurrent {
            engine.multiplyTransposed(h, h, into: &hHt)
            hHtIsCurrent = true
        }
    }

    /// ‖Y − WH‖²_F by the Gram identity, or `nil` when cancellation would make it inaccurate.
    mutating func gramLoss() -> Double? {
        computeProductsOfH()
        if !wtWIsCurrent {
            engine.transposeMultiply(w, w, into: &wtW)
            wtWIsCurrent = true
        }
        let cross = MatrixKernels.innerProduct(yHt.values, w.values)
        let model = MatrixKernels.innerProduct(wtW.values, hHt.values)
        let loss = dataSquaredNorm - 2 * cross + model
        return loss >= FactorizationState.gramLossCancellationLimit * dataSquaredNorm ? loss : nil
    }
}
