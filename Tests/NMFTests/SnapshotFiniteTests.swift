import Testing
@testable import NMF

/// Nothing non-finite leaves the solver: the iteration stops with an error naming the iteration.
struct SnapshotFiniteTests {
    // Denormal literals would warn; these are 5e-324 and 2.2e-308.
    static let denormal = Double.leastNonzeroMagnitude
    static let normal = Double.leastNormalMagnitude

    static func matrix(_ rows: Int, _ columns: Int, _ values: [Double]) -> Matrix {
        Matrix(validRows: rows, columns: columns, values: values)
    }

    @Test func anOverflowingLossStopsTheIteration() {
        // The configuration refuses such data; the state is built directly to reach the check.
        let state = makeUpdaterState(data: Self.matrix(1, 2, [1e200, 1e200]), w: Self.matrix(1, 1, [1]),
                                       h: Self.matrix(1, 2, [1, 1]), loss: .frobenius, solver: .multiplicative)
        var iterator = SnapshotIterator(state: state, iterations: 3)
        #expect(throws: NMFError.nonFiniteResult(iteration: 0, what: "the loss")) { try iterator.nextSnapshot() }
        #expect(iterator.next() == nil)
        #expect(iterator.failure == .nonFiniteResult(iteration: 0, what: "the loss"))
        #expect(NMFError.nonFiniteResult(iteration: 7, what: "W").description
            == "iteration 7: W is no longer finite (the updates overflowed); try data on a smaller scale or another --init")
    }

    @Test func namesThePartThatIsNotFinite() {
        let finite = Self.matrix(1, 1, [1])
        #expect(SnapshotIterator.nonFinitePart(of: Snapshot(iteration: 1, w: finite, h: finite, loss: 1)) == nil)
        #expect(SnapshotIterator.nonFinitePart(of: Snapshot(iteration: 1, w: finite, h: finite, loss: .nan)) == "the loss")
        #expect(SnapshotIterator.nonFinitePart(of: Snapshot(iteration: 1, w: Self.matrix(1, 1, [.infinity]), h: finite, loss: 1)) == "W")
        #expect(SnapshotIterator.nonFinitePart(of: Snapshot(iteration: 1, w: finite, h: Self.matrix(1, 1, [.nan]), loss: 1)) == "H")
    }

    @Test func theConfigurationRefusesDataWhoseSquaresCouldOverflow() throws {
        let data = Self.matrix(2, 2, [1, 2, 3, 1e51])
        #expect(throws: NMFError.invalidValue(what: "Y", row: 1, column: 1, value: 1e51)) { try NMFConfiguration(data: data) }
        #expect(NMFError.invalidValue(what: "Y", row: 1, column: 1, value: 1e51).description
            == "Y[1, 1] = 1e+51: values must be at most 1e+50, or their squares and sums could overflow")
        _ = try NMFConfiguration(data: Self.matrix(2, 2, [1, 2, 3, 1e50]))
    }

    /// The checked writer gives the same document as the plain one, and the run is finite throughout,
    /// from denormal data up to the limit, for every solver and initialization.
    @Test(arguments: [[Self.denormal, Self.normal / 8, Self.denormal * 3, Self.normal / 4, Self.normal / 1000, Self.normal / 2],
                      [1e50, 1e-300, 1e-300, 1e50, 5e49, 1], [1e50, 0, 0, 0, 0, Self.denormal]])
    func extremeDataStayFinite(_ values: [Double]) throws {
        let data = Self.matrix(3, 2, values)
        let inits: [Initialization] = [.article(seed: 32), .random(seed: 1), .nndsvd, .nndsvda, .nndsvdar(seed: 1)]
        for initialization in inits {
            for (loss, solver) in [(Loss.frobenius, SolverKind.multiplicative), (.kullbackLeibler, .multiplicative),
                                   (.frobenius, .hals)] {
                let configuration = try NMFConfiguration(data: data, rank: 2, loss: loss, solver: solver,
                                                         initialization: initialization)
                let solver = try NMFSolver(configuration)
                try solver.checkSnapshots(iterations: 100)
                let writer = SnapshotJSONWriter(configuration: configuration)
                var checked = ""
                try writer.write(solver.makeSnapshots(iterations: 20)) { checked += $0 }
                // Snapshots from elsewhere cannot say why their run ended: `stopped` is null there.
                let document = writer.document(Array(solver.makeSnapshots(iterations: 20)))
                #expect(checked == document.replacingOccurrences(of: "\"stopped\": null", with: "\"stopped\": \"iterations\""))
                #expect(!checked.contains("null, \"W\"") && !checked.contains("nan") && !checked.contains("inf"))
            }
        }
    }
}
