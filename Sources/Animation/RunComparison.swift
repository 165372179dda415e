import NMF

/// Runs to put side by side: the same data, with one parameter changed — the update rule, the loss,
/// the initialization, its seed, the rank, or one of scikit-learn's parameters (beta, alpha_W,
/// alpha_H, l1_ratio, tol, max_iter, shuffle, and MiniBatchNMF's batch_size, forget_factor,
/// fresh_restarts, max_no_improvement) — one row each, titled with its value.
///
/// The parameters a comparison can vary are one table, `parameters`: one entry per key, saying how a
/// value is read and how it changes a configuration. A parameter added to `NMFConfiguration` is one
/// more entry (and one more argument in `rebuilt`).
public struct RunComparison: Sendable, Equatable {
    /// What differs between the runs, for the two comparisons that came first.
    public enum Kind: Sendable, Equatable {
        /// One run per update rule.
        case solvers([SolverKind])
        /// One run per loss.
        case losses([Loss])
    }

    /// One parameter a comparison can vary.
    public struct Parameter: Sendable {
        /// The name written before `=`: "solver", "rank".
        public let key: String
        /// What the values may be, for messages: "mu or hals".
        public let values: String
        /// Whether the row labels say the key too ("rank 3"; bare numbers would say nothing).
        let labelsWithKey: Bool
        /// Whether runs differing in this parameter minimize the same loss (their curves share an axis).
        let sharesLoss: Bool
        /// Whether `value` is one this parameter takes.
        let accepts: @Sendable (String) -> Bool
        /// `base` with the parameter set to `value` (one it `accepts`).
        let apply: @Sendable (NMFConfiguration, String) throws -> NMFConfiguration
    }

    /// The most runs a comparison draws: six rows stay readable on one figure.
    public static let maximumRuns = 6

    /// Every parameter a comparison can vary, one entry per key; the first three may be named by their
    /// values alone (`mu,hals`, `frobenius,kl`, `random,nndsvd`).
    public static let parameters: [Parameter] = [
        Parameter(key: "solver", values: "mu, hals or minibatch", labelsWithKey: false, sharesLoss: true,
                  accepts: { SolverKind(rawValue: $0) != nil },
                  apply: { c, v in try rebuilt(c, solver: SolverKind(rawValue: v)) }),
        Parameter(key: "loss", values: Loss.names.joined(separator: ", "), labelsWithKey: false, sharesLoss: false,
                  accepts: { Loss(name: $0) != nil },
                  apply: { c, v in try rebuilt(c, loss: Loss(name: v)) }),
        Parameter(key: "init", values: Initialization.names.joined(separator: ", "), labelsWithKey: false,
                  sharesLoss: true, accepts: { Initialization.names.contains($0) },
                  apply: { c, v in try rebuilt(c, initialization: Initialization(name: v, seed: c.initialization.seed ?? Dataset.articleSeed)) }),
        Parameter(key: "seed", values: "whole numbers from 0 to 4294967295", labelsWithKey: true, sharesLoss: true,
                  accepts: { UInt32($0) != nil },
                  apply: { c, v in
                      guard c.initialization.seed != nil, let seed = UInt32(v) else {
                          throw AnimationError.badValue(.comparison, given: "seed=…",
                                                        reason: "the initialization \(c.initialization.name) draws no random numbers: compare seeds with init article, random or nndsvdar")
                      }
                      return try rebuilt(c, initialization: Initialization(name: c.initialization.name, seed: seed))
                  }),
        Parameter(key: "rank", values: "whole numbers from 1", labelsWithKey: true, sharesLoss: true,
                  accepts: { (Int($0) ?? 0) >= 1 },
                  apply: { c, v in try rebuilt(c, rank: Int(v)) }),
        Parameter(key: "beta", values: "finite numbers (2 Frobenius, 1 KL, 0 Itakura–Saito)", labelsWithKey: true,
                  sharesLoss: false, accepts: { Double($0)?.isFinite == true },
                  apply: { c, v in try rebuilt(c, loss: Loss(beta: Double(v) ?? 2)) }),
        number("alpha_W", "numbers ≥ 0") { c, x in try rebuilt(c, alphaW: x) },
        number("alpha_H", "numbers ≥ 0") { c, x in try rebuilt(c, alphaH: .some(x)) },
        number("l1_ratio", "numbers from 0 to 1") { c, x in try rebuilt(c, l1Ratio: x) },
        number("tol", "numbers ≥ 0") { c, x in try rebuilt(c, tolerance: .some(x)) },
        Parameter(key: "max_iter", values: "whole numbers from 1", labelsWithKey: true, sharesLoss: true,
                  accepts: { (Int($0) ?? 0) >= 1 },
                  apply: { c, v in try rebuilt(c, maximumIterations: .some(Int(v))) }),
        Parameter(key: "shuffle", values: "true or false", labelsWithKey: true, sharesLoss: true,
                  accepts: { Bool($0) != nil },
                  apply: { c, v in try rebuilt(c, shuffle: Bool(v)) }),
        Parameter(key: "batch_size", values: "whole numbers from 1", labelsWithKey: true, sharesLoss: true,
                  accepts: { (Int($0) ?? 0) >= 1 },
                  apply: { c, v in try rebuilt(c, miniBatch: miniBatch(c.miniBatch, batchSize: Int(v))) }),
        number("forget_factor", "numbers from 0 to 1") { c, x in try rebuilt(c, miniBatch: miniBatch(c.miniBatch, forgetFactor: x)) },
        Parameter(key: "fresh_restarts", values: "true or false", labelsWithKey: true, sharesLoss: true,
                  accepts: { Bool($0) != nil },
                  apply: { c, v in try rebuilt(c, miniBatch: miniBatch(c.miniBatch, freshRestarts: Bool(v))) }),
        Parameter(key: "max_no_improvement", values: "whole numbers from 1", labelsWithKey: true, sharesLoss: true,
                  accepts: { (Int($0) ?? 0) >= 1 },
                  apply: { c, v in try rebuilt(c, miniBatch: miniBatch(c.miniBatch, maximumNoImprovement: .some(Int(v)))) }),
    ]

