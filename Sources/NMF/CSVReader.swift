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
/// line was read as the header. Also files with fewer than 2 rows, all-zero files, files with a
/// line that is not UTF-8 (named), files that are not regular files or cannot be opened (with the
/// reason), and files over `fileSizeLimit()` (checked before and while reading).
public enum CSVReader {
    /// The largest file read at all (4 GiB): past it the values alone would take 16 GB or more.
    public static let maximumFileSize = 1 << 32

    /// How much of the memory the process may use a file may take: one eighth. Reading holds the
    /// bytes (1×) and the values, up to 4× in the worst case (every value takes at least 2 bytes of text
    /// and 8 as a double), and the solver and the pictures need at least one more matrix of that size
    /// (the reconstruction).
    public static let memoryShare = 8

    /// The limit on a file's size: `maximumFileSize`, or one `memoryShare`-th of `available` when that
    /// is smaller, and never below 1 MiB. With this machine's memory a 1,000,000 × 10 CSV (~90 MB) is
    /// well inside it; the old fixed 64 MiB refused it.
    public static func fileSizeLimit(available: Int = ProcessMemory.available) -> Int {
        min(maximumFileSize, max(1 << 20, available / memoryShare))
    }

    /// Reads the file at `path`, refusing one larger than `limit` bytes (checked before and while
    /// reading, so a file that grows or reports no size cannot make the reader hold more).
    ///
    /// - Throws: `NMFError` (`.unreadableFile` with the reason, `.fileTooLarge`,
    ///   `.fileTooLargeWhileReading`, and the errors of `parse(bytes:path:)`).
    public static func read(path: String, limit: Int = fileSizeLimit()) throws -> Matrix {
        try parse(bytes: contents(ofFile: path, limit: limit), path: path)
    }

    /// Parses CSV bytes (UTF-8); `path` only names the source in error messages.
    ///
    /// The bytes are not checked as a whole first: the fast path takes only ASCII lines, and every
    /// other line is checked when it is read, so an error names the first line that is not UTF-8
    /// (a line ends at a `\n` or `\r` byte, which no multi-byte UTF-8 sequence contains).
    ///
    /// - Throws: `NMFError.unreadableFile` for a line that is not UTF-8, and the errors of `parse(_:path:)`.
    public static func parse(bytes: [UInt8], path: String) throws -> Matrix {
        try bytes.withUnsafeBufferPointer { try parse(utf8: $0, path: path, validated: false) }
    }

    /// Parses CSV text; `path` only names the source in error messages.
    ///
    /// - Throws: `NMFError` (`.controlCharacter`, `.unterminatedQuote`, `.notANumber`, `.notFinite`,
    ///   `.negativeValue`, `.valueTooLarge`, `.raggedRow`, `.tooFewValues`, `.allZeroFile`).
    public static func parse(_ text: String, path: String) throws -> Matrix {
        var text = text
        return try text.withUTF8 { try parse(utf8: $0, path: path) }
    }

    /// Parses UTF-8 in one pass over the bytes (checked line by line unless `validated`).
    ///
    /// Lines are cut at `\n`, `\r\n` and `\r` bytes, which are always grapheme boundaries, so the
    /// lines are those of Swift's `Character` split. A data line of plain ASCII numbers and separators
    /// is read by `Rows.fastLine`; every other line (the first, comments, quotes, non-ASCII text, and
    /// anything wrong) by `Rows.take`, which gives the exact error with its column.
    ///
    /// `pieces` is for the tests: how many pieces the data lines after the first are cut into,
    /// instead of one per core for large inputs (see `readInPieces`).
    static func parse(utf8 buffer: UnsafeBufferPointer<UInt8>, path: String, validated: Bool = true,
                      pieces: Int? = nil) throws -> Matrix {
        var rows = Rows(path: path)
        guard let base = buffer.baseAddress else { return try rows.matrix() }
        let end = base + buffer.count
        var p = base
        if buffer.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { p += 3 }
        var lineNumber = 0
        var firstRowRead = false
        while true {
            lineNumber += 1
            if !firstRowRead && rows.count > 0 {
                // The separator and the row length are known now. Room for the rest at the first data
                // line's length (with a margin), bounded by the two bytes every further value needs;
                // then the rest is read in pieces on several cores if it is large.
                firstRowRead = true
                let lineBytes = max(1, p - base)
                let guess = rows.columns * ((end - p) / lineBytes + 2) * 5 / 4
                rows.values.reserveCapacity(rows.values.count + min(guess, (end - p) / 2 + rows.columns))
                guard let resume = readInPieces(&rows, from: p, to: end, rowBytes: lineBytes, pieces: pieces,
                                                lineNumber: &lineNumber)
                else { break }
                p = resume
                continue
            }
            let lineEnd: UnsafePointer<UInt8>
            if let fast = rows.fastLine(p, end) {
                lineEnd = fast
            } else {
                var q = p
                while q < end && q.pointee != 0x0A && q.pointee != 0x0D { q += 1 }
                lineEnd = q
                let bytes = UnsafeBufferPointer(start: p, count: lineEnd - p)
                let text: String
                if validated {
                    text = String(decoding: bytes, as: UTF8.self)
                } else if let checked = String(validating: bytes, as: UTF8.self) {
                    text = checked
                } else {
                    throw NMFError.unreadableFile(path: path, reason: "line \(lineNumber) is not UTF-8 text")
                }
                try rows.take(text[...], number: lineNumber)
            }
            if lineEnd == end { break }
            p = lineEnd + 1
            if lineEnd.pointee == 0x0D && p < end && p.pointee == 0x0A { p += 1 }
        }
        return try rows.matrix()
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
