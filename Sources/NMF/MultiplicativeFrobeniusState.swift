/// Lee & Seung's multiplicative updates for the Frobenius loss (Algorithms for Non-negative Matrix
/// Factorization, NIPS 2001), exactly as the article writes them:
///   W ← W ∘ (Y Hᵀ) / (W H Hᵀ), then H ← H ∘ (Wᵀ Y) / (Wᵀ W H) with the new W.
///
/// The denominators are formed as W (H Hᵀ) and (Wᵀ W) H, which cost O(k²) per element instead of
/// O(kn); the results differ from the article's (W H) Hᵀ only in the last bits. A denominator that is
/// exactly zero is replaced by ε, so an all-zero row or column of Y gives 0 instead of 0/0 = NaN;
/// nonzero denominators, as on the article's data, are used unchanged.
struct MultiplicativeFrobeniusState: UpdaterState {
    var w: Matrix
    var h: Matrix
    var products: FrobeniusWorkspace
    /// W (H Hᵀ), m×k, and (Wᵀ W) H, k×n: the denominators.
    var wHHt: Matrix
    var wtWH: Matrix

    init(data: Matrix, w: Matrix, h: Matrix, engine: ProductEngine, gramLoss: Bool?) {
        (self.w, self.h) = (w, h)
        products = FrobeniusWorkspace(data: data, rank: w.columns, engine: engine, gramLoss: gramLoss)
        wHHt = .zeros(data.rows, w.columns)
        wtWH = .zeros(w.columns, data.columns)
    }

    mutating func step() -> Double? {
        products.computeProductsOfH(h)
        products.engine.times(w, products.hHt, into: &wHHt)
        Self.scale(&w, numerator: products.yHt, denominator: wHHt)
        products.computeWtY(w)
        products.computeWtW(w)
        products.engine.times(products.wtW, h, into: &wtWH)
        Self.scale(&h, numerator: products.wtY, denominator: wtWH)
        products.hChanged()
        return nil
    }

    mutating func currentLoss() -> Double {
        products.loss(w, h)
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
}
