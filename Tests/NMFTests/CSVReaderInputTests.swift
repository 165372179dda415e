import Foundation
import Testing
@testable import NMF

/// The CSV reader against hostile input: control characters, the header rule, quotes, huge and tiny
/// numbers, long fields, and paths that are not regular files.
struct CSVReaderInputTests {
    static func message(_ text: String) -> String {
        do {
            _ = try CSVReader.parse(text, path: "data.csv")
            return "no error"
        } catch let error as NMFError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    static func matrix(_ text: String) throws -> [Double] { try CSVReader.parse(text, path: "t").values }

    @Test func rejectsControlCharactersWithTheirPosition() throws {
        #expect(Self.message("1\u{0} 2\n3,4\n") == "data.csv:1:2: control character U+0000 (NUL) is not allowed in CSV data")
        #expect(Self.message("1,2\n3,\u{1B}[2J4\n") == "data.csv:2:3: control character U+001B (ESC) is not allowed in CSV data")
        #expect(Self.message("1,2\n3,4\u{7F}\n") == "data.csv:2:4: control character U+007F (DEL) is not allowed in CSV data")
        #expect(Self.message("1,2\u{0B}\n3,4\n") == "data.csv:1:4: control character U+000B (vertical tab) is not allowed in CSV data")
        #expect(Self.message("1,2\n\"3\u{0}\",4\n") == "data.csv:2:3: control character U+0000 (NUL) is not allowed in CSV data")
        // In a comment a control character harms nobody; tabs are blanks.
        #expect(try Self.matrix("1,2 # \u{7}\u{0}\n3\t,4\n") == [1, 2, 3, 4])
    }

    @Test func rejectsControlCharactersInBytes() throws {
        #expect(throws: NMFError.controlCharacter(path: "b", line: 1, column: 2, scalar: 0)) {
            try CSVReader.parse(bytes: [0x31, 0x00, 0x20, 0x32, 0x0A, 0x33, 0x20, 0x34, 0x0A], path: "b")
        }
        #expect(throws: NMFError.unreadableFile(path: "b", reason: "line 1 is not UTF-8 text")) {
            try CSVReader.parse(bytes: [0x31, 0x2C, 0xFF, 0x0A], path: "b")
        }
        #expect(try CSVReader.parse(bytes: Array("\u{FEFF}x,y\n1,2\n3,4\n".utf8), path: "b").values == [1, 2, 3, 4])
    }

    /// Bytes are checked line by line, not as a whole first: the error names the first line that is
    /// not UTF-8, also in a comment, also deep in a file large enough to be read in pieces.
    @Test func namesTheLineThatIsNotUTF8() throws {
        let bad: [UInt8] = [0x23, 0x20, 0xC3, 0x28, 0x0A]  // "# " and a broken two-byte sequence
        #expect(throws: NMFError.unreadableFile(path: "b", reason: "line 3 is not UTF-8 text")) {
            try CSVReader.parse(bytes: Array("x,y\n1,2\n".utf8) + bad + Array("3,4\n".utf8), path: "b")
        }
        #expect(throws: NMFError.unreadableFile(path: "b", reason: "line 2 is not UTF-8 text")) {
            try CSVReader.parse(bytes: Array("1,2\n".utf8) + [0x33, 0x2C, 0x80, 0x0D, 0x0A] + Array("3,4\n".utf8), path: "b")
        }
        var big = [UInt8]()
        for row in 0..<600_000 { big += Array("\(row % 97).25,\(row % 89).5\n".utf8) }
        let line = 450_001
        var start = 0
        for _ in 1..<line { start = big[start...].firstIndex(of: 0x0A)! + 1 }
        big[start + 1] = 0xFF
        #expect(big.count > CSVReader.pieceThreshold)
        #expect(throws: NMFError.unreadableFile(path: "b", reason: "line \(line) is not UTF-8 text")) {
            try CSVReader.parse(bytes: big, path: "b")
        }
        // The same bytes valid again read as before.
        big[start + 1] = UInt8(ascii: "0")
        #expect(try CSVReader.parse(bytes: big, path: "b").rows == 600_000)
    }

    @Test func guessesTheSeparatorFromTheFirstDataLine() throws {
        #expect(try Self.matrix("x y\n1,2\n3,4\n") == [1, 2, 3, 4])
        #expect(try Self.matrix("height, cm;weight\n1 2\n3 4\n") == [1, 2, 3, 4])
        #expect(try Self.matrix("\"a,b\" c\n1;2\n3;4\n") == [1, 2, 3, 4])
        #expect(Self.message("\"1,5\";2\n3;4\n") == "data.csv:1:1: '\"1,5\"' is not a number")
    }

    @Test func takesTheFirstRowAsAHeaderOnlyByTheRule() throws {
        // Headers: a letter somewhere, and no word that is or starts like a number.
        #expect(try Self.matrix("x,y\n1,2\n3,4\n") == [1, 2, 3, 4])
        #expect(try Self.matrix(",a,b\n0,1,2\n1,3,4\n") == [0, 1, 2, 1, 3, 4])
        #expect(try Self.matrix("\"height, cm\",weight\n1,2\n3,4\n") == [1, 2, 3, 4])
        #expect(try Self.matrix("Temp (°C),x_1\n1,2\n3,4\n") == [1, 2, 3, 4])
        #expect(try Self.matrix("\u{FEFF}x,y\n1,2\n3,4\n") == [1, 2, 3, 4])
        // Data: quoted numbers are numbers, other scripts' digits and number words are not headers.
        #expect(try Self.matrix("\"1\",\"2\"\n3,4\n") == [1, 2, 3, 4])
        #expect(Self.message("１,２\n3,4\n") == "data.csv:1:1: '１' is not a number")
        #expect(Self.message("nan,inf\n1,2\n3,4\n") == "data.csv:1:1: 'nan' is not finite (NaN and infinity are not allowed)")
        #expect(Self.message("5x,3y\n1,2\n3,4\n") == "data.csv:1:1: '5x' is not a number")
        #expect(Self.message("x,-1st\n1,2\n3,4\n") == "data.csv:1:1: 'x' is not a number")
        #expect(Self.message("-,+\n1,2\n3,4\n") == "data.csv:1:1: '-' is not a number")
    }

    @Test func errorsAfterAHeaderNameIt() {
        #expect(Self.message("# c\nx,y\n1,2\n3\n") == "data.csv:4:1: row has 1 fields, expected 2 like the first row (line 2 was read as the header)")
        #expect(Self.message("x,y\n1,2\na,b\n") == "data.csv:3:1: 'a' is not a number (line 1 was read as the header)")
        #expect(Self.message("x,y\n1,-2\n") == "data.csv:2:3: '-2' is negative; NMF needs non-negative data (line 1 was read as the header)")
        #expect(Self.message("x,y\n1,2\n1,nan\n") == "data.csv:3:3: 'nan' is not finite (NaN and infinity are not allowed) (line 1 was read as the header)")
    }

    @Test func handlesQuotes() {
        #expect(Self.message("1,\"2\n3,4\n") == "data.csv:1:3: the quote that opens this field is not closed on its line")
        #expect(Self.message("1,\"1,5\"\n3,4\n") == "data.csv:1:3: '\"1,5\"' is not a number")
        #expect(Self.message("1,\"2\"x\n3,4\n") == "data.csv:1:3: '\"2\"x' is not a number")
        #expect(Self.message("1,\"\"\n3,4\n") == "data.csv:1:3: '\"\"' is not a number")
        #expect(Self.message("1,2 \"#\"\n3,4\n") == "data.csv:1:3: '2 \"#\"' is not a number")
    }

    @Test func quotesFieldsEscapedAndCut() {
        let long = String(repeating: "9", count: 1_000_000) + "x"
        #expect(Self.message("1,2\n3,\(long)\n") == "data.csv:2:3: '\(String(repeating: "9", count: 40))…' is not a number")
        // Cut by Unicode scalars: one character may carry any number of combining marks.
        let marks = "a" + String(repeating: "\u{301}", count: 100_000)
        #expect(Self.message("1,2\n3,\(marks)\n") == "data.csv:2:3: 'a\(String(repeating: "\u{301}", count: 39))…' is not a number")
        let prepended = String(repeating: "\u{602}\u{483}", count: 1000)
        #expect(Self.message("1,2\n3,\(prepended)\n").utf8.count < 400)
        #expect(Self.message("1,2\n3,4\u{202E}5\n") == "data.csv:2:3: '4\\u{202E}5' is not a number")
        #expect(Self.message("1,2\n3,\u{A0}4\n") == "data.csv:2:3: '\\u{A0}4' is not a number")
        #expect(Self.message("1,2\n3,a\\b\n") == "data.csv:2:3: 'a\\\\b' is not a number")
        #expect(Self.message("1,2\n3,\u{2028}4\n") == "data.csv:2:3: '\\u{2028}4' is not a number")
        #expect(NMFError.notANumber(path: "a\u{1B}[2Jb.csv", line: 1, column: 1, field: "x").description
            == "a\\u{1B}[2Jb.csv:1:1: 'x' is not a number")
        #expect(NMFError.unknownDataset("\u{1B}c").description
            == "'\\u{1B}c' is neither a built-in data set (cos2, linear) nor a readable file")
    }

    @Test func refusesValuesWhoseSquaresCouldOverflow() {
        let why = "is too large: values must be at most 1e+50, or their squares and sums could overflow"
        #expect(Self.message("1,2\n3,1e154\n") == "data.csv:2:3: '1e154' \(why)")
        #expect(Self.message("1,2\n3,1.0000000000000001e50\n") == "no error")
        #expect(Self.message("1,2\n3,1.000000000000001e50\n") == "data.csv:2:3: '1.000000000000001e50' \(why)")
        #expect(Self.message("1e400,2\n3,4\n") == "data.csv:1:1: '1e400' \(why)")
        #expect(Self.message("1,\"1.7976931348623157e308\"\n3,4\n") == "data.csv:1:3: '\"1.7976931348623157e308\"' \(why)")
        #expect(Self.message("1,2\n3,-1e400\n") == "data.csv:2:3: '-1e400' is negative; NMF needs non-negative data")
    }

    @Test func readsNumbersAsNumpyDoes() throws {
        struct Numbers: Decodable {
            let csv: String
            let values: [[Double]]
        }
        let reference = try Fixture.load(Numbers.self, "csv_numbers.json")
        let matrix = try CSVReader.parse(reference.csv, path: "csv_numbers")
        #expect(matrix.rows == reference.values.count)
        let expected = reference.values.flatMap { $0 }
        #expect(matrix.values.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func rejectsOtherNumberSyntaxes() {
        for text in ["0x10", "1_000", "1e", "e5", ".", "+", "1.2.3", "1e5.5", "١", "½", "1 2", "−1", "1d5", "inf5"] {
            #expect(Self.message("1,2\n3,\(text)\n").hasSuffix("is not a number"), "\(text)")
        }
    }
}

