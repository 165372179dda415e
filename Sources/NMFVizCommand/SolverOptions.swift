import Animation
import ArgumentParser
import NMF

/// The data and solver options shared by the commands that run a factorization (`factorize`, `render`).
struct SolverOptions: ParsableArguments {
    enum LossName: String, ExpressibleByArgument, CaseIterable {
        case frobenius, kl
        case kullbackLeibler = "kullback-leibler"
        case itakuraSaito = "itakura-saito"

        var loss: Loss { Loss(name: rawValue) ?? .frobenius }
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

    @Option(help: "The loss: frobenius (‖Y − WH‖², the article's), kl or kullback-leibler (generalized Kullback–Leibler), or itakura-saito (needs data without zeros), e.g. --loss kl. scikit-learn's beta_loss.")
    var loss: LossName = .frobenius

    @Option(parsing: .unconditional, help: ArgumentHelp("The β of the β-divergence instead of --loss: 2 Frobenius, 1 Kullback–Leibler, 0 Itakura–Saito, or any real number (multiplicative updates; β ≤ 0 needs data without zeros), e.g. --beta 0.5.", valueName: "β"))
    var beta: Double?

    @Option(name: .customLong("alpha-w"), parsing: .unconditional, help: "scikit-learn's alpha_W: how strongly W is regularized, ≥ 0 (default 0: not at all), scaled by the number of columns as scikit-learn does, e.g. --alpha-w 0.01.")
    var alphaW: Double = 0

    @Option(name: .customLong("alpha-h"), parsing: .unconditional, help: "scikit-learn's alpha_H: the same for H, scaled by the number of rows (default: the value of --alpha-w, scikit-learn's 'same').")
    var alphaH: Double?

    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: "scikit-learn's l1_ratio: the share of L1 (sparsity) in the regularization, from 0 (L2 only, the default) to 1.")
    var l1Ratio: Double = 0

    @Option(name: .customLong("tol"), parsing: .unconditional, help: "scikit-learn's tol: stop early when its criterion is met (mu: the error fell by less than tol × the first error over the last 10 iterations; hals: the projected-gradient violation is at most tol × the first), e.g. --tol 1e-4. Default: run every iteration.")
    var tolerance: Double?

    @Option(name: .customLong("max-iter"), parsing: .unconditional, help: "scikit-learn's max_iter: stop after this many iterations at most.")
    var maximumIterations: Int?

    @Flag(help: "scikit-learn's shuffle: hals visits the components in a random order each half-step, drawn from --seed (numpy's stream).")
    var shuffle = false

    @Option(help: "The update rule: mu (multiplicative updates) or hals (coordinate descent, Frobenius only), e.g. --solver hals.")
    var solver: SolverName = .mu

    @Option(name: .customLong("init"), help: "The starting W and H: article (the article's uniform draws; the default), random (scikit-learn's), nndsvd, nndsvda (the default with --data digits) or nndsvdar, e.g. --init nndsvda.")
    var initializationOption: InitName?
    var initialization: InitName { initializationOption ?? (data == DigitsDataset.name ? .nndsvda : .article) }

    @Option(parsing: .unconditional, help: "The seed of the initialization's random draws (numpy's np.random.seed), e.g. --seed 0.")
    var seed: UInt32 = Dataset.articleSeed

    func validate() throws {
        guard rank >= 1 else { throw ValidationError("--rank must be at least 1, got \(rank)") }
        do {
            let chosen = try chosenLoss()
            try NMFConfiguration.validate(loss: chosen, alphaW: alphaW, alphaH: alphaH, l1Ratio: l1Ratio,
                                          tolerance: tolerance, maximumIterations: maximumIterations)
            if !solver.solver.minimizes(chosen) {
                let given = beta.map { "--beta \($0)" } ?? "--loss \(loss.rawValue)"
                throw ValidationError("--solver \(solver.rawValue) minimizes the Frobenius loss only; use --solver mu with \(given)")
            }
        } catch let error as NMFError {
            throw ValidationError(NMFViz.describe(error))
        }
    }

    /// The loss of `--beta` if given, else of `--loss`.
    ///
    /// - Throws: `NMFError.invalidParameter` for a β that is not finite.
    func chosenLoss() throws -> Loss {
        try beta.map { try Loss(beta: $0) } ?? loss.loss
    }

    /// The validated configuration for these options.
    ///
    /// - Throws: `NMFError` when the data cannot be read or do not fit the options.
    func makeConfiguration() throws -> NMFConfiguration {
        let matrix = try data == DigitsDataset.name ? DigitsDataset.load().images : Dataset.named(data)
        let start = Initialization(name: initialization.rawValue, seed: seed) ?? .article(seed: seed)
        return try NMFConfiguration(data: matrix, rank: rank, loss: chosenLoss(), solver: solver.solver,
                                    initialization: start, alphaW: alphaW, alphaH: alphaH, l1Ratio: l1Ratio,
                                    tolerance: tolerance, maximumIterations: maximumIterations,
                                    shuffle: shuffle, randomState: seed)
    }
}
