import Foundation
import Testing
@testable import NMF

/// Snapshots kept for a later stage: in memory up to the budget, beyond it in an unlinked file, and
/// given back bit for bit either way; an export that keeps them runs the solver once.
struct SnapshotStoreTests {
    static func snapshots(_ count: Int) throws -> [Snapshot] {
        let configuration = try NMFConfiguration(data: Dataset.cos2(), rank: 2)
        return Array(try NMFSolver(configuration).makeSnapshots(iterations: count - 1))
    }

    /// Budgets of nothing, of a few snapshots, and of all: the same snapshots come back, and what
    /// did not fit went to the file.
    @Test(arguments: [0, 5_000, 1 << 30])
    func givesBackWhatItWasGiven(budget: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let given = try Self.snapshots(12)
        let store = SnapshotStore(budget: budget, directory: folder.path)
        for snapshot in given { try store.append(snapshot) }
        #expect(store.count == given.count)
        let bytes = given.reduce(0) { $0 + 8 * ($1.w.values.count + $1.h.values.count) }
        if budget >= bytes { #expect(store.spilledBytes == 0) } else { #expect(store.spilledBytes > 0) }
        // Backwards, to show the reads are positional.
        for index in given.indices.reversed() {
            let back = try store.snapshot(at: index)
            #expect(back.iteration == given[index].iteration && back.loss.bitPattern == given[index].loss.bitPattern)
            #expect(back.w.values.map(\.bitPattern) == given[index].w.values.map(\.bitPattern))
            #expect(back.h.values.map(\.bitPattern) == given[index].h.values.map(\.bitPattern))
            #expect(back.w.rows == given[index].w.rows && back.h.columns == given[index].h.columns)
            // W and H read alone are the same bits.
            #expect(try store.w(at: index).values.map(\.bitPattern) == given[index].w.values.map(\.bitPattern))
            #expect(try store.h(at: index).values.map(\.bitPattern) == given[index].h.values.map(\.bitPattern))
            #expect(try store.h(at: index).rows == given[index].h.rows)
        }
        // The file was unlinked as soon as it was made: nothing is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A folder that cannot hold the file: one clear error, not a crash.
    @Test func unwritableFolderIsAnError() throws {
        let store = SnapshotStore(budget: 0, directory: "/nonexistent-\(UUID().uuidString)")
        let snapshot = try #require(try Self.snapshots(1).first)
        #expect(throws: NMFError.self) { try store.append(snapshot) }
    }

    /// The .npz export runs the solver once (it ran three times), and a budget of nothing (every
    /// snapshot in the file) writes the same archive.
    @Test(arguments: [(30, 1), (30, 7), (300, 3)] as [(Int, Int)])
    func npzRunsTheSolverOnce(iterations: Int, every: Int) throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2(), rank: 2, tolerance: iterations > 100 ? 0.01 : nil)
        let writer = try SnapshotNPZWriter(configuration: configuration, every: every)
        let counter = IterationCounter()
        var archive: [UInt8] = []
        try IterationCounter.$current.withValue(counter) {
            try writer.write(iterations: iterations) { archive += $0 }
        }
        var expected = 0
        for snapshot in try NMFSolver(configuration).makeSnapshots(iterations: iterations) { expected = snapshot.iteration }
        #expect(counter.runs == 1)
        #expect(counter.iterations == expected)
        var spilled: [UInt8] = []
        try writer.write(iterations: iterations, budget: 0) { spilled += $0 }
        #expect(spilled == archive)
    }
}
