/// The working state of one algorithm: W, H and the buffers its iterations write into, allocated once.
///
/// Each update rule has its own type (as JuliaStats/NMF.jl has one updater state per algorithm):
/// `MultiplicativeFrobeniusState`, `MultiplicativeKLState`, `MultiplicativeBetaState`, `HALSState` and
/// `MiniBatchState` (one minibatch step per iteration). `SnapshotIterator` is the
/// one iteration driver over them. A state's buffers are plain `Matrix` values owned only by it, so
/// the in-place writes never copy; W and H are copied only when a caller still holds the snapshot
/// that shares them (copy-on-write).
protocol UpdaterState {
    /// The current m×k W.
    var w: Matrix { get }
    /// The current k×n H.
    var h: Matrix { get }
    /// One iteration in place: W first, then H with the new W.
    ///
    /// - Returns: for coordinate descent, scikit-learn's violation of the iteration (the sum of the
    ///   projected gradients' magnitudes), which its stopping rule uses; nil for the other rules.
    @discardableResult
    mutating func step() -> Double?
    /// The configured loss of the current W and H.
    mutating func currentLoss() -> Double
    /// Whether the rule's own stopping criterion was met by the last step (MiniBatchNMF's, which
    /// needs what only the state sees: the batch cost and the previous H). False by default.
    var hasConverged: Bool { get }
    /// The work scikit-learn does once after its loop, on the last iteration when a stopping rule
    /// (`max_iter`, `tol`, …) ends the run (MiniBatchNMF's final W solve with fresh restarts); nothing
    /// by default.
    ///
    /// - Returns: whether W or H changed.
    mutating func finish() -> Bool
}

extension UpdaterState {
    /// No stopping criterion of its own.
    var hasConverged: Bool { false }
    /// Nothing to do after the last iteration.
    mutating func finish() -> Bool { false }
}

/// The state for `solver` and `loss` from (w, h), with no regularization and no shuffle.
///
/// - Parameters:
///   - engine: who computes the products; by default `ProductEngine.automatic(m:n:k:)`.
///   - gramLoss: whether the Frobenius loss goes through Gram matrices; by default when m·n·k
///     reaches `FrobeniusWorkspace.gramLossWorkThreshold`. Tests force both choices on small data.
/// - Precondition: the shapes fit (the configuration checked them).
func makeUpdaterState(data: Matrix, w: Matrix, h: Matrix, loss: Loss, solver: SolverKind,
                      engine: ProductEngine? = nil, gramLoss: Bool? = nil) -> any UpdaterState {
    makeUpdaterState(data: data, w: w, h: h, loss: loss, solver: solver,
                     regularization: Regularization(l1W: 0, l1H: 0, l2W: 0, l2H: 0), shuffleSeed: nil,
                     engine: engine, gramLoss: gramLoss)
}

/// The state of `configuration`'s rule from (w, h).
func makeUpdaterState(_ configuration: NMFConfiguration, w: Matrix, h: Matrix,
                      engine: ProductEngine? = nil, gramLoss: Bool? = nil) -> any UpdaterState {
    let c = configuration
    if c.solver == .minibatch {
        let engine = engine ?? ProductEngine.automatic(m: c.data.rows, n: c.data.columns, k: w.columns)
        return MiniBatchState(c, w: w, h: h, engine: engine)
    }
    return makeUpdaterState(data: c.data, w: w, h: h, loss: c.loss, solver: c.solver,
                            regularization: c.regularization, shuffleSeed: c.shuffle ? c.randomState : nil,
                            engine: engine, gramLoss: gramLoss)
}

/// The one place that chooses the state type among the full-batch rules: HALS for `.hals`; for the
/// multiplicative updates the article's Frobenius rule or the KL rule when there is no
/// regularization, scikit-learn's general β rule otherwise (and for every other β). `.minibatch`
/// needs the configuration's `miniBatch` options: the overload that takes the configuration builds
/// its `MiniBatchState`; here it falls back to the general β rule (the same update on one batch of
/// all the rows, without the running average of H).
func makeUpdaterState(data: Matrix, w: Matrix, h: Matrix, loss: Loss, solver: SolverKind,
                      regularization: Regularization, shuffleSeed: UInt32?,
                      engine: ProductEngine?, gramLoss: Bool?) -> any UpdaterState {
    let engine = engine ?? ProductEngine.automatic(m: data.rows, n: data.columns, k: w.columns)
    switch solver {
    case .hals:
        return HALSState(data: data, w: w, h: h, engine: engine, gramLoss: gramLoss,
                         regularization: regularization, shuffleSeed: shuffleSeed)
    case .multiplicative where regularization.isNone && loss.beta == 2:
        return MultiplicativeFrobeniusState(data: data, w: w, h: h, engine: engine, gramLoss: gramLoss)
    case .multiplicative where regularization.isNone && loss.beta == 1:
        return MultiplicativeKLState(data: data, w: w, h: h, engine: engine)
    case .multiplicative, .minibatch:
        return MultiplicativeBetaState(data: data, w: w, h: h, loss: loss, regularization: regularization,
                                       engine: engine, gramLoss: gramLoss)
    }
}

extension Matrix {
    /// A rows×columns matrix of zeros for a workspace (sizes already valid).
    static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(validRows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }
}
