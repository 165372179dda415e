/// How user text appears inside a message: never raw.
///
/// A field or a path goes to a terminal, so control characters (an ANSI escape could clear the
/// screen, a NUL or CR could hide what follows), invisible format characters (bidi overrides, zero
/// widths) and unusual spaces are shown as escapes, and a field is cut after `fieldLimit` Unicode
/// scalars (a 1 MB field must not make a 1 MB line).
extension NMFError {
    /// The most Unicode scalars of a field a message quotes; longer ones end in "…".
    public static let fieldLimit = 40

    /// `text` in single quotes, escaped, cut after `limit` scalars (no cut when `limit` is nil).
    static func quoted(_ text: String, limit: Int? = fieldLimit) -> String {
        "'" + printable(text, limit: limit) + "'"
    }

    /// `text` with every character that a terminal would not show as itself written as an escape.
    ///
    /// `limit` counts Unicode scalars, not characters: one character can hold any number of
    /// combining marks, so a cut by characters would not bound the line. Public so that the command
    /// line can pass its other messages (ArgumentParser's, which quote arguments raw) through it too.
    public static func printable(_ text: String, limit: Int? = nil) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if let limit, count == limit {
                out += "…"
                break
            }
            count += 1
            out += escape(scalar)
        }
        return out
    }

    /// U+XXXX with the name of the common control characters, for messages about one character.
    static func codePoint(_ value: UInt32) -> String {
        let names: [UInt32: String] = [0: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0B: "vertical tab",
                                       0x0C: "form feed", 0x1B: "ESC", 0x7F: "DEL", 0x85: "next line"]
        var hex = String(value, radix: 16, uppercase: true)
        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
        return "U+" + hex + (names[value].map { " (\($0))" } ?? "")
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return true
        case .spaceSeparator:
            return scalar != " "
        default:
            return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\0": return "\\0"
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\\": return "\\\\"
        default:
            guard needsEscape(scalar) else { return String(scalar) }
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// `path:line:column: message`, with a note on the header when one was read.
    static func located(_ path: String, _ line: Int, _ column: Int, _ message: String, _ header: Int?) -> String {
        let note = header.map { " (line \($0) was read as the header)" } ?? ""
        return "\(printable(path)):\(line):\(column): \(message)\(note)"
    }
}
