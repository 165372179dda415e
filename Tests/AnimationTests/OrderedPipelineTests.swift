import Foundation
import Testing
@testable import Animation

/// A sequence that records how far it has been consumed, to check the bound on items in flight.
private final class CountingSequence: Sequence, IteratorProtocol {
    let count: Int
    var taken = 0
    init(count: Int) { self.count = count }
    func next() -> Int? {
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}

private struct Boom: Error, Equatable { let at: Int }

@Suite struct OrderedPipelineTests {
    /// A transform whose time varies with the input, so that results finish out of order.
    private static func slowSquare(_ state: inout Int, _ x: Int) -> Int {
        state += 1
        usleep(useconds_t((x * 7919) % 5) * 300)
        return x * x
    }

    @Test(arguments: [1, 2, 3, 8])
    func consumesInInputOrder(jobs: Int) throws {
        var seen: [Int] = []
        var indices: [Int] = []
        try OrderedPipeline<Int, Int, Int>(jobs: jobs).run(
            0..<200, makeState: { 0 }, transform: Self.slowSquare,
            consume: { index, value in
                indices.append(index)
                seen.append(value)
            })
        #expect(indices == Array(0..<200))
        #expect(seen == (0..<200).map { $0 * $0 })
    }

    @Test(arguments: [1, 2, 4])
    func boundsItemsInFlight(jobs: Int) throws {
        let inputs = CountingSequence(count: 300)
        let pipeline = OrderedPipeline<Int, Int, Int>(jobs: jobs, capacity: 5)
        var worst = 0
        try pipeline.run(
            inputs, makeState: { 0 }, transform: Self.slowSquare,
            consume: { index, _ in
                // Items taken from the sequence but not yet consumed, this one included.
                worst = max(worst, inputs.taken - index)
            })
        #expect(worst >= 1)
        #expect(worst <= pipeline.capacity)
    }

    @Test(arguments: [1, 3])
    func transformErrorStopsAndIsRethrown(jobs: Int) {
        var consumed: [Int] = []
        #expect(throws: Boom(at: 37)) {
            try OrderedPipeline<Int, Int, Int>(jobs: jobs).run(
                0..<1000, makeState: { 0 },
                transform: { _, x in
                    if x == 37 { throw Boom(at: 37) }
                    return x
                },
                consume: { _, value in consumed.append(value) })
        }
        #expect(consumed == Array(0..<consumed.count))
        #expect(consumed.count <= 37)
    }

    @Test(arguments: [1, 3])
    func consumerErrorStopsAndIsRethrown(jobs: Int) {
        let inputs = CountingSequence(count: 1000)
        #expect(throws: Boom(at: 10)) {
            try OrderedPipeline<Int, Int, Int>(jobs: jobs, capacity: 6).run(
                inputs, makeState: { 0 }, transform: { _, x in x },
                consume: { index, _ in if index == 10 { throw Boom(at: 10) } })
        }
        #expect(inputs.taken <= 10 + 6 + 1)
    }

    /// Lowered workers run at nice `workerNice` (on Linux; elsewhere at utility QoS), the calling
    /// thread keeps its own, and results still come in order.
    @Test(arguments: [false, true])
    func loweredWorkersYieldToTheCallingThread(lowered: Bool) throws {
        #if os(Linux)
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        var seen: [Int32] = []
        try OrderedPipeline<Int, Int32, Int>(jobs: 2, lowersWorkers: lowered).run(
            0..<20, makeState: { 0 },
            transform: { _, _ in getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) },
            consume: { _, nice in seen.append(nice) })
        #expect(seen.count == 20)
        let expected = lowered ? min(19, own + OrderedPipeline<Int, Int32, Int>.workerNice) : own
        #expect(seen.allSatisfy { $0 == expected }, "\(seen)")
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == own)
        #endif
    }

    @Test func stateIsReusedWithinAWorker() throws {
        // With one job every item goes through the same state, which counts the calls.
        var counts: [Int] = []
        try OrderedPipeline<Int, Int, Int>(jobs: 1).run(
            0..<10, makeState: { 0 },
            transform: { state, _ in
                state += 1
                return state
            },
            consume: { _, value in counts.append(value) })
        #expect(counts == Array(1...10))
    }
}
