import Foundation
import Testing
@testable import NMF

/// The CSV reader: accepted variants, and every rejection with its exact message.
struct CSVReaderTests {
    /// Writes `text` to a fresh temporary file named `name` and returns its path.
    static func file(_ text: String, name: String = "data.csv") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nmf-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The message of the error that reading `text` throws, with the temporary folder left out.
    static func message(_ text: String) throws -> String {
        let path = try file(text)
        do {
            _ = try CSVReader.read(path: path)
            return "no error"
        } catch let error as NMFError {
            return error.description.replacingOccurrences(of: path, with: "data.csv")
        }
    }

    @Test func readsCommasWithHeaderCommentsAndCRLF() throws {
        let path = try Self.file("# measured 2024\r\nx, y\r\n1, 2 # first\r\n\r\n3.5,4e-1\r\n0,0\r\n")
        let m = try CSVReader.read(path: path)
        #expect(m == (try Matrix(rows: 3, columns: 2, values: [1, 2, 3.5, 0.4, 0, 0])))
    }

    @Test func readsSemicolonsAndWhitespace() throws {
        #expect(try CSVReader.parse("1;2;3\n4;5;6\n", path: "s") == (try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])))
        #expect(try CSVReader.parse("  1\t 2\n3    4  \n", path: "w") == (try Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])))
        #expect(try CSVReader.parse("a b\n1 2\n3 4\n", path: "h") == (try Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])))
        #expect(try CSVReader.parse("5\n-0\n", path: "one column").values == [5, 0])
    }

    @Test func rejectsFieldsThatAreNotNumbers() throws {
        #expect(try Self.message("1,2\n3,abc\n") == "data.csv:2:3: 'abc' is not a number")
        #expect(try Self.message("1,2\n3, \n") == "data.csv:2:4: '' is not a number")
        #expect(try Self.message("x,y\n1,2\n4,5x\n") == "data.csv:3:3: '5x' is not a number (line 1 was read as the header)")
    }

    @Test func rejectsNaNAndInfinity() throws {
        #expect(try Self.message("1,2\nnan,4\n") == "data.csv:2:1: 'nan' is not finite (NaN and infinity are not allowed)")
        #expect(try Self.message("1,inf\n3,4\n") == "data.csv:1:3: 'inf' is not finite (NaN and infinity are not allowed)")
    }

    @Test func rejectsNegativeValues() throws {
        #expect(try Self.message("1 2\n3 -4.5\n") == "data.csv:2:3: '-4.5' is negative; NMF needs non-negative data")
    }

    @Test func rejectsRaggedRows() throws {
        #expect(try Self.message("1,2\n3,4,5\n") == "data.csv:2:1: row has 3 fields, expected 2 like the first row")
        #expect(try Self.message("# c\n1;2;3\n\n4;5\n") == "data.csv:4:1: row has 2 fields, expected 3 like the first row")
    }

    @Test func rejectsTooFewRows() throws {
        #expect(try Self.message("1,2\n") == "data.csv: found 1 rows × 2 columns; need at least 2 rows and 1 column")
        #expect(try Self.message("x,y\n# nothing\n") == "data.csv: found 0 rows × 0 columns; need at least 2 rows and 1 column")
        #expect(try Self.message("") == "data.csv: found 0 rows × 0 columns; need at least 2 rows and 1 column")
    }

    @Test func rejectsAllZeroData() throws {
        #expect(try Self.message("0,0\n0,0.0\n") == "data.csv: every value is zero, there is nothing to factorize")
    }

    @Test func rejectsMissingAndOversizedFiles() throws {
        #expect(throws: NMFError.unreadableFile(path: "/nonexistent/x.csv", reason: "no such file")) {
            try CSVReader.read(path: "/nonexistent/x.csv")
        }
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: NMFError.unreadableFile(path: folder, reason: "it is a directory")) { try CSVReader.read(path: folder) }
        #expect(NMFError.unreadableFile(path: "d", reason: "it is a directory").description == "d: cannot read: it is a directory")
        // A limit injected for the test (the real one is sized by memory, below).
        let line = String(repeating: "1,", count: 1023) + "1\n"
        let big = String(repeating: line, count: 64)
        let path = try Self.file(big)
        let size = big.utf8.count
        do {
            _ = try CSVReader.read(path: path, limit: size - 1)
            Issue.record("an oversized file was read")
        } catch let error as NMFError {
            #expect(error.description == "\(path): file is \(size) bytes, more than the limit of \(size - 1) bytes")
        }
        #expect(try CSVReader.read(path: path, limit: size).rows == 64)
    }

    /// The limit is one eighth of what the process may use, within 1 MiB … 4 GiB: a 1,000,000 × 10 CSV
    /// (~90 MB), over the old fixed 64 MiB, passes with 1 GB to spare.
    @Test func theSizeLimitFollowsTheMemory() {
        #expect(CSVReader.fileSizeLimit(available: 1 << 30) == 1 << 27)
        #expect(CSVReader.fileSizeLimit(available: 1_000_000_000) == 125_000_000)
        #expect(CSVReader.fileSizeLimit(available: 1 << 40) == CSVReader.maximumFileSize)
        #expect(CSVReader.fileSizeLimit(available: 0) == 1 << 20)
        #expect(CSVReader.fileSizeLimit(available: Int.max) == 1 << 32)
        #expect(CSVReader.fileSizeLimit() == CSVReader.fileSizeLimit(available: ProcessMemory.available))
        #expect(ProcessMemory.available > 0)
    }

    /// A million rows (4 MB here, so the test stays quick) are read, every value in place.
    @Test func aMillionRowFileIsAccepted() throws {
        var text = "x,y\n"
        text.reserveCapacity(4_000_010)
        for i in 0..<1_000_000 { text += i % 2 == 0 ? "1,2\n" : "3,4\n" }
        let path = try Self.file(text)
        let matrix = try CSVReader.read(path: path)
        #expect(matrix.rows == 1_000_000 && matrix.columns == 2)
        #expect(matrix[999_998, 0] == 1 && matrix[999_999, 1] == 4)
        #expect(try CSVReader.header(path: path) == ["x", "y"])
    }

    @Test func rejectsNonUTF8() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nmf-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("latin1.csv")
        try Data([0x31, 0x2C, 0xE9, 0x0A]).write(to: url)
        #expect(throws: NMFError.unreadableFile(path: url.path, reason: "line 1 is not UTF-8 text")) { try CSVReader.read(path: url.path) }
    }

    @Test func datasetNamesResolve() throws {
        #expect(try Dataset.named("cos2") == Dataset.cos2())
        #expect(try Dataset.named("linear") == Dataset.linear())
        #expect(throws: NMFError.unknownDataset("nope.csv")) { try Dataset.named("nope.csv") }
        #expect(NMFError.unknownDataset("nope.csv").description
            == "'nope.csv' is neither a built-in data set (cos2, linear) nor a readable file")
        let path = try Self.file("1,2\n3,4\n")
        #expect(try Dataset.named(path).rows == 2)
    }
}
