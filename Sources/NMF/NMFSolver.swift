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
    public let iterations: Int

    public var underestimatedCount: Int { Swift.max(0, iterations + 1) }

    public func makeIterator() -> SnapshotIterator {
        SnapshotIterator(solver: solver, iterations: iterations)
    }
}

/// Produces one snapshot per `next()`; the workspace is allocated once, on creation.
///
/// Every snapshot is checked before it is handed out: a loss, W or H that is not finite (an overflow
/// or 0/0 in the updates) ends the iteration. `nextSnapshot()` then throws
/// `NMFError.nonFiniteResult` naming the iteration; `next()`, which cannot throw, returns nil and
/// keeps the error in `failure`, so a consumer that iterates with `for … in` must look there.
public struct SnapshotIterator: IteratorProtocol {
    private var state: any UpdaterState
    private let iterations: Int
    private var produced = 0
    /// Why the iteration stopped early, if it did.
    public private(set) var failure: NMFError?

    init(solver: NMFSolver, iterations: Int) {
        let c = solver.configuration
        self.init(state: makeUpdaterState(data: c.data, w: solver.initialW, h: solver.initialH,
                                          loss: c.loss, solver: c.solver),
                  iterations: iterations)
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
        guard produced <= iterations else { return nil }
        if produced > 0 { state.step() }
        let snapshot = Snapshot(iteration: produced, w: state.w, h: state.h, loss: state.currentLoss())
        if let what = SnapshotIterator.nonFinitePart(of: snapshot) {
            let error = NMFError.nonFiniteResult(iteration: produced, what: what)
            failure = error
            produced = iterations + 1
            throw error
        }
        produced += 1
        return snapshot
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
