/// Splitting a CSV line into fields, and the reader's number syntax.
extension CSVReader {
    /// A field's text, trimmed of blanks (quotes kept), and the 1-based character column where it starts.
    struct Field {
        let text: Substring
        let column: Int
    }

    enum Separator {
        case comma, semicolon, whitespace

        static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" }

        /// Commas if the line has one outside quotes, else semicolons if it has one, else whitespace.
        static func detect(in line: Substring) -> Separator {
            var inQuotes = false
            var sawSemicolon = false
            for character in line {
                if character == "\"" { inQuotes.toggle() }
                if inQuotes { continue }
                if character == "," { return .comma }
                if character == ";" { sawSemicolon = true }
            }
            return sawSemicolon ? .semicolon : .whitespace
        }

        /// The fields of `line`: every mark separates (so `1,,2` has an empty field); for whitespace,
        /// runs of blanks separate and leading or trailing blanks do not make fields.
        func fields(of line: Substring) -> [Field] {
            switch self {
            case .comma: return Separator.split(line, collapsing: false) { $0 == "," }
            case .semicolon: return Separator.split(line, collapsing: false) { $0 == ";" }
            case .whitespace: return Separator.split(line, collapsing: true, at: Separator.isBlank)
            }
        }

        /// The words of the header rule: pieces between any separator, empty ones left out.
        static func words(of line: Substring) -> [Field] {
            split(line, collapsing: true) { $0 == "," || $0 == ";" || isBlank($0) }
        }

        /// Splits at separators outside double quotes; fields are trimmed of blanks. With
        /// `collapsing`, empty fields are dropped (runs of separators count as one).
        static func split(_ line: Substring, collapsing: Bool, at isSeparator: (Character) -> Bool) -> [Field] {
            var result = [Field]()
            var start = line.startIndex
            var startColumn = 1
            var column = 1
            var inQuotes = false
            func emit(_ end: Substring.Index) {
                let piece = line[start..<end]
                let leading = piece.prefix(while: isBlank).count
                let trimmed = piece.drop(while: isBlank)
                let last = trimmed.lastIndex(where: { !isBlank($0) }).map(trimmed.index(after:)) ?? trimmed.startIndex
                let text = trimmed[..<last]
                if !(collapsing && text.isEmpty) {
                    result.append(Field(text: text, column: startColumn + leading))
                }
            }
            var index = line.startIndex
            while index < line.endIndex {
                let character = line[index]
                if character == "\"" { inQuotes.toggle() }
                let next = line.index(after: index)
                if !inQuotes && isSeparator(character) {
                    emit(index)
                    start = next
                    startColumn = column + 1
                }
                column += 1
                index = next
            }
            emit(line.endIndex)
            return result
        }
    }

    /// What the reader calls a number; see the type's documentation.
    enum NumberSyntax {
        /// The value of `text` if it is an ASCII decimal number (infinite when it overflows a double).
        static func decimal(_ text: Substring) -> Double? {
            var bytes = text.utf8[...]
            if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            let integer = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(integer)
            var fraction = 0
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                fraction = bytes.prefix(while: isDigit).count
                bytes = bytes.dropFirst(fraction)
            }
            guard integer + fraction > 0 else { return nil }
            if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                bytes = bytes.dropFirst()
                if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                    bytes = bytes.dropFirst()
                }
                let exponent = bytes.prefix(while: isDigit).count
                guard exponent > 0 else { return nil }
                bytes = bytes.dropFirst(exponent)
            }
            guard bytes.isEmpty else { return nil }
            // Only ASCII digits, signs, a point and an exponent are left: Double parses them exactly
            // (correctly rounded), and no NUL can cut the text short.
            return Double(text)
        }

        /// `nan`, `inf` or `infinity` in any case, with an optional sign: numbers, but not finite.
        static func isNumberWord(_ text: Substring) -> Bool {
            guard text.utf8.count <= 9 else { return false }  // "-infinity"
            var word = text.lowercased()[...]
            if word.first == "+" || word.first == "-" { word = word.dropFirst() }
            return word == "nan" || word == "inf" || word == "infinity"
        }

        /// True when `text` starts with a digit of any script, also after a sign and/or a point.
        static func startsLikeNumber(_ text: Substring) -> Bool {
            var rest = text
            if rest.first == "+" || rest.first == "-" || rest.first == "−" { rest = rest.dropFirst() }
            if rest.first == "." { rest = rest.dropFirst() }
            return rest.first?.isNumber ?? false
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}
