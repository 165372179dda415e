import Testing
@testable import NMF

/// The minibatch solver's options and the cases where it must agree with the full-batch rule.
struct MiniBatchPropertyTests {
    @Test func optionsAreValidatedAsScikitLearnConstrainsThem() throws {
        #expect(throws: NMFError.invalidParameter(.batchSize, value: 0, requirement: "a whole number ≥ 1")) {
            try MiniBatchOptions(batchSize: 0)
        }
        #expect(throws: NMFError.invalidParameter(.batchSize, value: -3, requirement: "a whole number ≥ 1")) {
            try MiniBatchOptions(batchSize: -3)
        }
        for bad in [-1, 1.5, .infinity] {
            #expect(throws: NMFError.invalidParameter(.forgetFactor, value: bad, requirement: "between 0 and 1")) {
                try MiniBatchOptions(forgetFactor: bad)
            }
        }
        #expect(throws: NMFError.self) { try MiniBatchOptions(forgetFactor: .nan) }
        #expect(throws: NMFError.self) { try MiniBatchOptions(freshRestartsMaximumIterations: 0) }
        #expect(throws: NMFError.self) { try MiniBatchOptions(transformMaximumIterations: 0) }
        #expect(throws: NMFError.self) { try MiniBatchOptions(maximumNoImprovement: 0) }
        #expect(NMFError.invalidParameter(.batchSize, value: 0, requirement: "a whole number ≥ 1").description
            == "batch_size = 0 is invalid: it must be a whole number ≥ 1")
        // Bounds are allowed, and a huge batch is clipped to the rows (scikit-learn's _check_params).
        let huge = try MiniBatchOptions(batchSize: .max, forgetFactor: 0)
        #expect(huge.effectiveBatchSize(rows: 40) == 40 && huge.stepsPerPass(rows: 40) == 1 && huge.rho(rows: 40) == 0)
        let seven = try MiniBatchOptions(batchSize: 7, forgetFactor: 1)
        #expect(seven.stepsPerPass(rows: 40) == 6 && seven.rho(rows: 40) == 1)
        #expect(MiniBatchOptions.standard == (try MiniBatchOptions()))
    }

    /// One batch of all the rows with forget_factor 0 (ρ = 0: A = N ∘ H, B = D) is the plain
    /// multiplicative rule, for β = 2 and 1 (γ = 1) to rounding.
    @Test(arguments: [2.0, 1.0])
    func oneBatchWithoutMemoryIsTheMultiplicativeRule(beta: Double) throws {
        let data = try uniformMatrix(rows: 30, columns: 20, seed: 3)
        func run(_ solver: SolverKind) throws -> [Snapshot] {
            let configuration = try NMFConfiguration(data: data, rank: 4, loss: Loss(beta: beta), solver: solver,
                                                     initialization: .random(seed: 0), alphaW: 0.01,
                                                     miniBatch: MiniBatchOptions(batchSize: 1000, forgetFactor: 0))
            return Array(try NMFSolver(configuration).makeSnapshots(iterations: 30))
        }
        let (mini, mu) = (try run(.minibatch), try run(.multiplicative))
        #expect(mini.count == 31 && mu.count == 31)
        for (a, b) in zip(mini, mu) {
            #expect(relativeError(a.w, b.w, floor: 1e-9) <= 1e-12 && relativeError(a.h, b.h, floor: 1e-9) <= 1e-12,
                    "step \(a.iteration)")
            #expect(abs(a.loss - b.loss) <= 1e-12 * b.loss)
        }
    }

    /// With fresh restarts, a run that max_iter ends (2 passes of 3 steps) has the final W solve on all
    /// the data as its last snapshot: it differs from a longer run's snapshot 6 in W only. A run that
    /// ends only because the iterations asked for are done is a prefix of the longer one.
    @Test func theLastSnapshotOfAFreshRestartRunIsTheFinalSolve() throws {
        let data = try uniformMatrix(rows: 40, columns: 30, seed: 7)
        func solver(maximumIterations: Int?) throws -> NMFSolver {
            try NMFSolver(NMFConfiguration(data: data, rank: 5, solver: .minibatch, initialization: .random(seed: 0),
                                           maximumIterations: maximumIterations,
                                           miniBatch: MiniBatchOptions(batchSize: 16, freshRestarts: true)))
        }
        let capped = Array(try solver(maximumIterations: 2).makeSnapshots(iterations: 100))
        let long = Array(try solver(maximumIterations: nil).makeSnapshots(iterations: 9))
        let short = Array(try solver(maximumIterations: nil).makeSnapshots(iterations: 6))
        #expect(capped.count == 7 && long.count == 10)
        #expect(capped[5].w == long[5].w && capped[5].h == long[5].h)
        #expect(capped[6].h == long[6].h && capped[6].w != long[6].w)
        #expect(short.map(\.w) == long.prefix(7).map(\.w) && short.map(\.h) == long.prefix(7).map(\.h))
    }
}
