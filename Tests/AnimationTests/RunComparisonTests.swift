import NMF
import Testing
@testable import Animation

/// `RunComparison`: one table of parameters, each read, labelled and applied the same way.
@Suite struct RunComparisonTests {
    static func base() throws -> NMFConfiguration {
        try NMFConfiguration(data: Dataset.cos2(), rank: 2, initialization: .article(seed: 7))
    }

    @Test(arguments: [
        ("mu,hals", "solver", ["mu", "hals"], true),
        ("frobenius, kl", "loss", ["frobenius", "kl"], false),
        ("random,nndsvd,nndsvda", "init", ["random", "nndsvd", "nndsvda"], true),
        ("solver=hals,mu", "solver", ["hals", "mu"], true),
        ("seed=0,1,2", "seed", ["seed 0", "seed 1", "seed 2"], true),
        ("rank = 2,3,4", "rank", ["rank 2", "rank 3", "rank 4"], true),
        ("beta=2,1,0.5", "beta", ["beta 2", "beta 1", "beta 0.5"], false),
        ("l1_ratio=0,0.5,1", "l1_ratio", ["l1_ratio 0", "l1_ratio 0.5", "l1_ratio 1"], true),
        ("loss=kullback-leibler,itakura-saito", "loss", ["kullback-leibler", "itakura-saito"], false),
    ])
    func everyParameterIsReadAndLabelled(text: String, key: String, labels: [String], shares: Bool) throws {
        let c = try RunComparison(parsing: text)
        #expect(c.key == key && c.labels == labels && c.sharesLoss == shares)
    }

