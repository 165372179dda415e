/// Why the NMF module refused its input.
///
/// Every case carries what a user needs to fix the problem; `description` renders it as one line,
/// CSV problems in the `file:line:column: reason` form that editors and terminals recognise.
public enum NMFError: Error, Equatable, CustomStringConvertible {
    /// Matrix dimensions that are zero, negative or too large to allocate.
    case invalidDimensions(rows: Int, columns: Int)
    /// A value array whose length does not equal rows × columns.
    case valueCountMismatch(rows: Int, columns: Int, count: Int)
    /// Two matrices whose shapes do not fit together (e.g. custom W, H against the data).
    case shapeMismatch(what: String, expected: String, actual: String)
    /// A rank below 1.
    case invalidRank(Int)
    /// W (m×k), H (k×n) or the k×k products would hold more than `NMFConfiguration.maximumFactorValues` numbers.
    case rankTooLargeForMemory(rank: Int, rows: Int, columns: Int)
    /// An SVD-based initialization asked for more components than min(rows, columns).
    case rankTooLargeForInitialization(rank: Int, rows: Int, columns: Int, initialization: String)
    /// A matrix holds a negative, NaN or infinite value where non-negative finite data is required.
    case invalidValue(what: String, row: Int, column: Int, value: Double)
    /// The data matrix is all zeros: nothing to factorize.
    case allZeroData(source: String)
    /// Options that cannot work together (e.g. HALS with the KL loss).
    case unsupportedCombination(String)
    /// A data set name that is neither built in nor a readable file.
    case unknownDataset(String)
    /// The CSV file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The CSV file is larger than `CSVReader.maximumFileSize`.
    case fileTooLarge(path: String, size: Int, limit: Int)
    /// A field that is not a number.
    case notANumber(path: String, line: Int, column: Int, field: String)
    /// A NaN or infinite value.
    case notFinite(path: String, line: Int, column: Int, field: String)
    /// A negative value: NMF needs non-negative data.
    case negativeValue(path: String, line: Int, column: Int, field: String)
    /// A row whose field count differs from the first data row's.
    case raggedRow(path: String, line: Int, expected: Int, actual: Int)
    /// Fewer than 2 data rows or fewer than 1 column.
    case tooFewValues(path: String, rows: Int, columns: Int)
    /// Every value in the file is zero.
    case allZeroFile(path: String)
    /// An image shape that is not `HxW` with sides in 1…`ImageShape.maximumSide`.
    case invalidImageShape(String)
    /// Data whose rows cannot be images of that shape: the columns are not one per pixel.
    case imageShapeMismatch(source: String, shape: String, pixels: Int, columns: Int)

    public var description: String {
        switch self {
        case let .invalidDimensions(rows, columns):
            return "invalid matrix size \(rows)×\(columns): both must be at least 1"
        case let .valueCountMismatch(rows, columns, count):
            return "a \(rows)×\(columns) matrix needs \(rows * columns) values, got \(count)"
        case let .shapeMismatch(what, expected, actual):
            return "\(what) must be \(expected), got \(actual)"
        case let .rankTooLargeForMemory(rank, rows, columns):
            return "rank \(rank) is too large for \(rows)×\(columns) data: at most "
                + "\(NMFConfiguration.maximumRank(rows: rows, columns: columns)) components fit in memory"
        case let .invalidRank(rank):
            return "rank \(rank) is invalid: it must be at least 1"
        case let .rankTooLargeForInitialization(rank, rows, columns, initialization):
            return "init '\(initialization)' needs rank ≤ min(rows, columns) = \(min(rows, columns)) "
                + "for \(rows)×\(columns) data, got rank \(rank)"
        case let .invalidValue(what, row, column, value):
            return "\(what)[\(row), \(column)] = \(value): values must be finite and non-negative"
        case let .allZeroData(source):
            return "\(source): the data is all zeros, there is nothing to factorize"
        case let .unsupportedCombination(reason):
            return reason
        case let .unknownDataset(name):
            return "'\(name)' is neither a built-in data set (cos2, linear) nor a readable file"
        case let .unreadableFile(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .fileTooLarge(path, size, limit):
            return "\(path): file is \(size) bytes, more than the limit of \(limit) bytes"
        case let .notANumber(path, line, column, field):
            return "\(path):\(line):\(column): '\(field)' is not a number"
        case let .notFinite(path, line, column, field):
            return "\(path):\(line):\(column): '\(field)' is not finite (NaN and infinity are not allowed)"
        case let .negativeValue(path, line, column, field):
            return "\(path):\(line):\(column): '\(field)' is negative; NMF needs non-negative data"
        case let .raggedRow(path, line, expected, actual):
            return "\(path):\(line):1: row has \(actual) fields, expected \(expected) like the first row"
        case let .tooFewValues(path, rows, columns):
            return "\(path): found \(rows) rows × \(columns) columns; need at least 2 rows and 1 column"
        case let .allZeroFile(path):
            return "\(path): every value is zero, there is nothing to factorize"
        case let .invalidImageShape(text):
            return "image shape '\(text)' must be HxW with sides from 1 to \(ImageShape.maximumSide), such as 8x8"
        case let .imageShapeMismatch(source, shape, pixels, columns):
            return "\(source) has \(columns) columns, but \(shape) images need \(pixels), one per pixel"
        }
    }
}
