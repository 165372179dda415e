import Foundation
import Testing
@testable import NMF

/// The chunked, parallel KL passes against plain serial loops.
struct KLPassTests {
    static func plainKL(_ y: [Double], _ wh: [Double]) -> Double {
        var divergence = 0.0, sumY = 0.0, sumWH = 0.0
        for index in 0..<y.count {
            sumWH += wh[index]
            if y[index] > NMFSolver.epsilon {
                divergence += y[index] * log(y[index] / max(wh[index], NMFSolver.epsilon))
                sumY += y[index]
            }
        }
        return divergence + (sumWH - sumY)
    }

    /// Sizes of one chunk (exactly the serial sum) and of several (chunk sums added in order),
    /// with zeros in Y and values of WH below ε.
    @Test(arguments: [1, 7, MultiplicativeKLState.elementChunk, 3 * MultiplicativeKLState.elementChunk + 5])
    func klMatchesPlainSum(count: Int) throws {
        var random = NumpyRandom(seed: 60)
        let y = (0..<count).map { i in i % 5 == 0 ? 0 : random.randomSample() * 3 }
        let wh = (0..<count).map { i in i % 7 == 0 ? 1e-9 : random.randomSample() * 3 }
        let fast = MultiplicativeKLState.generalizedKL(y: y, wh: wh)
        let plain = Self.plainKL(y, wh)
        if count <= MultiplicativeKLState.elementChunk {
            #expect(fast == plain)
        } else {
            #expect(abs(fast - plain) <= 1e-12 * abs(plain))
        }
    }

    @Test(arguments: [1, 9, 2 * MultiplicativeKLState.elementChunk + 3])
    func ratioMatchesPlainLoop(count: Int) throws {
        var random = NumpyRandom(seed: 61)
        let y = try Matrix(rows: 1, columns: count, values: (0..<count).map { _ in random.randomSample() })
        var wh = try Matrix(rows: 1, columns: count, values: (0..<count).map { i in i % 3 == 0 ? 0 : random.randomSample() })
        let expected = zip(y.values, wh.values).map { $0 / max($1, NMFSolver.epsilon) }
        MultiplicativeKLState.ratio(y, into: &wh)
        #expect(wh.values == expected)
    }
}
