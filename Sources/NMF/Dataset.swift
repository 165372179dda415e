import Foundation

/// The data sets the tool knows by name, and CSV files.
///
/// - `cos2`: the article's 80 points: `np.random.seed(32)`; X = rand(80)·4 + 0.2;
///   Y = cos²(X) + normal(0, 0.1, 80) + 1. Equal to numpy's array up to the last bits of libm's cos.
/// - `linear`: the article's first example, 80 noisy points along a line. The article does not give
///   its line; this one is Y = 0.5·X + 0.5 + normal(0, 0.1, 80) over the same X = rand(80)·4 + 0.2,
///   drawn from the same seed in the same order as `cos2`, with any (very unlikely) negative Y
///   clamped to 0 so the data stay non-negative.
public enum Dataset {
    /// The names `named(_:)` resolves without reading a file.
    public static let builtInNames = ["cos2", "linear"]

    /// The article's seed for its data.
    public static let articleSeed: UInt32 = 32

    /// The article's 80×2 matrix of points (x, cos²(x) + 1 + noise).
    public static func cos2(seed: UInt32 = articleSeed) -> Matrix {
        points(seed: seed, offset: 1) { x in
            let c = cos(x)
            return c * c
        }
    }

    /// 80×2 points (x, slope·x + intercept + noise), noise drawn as in `cos2`.
    public static func linear(seed: UInt32 = articleSeed, slope: Double = 0.5, intercept: Double = 0.5) -> Matrix {
        points(seed: seed, offset: 0) { x in slope * x + intercept }
    }

    /// Reads a CSV file; see `CSVReader` for the accepted format and the errors.
    public static func csv(path: String) throws -> Matrix {
        try CSVReader.read(path: path)
    }

    /// `cos2`, `linear`, or else the CSV file at that path.
    ///
    /// - Throws: the CSV reader's errors (which say why a file cannot be read: a dangling link, a FIFO,
    ///   permissions…); `NMFError.unknownDataset` when nothing at all is at that path.
    public static func named(_ name: String, seed: UInt32 = articleSeed) throws -> Matrix {
        switch name {
        case "cos2": return cos2(seed: seed)
        case "linear": return linear(seed: seed)
        default:
            guard CSVReader.entryExists(atPath: name) else { throw NMFError.unknownDataset(name) }
            return try csv(path: name)
        }
    }

    /// The article's recipe: 80 x values, then 80 normal(0, 0.1) draws, y = (f(x) + noise) + offset.
    private static func points(seed: UInt32, offset: Double, _ f: (Double) -> Double) -> Matrix {
        var random = NumpyRandom(seed: seed)
        let count = 80
        let xs = (0..<count).map { _ in random.randomSample() * 4 + 0.2 }
        let noise = (0..<count).map { _ in random.normal(loc: 0, scale: 0.1) }
        var values = [Double]()
        values.reserveCapacity(2 * count)
        for i in 0..<count {
            values.append(xs[i])
            values.append(max(0, f(xs[i]) + noise[i] + offset))
        }
        return Matrix(validRows: count, columns: 2, values: values)
    }
}
