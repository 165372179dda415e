import Testing
@testable import NMF

/// Initializations and solvers against scikit-learn (Scripts/fixtures/nmf_sklearn.py).
struct SklearnReferenceTests {
    static let initCases: [(String, Initialization)] = [
        ("random_32", .random(seed: 32)), ("random_0", .random(seed: 0)),
        ("nndsvd", .nndsvd), ("nndsvda", .nndsvda), ("nndsvdar", .nndsvdar(seed: 32)),
    ]

    @Test func randomInitIsScikitLearnsBitForBit() throws {
        let fixture = try Fixture.sklearn()
        let data = try Matrix(rowArrays: try #require(fixture.article.x))
        for (key, initialization) in Self.initCases.prefix(2) {
            let expected = try #require(fixture.article.`init`[key])
            let (w, h) = try initialization.matrices(for: data, rank: 2)
            #expect(w == (try expected.w()), "\(key) W")
            #expect(h == (try expected.h()), "\(key) H")
        }
    }

    /// scikit-learn takes its SVD from a randomized solver that is exact for these shapes up to
    /// rounding; ours comes from Jacobi rotations, so the factors agree to about 1e-9.
    @Test(arguments: ["article", "uniform"])
    func svdInitsMatchScikitLearn(dataset: String) throws {
        let fixture = try Fixture.sklearn()
        let reference = dataset == "article" ? fixture.article : fixture.uniform
        let data = try reference.x.map { try Matrix(rowArrays: $0) } ?? uniformMatrix(rows: 20, columns: 15, seed: 0)
        for (key, initialization) in Self.initCases.dropFirst(2) {
            let expected = try #require(reference.`init`[key])
            let (w, h) = try initialization.matrices(for: data, rank: reference.rank)
            let (ew, eh) = (try expected.w(), try expected.h())
            #expect(relativeError(w, ew, floor: ew.values.max() ?? 1) <= 1e-9, "\(dataset) \(key) W")
            #expect(relativeError(h, eh, floor: eh.values.max() ?? 1) <= 1e-9, "\(dataset) \(key) H")
            // The zero pattern decides what nndsvda/nndsvdar fill in: it must be identical.
            #expect(w.values.map { $0 == 0 } == ew.values.map { $0 == 0 }, "\(dataset) \(key) zeros of W")
        }
    }

    @Test(arguments: [("kl_mu", Loss.kullbackLeibler, SolverKind.multiplicative), ("hals", .frobenius, .hals)])
    func solverMatchesScikitLearn(key: String, loss: Loss, solver: SolverKind) throws {
        let fixture = try Fixture.sklearn()
        let data = try Matrix(rowArrays: try #require(fixture.article.x))
        let configuration = try NMFConfiguration(data: data, rank: 2, loss: loss, solver: solver)
        let snapshots = Array(try NMFSolver(configuration).makeSnapshots(iterations: 10))
        for iterations in [1, 10] {
            let expected = try #require(fixture.article.solvers?["\(key)_\(iterations)"])
            let snapshot = snapshots[iterations]
            #expect(relativeError(snapshot.w, try expected.w()) <= 1e-11, "\(key) W after \(iterations)")
            #expect(relativeError(snapshot.h, try expected.h()) <= 1e-11, "\(key) H after \(iterations)")
            let loss = try #require(expected.loss)
            #expect(abs(snapshot.loss - loss) <= 1e-10 * loss, "\(key) loss after \(iterations)")
        }
    }
}
