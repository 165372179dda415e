extension CSVReader {
    /// The column names of a CSV file's header, or nil when its first line is data (see the type's
    /// header rule). Read apart from `read(path:)` so that the matrix API stays as it is.
    ///
    /// Only the first `headerWindow` bytes are read (cut after their last line end) when the header
    /// or the first data line is within them, as it nearly always is; otherwise the whole file.
    ///
    /// - Throws: as `read(path:)` for a file that cannot be read.
    public static func header(path: String) throws -> [String]? {
        var bytes = try contents(ofFile: path, limit: headerWindow, truncating: true)
        if bytes.count == headerWindow, let lastEnd = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            let prefix = Array(bytes[...lastEnd])
            if let text = String(validating: prefix, as: UTF8.self), firstContentLine(in: text) != nil {
                return header(in: text)
            }
            bytes = try contents(ofFile: path, limit: fileSizeLimit())
        } else if bytes.count == headerWindow {
            bytes = try contents(ofFile: path, limit: fileSizeLimit())
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return header(in: text)
    }

    /// The bytes `header(path:)` reads first (64 KiB).
    static let headerWindow = 1 << 16

    /// The column names of CSV text's header line, quotes removed and spaces trimmed, split at the
    /// separator that line uses; nil when the text has no header.
    public static func header(in text: String) -> [String]? {
        guard let line = firstContentLine(in: text) else { return nil }
        guard isHeader(line) else { return nil }
        return Separator.detect(in: line).fields(of: line).map {
            String(unquoted($0.text) ?? $0.text).trimmingCharacters(in: [" ", "\t"])
        }
    }

    /// The first line of `text` that is not blank once its comment is cut off, without the comment;
    /// nil when there is none or when a line before it, or it, is one the reader refuses (`read`
    /// reports that). Lines are found one at a time, so a big file is not split whole.
    static func firstContentLine(in text: String) -> Substring? {
        var body = text[...]
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var number = 0
        while true {
            number += 1
            let end = body.firstIndex(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) ?? body.endIndex
            guard let line = try? content(of: body[..<end], path: "", line: number) else { return nil }
            if !line.allSatisfy(Separator.isBlank) { return line }
            guard end < body.endIndex else { return nil }
            body = body[body.index(after: end)...]
        }
    }
}
