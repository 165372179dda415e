import Foundation

/// Reads a non-negative numeric matrix from a CSV-like text file, or says exactly what is wrong.
///
/// Format: UTF-8 text, one row per line. Fields are separated by commas, or else semicolons, or else
/// runs of spaces/tabs — whichever the first data line uses, in that order of preference. `#` starts a
/// comment to the end of the line; blank lines are skipped; `\r\n` line ends are accepted. The first
/// non-blank line is a header, and skipped, when none of its fields is a number.
///
/// Rejected, each with `file:line:column:` (1-based; the column counts characters up to the field)
/// and the reason: fields that are not numbers (including empty ones), NaN or infinity, negative
/// values, rows with a different number of fields than the first row; also files with fewer than
/// 2 rows, all-zero files, unreadable or non-UTF-8 files, and files over `maximumFileSize`.
public enum CSVReader {
    /// Files larger than this (64 MiB) are refused before reading: NMF data that size is a mistake here.
    public static let maximumFileSize = 64 << 20

    /// Reads the file at `path`.
    ///
    /// - Throws: `NMFError` (`.unreadableFile`, `.fileTooLarge`, `.notANumber`, `.notFinite`,
    ///   `.negativeValue`, `.raggedRow`, `.tooFewValues`, `.allZeroFile`).
    public static func read(path: String) throws -> Matrix {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw NMFError.unreadableFile(path: path, reason: "it is a directory")
        }
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw NMFError.unreadableFile(path: path, reason: "no such file or not accessible")
        }
        guard size <= maximumFileSize else {
            throw NMFError.fileTooLarge(path: path, size: size, limit: maximumFileSize)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NMFError.unreadableFile(path: path, reason: "cannot open the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NMFError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses CSV text; `path` only names the source in error messages.
    public static func parse(_ text: String, path: String) throws -> Matrix {
        var values = [Double]()
        var columns = 0, rows = 0
        var separator: Separator?
        var sawFirstLine = false
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for rawLine in lines {
            lineNumber += 1
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let chosen = separator ?? Separator.detect(in: line)
            separator = chosen
            let fields = chosen.fields(of: line)
            if !sawFirstLine {
                sawFirstLine = true
                if fields.allSatisfy({ Double($0.text) == nil }) { continue }
            }
            if rows == 0 {
                columns = fields.count
            } else if fields.count != columns {
                throw NMFError.raggedRow(path: path, line: lineNumber, expected: columns, actual: fields.count)
            }
            for field in fields {
                values.append(try number(field, path: path, line: lineNumber))
            }
            rows += 1
        }
        guard rows >= 2, columns >= 1 else { throw NMFError.tooFewValues(path: path, rows: rows, columns: columns) }
        guard values.contains(where: { $0 > 0 }) else { throw NMFError.allZeroFile(path: path) }
        return Matrix(validRows: rows, columns: columns, values: values)
    }

    private static func number(_ field: Field, path: String, line: Int) throws -> Double {
        guard let value = Double(field.text) else {
            throw NMFError.notANumber(path: path, line: line, column: field.column, field: String(field.text))
        }
        guard value.isFinite else {
            throw NMFError.notFinite(path: path, line: line, column: field.column, field: String(field.text))
        }
        guard value >= 0 else {
            throw NMFError.negativeValue(path: path, line: line, column: field.column, field: String(field.text))
        }
        return value + 0  // turns -0 into +0
    }

    /// A field's trimmed text and the 1-based character column where it starts.
    struct Field {
        let text: Substring
        let column: Int
    }

    enum Separator {
        case comma, semicolon, whitespace

        static func detect(in line: Substring) -> Separator {
            if line.contains(",") { return .comma }
            if line.contains(";") { return .semicolon }
            return .whitespace
        }

        func fields(of line: Substring) -> [Field] {
            var result = [Field]()
            var start = line.startIndex
            var column = 1
            func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" }
            func emit(_ end: Substring.Index, _ startColumn: Int) {
                let piece = line[start..<end]
                let leading = piece.prefix(while: isBlank).count
                let trimmed = piece.drop(while: isBlank)
                let text = trimmed[..<(trimmed.lastIndex(where: { !isBlank($0) }).map(trimmed.index(after:)) ?? trimmed.startIndex)]
                result.append(Field(text: text, column: startColumn + leading))
            }
            switch self {
            case .comma, .semicolon:
                let mark: Character = self == .comma ? "," : ";"
                var fieldColumn = 1
                var index = line.startIndex
                while index < line.endIndex {
                    if line[index] == mark {
                        emit(index, fieldColumn)
                        start = line.index(after: index)
                        fieldColumn = column + 1
                    }
                    column += 1
                    index = line.index(after: index)
                }
                emit(line.endIndex, fieldColumn)
            case .whitespace:
                var index = line.startIndex
                while index < line.endIndex {
                    if isBlank(line[index]) {
                        column += 1
                        index = line.index(after: index)
                        continue
                    }
                    start = index
                    let fieldColumn = column
                    while index < line.endIndex && !isBlank(line[index]) {
                        column += 1
                        index = line.index(after: index)
                    }
                    emit(index, fieldColumn)
                }
            }
            return result
        }
    }
}
