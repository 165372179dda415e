import Foundation

/// scikit-learn's `MiniBatchNMF` (≥ 1.1; `MiniBatchNMF._fit_transform`), one minibatch step per
/// iteration.
///
/// The rows are cut into batches as `gen_batches(n_samples, batch_size)` cuts them (rows 0..<b,
/// b..<2b, …, the last one shorter when b does not divide m) and visited in that order again and
/// again (`itertools.cycle`). One step (`_minibatch_step`) on batch X_b with its rows W_b of W:
/// 1. W_b ← one multiplicative W update (`_multiplicative_update_w`, W's regularization), or with
///    `freshRestarts` W_b solved from scratch (`_solve_W`: W_b filled with √(mean(X_b)/k), then up to
///    `fresh_restarts_max_iter` W updates, stopping when ‖ΔW‖/‖W‖ ≤ tol); for β < 1 entries below
///    double's eps become 0;
/// 2. H ← the online update (`_multiplicative_update_h` with A, B, ρ): with N and D the usual H
///    numerator and denominator on X_b (H's regularization scaled by the batch's rows, as
///    `_compute_regularization(X_b)` scales it), A ← ρA + N ∘ H^(1/γ), B ← ρB + D, H ← (A/B)^γ, where
///    A starts as H₀, B as ones and ρ = forget_factor^(batch/m); for β ≤ 1 entries below eps become 0.
///
/// What a snapshot holds, and how it maps to scikit-learn: iteration t is the state after step t
/// (scikit-learn's loop index i = t − 1), so `n_steps_` is the last iteration and `n_iter_` =
/// ⌈steps / steps per pass⌉; `max_iter` counts passes (the run stops after `max_iter` × ⌈m/b⌉
/// steps). W is the whole m×k W: the rows of batches not yet visited keep their last values, so
/// WH is drawable at every step. Without fresh restarts that is exactly scikit-learn's W, which it
/// updates in place through the view `W[batch]`. With fresh restarts scikit-learn throws each
/// batch's solved W_b away (its full W keeps the starting values until the end); here W_b is written
/// into W's rows, for the picture only: no later step reads it. The loss is the configured loss of
/// all the data with the whole W and H. Where `max_iter` or the stopping rule below ends the run
/// (where scikit-learn's loop ends), the last snapshot is what `fit_transform` returns: with fresh
/// restarts `finish()` solves W on all the data (`_solve_W(X, H, transform_max_iter)`). A run that
/// ends only because the iterations asked for are done is a prefix of a longer one: no final solve
/// (so a still of iteration t shows the animation's frame t).
///
/// Stopping (`_minibatch_convergence`, skipped at step 1): with tol > 0, stop when ‖H − H_prev‖/‖H‖ ≤
/// tol; with `max_no_improvement`, stop when the exponentially weighted average of the batch cost
/// (weight b/(m+1)) has not reached a new minimum for that many steps. The batch cost is
/// `_beta_divergence(X_b, W_b, H)` plus the regularization terms, over the batch's rows.
struct MiniBatchState: UpdaterState {
    /// One batch size's workspace: the multiplicative rule on its rows (its `y`, `w` refilled per
    /// step; `h` swapped in), its regularization, and the buffers of the cost and of `_solve_W`.
    struct Batch {
        var rule: MultiplicativeBetaState
        var model: Matrix
        var previousW: Matrix
    }

    let y: Matrix
    var w: Matrix
    var h: Matrix
    let m: Int, n: Int, k: Int
    let loss: Loss
    let options: MiniBatchOptions
    let batchSize: Int
    let stepsPerPass: Int
    let rho: Double
    /// scikit-learn's `tol` (0 when not set: its checks are then off).
    let tolerance: Double
    /// The iterations of the final W solve (fresh restarts).
    let transformIterations: Int
    let engine: ProductEngine
    let configuration: NMFConfiguration
    /// scikit-learn's `_components_numerator` (A) and `_components_denominator` (B).
    var numeratorA: Matrix
    var denominatorB: Matrix
    /// H before the last step (`H_buffer`).
    var previousH: Matrix
    /// The workspaces of the full batch and of the shorter last one.
    var fullBatch: Batch?
    var lastBatch: Batch?
    /// WH of all the data, for the reported loss.
    var model: Matrix
    /// Steps done (scikit-learn's i + 1).
    var stepsDone = 0
    var ewaCost: Double?
    var ewaCostMinimum: Double?
    var noImprovement = 0
    private(set) var hasConverged = false