    /// `base` with the given minibatch options replaced (validated again).
    static func miniBatch(_ base: MiniBatchOptions, batchSize: Int? = nil, forgetFactor: Double? = nil,
                          freshRestarts: Bool? = nil, maximumNoImprovement: Int?? = nil) throws -> MiniBatchOptions {
        try MiniBatchOptions(batchSize: batchSize ?? base.batchSize, forgetFactor: forgetFactor ?? base.forgetFactor,
                             freshRestarts: freshRestarts ?? base.freshRestarts,
                             freshRestartsMaximumIterations: base.freshRestartsMaximumIterations,
                             transformMaximumIterations: base.transformMaximumIterations,
                             maximumNoImprovement: maximumNoImprovement ?? base.maximumNoImprovement)
    }

    /// A parameter that takes finite numbers and minimizes the same loss in every run (the
    /// configuration checks the range and names the parameter).
    private static func number(_ key: String, _ values: String,
                               _ apply: @escaping @Sendable (NMFConfiguration, Double) throws -> NMFConfiguration) -> Parameter {
        Parameter(key: key, values: values, labelsWithKey: true, sharesLoss: true,
                  accepts: { Double($0)?.isFinite == true },
                  apply: { c, v in try apply(c, Double(v) ?? 0) })
    }

    /// The parameter compared.
    public let key: String
    /// Its value in each run, in row order, as given.
    public let values: [String]

    /// Runs with `key` set to each of `values`.
    ///
    /// - Throws: `AnimationError.badValue(.comparison, …)` for an unknown key, a value it does not take,
    ///   fewer than two values, more than `maximumRuns`, or a value given twice.
    public init(key: String, values: [String]) throws {
        let given = "\(key)=\(values.joined(separator: ","))"
        guard let parameter = Self.parameters.first(where: { $0.key == key }) else {
            throw AnimationError.badValue(.comparison, given: given, reason: "unknown parameter '\(key)' (known: "
                + Self.parameters.map(\.key).joined(separator: ", ") + ")")
        }
        if let bad = values.first(where: { !parameter.accepts($0) }) {
            throw AnimationError.badValue(.comparison, given: given, reason: "'\(bad)' is not a \(key) (\(parameter.values))")
        }
        guard values.count >= 2, Set(values).count == values.count else {
            throw AnimationError.badValue(.comparison, given: given, reason: "a comparison needs two or more different runs")
        }
        guard values.count <= Self.maximumRuns else {
            throw AnimationError.badValue(.comparison, given: given,
                                          reason: "\(values.count) runs; at most \(Self.maximumRuns) rows fit on one figure")
        }
        self.key = key
        self.values = values
    }

