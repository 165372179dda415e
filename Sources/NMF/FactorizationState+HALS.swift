/// HALS: cyclic coordinate descent on ‖Y − WH‖²_F (Cichocki & Phan 2009; Hsieh & Dhillon 2011),
/// as scikit-learn's `solver='cd'` runs it without shuffling or regularization.
///
/// For each component t in order, every W[i, t] moves to the minimizer of the loss along that
/// coordinate, clipped at zero: W[i, t] ← max(W[i, t] − g / HHᵀ[t, t], 0) with
/// g = −(Y Hᵀ)[i, t] + Σ_r HHᵀ[t, r] W[i, r] summed from r = 0 up, as scikit-learn's Cython does.
/// A component whose HHᵀ[t, t] is zero is left alone instead of dividing by zero. Then H likewise,
/// with W's new values, from Wᵀ W and Wᵀ Y.
extension FactorizationState {
    mutating func halsStep() {
        computeProductsOfH()
        let (m, k) = (self.m, self.k)
        w.values.withUnsafeMutableBufferPointer { pw in
            hHt.values.withUnsafeBufferPointer { gram in
                yHt.values.withUnsafeBufferPointer { cross in
                    for t in 0..<k {
                        let hess = gram[t * k + t]
                        if hess == 0 { continue }
                        for i in 0..<m {
                            var grad = -cross[i * k + t]
                            for r in 0..<k { grad += gram[t * k + r] * pw[i * k + r] }
                            pw[i * k + t] = max(pw[i * k + t] - grad / hess, 0)
                        }
                    }
                }
            }
        }
        engine.transposeMultiply(w, w, into: &wtW)
        computeWtY()
        let n = self.n
        h.values.withUnsafeMutableBufferPointer { ph in
            wtW.values.withUnsafeBufferPointer { gram in
                wtY.values.withUnsafeBufferPointer { cross in
                    wtWH.values.withUnsafeMutableBufferPointer { grad in
                        for t in 0..<k {
                            let hess = gram[t * k + t]
                            if hess == 0 { continue }
                            // Gradients of row t for all j at once; row t itself changes only after.
                            for j in 0..<n { grad[t * n + j] = -cross[t * n + j] }
                            for r in 0..<k {
                                let g = gram[t * k + r]
                                for j in 0..<n { grad[t * n + j] += g * ph[r * n + j] }
                            }
                            for j in 0..<n { ph[t * n + j] = max(ph[t * n + j] - grad[t * n + j] / hess, 0) }
                        }
                    }
                }
            }
        }
        (yHtIsCurrent, hHtIsCurrent, wtWIsCurrent) = (false, false, true)
    }
}
