import Testing
@testable import NMF

/// A rank so large that W, H or the k×k products would not fit is refused up front, not left to abort
/// the process in an allocation.
@Suite struct RankLimitTests {
    @Test func anAbsurdRankIsAnErrorNotACrash() throws {
        let data = Dataset.cos2()
        #expect(throws: NMFError.rankTooLargeForMemory(rank: 1_000_000_000, rows: 80, columns: 2)) {
            _ = try NMFConfiguration(data: data, rank: 1_000_000_000)
        }
        #expect(throws: NMFError.rankTooLargeForMemory(rank: Int.max, rows: 80, columns: 2)) {
            _ = try NMFConfiguration(data: data, rank: Int.max)
        }
    }

    @Test func theLimitFollowsTheDataAndTheGramMatrices() throws {
        // Small data: the k×k products bound it (⌊√2²⁷⌋).
        #expect(NMFConfiguration.maximumRank(rows: 80, columns: 2) == 11_585)
        // Large data: W and H bound it.
        #expect(NMFConfiguration.maximumRank(rows: 100_000, columns: 1_000) == (1 << 27) / 101_000)
        let limit = NMFConfiguration.maximumRank(rows: 80, columns: 2)
        _ = try NMFConfiguration(data: Dataset.cos2(), rank: limit)
        #expect(throws: NMFError.self) { _ = try NMFConfiguration(data: Dataset.cos2(), rank: limit + 1) }
    }
}
