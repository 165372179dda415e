/// Why the NMF module refused its input.
///
/// Every case carries what a user needs to fix the problem; `description` renders it as one line,
/// CSV problems in the `file:line:column: reason` form that editors and terminals recognise.
public enum NMFError: Error, Equatable, CustomStringConvertible {
    /// A parameter of `NMFConfiguration`, named in errors by its scikit-learn name; a front end maps
    /// it to its own spelling with `description(naming:)`.
    public enum Parameter: String, Sendable, CaseIterable {
        /// The β of the β-divergence (`Loss.beta`; scikit-learn's `beta_loss`).
        case beta
        /// `NMFConfiguration.alphaW`.
        case alphaW = "alpha_W"
        /// `NMFConfiguration.alphaH`.
        case alphaH = "alpha_H"
        /// `NMFConfiguration.l1Ratio`.
        case l1Ratio = "l1_ratio"
        /// `NMFConfiguration.tolerance`.
        case tolerance = "tol"
        /// `NMFConfiguration.maximumIterations`.
        case maximumIterations = "max_iter"
        /// `MiniBatchOptions.batchSize`.
        case batchSize = "batch_size"
        /// `MiniBatchOptions.forgetFactor`.
        case forgetFactor = "forget_factor"
        /// `MiniBatchOptions.freshRestartsMaximumIterations`.
        case freshRestartsMaximumIterations = "fresh_restarts_max_iter"
        /// `MiniBatchOptions.transformMaximumIterations`.
        case transformMaximumIterations = "transform_max_iter"
        /// `MiniBatchOptions.maximumNoImprovement`.
        case maximumNoImprovement = "max_no_improvement"

        /// Whether the parameter takes whole numbers (shown without a decimal point in errors).
        public var isInteger: Bool {
            switch self {
            case .maximumIterations, .batchSize, .freshRestartsMaximumIterations, .transformMaximumIterations,
                 .maximumNoImprovement: return true
            case .beta, .alphaW, .alphaH, .l1Ratio, .tolerance, .forgetFactor: return false
            }
        }

        /// scikit-learn's name of the parameter.
        public var sklearnName: String { rawValue }
    }

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
    /// The CSV file is larger than the reader's limit (`CSVReader.fileSizeLimit()`).
    case fileTooLarge(path: String, size: Int, limit: Int)
    /// The CSV file grew past the reader's limit while it was read (its size was not known,
    /// or it changed, after the first look).
    case fileTooLargeWhileReading(path: String, limit: Int)
    /// A control character (NUL, ESC, …; tabs are blanks) outside a comment.
    case controlCharacter(path: String, line: Int, column: Int, scalar: UInt32)
    /// A `"` that opens a field and is not closed on the same line.
    case unterminatedQuote(path: String, line: Int, column: Int)
    /// A field that is not a number. `header` is the line read as the header, if one was.
    case notANumber(path: String, line: Int, column: Int, field: String, header: Int? = nil)
    /// A NaN or infinite value.
    case notFinite(path: String, line: Int, column: Int, field: String, header: Int? = nil)
    /// A negative value: NMF needs non-negative data.
    case negativeValue(path: String, line: Int, column: Int, field: String, header: Int? = nil)
    /// A value above `Matrix.maximumValue`, whose squares and sums could overflow.
    case valueTooLarge(path: String, line: Int, column: Int, field: String, header: Int? = nil)
    /// A row whose field count differs from the first data row's.
    case raggedRow(path: String, line: Int, expected: Int, actual: Int, header: Int? = nil)
    /// Fewer than 2 data rows or fewer than 1 column.
    case tooFewValues(path: String, rows: Int, columns: Int)
    /// Every value in the file is zero.
    case allZeroFile(path: String)
    /// An image shape that is not `HxW` with sides in 1…`ImageShape.maximumSide`.
    case invalidImageShape(String)
    /// The loss or a factor stopped being finite during the run (an overflow or 0/0 in the updates).
    case nonFiniteResult(iteration: Int, what: String)
    /// A parameter outside its range; `requirement` says what it must be ("at least 0").
    case invalidParameter(Parameter, value: Double, requirement: String)
    /// Data with a zero (at `row`, `column`) for a β-divergence with β ≤ 0, which scikit-learn refuses
    /// because the updates may diverge there.
    case zeroDataWithNonPositiveBeta(beta: Double, row: Int, column: Int)
    /// Data whose rows cannot be images of that shape: the columns are not one per pixel.
    case imageShapeMismatch(source: String, shape: String, pixels: Int, columns: Int)
    /// The temporary file that holds a run's snapshots beyond the memory budget could not be made,
    /// written or read (`SnapshotStore`); `reason` is the system's.
    case scratchFileFailed(reason: String)