/// Paths that are not plain readable files: the reason is named, and nothing blocks.
struct CSVReaderPathTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nmf-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func reason(_ path: String) -> String {
        do {
            _ = try CSVReader.read(path: path)
            return "no error"
        } catch let NMFError.unreadableFile(_, reason) {
            return reason
        } catch {
            return "\(error)"
        }
    }

    @Test func namesWhatThePathIs() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(Self.reason(fifo) == "it is a FIFO (named pipe); only regular files are read")
        let dangling = folder + "/dangling.csv"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder + "/gone.csv")
        #expect(Self.reason(dangling) == "it is a symbolic link to a missing file")
        #expect(Self.reason(folder) == "it is a directory")
        #expect(Self.reason(folder + "/missing.csv") == "no such file")
        let file = folder + "/plain.csv"
        try "1,2\n3,4\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(Self.reason(file + "/inner.csv") == "a part of the path is not a directory")
        #expect(Self.reason("/dev/null") == "it is a character device; only regular files are read")
        let link = folder + "/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        #expect(try CSVReader.read(path: link).values == [1, 2, 3, 4])
        let fifoLink = folder + "/fifo-link.csv"
        try FileManager.default.createSymbolicLink(atPath: fifoLink, withDestinationPath: fifo)
        #expect(Self.reason(fifoLink) == "it is a FIFO (named pipe); only regular files are read")
    }

    @Test(.enabled(if: geteuid() != 0, "root reads files whatever their permissions"))
    func namesPermissionProblems() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/secret.csv"
        try "1,2\n3,4\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(chmod(file, 0) == 0)
        #expect(Self.reason(file) == "permission denied")
    }

    @Test func datasetNamesGoToTheReaderWhenSomethingIsThere() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dangling = folder + "/dangling.csv"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder + "/gone.csv")
        #expect(throws: NMFError.unreadableFile(path: dangling, reason: "it is a symbolic link to a missing file")) {
            try Dataset.named(dangling)
        }
        #expect(throws: NMFError.unknownDataset(folder + "/none.csv")) { try Dataset.named(folder + "/none.csv") }
    }

    /// /proc files say they are empty and are not: the cap holds while reading, whatever stat says.
    @Test func enforcesTheLimitWhileReading() throws {
        #expect(throws: NMFError.fileTooLargeWhileReading(path: "/proc/self/status", limit: 16)) {
            try CSVReader.contents(ofFile: "/proc/self/status", limit: 16)
        }
        #expect(NMFError.fileTooLargeWhileReading(path: "p", limit: 16).description == "p: file holds more than the limit of 16 bytes")
        let bytes = try CSVReader.contents(ofFile: "/proc/self/status", limit: 1 << 20)
        #expect(bytes.count > 16)
    }
}
