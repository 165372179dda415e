import Animation
import ArgumentParser
import NMF

/// The data and solver options shared by the commands that run a factorization (`factorize`, `render`).
struct SolverOptions: ParsableArguments {
    enum LossName: String, ExpressibleByArgument, CaseIterable {
        case frobenius, kl

        var loss: Loss { self == .frobenius ? .frobenius : .kullbackLeibler }
    }

    enum SolverName: String, ExpressibleByArgument, CaseIterable {
        case mu, hals

        var solver: SolverKind { self == .mu ? .multiplicative : .hals }
    }

    enum InitName: String, ExpressibleByArgument, CaseIterable {
        case article, random, nndsvd, nndsvda, nndsvdar
    }

    @Option(help: ArgumentHelp("The data: cos2 or linear (the article's 80 points), digits (1797 hand-written 8×8 digits, drawn as images), or a CSV file, e.g. --data points.csv.",
                               valueName: "cos2|linear|digits|path"))
    var data = "cos2"

    @Option(name: .customLong("rank"), parsing: .unconditional, help: "The number of components k (default 2; 16 with --data digits), e.g. --rank 3.")
    var rankOption: Int?
    var rank: Int { rankOption ?? (data == DigitsDataset.name ? 16 : 2) }

    @Option(help: "The loss: frobenius (‖Y − WH‖², the article's) or kl (generalized Kullback–Leibler), e.g. --loss kl.")
    var loss: LossName = .frobenius

    @Option(help: "The update rule: mu (multiplicative updates) or hals (coordinate descent, Frobenius only), e.g. --solver hals.")
    var solver: SolverName = .mu

    @Option(name: .customLong("init"), help: "The starting W and H: article (the article's uniform draws; the default), random (scikit-learn's), nndsvd, nndsvda (the default with --data digits) or nndsvdar, e.g. --init nndsvda.")
    var initializationOption: InitName?
    var initialization: InitName { initializationOption ?? (data == DigitsDataset.name ? .nndsvda : .article) }

    @Option(parsing: .unconditional, help: "The seed of the initialization's random draws (numpy's np.random.seed), e.g. --seed 0.")
    var seed: UInt32 = Dataset.articleSeed

    func validate() throws {
        guard rank >= 1 else { throw ValidationError("--rank must be at least 1, got \(rank)") }
        if !solver.solver.minimizes(loss.loss) {
            throw ValidationError("--solver \(solver.rawValue) minimizes the Frobenius loss only; use --solver mu with --loss \(loss.rawValue)")
        }
    }

    /// The validated configuration for these options.
    ///
    /// - Throws: `NMFError` when the data cannot be read or do not fit the options.
    func makeConfiguration() throws -> NMFConfiguration {
        let matrix = try data == DigitsDataset.name ? DigitsDataset.load().images : Dataset.named(data)
        let start = Initialization(name: initialization.rawValue, seed: seed) ?? .article(seed: seed)
        return try NMFConfiguration(data: matrix, rank: rank, loss: loss.loss, solver: solver.solver,
                                    initialization: start)
    }
}
