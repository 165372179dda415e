/// Runs a factorization and hands out one `Snapshot` per iteration, lazily.
///
/// Building the solver validates the configuration and computes the starting matrices once;
/// `makeSnapshots(iterations:)` returns a sequence that allocates its workspace when iteration
/// starts and yields iterations 0…N, computing each only when asked. Nothing is kept unless the
/// caller keeps the snapshots. Each sequence starts afresh from the same starting matrices.
///
/// ```swift
/// let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
/// for snapshot in solver.makeSnapshots(iterations: 50) { print(snapshot.iteration, snapshot.loss) }
/// ```
public struct NMFSolver: Sendable {
    /// The validated configuration: data, rank, loss, solver, initialization, regularization and stopping rule.
    public let configuration: NMFConfiguration
    /// The small constant that replaces a zero denominator: scikit-learn's `EPSILON`, float32's eps
    /// (≈ 1.19e-7). Also the floor of WH in the KL ratio and loss, as in scikit-learn.
    public static let epsilon = Double(Float.ulpOfOne)

    /// The starting W (iteration 0).
    public let initialW: Matrix
    /// The starting H (iteration 0).
    public let initialH: Matrix

    /// Computes the starting matrices of `configuration`.
    ///
    /// - Throws: the initialization's errors (see `Initialization.matrices(for:rank:)`).
    public init(_ configuration: NMFConfiguration) throws {
        self.configuration = configuration
        (initialW, initialH) = try configuration.initialization.matrices(for: configuration.data,
                                                                          rank: configuration.rank)
    }

    /// The system BLAS library a factorization of this size uses for its large products, or `nil`
    /// when it runs on nmfviz's own kernels alone (small data, `NMFVIZ_BLAS=0`, or no BLAS found).
    public static func blasLibrary(rows: Int, columns: Int, rank: Int) -> String? {
        ProductEngine.automatic(m: rows, n: columns, k: rank).blas?.libraryName
    }

    /// Runs iterations 0 through `iterations` only to check that every snapshot is finite.
    ///
    /// For callers that consumed `makeSnapshots(iterations:)` with `for … in` and got fewer
    /// snapshots than asked: this finds out why, on that failure path only.
    ///
    /// - Throws: `NMFError.nonFiniteResult` naming the first iteration that is not finite.
    public func checkSnapshots(iterations: Int) throws(NMFError) {
        var iterator = makeSnapshots(iterations: iterations).makeIterator()
        while try iterator.nextSnapshot() != nil {}
    }

    /// The snapshots of iterations 0 through `iterations` (so `iterations + 1` of them; none if negative).
    public func makeSnapshots(iterations: Int) -> SnapshotSequence {
        SnapshotSequence(solver: self, iterations: iterations)
    }
}

/// The lazy sequence of snapshots 0…N of one run; see `NMFSolver.makeSnapshots(iterations:)`.
public struct SnapshotSequence: Sequence, Sendable {
    let solver: NMFSolver
    /// The last iteration asked for, N: the sequence yields at most N + 1 snapshots.
    public let iterations: Int

    /// 0: a run may end before `iterations` (a stopping rule, or a snapshot that is not finite), and
    /// `map` and `Array(_:)` trap on a sequence shorter than this count.
    public var underestimatedCount: Int { 0 }

    /// An iterator that starts from the solver's starting matrices.
    public func makeIterator() -> SnapshotIterator {
        SnapshotIterator(solver: solver, iterations: iterations)
    }
}

/// Why a run ended.
public enum StopReason: String, Sendable, Equatable {
    /// The iterations asked for (`makeSnapshots(iterations:)`) were all run.
    case iterations
    /// scikit-learn's criterion for `tolerance` was met (`NMFConfiguration.tolerance`), or for the
    /// minibatch solver its `max_no_improvement` (`MiniBatchOptions.maximumNoImprovement`).
    case converged
    /// `NMFConfiguration.maximumIterations` was reached.
    case maximumIterations = "max_iter"
}

/// scikit-learn's stopping rules, fed one iteration at a time.
///
/// Multiplicative updates (`_fit_multiplicative_update`): every 10 iterations the error
/// e = √(2·`_beta_divergence`) (for Frobenius, √‖Y − WH‖²_F, the same number) is compared with the
/// previous check's: stop when (e_prev − e) / e_0 < tol. Coordinate descent
/// (`_fit_coordinate_descent`): stop when the iteration's violation divided by the first
/// iteration's is at most tol (or the first is 0). MiniBatchNMF (`_minibatch_convergence`): the
/// state's own criterion (`UpdaterState.hasConverged`, see `MiniBatchState`). Then `max_iter`, which
/// for MiniBatchNMF counts passes over the data: `max_iter` × ⌈m / batch⌉ steps.
struct StoppingRule {
    let tolerance: Double?
    /// The last iteration allowed (`max_iter`, in minibatch steps for MiniBatchNMF).
    let maximumIterations: Int?
    let coordinateDescent: Bool
    let miniBatch: Bool
    let frobeniusLoss: Bool
    var errorAtStart = 0.0
    var previousError = 0.0
    var firstViolation: Double?

