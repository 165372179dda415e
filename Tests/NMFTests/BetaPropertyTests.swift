import Testing
@testable import NMF

/// The new parameters' rules: validation naming the field, scikit-learn's zero rule, the stopping
/// reasons, numpy's permutation, and Févotte & Idier's monotonicity.
struct BetaPropertyTests {
    @Test func parametersOutOfRangeNameTheirField() throws {
        let data = Dataset.cos2()
        #expect(throws: NMFError.invalidParameter(.alphaW, value: -1, requirement: "a finite number ≥ 0")) {
            try NMFConfiguration(data: data, alphaW: -1)
        }
        #expect(throws: NMFError.invalidParameter(.alphaH, value: .infinity, requirement: "a finite number ≥ 0")) {
            try NMFConfiguration(data: data, alphaH: .infinity)
        }
        #expect(throws: NMFError.invalidParameter(.l1Ratio, value: 1.5, requirement: "between 0 and 1")) {
            try NMFConfiguration(data: data, l1Ratio: 1.5)
        }
        #expect(throws: NMFError.invalidParameter(.tolerance, value: -1e-4, requirement: "a finite number ≥ 0")) {
            try NMFConfiguration(data: data, tolerance: -1e-4)
        }
        #expect(throws: NMFError.invalidParameter(.maximumIterations, value: 0, requirement: "at least 1")) {
            try NMFConfiguration(data: data, maximumIterations: 0)
        }
        #expect(throws: NMFError.invalidParameter(.beta, value: .infinity, requirement: "a finite number")) {
            try Loss(beta: .infinity)
        }
        #expect(throws: NMFError.self) { try NMFConfiguration(data: data, l1Ratio: .nan) }
        #expect(throws: NMFError.self) { try NMFConfiguration(data: data, loss: Loss(beta: 0.5), solver: .hals) }
        // The library names scikit-learn's parameters; a front end passes its own names.
        let error = NMFError.invalidParameter(.maximumIterations, value: 0, requirement: "at least 1")
        #expect(error.description == "max_iter = 0 is invalid: it must be at least 1")
        #expect(error.description(naming: { "<\($0.rawValue)>" }) == "<max_iter> = 0 is invalid: it must be at least 1")
    }

    /// scikit-learn refuses β ≤ 0 when the data hold a zero (X.min() == 0), and only then.
    @Test(arguments: [0.0, -0.5, 1e-9])
    func zerosAreRefusedForNonPositiveBeta(beta: Double) throws {
        var data = try uniformMatrix(rows: 6, columns: 4, seed: 9)
        #expect(throws: Never.self) { try NMFConfiguration(data: data, loss: Loss(beta: beta)) }
        data[2, 3] = 0
        if beta <= 0 {
            #expect(throws: NMFError.zeroDataWithNonPositiveBeta(beta: beta, row: 2, column: 3)) {
                try NMFConfiguration(data: data, loss: Loss(beta: beta))
            }
        } else {
            #expect(throws: Never.self) { try NMFConfiguration(data: data, loss: Loss(beta: beta)) }
        }
    }

    @Test func namesAndScikitLearnSpellings() throws {
        #expect(Loss(name: "kullback-leibler") == .kullbackLeibler && Loss(name: "kl") == .kullbackLeibler)
        #expect(Loss(name: "itakura-saito")?.beta == 0 && Loss(name: "beta") == nil)
        let (half, three) = (try Loss(beta: 0.5), try Loss(beta: 3))
        #expect(Loss.frobenius.sklearnJSON == "\"frobenius\"" && half.sklearnJSON == "0.5")
        #expect(Loss.itakuraSaito.updateExponent == 0.5 && three.updateExponent == 0.5)
        #expect(Loss.kullbackLeibler.updateExponent == 1)
        let c = try NMFConfiguration(data: Dataset.cos2(), alphaW: 0.1, l1Ratio: 0.25)
        // _compute_regularization: W's terms scale with the 2 columns, H's ('same') with the 80 rows.
        #expect(c.regularization == Regularization(l1W: 2 * 0.1 * 0.25, l1H: 80 * 0.1 * 0.25,
                                                   l2W: 2 * 0.1 * 0.75, l2H: 80 * 0.1 * 0.75))
    }

    /// Legacy `np.random.RandomState(seed).permutation(n)`, successive calls (numpy 2.4.6).
    @Test func permutationIsNumpys() {
        var zero = NumpyRandom(seed: 0)
        #expect([zero.permutation(5), zero.permutation(5), zero.permutation(5)]
            == [[2, 0, 1, 3, 4], [0, 2, 1, 4, 3], [1, 3, 4, 0, 2]])
        var three = NumpyRandom(seed: 3)
        #expect(three.permutation(16) == [7, 13, 4, 1, 6, 2, 12, 15, 5, 0, 11, 14, 3, 9, 8, 10])
        #expect(three.permutation(1) == [0])
        #expect(three.permutation(8) == [3, 2, 1, 7, 4, 0, 6, 5])
    }

    /// Why a run ends: the iterations asked for, `maximumIterations`, or convergence.
    @Test func stopReasons() throws {
        let data = Dataset.cos2()
        func run(_ configuration: NMFConfiguration, _ iterations: Int) throws -> (Int, StopReason?) {
            var iterator = try NMFSolver(configuration).makeSnapshots(iterations: iterations).makeIterator()
            var last = -1
            while let snapshot = try iterator.nextSnapshot() { last = snapshot.iteration }
            return (last, iterator.stopReason)
        }
        #expect(try run(NMFConfiguration(data: data), 30) == (30, .iterations))
        #expect(try run(NMFConfiguration(data: data, maximumIterations: 12), 30) == (12, .maximumIterations))
        #expect(try run(NMFConfiguration(data: data, maximumIterations: 40), 30) == (30, .iterations))
        let (converged, reason) = try run(NMFConfiguration(data: data, tolerance: 1e-3), 1000)
        #expect(reason == .converged && converged % 10 == 0 && converged < 1000)
        // tol = 0: the multiplicative rule never stops on it, as in scikit-learn.
        #expect(try run(NMFConfiguration(data: data, tolerance: 0), 100) == (100, .iterations))
    }

    /// Févotte & Idier (2011): with γ = 1 the multiplicative updates never increase the
    /// β-divergence for β in [1, 2]; and with γ(β) for every β (here also 0.5, 0 and 3).
    @Test(arguments: [2.0, 1.75, 1.5, 1.25, 1.0, 0.5, 0.0, 3.0])
    func objectiveNeverIncreases(beta: Double) throws {
        for seed: UInt32 in [11, 12, 13] {
            let data = try uniformMatrix(rows: 18, columns: 14, seed: seed)
            let configuration = try NMFConfiguration(data: data, rank: 4, loss: Loss(beta: beta),
                                                     initialization: .random(seed: seed))
            let losses = try NMFSolver(configuration).makeSnapshots(iterations: 60).map(\.loss)
            for t in 1..<losses.count {
                #expect(losses[t] <= losses[t - 1] + 1e-12 * abs(losses[t - 1]), "β=\(beta) seed \(seed): rose at \(t)")
            }
            #expect(losses[60] < losses[0] * 0.9, "β=\(beta) seed \(seed): \(losses[0]) → \(losses[60])")
        }
    }

    /// The general rule at β = 2 and 1 without regularization is the article's and the KL rule up
    /// to rounding (the two follow different operation orders; the fast ones keep the article's).
    @Test(arguments: [2.0, 1.0])
    func generalRuleAgreesWithTheFastRules(beta: Double) throws {
        let data = try uniformMatrix(rows: 20, columns: 15, seed: 14)
        let (w, h) = try Initialization.random(seed: 2).matrices(for: data, rank: 3)
        let loss = try Loss(beta: beta)
        var fast = makeUpdaterState(data: data, w: w, h: h, loss: loss, solver: .multiplicative)
        var general: any UpdaterState = MultiplicativeBetaState(
            data: data, w: w, h: h, loss: loss, regularization: Regularization(l1W: 0, l1H: 0, l2W: 0, l2H: 0),
            engine: .swiftOnly, gramLoss: false)
        #expect(!(fast is MultiplicativeBetaState))
        for _ in 0..<50 {
            fast.step()
            general.step()
        }
        #expect(relativeError(general.w, fast.w, floor: 1e-6) <= 1e-11)
        #expect(relativeError(general.h, fast.h, floor: 1e-6) <= 1e-11)
        #expect(abs(general.currentLoss() - fast.currentLoss()) <= 1e-12 * fast.currentLoss())
    }
}
