/// The working state of one algorithm: W, H and the buffers its iterations write into, allocated once.
///
/// Each update rule has its own type (as JuliaStats/NMF.jl has one updater state per algorithm):
/// `MultiplicativeFrobeniusState`, `MultiplicativeKLState` and `HALSState`. `SnapshotIterator` is the
/// one iteration driver over them. A state's buffers are plain `Matrix` values owned only by it, so
/// the in-place writes never copy; W and H are copied only when a caller still holds the snapshot
/// that shares them (copy-on-write).
protocol UpdaterState {
    /// The current m×k W.
    var w: Matrix { get }
    /// The current k×n H.
    var h: Matrix { get }
    /// One iteration in place: W first, then H with the new W.
    mutating func step()
    /// The configured loss of the current W and H.
    mutating func currentLoss() -> Double
}

/// The state for `solver` and `loss` from (w, h).
///
/// - Parameters:
///   - engine: who computes the products; by default `ProductEngine.automatic(m:n:k:)`.
///   - gramLoss: whether the Frobenius loss goes through Gram matrices; by default when m·n·k
///     reaches `FrobeniusWorkspace.gramLossWorkThreshold`. Tests force both choices on small data.
/// - Precondition: the shapes fit (the configuration checked them).
func makeUpdaterState(data: Matrix, w: Matrix, h: Matrix, loss: Loss, solver: SolverKind,
                      engine: ProductEngine? = nil, gramLoss: Bool? = nil) -> any UpdaterState {
    let engine = engine ?? ProductEngine.automatic(m: data.rows, n: data.columns, k: w.columns)
    switch (solver, loss) {
    case (.multiplicative, .frobenius):
        return MultiplicativeFrobeniusState(data: data, w: w, h: h, engine: engine, gramLoss: gramLoss)
    case (.multiplicative, .kullbackLeibler):
        return MultiplicativeKLState(data: data, w: w, h: h, engine: engine)
    case (.hals, _):
        return HALSState(data: data, w: w, h: h, engine: engine, gramLoss: gramLoss)
    }
}

extension Matrix {
    /// A rows×columns matrix of zeros for a workspace (sizes already valid).
    static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(validRows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }
}
