/// The reader's state across lines, and its two ways of reading one.
///
/// `take` is the general reader of a line (the rules of `CSVReader`'s documentation, on Swift
/// characters). `fastLine` reads only data lines made of ASCII digits, `.eE+-`, blanks and the
/// chosen separator, whose fields are all numbers the rules accept; for any other line it leaves
/// the state as it was and answers nil, and the line goes to `take`, which reads it or names what
/// is wrong. So both agree by construction on every line `fastLine` accepts; the tests compare them.
extension CSVReader {
    struct Rows {
        let path: String
        var values = [Double]()
        var columns = 0
        var count = 0
        var separator: Separator?
        var sawFirstLine = false
        var header: Int?

        init(path: String) { self.path = path }

        /// Reads one line (without its terminator), the general way.
        mutating func take(_ rawLine: Substring, number lineNumber: Int) throws {
            let line = try content(of: rawLine, path: path, line: lineNumber)
            if line.allSatisfy(Separator.isBlank) { return }
            if !sawFirstLine {
                sawFirstLine = true
                if isHeader(line) {
                    header = lineNumber
                    return
                }
            }
            let chosen = separator ?? Separator.detect(in: line)
            separator = chosen
            let fields = chosen.fields(of: line)
            if count == 0 {
                columns = fields.count
            } else if fields.count != columns {
                throw NMFError.raggedRow(path: path, line: lineNumber, expected: columns, actual: fields.count,
                                         header: header)
            }
            for field in fields {
                values.append(try value(of: field, path: path, line: lineNumber, header: header))
            }
            count += 1
        }

        /// Reads the data line at `start` if it is plain numbers and separators, and returns where it
        /// ends (its terminator, or `end`); nil, with nothing changed, for any other line.
        ///
        /// The row's values are gathered on the stack and appended together once the line has proved
        /// to be a whole row (one append per row: appending each value checked the array's uniqueness
        /// through a call per value, a fifth of the reader's time).
        ///
        /// Precondition: `start...end` lies in one buffer.
        mutating func fastLine(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
            guard let separator, count > 0 else { return nil }
            let mark: UInt8
            switch separator {
            case .comma: mark = UInt8(ascii: ",")
            case .semicolon: mark = UInt8(ascii: ";")
            case .whitespace: mark = UInt8(ascii: " ")
            }
            let collapsing = separator == .whitespace
            let columns = self.columns
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: columns) { row -> UnsafePointer<UInt8>? in
                var fields = 0
                var p = start
                while true {
                    while p < end && (p.pointee == 0x20 || p.pointee == 0x09) { p += 1 }
                    if p == end || p.pointee == 0x0A || p.pointee == 0x0D {
                        // Only a blank line (or, for blanks, the blanks after the last field) has no field here.
                        if fields == 0 { return p }
                        guard collapsing && fields == columns else { return nil }
                        break
                    }
                    guard fields < columns, let value = DecimalParser.scan(&p, end), value >= 0,
                          value <= Matrix.maximumValue else { return nil }
                    let fieldEnd = p
                    while p < end && (p.pointee == 0x20 || p.pointee == 0x09) { p += 1 }
                    row[fields] = value + 0  // turns -0 into +0
                    fields += 1
                    if p == end || p.pointee == 0x0A || p.pointee == 0x0D {
                        guard fields == columns else { return nil }
                        break
                    }
                    // The number must fill its field: a separator (or, for blanks, a blank) comes next.
                    if collapsing {
                        guard p > fieldEnd else { return nil }
                    } else {
                        guard p.pointee == mark else { return nil }
                        p += 1
                    }
                }
                values.append(contentsOf: row)
                count += 1
                return p
            }
        }

        /// The matrix read, or why there is none.
        func matrix() throws -> Matrix {
            guard count >= 2, columns >= 1 else { throw NMFError.tooFewValues(path: path, rows: count, columns: columns) }
            guard values.contains(where: { $0 > 0 }) else { throw NMFError.allZeroFile(path: path) }
            return Matrix(validRows: count, columns: columns, values: values)
        }
    }
}
