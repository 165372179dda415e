import Foundation

/// scikit-learn's multiplicative updates for any β-divergence, with regularization
/// (`_multiplicative_update_w` and `_multiplicative_update_h` on dense data; Févotte & Idier,
/// Algorithms for nonnegative matrix factorization with the β-divergence, Neural Computation 2011).
///
/// W ← W ∘ (N / D)^γ with N = (Y ∘ (WH)^(β−2)) Hᵀ and D = (WH)^(β−1) Hᵀ + l1 + l2·W (β = 1: D = 1 Hᵀ;
/// β = 2: N = Y Hᵀ, D = W (H Hᵀ)), then H likewise with the new W; γ = `Loss.updateExponent`.
/// scikit-learn's guards, in its order: WH below ε is read as ε where a negative power or a ratio
/// would meet it (β < 2 in the numerator, β < 1 in the denominator); a zero denominator becomes ε;
/// after the W step (β < 1) and the H step (β ≤ 1) entries below double's eps become 0; Wᵀ 1 = 0
/// becomes 1 for β = 1.
///
/// The powers take numpy's exact shortcuts (x^−1 = 1/x, x^0.5 = √x, x² = x·x, x¹ = x) and `pow`
/// otherwise; numpy's vectorized `pow` may differ from it in the last bit, far below the fixtures'
/// tolerance. This state serves every multiplicative run that the article's Frobenius rule and the
/// KL rule do not (other β, or any regularization).
struct MultiplicativeBetaState: UpdaterState {
    /// The data; `MiniBatchState` refills it with each batch's rows.
    var y: Matrix
    var w: Matrix
    var h: Matrix
    let beta: Double
    let gamma: Double
    let regularization: Regularization
    let m: Int, n: Int, k: Int
    let engine: ProductEngine
    /// WH (m×n) and its transformed copy (the numerators' Y ∘ (WH)^(β−2)).
    var wh: Matrix
    var ratio: Matrix
    /// Numerators and denominators of the W step (m×k) and of the H step (k×n).
    var numeratorW: Matrix
    var denominatorW: Matrix
    var numeratorH: Matrix
    var denominatorH: Matrix
    /// H Hᵀ or Wᵀ W (k×k) for β = 2.
    var gram: Matrix
    /// Row sums of H or column sums of W (β = 1).
    var sums: [Double]
    /// The Frobenius loss's products (β = 2 only; reports ‖Y − WH‖²_F like the article's rule).
    var frobenius: FrobeniusWorkspace?

    /// - Parameter reportsLoss: false for a workspace whose `currentLoss()` is never asked
    ///   (`MiniBatchState`'s batches): no Frobenius loss products are kept.
    init(data: Matrix, w: Matrix, h: Matrix, loss: Loss, regularization: Regularization,
         engine: ProductEngine, gramLoss: Bool?, reportsLoss: Bool = true) {
        (y, self.w, self.h, self.engine) = (data, w, h, engine)
        (m, n, k) = (data.rows, data.columns, w.columns)
        beta = loss.beta
        gamma = loss.updateExponent
        self.regularization = regularization
        let elementwise = loss.beta != 2
        wh = elementwise ? .zeros(m, n) : .zeros(1, 1)
        ratio = elementwise ? .zeros(m, n) : .zeros(1, 1)
        numeratorW = .zeros(m, k)
        denominatorW = .zeros(m, k)
        numeratorH = .zeros(k, n)
        denominatorH = .zeros(k, n)
        gram = .zeros(k, k)
        sums = [Double](repeating: 0, count: k)
        frobenius = elementwise || !reportsLoss ? nil : FrobeniusWorkspace(data: data, rank: k, engine: engine, gramLoss: gramLoss)
    }

    /// `x^p` with numpy's exact shortcuts for p ∈ {−1, 0, 0.5, 1, 2}.
    @inline(__always)
    static func power(_ x: Double, _ p: Double) -> Double {
        switch p {
        case 1: return x
        case 2: return x * x
        case -1: return 1 / x
        case 0.5: return x.squareRoot()
        case 0: return 1
        default: return pow(x, p)
        }
    }

    mutating func step() -> Double? {
        updateW()
        if beta < 1 { Self.flushTiny(&w) }
        computeHTerms()
        Self.apply(&h, numerator: &numeratorH, denominator: &denominatorH, l1: regularization.l1H,
                   l2: regularization.l2H, gamma: gamma)
        if beta <= 1 { Self.flushTiny(&h) }
        frobenius?.hChanged()
        frobenius?.wtWIsCurrent = false
        return nil
    }

    /// The W step, `_multiplicative_update_w` (without the flush of tiny entries that follows it).
    mutating func updateW() {
        if beta == 2 {
            engine.timesTransposed(y, h, into: &numeratorW)
            engine.timesTransposed(h, h, into: &gram)
            engine.times(w, gram, into: &denominatorW)
        } else {
            engine.times(w, h, into: &wh)
            prepareRatio()
            engine.timesTransposed(ratio, h, into: &numeratorW)
            if beta == 1 {
                for t in 0..<k {
                    var s = 0.0
                    for j in 0..<n { s += h[t, j] }
                    sums[t] = s
                }
                for i in 0..<m { for t in 0..<k { denominatorW.values[i * k + t] = sums[t] } }
            } else {
                raiseModel()
                engine.timesTransposed(wh, h, into: &denominatorW)
            }
        }
        Self.apply(&w, numerator: &numeratorW, denominator: &denominatorW, l1: regularization.l1W,
                   l2: regularization.l2W, gamma: gamma)
    }

