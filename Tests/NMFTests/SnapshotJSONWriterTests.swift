import Foundation
import Testing
@testable import NMF

/// The JSON export: its keys, and doubles that read back to the same bits.
struct SnapshotJSONWriterTests {
    struct Document: Decodable {
        struct Entry: Decodable {
            let iteration: Int
            let loss: Double
            let W: [[Double]]
            let H: [[Double]]
        }
        let data: [[Double]]
        let rank: Int
        let loss: String
        let solver: String
        let `init`: String
        let seed: UInt32?
        let snapshots: [Entry]
    }

    @Test func articleRunRoundTrips() throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2())
        let snapshots = Array(try NMFSolver(configuration).makeSnapshots(iterations: 50))
        let text = SnapshotJSONWriter(configuration: configuration).document(snapshots)
        let document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        #expect(document.rank == 2 && document.loss == "frobenius" && document.solver == "mu")
        #expect(document.`init` == "article" && document.seed == 32)
        #expect(document.data == configuration.data.rowArrays)
        #expect(document.snapshots.count == 51)
        for (entry, snapshot) in zip(document.snapshots, snapshots) {
            #expect(entry.iteration == snapshot.iteration)
            #expect(entry.loss == snapshot.loss)
            #expect(entry.W == snapshot.w.rowArrays && entry.H == snapshot.h.rowArrays)
        }
        #expect(text.hasPrefix("{\"data\": [[3.635557069172159, "))
    }

    /// `every` keeps 0, every, 2·every, … and the last iteration; a step below 1 is refused.
    @Test(arguments: [(3, 10, [0, 3, 6, 9, 10]), (5, 10, [0, 5, 10]), (20, 10, [0, 10])])
    func thinnedRunKeepsTheStepAndTheLast(every: Int, iterations: Int, expected: [Int]) throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2())
        let writer = try SnapshotJSONWriter(configuration: configuration, every: every, includesData: false)
        var text = ""
        try writer.write(try NMFSolver(configuration).makeSnapshots(iterations: iterations)) { text += $0 }
        struct Thin: Decodable { struct Entry: Decodable { let iteration: Int }; let data: [[Double]]?; let snapshots: [Entry] }
        let document = try JSONDecoder().decode(Thin.self, from: Data(text.utf8))
        #expect(document.snapshots.map(\.iteration) == expected)
        #expect(document.data == nil)
        #expect(text.hasSuffix("\"n_iter\": \(iterations), \"stopped\": \"iterations\"}\n"))
        for bad in [0, -1, Int.min] {
            #expect(throws: NMFError.self) {
                try SnapshotJSONWriter(configuration: configuration, every: bad, includesData: true)
            }
        }
    }

    @Test func seedIsNullWithoutDrawsAndNonFiniteIsNull() throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2(), initialization: .nndsvd)
        #expect(SnapshotJSONWriter(configuration: configuration).header().contains("\"init\": \"nndsvd\", \"seed\": null"))
        #expect(SnapshotJSONWriter.encode(Double.nan) == "null")
        #expect(SnapshotJSONWriter.encode(1e-5) == "1e-05")
        #expect(SnapshotJSONWriter.encode(0.1) == "0.1")
    }
}
