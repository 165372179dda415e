import Testing
@testable import NMF

/// MU and HALS on 1024×128 data with k = 8 (m·n·k = 2²⁰: the size from which the engine uses BLAS
/// and the Gram loss) against scikit-learn (Scripts/fixtures/nmf_large.py), on every engine.
struct LargeReferenceTests {
    struct Reference: Decodable {
        struct Run: Decodable {
            let loss: Double
            let H: [[Double]]
            let W_head: [[Double]]
            let W_column_sums: [Double]
        }
        let seed: UInt32
        let rows: Int
        let columns: Int
        let rank: Int
        let init_seed: UInt32
        let iterations: Int
        let initial_loss: Double
        let mu: Run
        let hals: Run
    }

    /// The engines a user can get: automatic (BLAS where installed) and Swift kernels only, each
    /// with the loss through Gram matrices (the default at this size) and directly.
    static let engines: [(String, ProductEngine, Bool)] = [
        ("automatic", .automatic(m: 1024, n: 128, k: 8), true),
        ("swift", .swiftOnly, true),
        ("swift, direct loss", .swiftOnly, false),
    ]

    @Test(arguments: [SolverKind.multiplicative, .hals], engines.indices)
    func matchesScikitLearn(solver kind: SolverKind, engine index: Int) throws {
        let reference = try Fixture.load(Reference.self, "nmf_large.json")
        let data = try uniformMatrix(rows: reference.rows, columns: reference.columns, seed: reference.seed)
        let configuration = try NMFConfiguration(data: data, rank: reference.rank, solver: kind,
                                                 initialization: .random(seed: reference.init_seed))
        let solver = try NMFSolver(configuration)
        let (name, engine, gram) = Self.engines[index]
        #expect(FrobeniusWorkspace(data: data, rank: reference.rank,
                                   engine: .automatic(m: data.rows, n: data.columns, k: reference.rank),
                                   gramLoss: nil).usesGramLoss)
        let run = SolverRun(solver: solver, engine: engine, gramLoss: gram, iterations: reference.iterations)
        let expected = kind == .multiplicative ? reference.mu : reference.hals

        #expect(abs(run.losses[0] - reference.initial_loss) <= 1e-12 * reference.initial_loss, "\(name) start")
        let loss = try #require(run.losses.last)
        #expect(abs(loss - expected.loss) <= 1e-10 * expected.loss, "\(name) loss")
        #expect(zip(run.losses, run.losses.dropFirst()).allSatisfy { $1 <= $0 * (1 + 1e-12) }, "\(name) monotone")
        let h = try Matrix(rowArrays: expected.H)
        #expect(relativeError(run.h, h, floor: 1e-6) <= 1e-8, "\(name) H")
        for (i, row) in expected.W_head.enumerated() {
            let ours = try Matrix(rows: 1, columns: reference.rank, values: run.w.rowArray(i))
            #expect(relativeError(ours, try Matrix(rowArrays: [row]), floor: 1e-6) <= 1e-8, "\(name) W row \(i)")
        }
        for t in 0..<reference.rank {
            let sum = run.w.columnArray(t).reduce(0, +)
            #expect(abs(sum - expected.W_column_sums[t]) <= 1e-9 * expected.W_column_sums[t], "\(name) ΣW[:, \(t)]")
        }
    }
}
