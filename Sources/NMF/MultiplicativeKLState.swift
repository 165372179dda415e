import Foundation

/// Lee & Seung's multiplicative updates for the generalized Kullback–Leibler divergence:
///   W ← W ∘ ((Y / WH) Hᵀ) / (1 Hᵀ), then H ← H ∘ (Wᵀ (Y / WH)) / (Wᵀ 1) with the new W,
/// with scikit-learn's guards: WH below ε is read as ε in the ratio, and H entries below double's eps
/// are set to zero after each H step (its "necessary for stability with beta_loss <= 1"). A row or
/// column sum that is exactly zero is replaced by ε, so an all-zero row or column of Y gives 0
/// instead of 0/0 = NaN.
struct MultiplicativeKLState: UpdaterState {
    let y: Matrix
    var w: Matrix
    var h: Matrix
    let m: Int, n: Int, k: Int
    let engine: ProductEngine
    /// WH (m×n), turned in place into Y / WH for the numerators.
    var wh: Matrix
    /// True while `wh` holds W·H of the current W and H (the W step reuses the loss's product).
    var whIsCurrent = false
    /// The numerators: (Y / WH) Hᵀ (m×k) and Wᵀ (Y / WH) (k×n).
    var ratioHt: Matrix
    var wtRatio: Matrix
    /// The row sums of H or the column sums of W (k).
    var sums: [Double]

    init(data: Matrix, w: Matrix, h: Matrix, engine: ProductEngine) {
        (y, self.w, self.h, self.engine) = (data, w, h, engine)
        (m, n, k) = (data.rows, data.columns, w.columns)
        wh = .zeros(m, n)
        ratioHt = .zeros(m, k)
        wtRatio = .zeros(k, n)
        sums = [Double](repeating: 0, count: k)
    }

    mutating func step() -> Double? {
        if !whIsCurrent { engine.times(w, h, into: &wh) }
        Self.ratio(y, into: &wh)
        engine.timesTransposed(wh, h, into: &ratioHt)  // (Y / WH) Hᵀ
        for t in 0..<k {
            var s = 0.0
            for j in 0..<n { s += h[t, j] }
            sums[t] = s == 0 ? NMFSolver.epsilon : s
        }
        w.values.withUnsafeMutableBufferPointer { pw in
            ratioHt.values.withUnsafeBufferPointer { num in
                for i in 0..<m {
                    for t in 0..<k { pw[i * k + t] *= num[i * k + t] / sums[t] }
                }
            }
        }
        engine.times(w, h, into: &wh)
        Self.ratio(y, into: &wh)
        engine.transposeTimes(w, wh, into: &wtRatio)  // Wᵀ (Y / WH)
        for t in 0..<k {
            var s = 0.0
            for i in 0..<m { s += w[i, t] }
            sums[t] = s == 0 ? NMFSolver.epsilon : s
        }
        h.values.withUnsafeMutableBufferPointer { ph in
            wtRatio.values.withUnsafeBufferPointer { num in
                for t in 0..<k {
                    for j in 0..<n {
                        let updated = ph[t * n + j] * (num[t * n + j] / sums[t])
                        ph[t * n + j] = updated < Double.ulpOfOne ? 0 : updated
                    }
                }
            }
        }
        whIsCurrent = false
        return nil
    }

    mutating func currentLoss() -> Double {
        if !whIsCurrent {
            engine.times(w, h, into: &wh)
            whIsCurrent = true
        }
        return Self.generalizedKL(y: y.values, wh: wh.values)
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
