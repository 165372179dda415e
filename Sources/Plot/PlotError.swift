/// Why a figure could not be built or drawn.
///
/// Every case carries the value the user supplied, so that the command line can print one clear line.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// A figure size in inches, or its dpi or scale, is not a positive finite number, or gives an image
    /// too large to allocate.
    case invalidFigureSize(widthInches: Double, heightInches: Double, dpi: Double, scale: Double)
    /// A subplot grid with no cells, or an index outside it.
    case invalidSubplotGrid(rows: Int, columns: Int)
    /// Axis limits that are not finite, equal, or not positive on a logarithmic axis.
    case invalidLimits(axis: String, lower: Double, upper: Double)
    /// Arrays that should have one entry per point have different lengths.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// A size, width or length that must be a non-negative finite number.
    case invalidValue(name: String, value: Double)
    /// The text of a `rows` × `columns` grid needs more room than the figure has (`tightSubplotParameters`).
    case textDoesNotFit(rows: Int, columns: Int)
    /// Math text (between `$…$`) outside the supported subset (`MathText`): the text and why.
    case unsupportedMathText(text: String, reason: String)

    /// One line for the user, naming the value that was wrong and what it must be.
    public var description: String {
        switch self {
        case let .invalidFigureSize(w, h, dpi, scale):
            return "invalid figure size \(w)×\(h) in at \(dpi) dpi, scale \(scale): all must be positive and finite, and the image must fit in memory"
        case let .invalidSubplotGrid(rows, columns):
            return "invalid subplot grid \(rows)×\(columns): rows and columns must be at least 1"
        case let .invalidLimits(axis, lower, upper):
            return "invalid \(axis) limits (\(lower), \(upper)): they must be finite and different (and positive on a log axis)"
        case let .lengthMismatch(what, expected, actual):
            return "\(what) has \(actual) entries but \(expected) were expected (one per point)"
        case let .invalidValue(name, value):
            return "invalid \(name) \(value): it must be a non-negative finite number"
        case let .unsupportedMathText(text, reason):
            return "cannot draw the math in '\(text)': \(reason)"
        case let .textDoesNotFit(rows, columns):
            return "the text of \(rows)×\(columns) panels does not fit in the figure: make the figure larger or the font smaller"
        }
    }
}
