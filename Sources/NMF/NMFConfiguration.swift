/// Everything a factorization run needs, validated once.
///
/// The initializer checks what would otherwise fail deep inside the iterations: a rank below 1,
/// negative or non-finite data, all-zero data, HALS with a loss other than Frobenius, an SVD-based
/// initialization with rank > min(m, n), custom matrices of the wrong shape, parameters out of range,
/// zeros in the data for β ≤ 0.
///
/// The parameters after the initialization are scikit-learn's (≥ 1.2) `NMF` parameters under its
/// names: `beta_loss` (`loss`), `alpha_W`, `alpha_H`, `l1_ratio`, `tol`, `max_iter`, `shuffle`,
/// `random_state` (for the shuffle; the initialization carries its own seed). Their defaults keep
/// nmfviz's behaviour: no regularization and no stopping rule (scikit-learn's `tol` is 1e-4 and its
/// `max_iter` 200; here the iterations asked for are run unless `tolerance` or `maximumIterations`
/// is set). `miniBatch` holds `MiniBatchNMF`'s own parameters, read by `SolverKind.minibatch` only.
public struct NMFConfiguration: Sendable {
    /// The data matrix Y (m×n), non-negative and finite.
    public let data: Matrix
    /// The number of components k.
    public let rank: Int
    /// The β-divergence minimized (scikit-learn's `beta_loss`).
    public let loss: Loss
    /// The update rule.
    public let solver: SolverKind
    /// The starting W and H.
    public let initialization: Initialization
    /// scikit-learn's `alpha_W`: the regularization of W, ≥ 0 (0: none).
    public let alphaW: Double
    /// scikit-learn's `alpha_H`: the regularization of H, ≥ 0; `nil` is its `'same'` (= `alphaW`).
    public let alphaH: Double?
    /// scikit-learn's `l1_ratio` in [0, 1]: the share of L1 in the regularization (0: L2 only).
    public let l1Ratio: Double
    /// scikit-learn's `tol` (≥ 0): stop when its criterion is met (multiplicative: the relative
    /// decrease of the error, checked every 10 iterations; HALS: the projected-gradient violation
    /// relative to the first iteration's). `nil`: no such rule.
    public let tolerance: Double?
    /// scikit-learn's `max_iter` (≥ 1): stop after this many iterations at most. `nil`: no limit
    /// beyond the iterations asked for.
    public let maximumIterations: Int?
    /// scikit-learn's `shuffle`: HALS visits the components in a random order each half-step
    /// (ignored by the multiplicative updates, as in scikit-learn).
    public let shuffle: Bool
    /// scikit-learn's `random_state` as the shuffle uses it: a fresh numpy stream seeded with it.
    public let randomState: UInt32
    /// scikit-learn's `MiniBatchNMF` parameters (`batch_size`, `forget_factor`, `fresh_restarts`, …),
    /// read only by `SolverKind.minibatch`.
    public let miniBatch: MiniBatchOptions

    /// The alpha of H that applies: `alphaH`, or `alphaW` for `'same'`.
    public var effectiveAlphaH: Double { alphaH ?? alphaW }

    /// The regularization terms as scikit-learn scales them (`_compute_regularization`): W's by the
    /// number of features n, H's by the number of samples m.
    public var regularization: Regularization { regularization(rows: data.rows) }

    /// The regularization terms for a block of `rows` rows of the data (H's scale with the rows):
    /// `MiniBatchNMF` calls `_compute_regularization` on each minibatch.
    public func regularization(rows: Int) -> Regularization {
        let (m, n) = (Double(rows), Double(data.columns))
        let alphaH = effectiveAlphaH
        return Regularization(l1W: n * alphaW * l1Ratio, l1H: m * alphaH * l1Ratio,
                              l2W: n * alphaW * (1.0 - l1Ratio), l2H: m * alphaH * (1.0 - l1Ratio))
    }

    /// The most numbers W and H may hold together: 2²⁷ doubles, 1 GiB (each solver keeps a few such
    /// buffers).
    public static let maximumFactorValues = 1 << 27

    /// The largest rank for m×n data: W, H and the k×k products (WᵀW, HHᵀ) within `maximumFactorValues`.
    public static func maximumRank(rows: Int, columns: Int) -> Int {
        let bySize = maximumFactorValues / max(1, rows + columns)
        let byGram = Int(Double(maximumFactorValues).squareRoot())
        return min(bySize, byGram)
    }

