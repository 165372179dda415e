import Animation
import Foundation
import NMF
import Testing

/// The β-divergence family, regularization, stopping and shuffle on the digits against scikit-learn
/// (Scripts/fixtures/nmf_beta.py). Here, not in NMFTests, because only Animation can load the digits.
struct DigitsBetaReferenceTests {
    struct Reference: Decodable {
        struct Step: Decodable {
            let H: [[Double]]
            let W_rows: [[Double]]
            let W_column_sums: [Double]
            let loss: Double
        }
        struct Case: Decodable {
            let solver: String
            let beta: Double
            let shuffle: Bool
            let reg: String
            let alpha_W: Double
            let alpha_H: AlphaH
            let l1_ratio: Double
            let steps: [String: Step]
            let n_iter: [String: Int]
        }
        /// scikit-learn's `alpha_H`: a number or `"same"` (nil).
        struct AlphaH: Decodable {
            let value: Double?
            init(from decoder: any Decoder) throws {
                value = try? decoder.singleValueContainer().decode(Double.self)
            }
        }
        let sklearn: String
        let rank: Int
        let w_rows: [Int]
        let cases: [Case]
    }

    static let reference = Result {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/nmf_beta_digits.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }
    static let caseCount = 14
    /// The cases also checked after 200 iterations and for `n_iter_`: KL and β = 0.5 regularized,
    /// β = 3, and CD shuffled with L1. All 14 take 14 minutes in a debug build on two busy cores
    /// (the seeded 40×30 fixtures run every case to 200 iterations), these four about a fifth of it.
    static let longRuns = [3, 5, 6, 13]

    static func configuration(_ c: Reference.Case, rank: Int, tolerance: Double? = nil,
                              maximumIterations: Int? = nil) throws -> NMFConfiguration {
        try NMFConfiguration(data: DigitsDataset.load().images, rank: rank, loss: Loss(beta: c.beta),
                             solver: c.solver == "cd" ? .hals : .multiplicative, initialization: .random(seed: 0),
                             alphaW: c.alpha_W, alphaH: c.alpha_H.value, l1Ratio: c.l1_ratio,
                             tolerance: tolerance, maximumIterations: maximumIterations,
                             shuffle: c.shuffle, randomState: 0)
    }

    /// max |a − b| / max(|b|, 1e-6 · max |b|) over paired values.
    static func error(_ a: [Double], _ b: [Double]) -> Double {
        let floor = 1e-6 * (b.map(abs).max() ?? 1)
        return zip(a, b).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? .infinity
    }

    @Test func fixtureNamesScikitLearnAndRefusesItakuraSaitoOnDigits() throws {
        let reference = try Self.reference.get()
        #expect(reference.sklearn == "1.9.1" && reference.cases.count == Self.caseCount)
        // The digits have zeros, so scikit-learn refuses β ≤ 0 on them, and so does nmfviz.
        #expect(throws: NMFError.zeroDataWithNonPositiveBeta(beta: 0, row: 0, column: 0)) {
            try NMFConfiguration(data: DigitsDataset.load().images, rank: 8, loss: .itakuraSaito)
        }
    }

    /// H whole, W's sampled rows and column sums, and the loss after 1 and 10 iterations, and 200
    /// for `longRuns`.
    @Test(arguments: 0..<caseCount)
    func factorsMatchScikitLearn(index: Int) throws {
        let reference = try Self.reference.get()
        let c = reference.cases[index]
        let label = "digits \(c.solver) β=\(c.beta) \(c.reg) shuffle=\(c.shuffle)"
        let solver = try NMFSolver(Self.configuration(c, rank: reference.rank))
        let last = Self.longRuns.contains(index) ? 200 : 10
        for snapshot in solver.makeSnapshots(iterations: last) where [1, 10, 200].contains(snapshot.iteration) {
            let expected = try #require(c.steps[String(snapshot.iteration)])
            let h = Self.error(snapshot.h.values, expected.H.flatMap { $0 })
            let rows = Self.error(reference.w_rows.flatMap { snapshot.w.rowArray($0) }, expected.W_rows.flatMap { $0 })
            let sums = Self.error((0..<reference.rank).map { snapshot.w.columnArray($0).reduce(0, +) },
                                  expected.W_column_sums)
            #expect(h <= 1e-9 && rows <= 1e-9 && sums <= 1e-9, "\(label) after \(snapshot.iteration): H \(h), W rows \(rows), sums \(sums)")
            let loss = expected.loss * (c.beta == 2 ? 2 : 1)
            #expect(abs(snapshot.loss - loss) <= 1e-9 * loss, "\(label) loss after \(snapshot.iteration)")
        }
    }

    /// With `tol` = 1e-2 the run stops at scikit-learn's `n_iter_`.
    @Test(arguments: longRuns)
    func stopsWhereScikitLearnStops(index: Int) throws {
        let reference = try Self.reference.get()
        let c = reference.cases[index]
        let expected = try #require(c.n_iter["0.01"])
        let solver = try NMFSolver(Self.configuration(c, rank: reference.rank, tolerance: 1e-2, maximumIterations: 2000))
        var iterator = solver.makeSnapshots(iterations: 2000).makeIterator()
        var last = -1
        while let snapshot = try iterator.nextSnapshot() { last = snapshot.iteration }
        #expect(last == expected, "digits \(c.solver) β=\(c.beta) \(c.reg) shuffle=\(c.shuffle)")
        #expect(iterator.stopReason == .converged)
    }
}
