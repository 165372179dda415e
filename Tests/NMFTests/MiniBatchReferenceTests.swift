import Testing
@testable import NMF

/// The minibatch solver against scikit-learn's `MiniBatchNMF` step by step
/// (Scripts/fixtures/nmf_minibatch.py, which drives scikit-learn's own private functions as its
/// `_fit_transform` does and checks them against `fit_transform`; the fixture names the versions).
struct MiniBatchReferenceTests {
    struct Reference: Decodable {
        struct Stop: Decodable {
            let tol: Double
            let max_no_improvement: Int?
            let max_iter: Int
            let n_steps: Int
            let n_iter: Int
        }

        struct Case: Decodable {
            let name: String
            let `init`: String
            let beta: Double
            let batch_size: Int
            let forget_factor: Double
            let fresh_restarts: Bool
            let alpha_W: Double
            let alpha_H: BetaReferenceTests.Reference.AlphaH
            let l1_ratio: Double
            let steps: [String: Fixture.Factors]
            let stops: [Stop]
        }

        let sklearn: String
        let rows: Int
        let columns: Int
        let seed: UInt32
        let rank: Int
        let last: Int
        let inits: [String: Fixture.Factors]
        let cases: [Case]
    }

    static let reference = Result { try Fixture.load(Reference.self, "nmf_minibatch.json") }
    static let caseCount = 38

    /// The configuration of a fixture case, from scikit-learn's own starting matrices.
    static func configuration(_ c: Reference.Case, in reference: Reference, tolerance: Double? = nil,
                              maximumIterations: Int? = nil, maximumNoImprovement: Int? = nil) throws -> NMFConfiguration {
        let data = try uniformMatrix(rows: reference.rows, columns: reference.columns, seed: reference.seed)
        let start = try #require(reference.inits[c.`init`])
        let options = try MiniBatchOptions(batchSize: c.batch_size, forgetFactor: c.forget_factor,
                                           freshRestarts: c.fresh_restarts, maximumNoImprovement: maximumNoImprovement)
        return try NMFConfiguration(data: data, rank: reference.rank, loss: Loss(beta: c.beta), solver: .minibatch,
                                    initialization: .custom(w: try start.w(), h: try start.h()),
                                    alphaW: c.alpha_W, alphaH: c.alpha_H.value, l1Ratio: c.l1_ratio,
                                    tolerance: tolerance, maximumIterations: maximumIterations, miniBatch: options)
    }

    @Test func fixtureNamesScikitLearnAndHoldsEveryCase() throws {
        let reference = try Self.reference.get()
        #expect(reference.sklearn == "1.9.1")
        #expect(reference.cases.count == Self.caseCount)
        #expect(Set(reference.cases.map(\.beta)) == [2, 1, 0.5, 0])
        #expect(Set(reference.cases.map(\.batch_size)).isSuperset(of: [1, 7, 10, 16, 40, 64]))
        #expect(Set(reference.cases.map(\.fresh_restarts)) == [false, true])
    }

    /// W and H after steps 1, 10 and the last (120), and the loss of all the data, for every case;
    /// the last is `fit_transform`'s result (with fresh restarts, its final W solve). Measured: W
    /// within 6.6e-14, H within 3.0e-14 (all cases, all three steps); the bound is the 1e-9.
    @Test(arguments: 0..<caseCount)
    func factorsMatchScikitLearn(index: Int) throws {
        let reference = try Self.reference.get()
        let c = reference.cases[index]
        let last = reference.last
        // scikit-learn's run: max_iter passes of ⌈rows / batch⌉ steps, which is also the final solve's
        // transform_max_iter (fresh restarts).
        let perPass = try Self.configuration(c, in: reference).miniBatch.stepsPerPass(rows: reference.rows)
        let configuration = try Self.configuration(c, in: reference, maximumIterations: last / perPass)
        var iterator = try NMFSolver(configuration).makeSnapshots(iterations: 1_000_000).makeIterator()
        var snapshots: [Snapshot] = []
        while let snapshot = try iterator.nextSnapshot() { snapshots.append(snapshot) }
        #expect(snapshots.count == last + 1)
        #expect(iterator.stopReason == .maximumIterations)
        for n in [1, 10, last] {
            let expected = try #require(c.steps[String(n)])
            let snapshot = snapshots[n]
            let (ew, eh) = (BetaReferenceTests.error(snapshot.w, try expected.w()),
                            BetaReferenceTests.error(snapshot.h, try expected.h()))
            #expect(ew <= 1e-9, "\(c.name): W after \(n) off by \(ew)")
            #expect(eh <= 1e-9, "\(c.name): H after \(n) off by \(eh)")
            let loss = try #require(expected.loss) * (c.beta == 2 ? 2 : 1)
            #expect(abs(snapshot.loss - loss) <= 1e-9 * abs(loss), "\(c.name): loss after \(n) \(snapshot.loss) vs \(loss)")
        }
    }

    /// With tol and max_no_improvement set, the run stops at scikit-learn's `n_steps_` (its last
    /// iteration), and says why; `n_iter_` is ⌈n_steps / steps per pass⌉.
    @Test(arguments: 0..<caseCount)
    func stopsWhereScikitLearnStops(index: Int) throws {
        let reference = try Self.reference.get()
        let c = reference.cases[index]
        for stop in c.stops {
            let configuration = try Self.configuration(c, in: reference, tolerance: stop.tol, maximumIterations: stop.max_iter,
                                                       maximumNoImprovement: stop.max_no_improvement)
            var iterator = try NMFSolver(configuration).makeSnapshots(iterations: 1_000_000).makeIterator()
            var last = -1
            while let snapshot = try iterator.nextSnapshot() { last = snapshot.iteration }
            let label = "\(c.name) tol=\(stop.tol) max_no_improvement=\(String(describing: stop.max_no_improvement))"
            #expect(last == stop.n_steps, "\(label)")
            let perPass = configuration.miniBatch.stepsPerPass(rows: reference.rows)
            #expect((last + perPass - 1) / perPass == stop.n_iter, "\(label)")
            // At the limit scikit-learn stops either way (its criterion may be met on the last step too).
            let atLimit = stop.n_steps == stop.max_iter * perPass
            let reasons: Set<StopReason> = atLimit ? [.maximumIterations, .converged] : [.converged]
            #expect(iterator.stopReason.map(reasons.contains) == true, "\(label)")
        }
    }
}