    /// Checks the parameters that do not depend on the data (what `init` checks first), so a front
    /// end can refuse them before it reads any data.
    ///
    /// - Throws: `NMFError.invalidParameter` naming the first parameter out of range.
    public static func validate(loss: Loss, alphaW: Double, alphaH: Double?, l1Ratio: Double,
                                tolerance: Double?, maximumIterations: Int?) throws(NMFError) {
        func require(_ ok: Bool, _ parameter: NMFError.Parameter, _ value: Double, _ requirement: String) throws(NMFError) {
            if !ok { throw NMFError.invalidParameter(parameter, value: value, requirement: requirement) }
        }
        try require(loss.beta.isFinite, .beta, loss.beta, "a finite number")
        try require(alphaW.isFinite && alphaW >= 0, .alphaW, alphaW, "a finite number ≥ 0")
        if let alphaH { try require(alphaH.isFinite && alphaH >= 0, .alphaH, alphaH, "a finite number ≥ 0") }
        try require(l1Ratio >= 0 && l1Ratio <= 1, .l1Ratio, l1Ratio, "between 0 and 1")
        if let tolerance { try require(tolerance.isFinite && tolerance >= 0, .tolerance, tolerance, "a finite number ≥ 0") }
        if let maximumIterations {
            try require(maximumIterations >= 1, .maximumIterations, Double(maximumIterations), "at least 1")
        }
    }

    /// Validates and stores a configuration.
    ///
    /// - Throws: `NMFError.invalidRank`, `.rankTooLargeForMemory`, `.invalidValue`, `.allZeroData`, `.unsupportedCombination`,
    ///   `.rankTooLargeForInitialization`, or `.shapeMismatch` for custom matrices;
    ///   `.invalidParameter` naming the parameter out of range; `.zeroDataWithNonPositiveBeta`.
    public init(data: Matrix, rank: Int = 2, loss: Loss = .frobenius, solver: SolverKind = .multiplicative,
                initialization: Initialization = .article(seed: 32), alphaW: Double = 0, alphaH: Double? = nil,
                l1Ratio: Double = 0, tolerance: Double? = nil, maximumIterations: Int? = nil,
                shuffle: Bool = false, randomState: UInt32 = 0, miniBatch: MiniBatchOptions = .standard) throws {
        try Self.validate(loss: loss, alphaW: alphaW, alphaH: alphaH, l1Ratio: l1Ratio, tolerance: tolerance,
                          maximumIterations: maximumIterations)
        guard rank >= 1 else { throw NMFError.invalidRank(rank) }
        // A typo in the rank must not ask for terabytes (the allocation would abort the process).
        let (_, overflow) = data.rows.addingReportingOverflow(data.columns)
        guard !overflow, rank <= Self.maximumRank(rows: data.rows, columns: data.columns) else {
            throw NMFError.rankTooLargeForMemory(rank: rank, rows: data.rows, columns: data.columns)
        }
        try data.validateNonNegative(name: "Y")
        guard data.values.contains(where: { $0 > 0 }) else { throw NMFError.allZeroData(source: "Y") }
        if loss.beta <= 0, let zero = data.values.firstIndex(of: 0) {
            throw NMFError.zeroDataWithNonPositiveBeta(beta: loss.beta, row: zero / data.columns,
                                                       column: zero % data.columns)
        }
        guard solver.minimizes(loss) else {
            throw NMFError.unsupportedCombination("solver '\(solver.name)' minimizes the Frobenius loss only; use the multiplicative updates for '\(loss.name)'")
        }
        switch initialization {
        case .nndsvd, .nndsvda, .nndsvdar:
            guard rank <= min(data.rows, data.columns) else {
                throw NMFError.rankTooLargeForInitialization(rank: rank, rows: data.rows, columns: data.columns,
                                                             initialization: initialization.name)
            }
        case let .custom(w, h):
            guard w.rows == data.rows, w.columns == rank else {
                throw NMFError.shapeMismatch(what: "custom W", expected: "\(data.rows)×\(rank)", actual: "\(w.rows)×\(w.columns)")
            }
            guard h.rows == rank, h.columns == data.columns else {
                throw NMFError.shapeMismatch(what: "custom H", expected: "\(rank)×\(data.columns)", actual: "\(h.rows)×\(h.columns)")
            }
        case .article, .random:
            break
        }
        self.data = data
        self.rank = rank
        self.loss = loss
        self.solver = solver
        self.initialization = initialization
        self.alphaW = alphaW
        self.alphaH = alphaH
        self.l1Ratio = l1Ratio
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.shuffle = shuffle
        self.randomState = randomState
        self.miniBatch = miniBatch
    }
}

/// The L1 and L2 terms added to the multiplicative updates' denominators and subtracted from (L1)
/// or added to the diagonal of (L2) the coordinate descent's products, already scaled.
public struct Regularization: Sendable, Equatable {
    /// L1 and L2 terms of W.
    public let l1W: Double, l2W: Double
    /// L1 and L2 terms of H.
    public let l1H: Double, l2H: Double

    /// True when every term is zero.
    public var isNone: Bool { l1W == 0 && l2W == 0 && l1H == 0 && l2H == 0 }

    /// The terms as given.
    public init(l1W: Double, l1H: Double, l2W: Double, l2H: Double) {
        (self.l1W, self.l1H, self.l2W, self.l2H) = (l1W, l1H, l2W, l2H)
    }
}