    @Test func eachRunChangesOnlyItsParameter() throws {
        let base = try Self.base()
        let seeds = try RunComparison(parsing: "seed=0,5").configurations(from: base)
        #expect(seeds.map(\.initialization) == [.article(seed: 0), .article(seed: 5)])
        #expect(seeds.allSatisfy { $0.rank == 2 && $0.solver == .multiplicative && $0.data == base.data })
        let ranks = try RunComparison(parsing: "rank=3,1").configurations(from: base)
        #expect(ranks.map(\.rank) == [3, 1] && ranks.allSatisfy { $0.initialization == .article(seed: 7) })
        let inits = try RunComparison(parsing: "init=random,nndsvd").configurations(from: base)
        #expect(inits.map(\.initialization) == [.random(seed: 7), .nndsvd])
        let solvers = try RunComparison(.solvers([.multiplicative, .hals])).configurations(from: base)
        #expect(solvers.map(\.solver) == [.multiplicative, .hals])
        let losses = try RunComparison(.losses([.frobenius, .kullbackLeibler])).configurations(from: base)
        #expect(losses.map(\.loss) == [.frobenius, .kullbackLeibler])
        // scikit-learn's parameters: the one compared changes, the others stay the base's.
        let regularized = try NMFConfiguration(data: Dataset.cos2(), rank: 2, alphaW: 0.1, l1Ratio: 0.5,
                                               tolerance: 1e-4, maximumIterations: 80, shuffle: true, randomState: 3)
        let betas = try RunComparison(parsing: "beta=2,0.5").configurations(from: regularized)
        #expect(betas.map(\.loss.beta) == [2, 0.5])
        #expect(betas.allSatisfy { $0.alphaW == 0.1 && $0.l1Ratio == 0.5 && $0.tolerance == 1e-4
            && $0.maximumIterations == 80 && $0.shuffle && $0.randomState == 3 })
        let ratios = try RunComparison(parsing: "l1_ratio=0,1").configurations(from: regularized)
        #expect(ratios.map(\.l1Ratio) == [0, 1] && ratios.allSatisfy { $0.alphaW == 0.1 })
        let alphas = try RunComparison(parsing: "alpha_H=0,0.2").configurations(from: regularized)
        #expect(alphas.map(\.alphaH) == [0, 0.2] && alphas.allSatisfy { $0.alphaW == 0.1 })
        let caps = try RunComparison(parsing: "max_iter=10,20").configurations(from: base)
        #expect(caps.map(\.maximumIterations) == [10, 20])
        // The configuration checks the range and names the parameter.
        #expect(throws: NMFError.invalidParameter(.l1Ratio, value: 2, requirement: "between 0 and 1")) {
            try RunComparison(parsing: "l1_ratio=0,2").configurations(from: base)
        }
    }

    @Test(arguments: [
        ("mu", "a comparison needs two or more different runs"),
        ("mu,mu", "a comparison needs two or more different runs"),
        ("mu,kl", "name the parameter"),
        ("1,2", "name the parameter"),
        ("gamma=1,2", "unknown parameter 'gamma' (known: solver, loss, init, seed, rank, beta, alpha_W, alpha_H, l1_ratio, tol, max_iter, shuffle, batch_size, forget_factor, fresh_restarts, max_no_improvement)"),
        ("beta=1,nan", "'nan' is not a beta"),
        ("rank=2,0", "'0' is not a rank (whole numbers from 1)"),
        ("seed=1,-1", "'-1' is not a seed"),
        ("solver=mu,cd", "'cd' is not a solver (mu, hals or minibatch)"),
        ("batch_size=0,16", "'0' is not a batch_size (whole numbers from 1)"),
        ("batch_size=16,1e20", "'1e20' is not a batch_size"),
        ("forget_factor=0.5,nan", "'nan' is not a forget_factor"),
        ("fresh_restarts=true,yes", "'yes' is not a fresh_restarts"),
        ("max_no_improvement=0,5", "'0' is not a max_no_improvement"),
        ("rank=1,2,3,4,5,6,7", "7 runs; at most 6 rows fit on one figure"),
    ])
    func badComparisonsSayWhy(text: String, reason: String) {
        #expect {
            try RunComparison(parsing: text)
        } throws: { error in
            guard case let .badValue(field, _, why)? = error as? AnimationError else { return false }
            return field == .comparison && why.contains(reason)
        }
    }

    /// MiniBatchNMF's parameters: the one compared changes, the other minibatch options and the
    /// configuration's fields stay the base's; out-of-range numbers are the configuration's errors.
    @Test func miniBatchParametersChangeOnlyThemselves() throws {
        let options = try MiniBatchOptions(batchSize: 20, forgetFactor: 0.5, freshRestarts: true,
                                           freshRestartsMaximumIterations: 7, transformMaximumIterations: 9,
                                           maximumNoImprovement: 4)
        let base = try NMFConfiguration(data: Dataset.cos2(), rank: 2, solver: .minibatch, alphaW: 0.1,
                                        tolerance: 1e-3, maximumIterations: 12, miniBatch: options)
        let sizes = try RunComparison(parsing: "batch_size=16,64,256").configurations(from: base)
        #expect(sizes.map(\.miniBatch.batchSize) == [16, 64, 256])
        #expect(sizes.allSatisfy { $0.solver == .minibatch && $0.alphaW == 0.1 && $0.tolerance == 1e-3
            && $0.maximumIterations == 12 && $0.miniBatch.forgetFactor == 0.5 && $0.miniBatch.freshRestarts
            && $0.miniBatch.freshRestartsMaximumIterations == 7 && $0.miniBatch.transformMaximumIterations == 9
            && $0.miniBatch.maximumNoImprovement == 4 })
        let factors = try RunComparison(parsing: "forget_factor=0,1").configurations(from: base)
        #expect(factors.map(\.miniBatch.forgetFactor) == [0, 1] && factors.allSatisfy { $0.miniBatch.batchSize == 20 })
        let restarts = try RunComparison(parsing: "fresh_restarts=false,true").configurations(from: base)
        #expect(restarts.map(\.miniBatch.freshRestarts) == [false, true])
        let patience = try RunComparison(parsing: "max_no_improvement=2,10").configurations(from: base)
        #expect(patience.map(\.miniBatch.maximumNoImprovement) == [2, 10])
        let solvers = try RunComparison(parsing: "mu,minibatch").configurations(from: base)
        #expect(solvers.map(\.solver) == [.multiplicative, .minibatch] && solvers.allSatisfy { $0.miniBatch == options })
        #expect(throws: NMFError.invalidParameter(.forgetFactor, value: -1, requirement: "between 0 and 1")) {
            try RunComparison(parsing: "forget_factor=-1,1").configurations(from: base)
        }
        #expect(throws: NMFError.invalidParameter(.forgetFactor, value: 2, requirement: "between 0 and 1")) {
            try RunComparison(parsing: "forget_factor=0.5,2").configurations(from: base)
        }
    }

    @Test func seedsOfAnInitializationWithoutRandomNumbersAreRefused() throws {
        let base = try NMFConfiguration(data: Dataset.cos2(), initialization: .nndsvd)
        #expect(throws: AnimationError.self) { try RunComparison(parsing: "seed=1,2").configurations(from: base) }
    }
}
