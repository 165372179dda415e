/// A dense row-major matrix of Doubles: the currency of the NMF engine.
///
/// The element at row `i`, column `j` is `values[i * columns + j]`. A matrix always has at least one
/// row and one column: the throwing initializers refuse anything else, so solvers never meet an
/// empty operand. Products live in `Matrix+Products.swift`; the kernels behind them in `MatrixKernels`.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    /// Number of rows (≥ 1).
    public let rows: Int
    /// Number of columns (≥ 1).
    public let columns: Int
    /// `rows × columns` values in row-major order.
    public internal(set) var values: [Double]

    /// A matrix with every element equal to `value`.
    ///
    /// - Throws: `NMFError.invalidDimensions` when a side is below 1 or the element count overflows.
    public init(rows: Int, columns: Int, repeating value: Double = 0) throws {
        try Matrix.checkDimensions(rows: rows, columns: columns)
        self.rows = rows
        self.columns = columns
        self.values = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over the given row-major values.
    ///
    /// - Throws: `NMFError.invalidDimensions` for a bad size, `NMFError.valueCountMismatch` when
    ///   `values.count != rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        try Matrix.checkDimensions(rows: rows, columns: columns)
        guard values.count == rows * columns else {
            throw NMFError.valueCountMismatch(rows: rows, columns: columns, count: values.count)
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from an array of equally long rows.
    ///
    /// - Throws: `NMFError.invalidDimensions` when there are no rows or no columns,
    ///   `NMFError.valueCountMismatch` when the rows differ in length.
    public init(rowArrays: [[Double]]) throws {
        let columns = rowArrays.first?.count ?? 0
        try Matrix.checkDimensions(rows: rowArrays.count, columns: columns)
        let flat = rowArrays.flatMap { $0 }
        try self.init(rows: rowArrays.count, columns: columns, values: flat)
    }

    /// An internal initializer for sizes already known to be valid (workspace buffers, results).
    init(validRows rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    static func checkDimensions(rows: Int, columns: Int) throws {
        guard rows >= 1, columns >= 1 else { throw NMFError.invalidDimensions(rows: rows, columns: columns) }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count <= Int.max / MemoryLayout<Double>.stride else {
            throw NMFError.invalidDimensions(rows: rows, columns: columns)
        }
    }

    /// The element at row `i`, column `j`; both must be in range.
    public subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// Row `i` as an array.
    public func rowArray(_ i: Int) -> [Double] {
        Array(values[(i * columns)..<((i + 1) * columns)])
    }

    /// Column `j` as an array.
    public func columnArray(_ j: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + j] }
    }

    /// All rows, each as an array (the shape JSON and plotting code want).
    public var rowArrays: [[Double]] {
        (0..<rows).map(rowArray)
    }

    /// The transpose (columns × rows).
    public func transposed() -> Matrix {
        var out = [Double](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                MatrixKernels.transpose(src, rows: rows, columns: columns, into: dst)
            }
        }
        return Matrix(validRows: columns, columns: rows, values: out)
    }

    /// The mean of all elements, summed in numpy's pairwise order so that it equals `Y.mean()` bit
    /// for bit (scikit-learn's random and NNDSVD-a/-ar initializations scale by it).
    public var mean: Double {
        values.withUnsafeBufferPointer { Matrix.pairwiseSum($0[...]) } / Double(values.count)
    }

    /// numpy's `pairwise_sum`: plain below 8 values, 8 interleaved partial sums up to 128, and
    /// above that the two halves (the first a multiple of 8 long) summed separately.
    static func pairwiseSum(_ a: Slice<UnsafeBufferPointer<Double>>) -> Double {
        let n = a.count
        let base = a.startIndex
        if n < 8 {
            var sum = 0.0
            for value in a { sum += value }
            return sum
        }
        if n <= 128 {
            var r = (0..<8).map { a[base + $0] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += a[base + i + j] }
                i += 8
            }
            var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                sum += a[base + i]
                i += 1
            }
            return sum
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(a[base..<(base + half)]) + pairwiseSum(a[(base + half)...])
    }

    /// The Frobenius norm √(Σ aᵢⱼ²).
    public var frobeniusNorm: Double {
        values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// The smallest element.
    public var minimum: Double {
        values.min() ?? 0
    }

    /// True when every element is finite.
    public var isFinite: Bool {
        values.allSatisfy { $0.isFinite }
    }

    /// The largest value the solvers accept in data and in custom factors: 1e50.
    ///
    /// The updates raise the data's scale to high powers before they divide: the loss squares W H,
    /// nndsvda fills W and H with the mean (so W H ~ mean², and the loss ~ mean⁴), and the MU
    /// denominators W (H Hᵀ) grow as the cube of that. At 1e77 the nndsvd runs already overflow into
    /// all-zero factors, and at 1e100 nndsvda's first loss is infinite; at 1e50, even a 64 MiB file
    /// (at most 2²⁵ values) keeps these sums near 1e208, far from double's 1.8e308.
    public static let maximumValue = 1e50

    /// Checks that every element is finite, non-negative and at most `maximumValue`.
    ///
    /// - Parameter name: how error messages call this matrix (e.g. "W").
    /// - Throws: `NMFError.invalidValue` naming the first offending element.
    public func validateNonNegative(name: String) throws {
        for (index, value) in values.enumerated() where !(value.isFinite && value >= 0 && value <= Matrix.maximumValue) {
            throw NMFError.invalidValue(what: name, row: index / columns, column: index % columns, value: value)
        }
    }

    /// The size and the rows, e.g. `Matrix(2×2) [[1.0, 2.0], [3.0, 4.0]]`.
    public var description: String {
        "Matrix(\(rows)×\(columns)) " + rowArrays.description
    }
}
