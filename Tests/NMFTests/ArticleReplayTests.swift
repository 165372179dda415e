import Testing
@testable import NMF

/// The article's run, compared with numpy's replay in Scripts/fixtures/nmf_article.py.
struct ArticleReplayTests {
    @Test func cos2DataEqualsNumpysUpToLibmsCos() throws {
        let expected = try Matrix(rowArrays: try Fixture.article().x)
        let data = Dataset.cos2()
        #expect(data.rows == 80 && data.columns == 2)
        // The x column involves no libm call: bit-equal.
        #expect(data.columnArray(0) == expected.columnArray(0))
        #expect(relativeError(data, expected) <= 1e-15)
    }

    @Test func snapshotsMatchNumpyTo1e12() throws {
        let fixture = try Fixture.article()
        let data = try Matrix(rowArrays: fixture.x)
        let losses = fixture.losses
        let steps = fixture.steps
        #expect(losses.count == 51 && steps.count == 6)
        let solver = try NMFSolver(NMFConfiguration(data: data))
        var seen = 0
        for snapshot in solver.makeSnapshots(iterations: 50) {
            #expect(snapshot.iteration == seen)
            #expect(abs(snapshot.loss - losses[seen]) <= 1e-12 * losses[seen], "loss at \(seen)")
            if let step = steps["\(seen)"] {
                #expect(relativeError(snapshot.w, try step.w()) <= 1e-12, "W at \(seen)")
                #expect(relativeError(snapshot.h, try step.h()) <= 1e-12, "H at \(seen)")
            }
            seen += 1
        }
        #expect(seen == 51)
    }

    @Test func articleLossesAreTheIssuesNumbers() throws {
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let losses = solver.makeSnapshots(iterations: 50).map(\.loss)
        #expect((losses[0] * 1e4).rounded() == 3_777_359)
        #expect((losses[50] * 1e4).rounded() == 3930)
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 <= $0 })
    }

    @Test func reconstructionIsWTimesH() throws {
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let snapshots = Array(solver.makeSnapshots(iterations: 3))
        #expect(snapshots.count == 4)
        let snapshot = snapshots[3]
        let y = snapshot.reconstruction()
        #expect(y.rows == 80 && y.columns == 2)
        let i = 17
        let expected = snapshot.w[i, 0] * snapshot.h[0, 1] + snapshot.w[i, 1] * snapshot.h[1, 1]
        #expect(abs(y[i, 1] - expected) <= 1e-15 * abs(expected))
    }

    @Test func sequenceRestartsFromTheSameStart() throws {
        let solver = try NMFSolver(NMFConfiguration(data: Dataset.cos2()))
        let sequence = solver.makeSnapshots(iterations: 4)
        let first = Array(sequence), second = Array(sequence)
        #expect(first.count == 5)
        #expect(first == second)
        #expect(first[0].w == solver.initialW)
        #expect(first[4].w != first[0].w)
    }
}
