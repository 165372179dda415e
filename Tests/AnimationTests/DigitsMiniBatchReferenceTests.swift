import Animation
import Foundation
import NMF
import Testing

/// The minibatch solver on the digits against scikit-learn's `MiniBatchNMF`, step by step
/// (Scripts/fixtures/nmf_minibatch.py). Here, not in NMFTests, because only Animation can load the digits.
struct DigitsMiniBatchReferenceTests {
    struct Reference: Decodable {
        typealias Step = DigitsBetaReferenceTests.Reference.Step
        struct Stop: Decodable {
            let tol: Double
            let max_no_improvement: Int?
            let max_iter: Int
            let n_steps: Int
            let n_iter: Int
        }
        struct Case: Decodable {
            let name: String
            let beta: Double
            let batch_size: Int
            let forget_factor: Double
            let fresh_restarts: Bool
            let alpha_W: Double
            let alpha_H: DigitsBetaReferenceTests.Reference.AlphaH
            let l1_ratio: Double
            let steps: [String: Step]
            let stops: [Stop]
        }
        let sklearn: String
        let rank: Int
        let w_rows: [Int]
        let last: Int
        let cases: [Case]
    }

    static let reference = Result {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/nmf_minibatch_digits.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }
    static let caseCount = 6
    /// The cases run here: one per β, each with regularization (β = 2 and 1 with fresh restarts). All
    /// six, with every stop, took 7.5 minutes of a debug build on two busy cores (3 minutes of CPU),
    /// and all passed; the seeded 40×30 fixtures run every case in NMFTests.
    static let checked = [1, 3, 5]

    static func configuration(_ c: Reference.Case, rank: Int, tolerance: Double? = nil, maximumIterations: Int? = nil,
                              maximumNoImprovement: Int? = nil) throws -> NMFConfiguration {
        let options = try MiniBatchOptions(batchSize: c.batch_size, forgetFactor: c.forget_factor,
                                           freshRestarts: c.fresh_restarts, maximumNoImprovement: maximumNoImprovement)
        return try NMFConfiguration(data: DigitsDataset.load().images, rank: rank, loss: Loss(beta: c.beta),
                                    solver: .minibatch, initialization: .random(seed: 0),
                                    alphaW: c.alpha_W, alphaH: c.alpha_H.value, l1Ratio: c.l1_ratio,
                                    tolerance: tolerance, maximumIterations: maximumIterations, miniBatch: options)
    }

    @Test func fixtureNamesScikitLearn() throws {
        let reference = try Self.reference.get()
        #expect(reference.sklearn == "1.9.1" && reference.cases.count == Self.caseCount)
        // 1797 rows in batches of 256: 8 steps a pass, the last of 5 rows.
        #expect(reference.cases.allSatisfy { $0.batch_size == 256 })
    }

    /// H whole, W's sampled rows and column sums, and the loss after steps 1, 10 and the last (40:
    /// `fit_transform` with max_iter 5), within the 1e-9.
    @Test(arguments: checked)
    func factorsMatchScikitLearn(index: Int) throws {
        let reference = try Self.reference.get()
        let c = reference.cases[index]
        let solver = try NMFSolver(Self.configuration(c, rank: reference.rank, maximumIterations: reference.last / 8))
        var seen = 0
        for snapshot in solver.makeSnapshots(iterations: reference.last + 10)
        where [1, 10, reference.last].contains(snapshot.iteration) {
            let expected = try #require(c.steps[String(snapshot.iteration)])
            let h = DigitsBetaReferenceTests.error(snapshot.h.values, expected.H.flatMap { $0 })
            let rows = DigitsBetaReferenceTests.error(reference.w_rows.flatMap { snapshot.w.rowArray($0) },
                                                      expected.W_rows.flatMap { $0 })
            let sums = DigitsBetaReferenceTests.error((0..<reference.rank).map { snapshot.w.columnArray($0).reduce(0, +) },
                                                      expected.W_column_sums)
            #expect(h <= 1e-9 && rows <= 1e-9 && sums <= 1e-9,
                    "\(c.name) after \(snapshot.iteration): H \(h), W rows \(rows), sums \(sums)")
            let loss = expected.loss * (c.beta == 2 ? 2 : 1)
            #expect(abs(snapshot.loss - loss) <= 1e-9 * loss, "\(c.name) loss after \(snapshot.iteration)")
            seen += 1
        }
        #expect(seen == 3, "\(c.name): the run stopped before step \(reference.last)")
    }

    /// With tol and max_no_improvement set, the run stops at scikit-learn's `n_steps_` (the stops of
    /// at most 16 steps, two passes, of every case: by H's change and by the smoothed cost).
    @Test(arguments: 0..<caseCount)
    func stopsWhereScikitLearnStops(index: Int) throws {
        let reference = try Self.reference.get()
        let c = reference.cases[index]
        for stop in c.stops where stop.n_steps <= 16 {
            let solver = try NMFSolver(Self.configuration(c, rank: reference.rank, tolerance: stop.tol,
                                                          maximumIterations: stop.max_iter,
                                                          maximumNoImprovement: stop.max_no_improvement))
            var last = -1
            for snapshot in solver.makeSnapshots(iterations: 100_000) { last = snapshot.iteration }
            #expect(last == stop.n_steps, "\(c.name) tol=\(stop.tol) max_no_improvement=\(String(describing: stop.max_no_improvement))")
            #expect((last + 7) / 8 == stop.n_iter)
        }
    }
}
