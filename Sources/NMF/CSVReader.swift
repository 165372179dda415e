/// Reads a non-negative numeric matrix from a CSV-like text file, or says exactly what is wrong.
///
/// Format: UTF-8 text (a leading byte-order mark is skipped), one row per line; `\n`, `\r\n` and `\r`
/// end lines. `#` outside quotes starts a comment to the end of the line; blank lines are skipped.
///
/// - **Separator**: commas, or else semicolons, or else runs of spaces/tabs — whichever the first
///   data line (the first line that is not the header) uses outside quotes, in that order.
/// - **Numbers**: ASCII decimal, `[+-]digits[.digits][(e|E)[+-]digits]` (digits may be omitted on
///   one side of the point), optionally inside one pair of double quotes (`"1.5"` is 1.5). Nothing
///   else is a number: not hex, not digits of other scripts (full-width `１`), not `1_000`.
///   Every value must be non-negative and at most `Matrix.maximumValue` (1e50); `nan` and `inf`
///   are refused. Values too small for a double read as 0.
/// - **Header**: the first non-blank line is a header, and skipped, when it contains a letter and
///   none of its words — the pieces between commas, semicolons, spaces and tabs outside quotes, with
///   quotes removed — is a number, `nan` or `inf`, or starts with a digit of any script, also after a
///   sign or a point. So `x,y`, `"height, cm",weight` and `,a,b` are headers; `"1","2"`, `１,２`,
///   `nan,inf` and `5x,3y` are data, and get an error if they are not numbers.
///
/// Rejected, each with `file:line:column:` (1-based; the column counts characters) and the reason,
/// the field quoted with control characters escaped and cut after `NMFError.fieldLimit` characters:
/// control characters (NUL, ESC, …) outside comments, unclosed quotes, fields that are not numbers
/// (including empty ones), NaN or infinity, negative values, values over 1e50, rows with a
/// different number of fields than the first data row; errors on rows after a header say which
/// line was read as the header. Also files with fewer than 2 rows, all-zero files, non-UTF-8 files,
/// files that are not regular files or cannot be opened (with the reason), and files over
/// `maximumFileSize` (checked before and while reading).
public enum CSVReader {
    /// Files larger than this (64 MiB) are refused: NMF data that size is a mistake here.
    public static let maximumFileSize = 64 << 20

    /// Reads the file at `path`.
    ///
    /// - Throws: `NMFError` (`.unreadableFile` with the reason, `.fileTooLarge`,
    ///   `.fileTooLargeWhileReading`, and the errors of `parse(bytes:path:)`).
    public static func read(path: String) throws -> Matrix {
        try parse(bytes: contents(ofFile: path, limit: maximumFileSize), path: path)
    }

    /// Parses CSV bytes (UTF-8); `path` only names the source in error messages.
    ///
    /// - Throws: `NMFError.unreadableFile` for bytes that are not UTF-8, and the errors of `parse(_:path:)`.
    public static func parse(bytes: [UInt8], path: String) throws -> Matrix {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw NMFError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses CSV text; `path` only names the source in error messages.
    ///
    /// - Throws: `NMFError` (`.controlCharacter`, `.unterminatedQuote`, `.notANumber`, `.notFinite`,
    ///   `.negativeValue`, `.valueTooLarge`, `.raggedRow`, `.tooFewValues`, `.allZeroFile`).
    public static func parse(_ text: String, path: String) throws -> Matrix {
        var body = text[...]
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var values = [Double]()
        var columns = 0, rows = 0
        var separator: Separator?
        var sawFirstLine = false
        var header: Int?
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for rawLine in lines {
            lineNumber += 1
            let line = try content(of: rawLine, path: path, line: lineNumber)
            if line.allSatisfy(Separator.isBlank) { continue }
            if !sawFirstLine {
                sawFirstLine = true
                if isHeader(line) {
                    header = lineNumber
                    continue
                }
            }
            let chosen = separator ?? Separator.detect(in: line)
            separator = chosen
            let fields = chosen.fields(of: line)
            if rows == 0 {
                columns = fields.count
            } else if fields.count != columns {
                throw NMFError.raggedRow(path: path, line: lineNumber, expected: columns, actual: fields.count,
                                         header: header)
            }
            for field in fields {
                values.append(try value(of: field, path: path, line: lineNumber, header: header))
            }
            rows += 1
        }
        guard rows >= 2, columns >= 1 else { throw NMFError.tooFewValues(path: path, rows: rows, columns: columns) }
        guard values.contains(where: { $0 > 0 }) else { throw NMFError.allZeroFile(path: path) }
        return Matrix(validRows: rows, columns: columns, values: values)
    }

    /// The line without its comment, after checking it for control characters and unclosed quotes.
    static func content(of line: Substring, path: String, line number: Int) throws -> Substring {
        var column = 1
        var quoteColumn: Int?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "#" && quoteColumn == nil { return line[..<index] }
            if character == "\"" { quoteColumn = quoteColumn == nil ? column : nil }
            if let ascii = character.asciiValue {
                if (ascii < 0x20 && ascii != 0x09) || ascii == 0x7F {
                    throw NMFError.controlCharacter(path: path, line: number, column: column, scalar: UInt32(ascii))
                }
            } else if let control = character.unicodeScalars.first(where: isControl) {
                throw NMFError.controlCharacter(path: path, line: number, column: column, scalar: control.value)
            }
            column += 1
            index = line.index(after: index)
        }
        if let quoteColumn { throw NMFError.unterminatedQuote(path: path, line: number, column: quoteColumn) }
        return line
    }

    /// Unicode's control characters (general category Cc: U+0000–U+001F, U+007F–U+009F) but the tab.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    /// The header rule of the type's documentation.
    static func isHeader(_ line: Substring) -> Bool {
        var sawLetter = false
        for word in Separator.words(of: line) {
            let text = unquoted(word.text) ?? word.text
            if text.contains(where: \.isLetter) { sawLetter = true }
            if NumberSyntax.isNumberWord(text) || NumberSyntax.startsLikeNumber(text) { return false }
        }
        return sawLetter
    }

    /// The text between a field's pair of quotes, or nil when the field is not quoted.
    static func unquoted(_ text: Substring) -> Substring? {
        guard text.first == "\"", text.last == "\"", text.count >= 2 else { return nil }
        return text.dropFirst().dropLast()
    }

    /// The value of one data field, or the error that names it.
    static func value(of field: Field, path: String, line: Int, header: Int?) throws -> Double {
        let text = unquoted(field.text) ?? field.text
        let raw = { String(field.text) }  // only for a message: most fields never need it
        if NumberSyntax.isNumberWord(text) {
            throw NMFError.notFinite(path: path, line: line, column: field.column, field: raw(), header: header)
        }
        guard let value = NumberSyntax.decimal(text) else {
            throw NMFError.notANumber(path: path, line: line, column: field.column, field: raw(), header: header)
        }
        guard value >= 0 else {
            throw NMFError.negativeValue(path: path, line: line, column: field.column, field: raw(), header: header)
        }
        guard value <= Matrix.maximumValue else {  // also 1e400, which reads as infinity
            throw NMFError.valueTooLarge(path: path, line: line, column: field.column, field: raw(), header: header)
        }
        return value + 0  // turns -0 into +0
    }
}
