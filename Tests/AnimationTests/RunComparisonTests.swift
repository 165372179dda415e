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
    }

    @Test(arguments: [
        ("mu", "a comparison needs two or more different runs"),
        ("mu,mu", "a comparison needs two or more different runs"),
        ("mu,kl", "name the parameter"),
        ("1,2", "name the parameter"),
        ("beta=1,2", "unknown parameter 'beta' (known: solver, loss, init, seed, rank)"),
        ("rank=2,0", "'0' is not a rank (whole numbers from 1)"),
        ("seed=1,-1", "'-1' is not a seed"),
        ("solver=mu,cd", "'cd' is not a solver (mu or hals)"),
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

    @Test func seedsOfAnInitializationWithoutRandomNumbersAreRefused() throws {
        let base = try NMFConfiguration(data: Dataset.cos2(), initialization: .nndsvd)
        #expect(throws: AnimationError.self) { try RunComparison(parsing: "seed=1,2").configurations(from: base) }
    }
}