    /// The error in one line, naming parameters as scikit-learn does (`alpha_W`, `l1_ratio`, …).
    public var description: String {
        description(naming: \.sklearnName)
    }

    /// The error in one line, naming parameters with `name` (a command line passes its flags).
    public func description(naming name: (Parameter) -> String) -> String {
        switch self {
        case let .invalidParameter(parameter, value, requirement):
            let shown = parameter.isInteger ? Int(exactly: value).map(String.init) ?? "\(value)" : "\(value)"
            return "\(name(parameter)) = \(shown) is invalid: it must be \(requirement)"
        case let .zeroDataWithNonPositiveBeta(beta, row, column):
            return "Y[\(row), \(column)] = 0: the β-divergence with β = \(beta) ≤ 0 needs data without zeros "
                + "(the updates may diverge there; scikit-learn refuses them too): add a small value to the data "
                + "or choose β > 0"
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
            if value.isFinite && value > Matrix.maximumValue {
                return "\(what)[\(row), \(column)] = \(value): values must be at most \(Matrix.maximumValue), "
                    + "or their squares and sums could overflow"
            }
            return "\(what)[\(row), \(column)] = \(value): values must be finite and non-negative"
        case let .allZeroData(source):
            return "\(source): the data is all zeros, there is nothing to factorize"
        case let .unsupportedCombination(reason):
            return reason
        case let .scratchFileFailed(reason):
            return "the temporary file for the run's snapshots failed: \(reason) (set TMPDIR to a folder with room)"
        case let .unknownDataset(name):
            return "\(NMFError.quoted(name, limit: nil)) is neither a built-in data set (cos2, linear) nor a readable file"
        case let .unreadableFile(path, reason):
            return "\(NMFError.printable(path)): cannot read: \(reason)"
        case let .fileTooLarge(path, size, limit):
            return "\(NMFError.printable(path)): file is \(size) bytes, more than the limit of \(limit) bytes"
        case let .fileTooLargeWhileReading(path, limit):
            return "\(NMFError.printable(path)): file holds more than the limit of \(limit) bytes"
        case let .controlCharacter(path, line, column, scalar):
            return "\(NMFError.printable(path)):\(line):\(column): control character "
                + "\(NMFError.codePoint(scalar)) is not allowed in CSV data"
        case let .unterminatedQuote(path, line, column):
            return "\(NMFError.printable(path)):\(line):\(column): the quote that opens this field is not closed on its line"
        case let .notANumber(path, line, column, field, header):
            return NMFError.located(path, line, column, "\(NMFError.quoted(field)) is not a number", header)
        case let .notFinite(path, line, column, field, header):
            return NMFError.located(path, line, column,
                                    "\(NMFError.quoted(field)) is not finite (NaN and infinity are not allowed)", header)
        case let .negativeValue(path, line, column, field, header):
            return NMFError.located(path, line, column,
                                    "\(NMFError.quoted(field)) is negative; NMF needs non-negative data", header)
        case let .valueTooLarge(path, line, column, field, header):
            return NMFError.located(path, line, column, "\(NMFError.quoted(field)) is too large: values must be at most "
                                    + "\(Matrix.maximumValue), or their squares and sums could overflow", header)
        case let .raggedRow(path, line, expected, actual, header):
            return NMFError.located(path, line, 1, "row has \(actual) fields, expected \(expected) like the first row", header)
        case let .tooFewValues(path, rows, columns):
            return "\(NMFError.printable(path)): found \(rows) rows × \(columns) columns; need at least 2 rows and 1 column"
        case let .allZeroFile(path):
            return "\(NMFError.printable(path)): every value is zero, there is nothing to factorize"
        case let .nonFiniteResult(iteration, what):
            return "iteration \(iteration): \(what) is no longer finite (the updates overflowed); "
                + "try data on a smaller scale or another --init"
        case let .invalidImageShape(text):
            return "image shape \(NMFError.quoted(text)) must be HxW with sides from 1 to \(ImageShape.maximumSide), such as 8x8"
        case let .imageShapeMismatch(source, shape, pixels, columns):
            return "\(source) has \(columns) columns, but \(shape) images need \(pixels), one per pixel"
        }
    }
}
