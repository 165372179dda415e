import Animation
import ArgumentParser
import Foundation
import NMF

/// `--compare`: the runs to put side by side, each the user's solver options with one thing changed —
/// the update rule (`mu,hals`) or the loss (`frobenius,kl`) — so that data and initialization are shared.
struct Comparison {
    /// What differs between the runs.
    enum Kind {
        case solvers([SolverOptions.SolverName])
        case losses([SolverOptions.LossName])
    }

    let kind: Kind

    /// Reads `mu,hals`, `hals,mu`, `frobenius,kl` or `kl,frobenius`.
    ///
    /// - Throws: `ValidationError` for fewer than two names, a name given twice, or solvers mixed with losses.
    init(_ text: String) throws {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let usage = "--compare takes two solvers (mu,hals) or two losses (frobenius,kl), not '\(text)'"
        guard names.count >= 2, Set(names).count == names.count else { throw ValidationError(usage) }
        let solvers = names.compactMap(SolverOptions.SolverName.init(rawValue:))
        let losses = names.compactMap(SolverOptions.LossName.init(rawValue:))
        if solvers.count == names.count {
            kind = .solvers(solvers)
        } else if losses.count == names.count {
            kind = .losses(losses)
        } else {
            throw ValidationError(usage)
        }
    }

    /// The number of runs (rows).
    var count: Int { labels.count }

    /// Each run's name, as its row is titled.
    var labels: [String] {
        switch kind {
        case let .solvers(names): return names.map(\.rawValue)
        case let .losses(names): return names.map(\.rawValue)
        }
    }

    /// Whether the runs minimize the same loss, so that their curves can share one axis.
    var sharesLoss: Bool {
        if case .solvers = kind { return true }
        return false
    }

    /// Rejects runs the solver cannot do (the rule is the engine's: `SolverKind.minimizes`).
    func validate(with options: SolverOptions) throws {
        switch kind {
        case let .solvers(names):
            if let bad = names.first(where: { !$0.solver.minimizes(options.loss.loss) }) {
                throw ValidationError("--compare \(labels.joined(separator: ",")) needs --loss frobenius: \(bad.rawValue) minimizes the Frobenius loss only")
            }
        case let .losses(names):
            if let bad = names.first(where: { !options.solver.solver.minimizes($0.loss) }) {
                throw ValidationError("--compare \(labels.joined(separator: ",")) needs --solver mu: \(options.solver.rawValue) cannot minimize \(bad.rawValue)")
            }
        }
    }

    /// The library's comparison of these runs.
    var runs: RunComparison {
        get throws {
            switch kind {
            case let .solvers(names): return try RunComparison(.solvers(names.map(\.solver)))
            case let .losses(names): return try RunComparison(.losses(names.map(\.loss)))
            }
        }
    }
}