    /// The H step's numerator and denominator with the current W, before regularization
    /// (`_multiplicative_update_h` up to "Add L1 and L2 regularization").
    mutating func computeHTerms() {
        if beta == 2 {
            engine.transposeTimes(w, y, into: &numeratorH)
            engine.transposeTimes(w, w, into: &gram)
            engine.times(gram, h, into: &denominatorH)
        } else {
            engine.times(w, h, into: &wh)
            prepareRatio()
            engine.transposeTimes(w, ratio, into: &numeratorH)
            if beta == 1 {
                for t in 0..<k {
                    var s = 0.0
                    for i in 0..<m { s += w[i, t] }
                    sums[t] = s == 0 ? 1 : s
                }
                for t in 0..<k { for j in 0..<n { denominatorH.values[t * n + j] = sums[t] } }
            } else {
                raiseModel()
                engine.transposeTimes(w, wh, into: &denominatorH)
            }
        }
    }

    /// `ratio = Y ∘ max(WH, ε)^(β−2)` (β < 2 clamps; β = 1: Y / WH; β = 0: Y · (1/WH)²), as
    /// scikit-learn's `WH_safe_X`.
    mutating func prepareRatio() {
        let (beta, eps) = (self.beta, NMFSolver.epsilon)
        let count = m * n
        y.values.withUnsafeBufferPointer { py in
            wh.values.withUnsafeBufferPointer { pq in
                ratio.values.withUnsafeMutableBufferPointer { pr in
                    for index in 0..<count {
                        var q = pq[index]
                        if beta < 2 && q < eps { q = eps }
                        if beta == 1 {
                            pr[index] = py[index] / q
                        } else if beta == 0 {
                            let r = 1 / q
                            pr[index] = r * r * py[index]
                        } else {
                            pr[index] = Self.power(q, beta - 2) * py[index]
                        }
                    }
                }
            }
        }
    }

    /// `wh ← max(WH, ε)^(β−1)` (the clamp for β < 1 only), the denominators' model term.
    mutating func raiseModel() {
        let (beta, eps) = (self.beta, NMFSolver.epsilon)
        wh.values.withUnsafeMutableBufferPointer { pq in
            for index in pq.indices {
                var q = pq[index]
                if beta < 1 && q < eps { q = eps }
                pq[index] = Self.power(q, beta - 1)
            }
        }
    }

    /// `a ← a ∘ (numerator / (denominator + l1 + l2·a))^γ`, a zero denominator read as ε, in
    /// scikit-learn's order of operations.
    static func apply(_ a: inout Matrix, numerator: inout Matrix, denominator: inout Matrix,
                      l1: Double, l2: Double, gamma: Double) {
        let count = a.values.count
        a.values.withUnsafeMutableBufferPointer { pa in
            numerator.values.withUnsafeBufferPointer { pn in
                denominator.values.withUnsafeBufferPointer { pd in
                    for index in 0..<count {
                        var d = pd[index]
                        if l1 > 0 { d += l1 }
                        if l2 > 0 { d = d + l2 * pa[index] }
                        if d == 0 { d = NMFSolver.epsilon }
                        var delta = pn[index] / d
                        if gamma != 1 { delta = power(delta, gamma) }
                        pa[index] *= delta
                    }
                }
            }
        }
    }

    /// Entries below double's eps become 0 (scikit-learn: "necessary for stability with β < 1").
    static func flushTiny(_ a: inout Matrix) {
        a.values.withUnsafeMutableBufferPointer { p in
            for index in p.indices where p[index] < Double.ulpOfOne { p[index] = 0 }
        }
    }

    mutating func currentLoss() -> Double {
        if frobenius != nil, let loss = frobenius?.loss(w, h) { return loss }
        engine.times(w, h, into: &wh)
        return Self.betaDivergence(y: y.values, wh: wh.values, beta: beta)
    }

    /// scikit-learn's `_beta_divergence` (dense, β ≠ 2): only entries with y > ε enter the terms with
    /// y, with ŷ clamped below at ε there; Σ ŷ^β runs over every entry. β = 1 is the generalized
    /// KL divergence, β = 0 Itakura–Saito.
    static func betaDivergence(y: [Double], wh: [Double], beta: Double) -> Double {
        let eps = NMFSolver.epsilon
        let count = min(y.count, wh.count)
        if beta == 1 { return MultiplicativeKLState.generalizedKL(y: y, wh: wh) }
        if beta == 0 {
            var sumDiv = 0.0, sumLog = 0.0
            for index in 0..<count where y[index] > eps {
                let div = y[index] / max(wh[index], eps)
                sumDiv += div
                sumLog += log(div)
            }
            return sumDiv - Double(count) - sumLog
        }
        var sumModel = 0.0, sumCross = 0.0, sumData = 0.0
        for index in 0..<count {
            let q = wh[index]
            sumModel += power(q, beta)
            let x = y[index]
            if x > eps {
                sumCross += x * power(q < eps ? eps : q, beta - 1)
                sumData += power(x, beta)
            }
        }
        var result = sumData - beta * sumCross
        result += sumModel * (beta - 1)
        return result / (beta * (beta - 1))
    }
}