    init(_ configuration: NMFConfiguration, w: Matrix, h: Matrix, engine: ProductEngine) {
        let c = configuration
        self.configuration = c
        (y, self.w, self.h, self.engine) = (c.data, w, h, engine)
        (m, n, k) = (c.data.rows, c.data.columns, w.columns)
        loss = c.loss
        options = c.miniBatch
        batchSize = options.effectiveBatchSize(rows: m)
        stepsPerPass = options.stepsPerPass(rows: m)
        rho = options.rho(rows: m)
        tolerance = c.tolerance ?? 0
        transformIterations = options.transformMaximumIterations ?? c.maximumIterations ?? 200
        numeratorA = h
        denominatorB = Matrix(validRows: h.rows, columns: h.columns,
                              values: [Double](repeating: 1, count: h.values.count))
        previousH = h
        model = .zeros(m, n)
    }

    /// A workspace for batches of `rows` rows.
    func makeBatch(rows: Int, data: Matrix? = nil) -> Batch {
        let rule = MultiplicativeBetaState(data: data ?? .zeros(rows, n), w: .zeros(rows, k), h: h, loss: loss,
                                           regularization: configuration.regularization(rows: rows),
                                           engine: engine, gramLoss: nil, reportsLoss: false)
        return Batch(rule: rule, model: options.maximumNoImprovement == nil ? .zeros(1, 1) : .zeros(rows, n),
                     previousW: .zeros(rows, k))
    }

    mutating func step() -> Double? {
        let start = (stepsDone % stepsPerPass) * batchSize
        let rows = min(batchSize, m - start)
        let isFull = rows == batchSize
        var batch = (isFull ? fullBatch.take() : lastBatch.take()) ?? makeBatch(rows: rows)
        Self.copyRows(of: y, from: start, count: rows, into: &batch.rule.y)
        swap(&batch.rule.h, &h)
        if options.freshRestarts {
            Self.solveW(&batch, maximumIterations: options.freshRestartsMaximumIterations, tolerance: tolerance)
        } else {
            Self.copyRows(of: w, from: start, count: rows, into: &batch.rule.w)
            batch.rule.updateW()
        }
        if loss.beta < 1 { MultiplicativeBetaState.flushTiny(&batch.rule.w) }
        let cost = options.maximumNoImprovement == nil ? 0 : Self.batchCost(&batch)
        batch.rule.computeHTerms()
        let r = batch.rule.regularization
        Self.applyOnline(&batch.rule.h, numerator: batch.rule.numeratorH, denominator: &batch.rule.denominatorH,
                         l1: r.l1H, l2: r.l2H, gamma: batch.rule.gamma, a: &numeratorA, b: &denominatorB, rho: rho)
        if loss.beta <= 1 { MultiplicativeBetaState.flushTiny(&batch.rule.h) }
        swap(&batch.rule.h, &h)
        // W's rows of this batch (with fresh restarts, for the picture only: see the type's comment).
        w.values.withUnsafeMutableBufferPointer { pw in
            batch.rule.w.values.withUnsafeBufferPointer { pb in
                for index in 0..<(rows * k) { pw[start * k + index] = pb[index] }
            }
        }
        if isFull { fullBatch = batch } else { lastBatch = batch }
        stepsDone += 1
        hasConverged = converged(cost: cost, rows: rows)
        previousH.values.withUnsafeMutableBufferPointer { p in
            h.values.withUnsafeBufferPointer { q in for index in q.indices { p[index] = q[index] } }
        }
        return nil
    }

    /// `_minibatch_convergence` after the step just done on `rows` rows with batch cost `cost`.
    mutating func converged(cost: Double, rows: Int) -> Bool {
        guard stepsDone > 1 else { return false }
        if options.maximumNoImprovement != nil {
            if let previous = ewaCost {
                let alpha = min(Double(rows) / Double(m + 1), 1)
                ewaCost = previous * (1 - alpha) + cost * alpha
            } else {
                ewaCost = cost
            }
        }
        if tolerance > 0 {
            var difference = 0.0, size = 0.0
            for index in h.values.indices {
                let d = h.values[index] - previousH.values[index]
                difference += d * d
                size += h.values[index] * h.values[index]
            }
            if difference.squareRoot() / size.squareRoot() <= tolerance { return true }
        }
        if let limit = options.maximumNoImprovement, let ewa = ewaCost {
            if let minimum = ewaCostMinimum, !(ewa < minimum) {
                noImprovement += 1
            } else {
                noImprovement = 0
                ewaCostMinimum = ewa
            }
            if noImprovement >= limit { return true }
        }
        return false
    }

    /// With fresh restarts, W of all the data for the final H (`_solve_W(X, H, transform_max_iter)`),
    /// as `_fit_transform` ends.
    mutating func finish() -> Bool {
        guard options.freshRestarts, stepsDone > 0 else { return false }
        var all = makeBatch(rows: m, data: y)
        all.rule.h = h
        Self.solveW(&all, maximumIterations: transformIterations, tolerance: tolerance)
        w = all.rule.w
        return true
    }

