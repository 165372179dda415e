import Foundation
@testable import NMF

/// The JSON fixtures written by Scripts/fixtures/nmf_*.py (no Python needed at test time).
///
/// Decoded with `JSONDecoder`, which parses doubles exactly; `JSONSerialization` goes through
/// `NSDecimalNumber` on Linux and can be off in the last bit, which these comparisons would see.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// W and H (and, for solver runs, the loss) as the reference produced them.
    struct Factors: Decodable {
        let W: [[Double]]
        let H: [[Double]]
        let loss: Double?

        func w() throws -> Matrix { try Matrix(rowArrays: W) }
        func h() throws -> Matrix { try Matrix(rowArrays: H) }
    }

    /// nmf_article.json: the article's data, loss per iteration, factors at a few iterations.
    struct Article: Decodable {
        let x: [[Double]]
        let losses: [Double]
        let steps: [String: Factors]
    }

    /// nmf_random.json: per seed, numpy's first 1000 `random_sample` and `normal` draws.
    struct Draws: Decodable {
        let random_sample: [Double]
        let normal: [Double]
    }

    /// nmf_sklearn.json: scikit-learn's initializations and solver runs.
    struct Sklearn: Decodable {
        struct Case: Decodable {
            let x: [[Double]]?
            let rank: Int
            let `init`: [String: Factors]
            let solvers: [String: Factors]?
        }
        let article: Case
        let uniform: Case
    }

    static func article() throws -> Article { try load(Article.self, "nmf_article.json") }
    static func draws() throws -> [String: Draws] { try load([String: Draws].self, "nmf_random.json") }
    static func sklearn() throws -> Sklearn { try load(Sklearn.self, "nmf_sklearn.json") }
}

/// The largest |a − b| / max(|b|, floor) over two matrices of equal shape (∞ if the shapes differ).
func relativeError(_ a: Matrix, _ b: Matrix, floor: Double = 1e-300) -> Double {
    guard a.rows == b.rows, a.columns == b.columns else { return .infinity }
    var worst = 0.0
    for index in 0..<a.values.count {
        let (x, y) = (a.values[index], b.values[index])
        let error = abs(x - y) / max(abs(y), floor)
        if !(error <= worst) { worst = error }
    }
    return worst
}

/// A rows×columns matrix of `random_sample` draws from numpy's stream after `np.random.seed(seed)`.
func uniformMatrix(rows: Int, columns: Int, seed: UInt32) throws -> Matrix {
    var random = NumpyRandom(seed: seed)
    return try Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in random.randomSample() })
}