    init(_ configuration: NMFConfiguration) {
        tolerance = configuration.tolerance
        miniBatch = configuration.solver == .minibatch
        let stepsPerPass = miniBatch ? configuration.miniBatch.stepsPerPass(rows: configuration.data.rows) : 1
        maximumIterations = configuration.maximumIterations.map { passes in
            let (steps, overflow) = passes.multipliedReportingOverflow(by: stepsPerPass)
            return overflow ? Int.max : steps
        }
        coordinateDescent = configuration.solver == .hals
        frobeniusLoss = configuration.loss.beta == 2
    }

    /// scikit-learn's `_beta_divergence(…, square_root=True)` from the reported loss.
    func error(_ loss: Double) -> Double {
        frobeniusLoss ? max(loss, 0).squareRoot() : (2 * max(loss, 0)).squareRoot()
    }

    /// Whether to stop after `iteration` (0 = the start), whose loss is `loss` and whose step reported
    /// `violation` (and, for MiniBatchNMF, whether the state's criterion was met: `converged`).
    mutating func stop(after iteration: Int, loss: Double, violation: Double?, converged: Bool = false) -> StopReason? {
        if miniBatch {
            if converged { return .converged }
        } else if let tolerance {
            if coordinateDescent {
                if iteration >= 1, let violation {
                    if iteration == 1 { firstViolation = violation }
                    if let first = firstViolation, first == 0 || violation / first <= tolerance { return .converged }
                }
            } else if iteration == 0 {
                errorAtStart = error(loss)
                previousError = errorAtStart
            } else if tolerance > 0 && iteration % 10 == 0 {
                let current = error(loss)
                if (previousError - current) / errorAtStart < tolerance { return .converged }
                previousError = current
            }
        }
        if let maximumIterations, iteration >= maximumIterations { return .maximumIterations }
        return nil
    }
}

/// Produces one snapshot per `next()`; the workspace is allocated once, on creation.
///
/// Every snapshot is checked before it is handed out: a loss, W or H that is not finite (an overflow
/// or 0/0 in the updates) ends the iteration. `nextSnapshot()` then throws
/// `NMFError.nonFiniteResult` naming the iteration; `next()`, which cannot throw, returns nil and
/// keeps the error in `failure`, so a consumer that iterates with `for … in` must look there.
/// A run also ends, without error, where the configuration's stopping rule says (`stopReason`).
public struct SnapshotIterator: IteratorProtocol {
    private var state: any UpdaterState
    private let iterations: Int
    private var produced = 0
    private var rule: StoppingRule?
    private let counter = IterationCounter.current
    /// Why the iteration stopped early, if it did.
    public private(set) var failure: NMFError?
    /// Why the run ended, once it has: set with the last snapshot (so a consumer can tell, on
    /// receiving it, that no more follow).
    public private(set) var stopReason: StopReason?

    init(solver: NMFSolver, iterations: Int) {
        let c = solver.configuration
        self.init(state: makeUpdaterState(c, w: solver.initialW, h: solver.initialH), iterations: iterations)
        rule = StoppingRule(c)
    }

    init(state: any UpdaterState, iterations: Int) {
        self.state = state
        self.iterations = iterations
    }

    /// The next snapshot, nil after the last.
    ///
    /// - Throws: `NMFError.nonFiniteResult` when the loss, W or H is no longer finite (and again on
    ///   every later call).
    public mutating func nextSnapshot() throws(NMFError) -> Snapshot? {
        if let failure { throw failure }
        guard produced <= iterations, stopReason == nil else { return nil }
        if produced > 0 { counter?.countStep() } else { counter?.countStart() }
        let violation = produced > 0 ? state.step() : nil
        var snapshot = try checked(Snapshot(iteration: produced, w: state.w, h: state.h, loss: state.currentLoss()))
        if let reason = rule?.stop(after: produced, loss: snapshot.loss, violation: violation,
                                   converged: state.hasConverged) {
            stopReason = reason
        } else if produced == iterations {
            stopReason = .iterations
        }
        // Where the solver's own rules end the run (not merely the iterations asked for, so that a
        // shorter run stays a prefix of a longer one), its last snapshot is the run's result: what
        // scikit-learn computes after its loop enters it.
        if let reason = stopReason, reason != .iterations, produced > 0, state.finish() {
            snapshot = try checked(Snapshot(iteration: produced, w: state.w, h: state.h, loss: state.currentLoss()))
        }
        produced += 1
        return snapshot
    }

    /// `snapshot` if it is finite; else the failure, kept for every later call.
    private mutating func checked(_ snapshot: Snapshot) throws(NMFError) -> Snapshot {
        guard let what = SnapshotIterator.nonFinitePart(of: snapshot) else { return snapshot }
        let error = NMFError.nonFiniteResult(iteration: produced, what: what)
        failure = error
        produced = iterations + 1
        stopReason = nil
        throw error
    }

    /// The next snapshot; nil after the last, or once `failure` is set.
    public mutating func next() -> Snapshot? {
        try? nextSnapshot()
    }

    /// "the loss", "W" or "H" when that part of the snapshot holds a NaN or an infinity.
    static func nonFinitePart(of snapshot: Snapshot) -> String? {
        if !snapshot.loss.isFinite { return "the loss" }
        if !snapshot.w.values.allSatisfy(\.isFinite) { return "W" }
        if !snapshot.h.values.allSatisfy(\.isFinite) { return "H" }
        return nil
    }
}