    mutating func currentLoss() -> Double {
        engine.times(w, h, into: &model)
        if loss.beta == 2 { return Self.squaredDistance(y.values, model.values) }
        return MultiplicativeBetaState.betaDivergence(y: y.values, wh: model.values, beta: loss.beta)
    }

    /// Σ (a − b)².
    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in 0..<min(a.count, b.count) {
            let d = a[index] - b[index]
            sum += d * d
        }
        return sum
    }

    /// Rows `start..<start + count` of `source` into `target` (count × columns, uniquely owned).
    static func copyRows(of source: Matrix, from start: Int, count: Int, into target: inout Matrix) {
        let columns = source.columns
        source.values.withUnsafeBufferPointer { ps in
            target.values.withUnsafeMutableBufferPointer { pt in
                for index in 0..<(count * columns) { pt[index] = ps[start * columns + index] }
            }
        }
    }

    /// `_solve_W`: W_b from √(mean(X_b)/k), then up to `maximumIterations` W updates, stopping when
    /// ‖W − W_prev‖/‖W‖ ≤ tol (tol > 0).
    static func solveW(_ batch: inout Batch, maximumIterations: Int, tolerance: Double) {
        let data = batch.rule.y.values
        let mean = data.reduce(0, +) / Double(data.count)
        let start = (mean / Double(batch.rule.k)).squareRoot()
        for index in batch.rule.w.values.indices {
            batch.rule.w.values[index] = start
            batch.previousW.values[index] = start
        }
        for _ in 0..<maximumIterations {
            batch.rule.updateW()
            if tolerance > 0 {
                var difference = 0.0, size = 0.0
                for index in batch.rule.w.values.indices {
                    let x = batch.rule.w.values[index]
                    let d = x - batch.previousW.values[index]
                    difference += d * d
                    size += x * x
                }
                if difference.squareRoot() / size.squareRoot() <= tolerance { break }
            }
            for index in batch.rule.w.values.indices { batch.previousW.values[index] = batch.rule.w.values[index] }
        }
    }

    /// `_minibatch_step`'s batch cost: (`_beta_divergence(X_b, W_b, H)` + l1_W Σ W_b + l1_H Σ H +
    /// l2_W Σ W_b² + l2_H Σ H²) / rows, with scikit-learn's half Frobenius loss for β = 2.
    static func batchCost(_ batch: inout Batch) -> Double {
        let rule = batch.rule
        rule.engine.times(rule.w, rule.h, into: &batch.model)
        let divergence = rule.beta == 2
            ? squaredDistance(rule.y.values, batch.model.values) / 2
            : MultiplicativeBetaState.betaDivergence(y: rule.y.values, wh: batch.model.values, beta: rule.beta)
        let r = rule.regularization
        let sumW = rule.w.values.reduce(0, +), sumH = rule.h.values.reduce(0, +)
        let squaresW = rule.w.values.reduce(0) { $0 + $1 * $1 }, squaresH = rule.h.values.reduce(0) { $0 + $1 * $1 }
        return (divergence + r.l1W * sumW + r.l1H * sumH + r.l2W * squaresW + r.l2H * squaresH) / Double(rule.m)
    }

    /// The online H update of `_multiplicative_update_h` (A, B, ρ given), in scikit-learn's order:
    /// D ← D + l1 + l2·H (a zero read as ε), H ← H^(1/γ), A ← ρA + N ∘ H, B ← ρB + D, H ← (A/B)^γ.
    static func applyOnline(_ h: inout Matrix, numerator: Matrix, denominator: inout Matrix, l1: Double, l2: Double,
                            gamma: Double, a: inout Matrix, b: inout Matrix, rho: Double) {
        let inverse = 1 / gamma
        let count = h.values.count
        h.values.withUnsafeMutableBufferPointer { ph in
            numerator.values.withUnsafeBufferPointer { pn in
                denominator.values.withUnsafeMutableBufferPointer { pd in
                    a.values.withUnsafeMutableBufferPointer { pa in
                        b.values.withUnsafeMutableBufferPointer { pb in
                            for index in 0..<count {
                                var d = pd[index]
                                if l1 > 0 { d += l1 }
                                if l2 > 0 { d = d + l2 * ph[index] }
                                if d == 0 { d = NMFSolver.epsilon }
                                var x = ph[index]
                                if gamma != 1 { x = MultiplicativeBetaState.power(x, inverse) }
                                pa[index] = pa[index] * rho + pn[index] * x
                                pb[index] = pb[index] * rho + d
                                var updated = pa[index] / pb[index]
                                if gamma != 1 { updated = MultiplicativeBetaState.power(updated, gamma) }
                                ph[index] = updated
                            }
                        }
                    }
                }
            }
        }
    }
}

private extension Optional {
    /// The value, leaving nil behind (so that the caller owns the only reference to its buffers).
    mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