    /// Reads `key=v1,v2,…`, or `v1,v2,…` alone for solvers, losses and initializations.
    ///
    /// - Throws: as `init(key:values:)`; `AnimationError.badValue(.comparison, …)` for values alone that
    ///   name no one parameter.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func list(_ s: Substring) -> [String] {
            s.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        }
        if parts.count == 2 {
            try self.init(key: String(parts[0]).trimmingSpaces, values: list(parts[1]))
            return
        }
        let values = list(parts[0])
        guard let parameter = Self.parameters.prefix(3).first(where: { p in values.allSatisfy(p.accepts) }) else {
            throw AnimationError.badValue(.comparison, given: text, reason: "name the parameter, as in "
                + "solver=mu,hals, loss=frobenius,kl, init=random,nndsvd, seed=0,1,2 or rank=2,3,4")
        }
        try self.init(key: parameter.key, values: values)
    }

    /// The first comparisons' form: solvers or losses.
    ///
    /// - Throws: as `init(key:values:)`.
    public init(_ kind: Kind) throws {
        switch kind {
        case let .solvers(solvers): try self.init(key: "solver", values: solvers.map(\.name))
        case let .losses(losses): try self.init(key: "loss", values: losses.map(\.name))
        }
    }

    /// The table's entry for `key` (`init` checked that there is one).
    private var parameter: Parameter? { Self.parameters.first { $0.key == key } }

    /// Each run's name, as its row is titled: the value ("hals"), or key and value ("rank 3").
    public var labels: [String] {
        parameter?.labelsWithKey == true ? values.map { "\(key) \($0)" } : values
    }

    /// Whether the runs minimize the same loss, so that their curves can share one axis.
    public var sharesLoss: Bool { parameter?.sharesLoss ?? true }

    /// One configuration per run: `base` with the parameter set to each value.
    ///
    /// - Throws: `NMFError` as `NMFConfiguration.init` (HALS with a loss other than Frobenius among
    ///   them, a rank too large for the data); `AnimationError.badValue(.comparison, …)` for seeds of an
    ///   initialization that draws none.
    public func configurations(from base: NMFConfiguration) throws -> [NMFConfiguration] {
        guard let parameter else { return [base] }
        return try values.map { try parameter.apply(base, $0) }
    }

    /// `base` with the given fields replaced: the one place that lists a configuration's fields.
    static func rebuilt(_ base: NMFConfiguration, rank: Int? = nil, loss: Loss? = nil, solver: SolverKind? = nil,
                        initialization: Initialization? = nil, alphaW: Double? = nil, alphaH: Double?? = nil,
                        l1Ratio: Double? = nil, tolerance: Double?? = nil, maximumIterations: Int?? = nil,
                        shuffle: Bool? = nil, miniBatch: MiniBatchOptions? = nil) throws -> NMFConfiguration {
        try NMFConfiguration(data: base.data, rank: rank ?? base.rank, loss: loss ?? base.loss,
                             solver: solver ?? base.solver, initialization: initialization ?? base.initialization,
                             alphaW: alphaW ?? base.alphaW, alphaH: alphaH ?? base.alphaH,
                             l1Ratio: l1Ratio ?? base.l1Ratio, tolerance: tolerance ?? base.tolerance,
                             maximumIterations: maximumIterations ?? base.maximumIterations,
                             shuffle: shuffle ?? base.shuffle, randomState: base.randomState,
                             miniBatch: miniBatch ?? base.miniBatch)
    }
}

private extension String {
    /// Without spaces and tabs at either end.
    var trimmingSpaces: String {
        var s = self[...]
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
