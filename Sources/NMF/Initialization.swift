/// How the solver chooses its starting W (m×k) and H (k×n).
///
/// - `article`: the article's `np.random.seed(seed)`, then `uniform(0, 1, (m, k))` for W and
///   `uniform(0, 1, (n, k))` for V = Hᵀ, drawn in that order.
/// - `random`: scikit-learn's `init='random'` for `random_state=seed`: |standard normal| × √(mean(Y)/k),
///   H (k×n) drawn before W (m×k) from numpy's legacy stream.
/// - `nndsvd`, `nndsvda`, `nndsvdar`: Boutsidis & Gallopoulos (2008) as scikit-learn implements them;
///   zeros stay zero, are filled with mean(Y), or with |mean(Y) × standard normal / 100| from `seed`.
///   They need rank ≤ min(m, n).
/// - `custom`: the caller's matrices, checked for shape and non-negativity.
public enum Initialization: Sendable, Equatable {
    /// The article's uniform draws from numpy's `np.random.seed(seed)`.
    case article(seed: UInt32)
    /// scikit-learn's `init='random'` with `random_state=seed`.
    case random(seed: UInt32)
    /// scikit-learn's `init='nndsvd'`: zeros stay zero.
    case nndsvd
    /// scikit-learn's `init='nndsvda'`: zeros filled with mean(Y).
    case nndsvda
    /// scikit-learn's `init='nndsvdar'`: zeros filled with small random values drawn from `seed`.
    case nndsvdar(seed: UInt32)
    /// The caller's W (m×k) and H (k×n).
    case custom(w: Matrix, h: Matrix)

    /// The command-line names of the initializations that need no matrices.
    public static let names = ["article", "random", "nndsvd", "nndsvda", "nndsvdar"]

    /// The initialization called `name` (one of `names`), seeded with `seed` where it draws numbers.
    public init?(name: String, seed: UInt32) {
        switch name {
        case "article": self = .article(seed: seed)
        case "random": self = .random(seed: seed)
        case "nndsvd": self = .nndsvd
        case "nndsvda": self = .nndsvda
        case "nndsvdar": self = .nndsvdar(seed: seed)
        default: return nil
        }
    }

    /// The name used on the command line and in JSON.
    public var name: String {
        switch self {
        case .article: return "article"
        case .random: return "random"
        case .nndsvd: return "nndsvd"
        case .nndsvda: return "nndsvda"
        case .nndsvdar: return "nndsvdar"
        case .custom: return "custom"
        }
    }

    /// The seed of the draws, if this initialization draws any.
    public var seed: UInt32? {
        switch self {
        case let .article(seed), let .random(seed), let .nndsvdar(seed): return seed
        case .nndsvd, .nndsvda, .custom: return nil
        }
    }

