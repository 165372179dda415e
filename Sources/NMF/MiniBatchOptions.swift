import Foundation

/// The parameters of scikit-learn's `MiniBatchNMF` (≥ 1.1) beyond those it shares with `NMF`, under
/// its names, validated as its `_parameter_constraints` say. Only `SolverKind.minibatch` reads them.
///
/// Defaults are scikit-learn's, except `maximumNoImprovement`: nil here (no such stop) where
/// scikit-learn's is 10, as nmfviz runs the iterations asked for unless a stopping rule is set (see
/// `NMFConfiguration`).
public struct MiniBatchOptions: Sendable, Equatable {
    /// scikit-learn's `batch_size` (≥ 1): the rows in one minibatch; more than the data's rows means
    /// all of them (scikit-learn clips it to `n_samples` too).
    public let batchSize: Int
    /// scikit-learn's `forget_factor` in [0, 1]: how much of the past batches H's running numerator
    /// and denominator keep (ρ = forget_factor^(batch_size / n_samples) per step; 0 forgets all, 1
    /// nothing).
    public let forgetFactor: Double
    /// scikit-learn's `fresh_restarts`: solve each batch's W from scratch (`_solve_W`) instead of
    /// one multiplicative step from its previous values, and W of all the data where a stopping rule
    /// (`max_iter`, `tol`, `max_no_improvement`) ends the run.
    public let freshRestarts: Bool
    /// scikit-learn's `fresh_restarts_max_iter` (≥ 1): the W iterations of one fresh restart.
    public let freshRestartsMaximumIterations: Int
    /// scikit-learn's `transform_max_iter` (≥ 1): the W iterations of the final solve on all the data
    /// (fresh restarts only); nil: `max_iter`, or scikit-learn's default 200 when that is not set.
    public let transformMaximumIterations: Int?
    /// scikit-learn's `max_no_improvement` (≥ 1): stop after this many steps in a row without a new
    /// minimum of the smoothed (exponentially weighted) batch cost; nil: no such stop.
    public let maximumNoImprovement: Int?

    /// Validated options; every argument defaults to scikit-learn's value (`maximumNoImprovement`
    /// excepted, see above).
    ///
    /// - Throws: `NMFError.invalidParameter` naming the first parameter out of range.
    public init(batchSize: Int = 1024, forgetFactor: Double = 0.7, freshRestarts: Bool = false,
                freshRestartsMaximumIterations: Int = 30, transformMaximumIterations: Int? = nil,
                maximumNoImprovement: Int? = nil) throws(NMFError) {
        func atLeastOne(_ value: Int?, _ parameter: NMFError.Parameter) throws(NMFError) {
            if let value, value < 1 {
                throw NMFError.invalidParameter(parameter, value: Double(value), requirement: "a whole number ≥ 1")
            }
        }
        try atLeastOne(batchSize, .batchSize)
        guard forgetFactor >= 0 && forgetFactor <= 1 else {
            throw NMFError.invalidParameter(.forgetFactor, value: forgetFactor, requirement: "between 0 and 1")
        }
        try atLeastOne(freshRestartsMaximumIterations, .freshRestartsMaximumIterations)
        try atLeastOne(transformMaximumIterations, .transformMaximumIterations)
        try atLeastOne(maximumNoImprovement, .maximumNoImprovement)
        self.batchSize = batchSize
        self.forgetFactor = forgetFactor
        self.freshRestarts = freshRestarts
        self.freshRestartsMaximumIterations = freshRestartsMaximumIterations
        self.transformMaximumIterations = transformMaximumIterations
        self.maximumNoImprovement = maximumNoImprovement
    }

    /// scikit-learn's defaults (`maximumNoImprovement` nil).
    public static let standard = MiniBatchOptions(validBatchSize: 1024)

    private init(validBatchSize: Int) {
        (batchSize, forgetFactor, freshRestarts) = (validBatchSize, 0.7, false)
        (freshRestartsMaximumIterations, transformMaximumIterations, maximumNoImprovement) = (30, nil, nil)
    }

    /// The rows of one batch for data of `rows` rows: `min(batchSize, rows)` (`_check_params`).
    public func effectiveBatchSize(rows: Int) -> Int { min(batchSize, rows) }

    /// The steps of one pass over data of `rows` rows: ⌈rows / batch⌉ (scikit-learn's
    /// `n_steps_per_iter`; its `max_iter` and `n_iter_` count such passes).
    public func stepsPerPass(rows: Int) -> Int {
        let batch = max(1, effectiveBatchSize(rows: rows))
        return (rows + batch - 1) / batch
    }

    /// H's forgetting per step: forget_factor^(batch / rows), scikit-learn's `_rho`.
    public func rho(rows: Int) -> Double {
        pow(forgetFactor, Double(effectiveBatchSize(rows: rows)) / Double(rows))
    }
}
