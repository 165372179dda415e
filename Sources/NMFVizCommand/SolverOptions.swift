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
        case mu, hals, minibatch

        var solver: SolverKind {
            switch self {
            case .mu: return .multiplicative
            case .hals: return .hals
            case .minibatch: return .minibatch
            }
        }
    }

    /// `--batch-size`: a whole number; one too large for Int is the largest Int (clipped to the rows
    /// anyway, as scikit-learn clips a huge `batch_size`); "1e3" or "16.5" are not whole numbers, as
    /// scikit-learn refuses floats for it.
    static func parseBatchSize(_ text: String) throws -> Int {
        if let value = Int(text) { return value }
        let digits = text.hasPrefix("+") ? text.dropFirst() : text[...]
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int.max }
        throw ValidationError("not a whole number (scikit-learn's batch_size takes integers ≥ 1)")
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

    @Option(name: .customLong("tol"), parsing: .unconditional, help: "scikit-learn's tol: stop early when its criterion is met (mu: the error fell by less than tol × the first error over the last 10 iterations; hals: the projected-gradient violation is at most tol × the first; minibatch: H changed by at most tol relatively in one step), e.g. --tol 1e-4. Default: run every iteration.")
    var tolerance: Double?

    @Option(name: .customLong("max-iter"), parsing: .unconditional, help: "scikit-learn's max_iter: stop after this many iterations at most (minibatch: passes over the data, of ⌈rows / batch size⌉ steps each).")
    var maximumIterations: Int?

    @Flag(help: "scikit-learn's shuffle: hals visits the components in a random order each half-step, drawn from --seed (numpy's stream).")
    var shuffle = false

    @Option(help: "The update rule: mu (multiplicative updates), hals (coordinate descent, Frobenius only) or minibatch (scikit-learn's MiniBatchNMF: one iteration is one minibatch step), e.g. --solver hals.")
    var solver: SolverName = .mu

    @Option(name: .customLong("batch-size"), parsing: .unconditional,
            help: "--solver minibatch: scikit-learn's batch_size, the rows of one minibatch (default 1024; more than the rows means all of them), e.g. --batch-size 64.",
            transform: SolverOptions.parseBatchSize)
    var batchSize: Int = MiniBatchOptions.standard.batchSize

    @Option(name: .customLong("forget-factor"), parsing: .unconditional, help: "--solver minibatch: scikit-learn's forget_factor, from 0 (forget the past batches) to 1 (keep them all; default 0.7).")
    var forgetFactor: Double = MiniBatchOptions.standard.forgetFactor

    @Flag(name: .customLong("fresh-restarts"), help: "--solver minibatch: scikit-learn's fresh_restarts: solve each batch's W from scratch, and W of all the data where --max-iter or --tol ends the run.")
    var freshRestarts = false

    @Option(name: .customLong("fresh-restarts-max-iter"), parsing: .unconditional, help: "--solver minibatch: scikit-learn's fresh_restarts_max_iter, the W iterations of one fresh restart (default 30).")
    var freshRestartsMaximumIterations: Int = MiniBatchOptions.standard.freshRestartsMaximumIterations

    @Option(name: .customLong("transform-max-iter"), parsing: .unconditional, help: "--solver minibatch: scikit-learn's transform_max_iter, the W iterations of the final solve with --fresh-restarts (default: --max-iter, else 200).")
    var transformMaximumIterations: Int?

    @Option(name: .customLong("max-no-improvement"), parsing: .unconditional, help: "--solver minibatch: scikit-learn's max_no_improvement: stop after this many steps without a new minimum of the smoothed batch cost (default: no such stop; scikit-learn's is 10).")
    var maximumNoImprovement: Int?

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
            _ = try miniBatch()
            if !solver.solver.minimizes(chosen) {
                let given = beta.map { "--beta \($0)" } ?? "--loss \(loss.rawValue)"
                throw ValidationError("--solver \(solver.rawValue) minimizes the Frobenius loss only; use --solver mu with \(given)")
            }
        } catch let error as NMFError {
            throw ValidationError(NMFViz.describe(error))
        }
    }

    /// The minibatch options (`--batch-size`, `--forget-factor`, …).
    ///
    /// - Throws: `NMFError.invalidParameter` naming the first one out of range.
    func miniBatch() throws(NMFError) -> MiniBatchOptions {
        try MiniBatchOptions(batchSize: batchSize, forgetFactor: forgetFactor, freshRestarts: freshRestarts,
                             freshRestartsMaximumIterations: freshRestartsMaximumIterations,
                             transformMaximumIterations: transformMaximumIterations,
                             maximumNoImprovement: maximumNoImprovement)
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
                                    shuffle: shuffle, randomState: seed, miniBatch: miniBatch())
    }
}