    /// The starting W and H for `data` at `rank`.
    ///
    /// - Throws: `NMFError.rankTooLargeForInitialization` for an SVD-based init with
    ///   rank > min(m, n); `NMFError.shapeMismatch` or `.invalidValue` for unfit custom matrices.
    public func matrices(for data: Matrix, rank k: Int) throws -> (w: Matrix, h: Matrix) {
        guard k >= 1 else { throw NMFError.invalidRank(k) }
        let (m, n) = (data.rows, data.columns)
        switch self {
        case let .article(seed):
            var random = NumpyRandom(seed: seed)
            let w = (0..<(m * k)).map { _ in random.uniform(low: 0, high: 1) }
            let v = (0..<(n * k)).map { _ in random.uniform(low: 0, high: 1) }
            return (Matrix(validRows: m, columns: k, values: w),
                    Matrix(validRows: n, columns: k, values: v).transposed())
        case let .random(seed):
            var random = NumpyRandom(seed: seed)
            let scale = (data.mean / Double(k)).squareRoot()
            let h = (0..<(k * n)).map { _ in abs(scale * random.standardNormal()) }
            let w = (0..<(m * k)).map { _ in abs(scale * random.standardNormal()) }
            return (Matrix(validRows: m, columns: k, values: w), Matrix(validRows: k, columns: n, values: h))
        case .nndsvd, .nndsvda, .nndsvdar:
            guard k <= min(m, n) else {
                throw NMFError.rankTooLargeForInitialization(rank: k, rows: m, columns: n, initialization: name)
            }
            var (w, h) = Initialization.nndsvdCore(data, rank: k)
            let average = data.mean
            if case .nndsvda = self {
                w.values = w.values.map { $0 == 0 ? average : $0 }
                h.values = h.values.map { $0 == 0 ? average : $0 }
            } else if case let .nndsvdar(seed) = self {
                var random = NumpyRandom(seed: seed)
                // scikit-learn draws for all of W's zeros (row-major) first, then all of H's.
                w.values = w.values.map { $0 == 0 ? abs(average * random.standardNormal() / 100) : $0 }
                h.values = h.values.map { $0 == 0 ? abs(average * random.standardNormal() / 100) : $0 }
            }
            return (w, h)
        case let .custom(w, h):
            guard w.rows == m, w.columns == k else {
                throw NMFError.shapeMismatch(what: "custom W", expected: "\(m)×\(k)", actual: "\(w.rows)×\(w.columns)")
            }
            guard h.rows == k, h.columns == n else {
                throw NMFError.shapeMismatch(what: "custom H", expected: "\(k)×\(n)", actual: "\(h.rows)×\(h.columns)")
            }
            try w.validateNonNegative(name: "W")
            try h.validateNonNegative(name: "H")
            return (w, h)
        }
    }

    /// NNDSVD proper: each singular triplet split into its positive and negative parts, keeping the
    /// dominant pair; entries below 1e-6 become zero (scikit-learn's `eps`).
    static func nndsvdCore(_ data: Matrix, rank k: Int) -> (w: Matrix, h: Matrix) {
        let svd = TruncatedSVD(data, k: k)
        let (m, n) = (data.rows, data.columns)
        var w = Matrix(validRows: m, columns: k, values: [Double](repeating: 0, count: m * k))
        var h = Matrix(validRows: k, columns: n, values: [Double](repeating: 0, count: k * n))
        let root0 = svd.s[0].squareRoot()
        for i in 0..<m { w[i, 0] = root0 * abs(svd.u[i, 0]) }
        for j in 0..<n { h[0, j] = root0 * abs(svd.vt[0, j]) }
        for c in 1..<max(1, k) {
            let x = svd.u.columnArray(c), y = svd.vt.rowArray(c)
            let xp = x.map { max($0, 0) }, yp = y.map { max($0, 0) }
            let xn = x.map { abs(min($0, 0)) }, yn = y.map { abs(min($0, 0)) }
            let (xpNorm, ypNorm) = (norm(xp), norm(yp))
            let (xnNorm, ynNorm) = (norm(xn), norm(yn))
            let (mp, mn) = (xpNorm * ypNorm, xnNorm * ynNorm)
            let (u, v, sigma, xNorm, yNorm) = mp > mn ? (xp, yp, mp, xpNorm, ypNorm) : (xn, yn, mn, xnNorm, ynNorm)
            // A zero singular vector (rank-deficient data) leaves the component at zero instead of 0/0.
            guard sigma > 0 else { continue }
            let lambda = (svd.s[c] * sigma).squareRoot()
            for i in 0..<m { w[i, c] = lambda * (u[i] / xNorm) }
            for j in 0..<n { h[c, j] = lambda * (v[j] / yNorm) }
        }
        w.values = w.values.map { $0 < 1e-6 ? 0 : $0 }
        h.values = h.values.map { $0 < 1e-6 ? 0 : $0 }
        return (w, h)
    }

    static func norm(_ x: [Double]) -> Double {
        x.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
