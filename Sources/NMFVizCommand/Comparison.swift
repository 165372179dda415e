import Animation
import ArgumentParser
import Foundation
import NMF

/// `--compare`: the runs to put side by side, each the user's solver options with one parameter
/// changed (`solver=mu,hals`, `loss=frobenius,kl`, `init=random,nndsvd`, `seed=0,1,2`, `rank=2,3,4`, or
/// the values alone for solvers, losses and initializations), so that the data are shared. The
/// parameters themselves are the library's table (`RunComparison.parameters`).
struct Comparison {
    let runs: RunComparison

    /// Reads the option's text.
    ///
    /// - Throws: `ValidationError` for fewer than two values, a value given twice, an unknown
    ///   parameter or a value it does not take.
    init(_ text: String) throws {
        do {
            runs = try RunComparison(parsing: text)
        } catch let error as AnimationError {
            let usage = "--compare takes two or more values of one parameter (solver=mu,hals, loss=frobenius,kl, "
                + "init=random,nndsvd, seed=0,1,2, rank=2,3,4; mu,hals and frobenius,kl for short)"
            guard case let .badValue(_, _, reason) = error else { throw ValidationError("\(usage), not '\(text)'") }
            throw ValidationError("\(usage), not '\(text)': \(reason)")
        }
    }

    /// The number of runs (rows).
    var count: Int { runs.values.count }

    /// Each run's name, as its row is titled.
    var labels: [String] { runs.labels }

    /// Rejects runs the solver cannot do (the rule is the engine's: `SolverKind.minimizes`), in the
    /// words of the options that would fix them.
    func validate(with options: SolverOptions) throws {
        let list = runs.values.joined(separator: ",")
        switch runs.key {
        case "solver":
            let loss = (try? options.chosenLoss()) ?? options.loss.loss
            if let bad = runs.values.compactMap(SolverKind.init(rawValue:)).first(where: { !$0.minimizes(loss) }) {
                throw ValidationError("--compare \(list) needs --loss frobenius: \(bad.name) minimizes the Frobenius loss only")
            }
        case "loss":
            if let bad = runs.values.compactMap(Loss.init(name:)).first(where: { !options.solver.solver.minimizes($0) }) {
                throw ValidationError("--compare \(list) needs --solver mu: \(options.solver.rawValue) cannot minimize \(bad.name)")
            }
        case "beta":
            if options.solver == .hals, let bad = runs.values.first(where: { Double($0) != 2 }) {
                throw ValidationError("--compare beta=\(list) needs --solver mu: hals minimizes the Frobenius loss (β = 2) only, not β = \(bad)")
            }
        case "batch_size", "forget_factor", "fresh_restarts", "max_no_improvement":
            if options.solver != .minibatch {
                throw ValidationError("--compare \(runs.key)=\(list) needs --solver minibatch: \(runs.key) is a parameter of scikit-learn's MiniBatchNMF, which --solver \(options.solver.rawValue) does not read")
            }
        case "seed":
            if ["nndsvd", "nndsvda"].contains(options.initialization.rawValue) {
                throw ValidationError("--compare seed=\(list): --init \(options.initialization.rawValue) draws no random numbers; use --init article, random or nndsvdar")
            }
        default:
            break
        }
    }
}
