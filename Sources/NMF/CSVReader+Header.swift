extension CSVReader {
    /// The column names of a CSV file's header, or nil when its first line is data (see the type's
    /// header rule). Read apart from `read(path:)` so that the matrix API stays as it is.
    ///
    /// - Throws: as `read(path:)` for a file that cannot be read.
    public static func header(path: String) throws -> [String]? {
        let bytes = try contents(ofFile: path, limit: maximumFileSize)
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return header(in: text)
    }

    /// The column names of CSV text's header line, quotes removed and spaces trimmed, split at the
    /// separator that line uses; nil when the text has no header.
    public static func header(in text: String) -> [String]? {
        var body = text[...]
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var number = 0
        for rawLine in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            // A line the reader refuses has no names; `read` reports it.
            guard let line = try? content(of: rawLine, path: "", line: number) else { return nil }
            if line.allSatisfy(Separator.isBlank) { continue }
            guard isHeader(line) else { return nil }
            return Separator.detect(in: line).fields(of: line).map {
                String(unquoted($0.text) ?? $0.text).trimmingCharacters(in: [" ", "\t"])
            }
        }
        return nil
    }
}

private extension String {
    /// The string without the given characters at either end.
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = self[...]
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
