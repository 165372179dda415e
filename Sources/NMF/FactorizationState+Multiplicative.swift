/// Lee & Seung's multiplicative updates (Algorithms for Non-negative Matrix Factorization, NIPS 2001).
///
/// Frobenius, exactly as the article writes it:
///   W ← W ∘ (Y Hᵀ) / (W H Hᵀ), then H ← H ∘ (Wᵀ Y) / (Wᵀ W H) with the new W.
/// The denominators are formed as W (H Hᵀ) and (Wᵀ W) H, which cost O(k²) per element instead of
/// O(kn); the results differ from the article's (W H) Hᵀ only in the last bits.
/// Kullback–Leibler:
///   W ← W ∘ ((Y / WH) Hᵀ) / (1 Hᵀ), then H ← H ∘ (Wᵀ (Y / WH)) / (Wᵀ 1) with the new W,
/// with scikit-learn's guards: WH below ε is read as ε in the ratio, and H entries below double's eps
/// are set to zero after each H step (its "necessary for stability with beta_loss <= 1").
/// In both, a denominator that is exactly zero is replaced by ε, so an all-zero row or column of Y
/// gives 0 instead of 0/0 = NaN; nonzero denominators, as on the article's data, are used unchanged.
extension FactorizationState {
    mutating func frobeniusMultiplicativeStep() {
        computeProductsOfH()
        engine.multiply(w, hHt, into: &wHHt)
        FactorizationState.scale(&w, numerator: yHt, denominator: wHHt)
        computeWtY()
        engine.transposeMultiply(w, w, into: &wtW)
        engine.multiply(wtW, h, into: &wtWH)
        FactorizationState.scale(&h, numerator: wtY, denominator: wtWH)
        (yHtIsCurrent, hHtIsCurrent, wtWIsCurrent) = (false, false, true)
    }

    mutating func kullbackLeiblerMultiplicativeStep() {
        if !whIsCurrent { engine.multiply(w, h, into: &wh) }
        FactorizationState.ratio(y, into: &wh)
        engine.multiplyTransposed(wh, h, into: &yHt)  // (Y / WH) Hᵀ
        for t in 0..<k {
            var s = 0.0
            for j in 0..<n { s += h[t, j] }
            sums[t] = s == 0 ? NMFSolver.epsilon : s
        }
        w.values.withUnsafeMutableBufferPointer { pw in
            yHt.values.withUnsafeBufferPointer { num in
                for i in 0..<m {
                    for t in 0..<k { pw[i * k + t] *= num[i * k + t] / sums[t] }
                }
            }
        }
        engine.multiply(w, h, into: &wh)
        FactorizationState.ratio(y, into: &wh)
        engine.transposeMultiply(w, wh, into: &wtY)  // Wᵀ (Y / WH)
        for t in 0..<k {
            var s = 0.0
            for i in 0..<m { s += w[i, t] }
            sums[t] = s == 0 ? NMFSolver.epsilon : s
        }
        h.values.withUnsafeMutableBufferPointer { ph in
            wtY.values.withUnsafeBufferPointer { num in
                for t in 0..<k {
                    for j in 0..<n {
                        let updated = ph[t * n + j] * (num[t * n + j] / sums[t])
                        ph[t * n + j] = updated < Double.ulpOfOne ? 0 : updated
                    }
                }
            }
        }
        whIsCurrent = false
        (yHtIsCurrent, hHtIsCurrent, wtWIsCurrent) = (false, false, false)
    }

    /// `a ← (a ∘ numerator) / denominator` elementwise, a zero denominator read as ε (article order).
    static func scale(_ a: inout Matrix, numerator: Matrix, denominator: Matrix) {
        let count = a.values.count
        a.values.withUnsafeMutableBufferPointer { pa in
            numerator.values.withUnsafeBufferPointer { pn in
                denominator.values.withUnsafeBufferPointer { pd in
                    for index in 0..<count {
                        let d = pd[index]
                        pa[index] = pa[index] * pn[index] / (d == 0 ? NMFSolver.epsilon : d)
                    }
                }
            }
        }
    }

    /// `wh ← y / max(wh, ε)` elementwise (scikit-learn's guard for the KL ratio), in parallel
    /// chunks for large data.
    static func ratio(_ y: Matrix, into wh: inout Matrix) {
        let count = min(y.values.count, wh.values.count)
        let chunks = max(1, (count + elementChunk - 1) / elementChunk)
        y.values.withUnsafeBufferPointer { py in
            wh.values.withUnsafeMutableBufferPointer { pq in
                MatrixKernels.forEachRange(count: chunks, pieces: chunks > 1 ? MatrixKernels.parallelPieces : 1) { range, _ in
                    for index in (range.lowerBound * elementChunk)..<min(count, range.upperBound * elementChunk) {
                        let q = pq[index]
                        pq[index] = py[index] / (q < NMFSolver.epsilon ? NMFSolver.epsilon : q)
                    }
                }
            }
        }
    }
}
