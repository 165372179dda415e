import NMF

/// Runs to put side by side: the same data and initialization, with one thing changed — the update
/// rule (mu and hals) or the loss (Frobenius and KL).
public struct RunComparison: Sendable, Equatable {
    /// What differs between the runs.
    public enum Kind: Sendable, Equatable {
        case solvers([SolverKind])
        case losses([Loss])
    }

    public let kind: Kind

    /// - Throws: `AnimationError.badValue(.panels, …)` for fewer than two runs or one given twice.
    public init(_ kind: Kind) throws {
        let names: [String]
        switch kind {
        case let .solvers(solvers): names = solvers.map(\.name)
        case let .losses(losses): names = losses.map(\.name)
        }
        guard names.count >= 2, Set(names).count == names.count else {
            throw AnimationError.badValue(.panels, given: names.joined(separator: ","),
                                          reason: "a comparison needs two or more different runs")
        }
        self.kind = kind
    }

    /// Each run's name, as its row is titled.
    public var labels: [String] {
        switch kind {
        case let .solvers(solvers): return solvers.map(\.name)
        case let .losses(losses): return losses.map(\.name)
        }
    }

    /// Whether the runs minimize the same loss, so that their curves can share one axis.
    public var sharesLoss: Bool {
        if case .solvers = kind { return true }
        return false
    }

    /// One configuration per run: `base` with the solver or the loss replaced.
    ///
    /// - Throws: `NMFError` as `NMFConfiguration.init` (HALS with a loss other than Frobenius among them).
    public func configurations(from base: NMFConfiguration) throws -> [NMFConfiguration] {
        switch kind {
        case let .solvers(solvers):
            return try solvers.map {
                try NMFConfiguration(data: base.data, rank: base.rank, loss: base.loss, solver: $0,
                                     initialization: base.initialization)
            }
        case let .losses(losses):
            return try losses.map {
                try NMFConfiguration(data: base.data, rank: base.rank, loss: $0, solver: base.solver,
                                     initialization: base.initialization)
            }
        }
    }
}
