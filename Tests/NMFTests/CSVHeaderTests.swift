import Testing
@testable import NMF

/// `CSVReader.header`: the names of a CSV file's columns, which label the axes.
struct CSVHeaderTests {
    @Test(arguments: [
        ("x, y\n1,2\n3,4\n", ["x", "y"]),
        ("\u{FEFF}# comment\n\n\"height, cm\",weight\n1,2\n", ["height, cm", "weight"]),
        ("a;b;c\n1;2;3\n", ["a", "b", "c"]),
        ("alpha beta\n1 2\n", ["alpha", "beta"]),
    ])
    func namesComeFromTheHeaderLine(text: String, names: [String]) {
        #expect(CSVReader.header(in: text) == names)
    }

    @Test(arguments: ["1,2\n3,4\n", "", "\n\n", "\"1\",\"2\"\n3,4\n", "x,\u{1B}y\n1,2\n"])
    func dataWithoutAHeaderHaveNoNames(text: String) {
        #expect(CSVReader.header(in: text) == nil)
    }

    @Test func aFileSHeaderIsReadFromItsPath() throws {
        let path = try CSVReaderTests.file("width,height\n1,2\n3,4\n")
        #expect(try CSVReader.header(path: path) == ["width", "height"])
        #expect(throws: NMFError.self) { try CSVReader.header(path: path + ".missing") }
    }

    /// The header is looked for in the first 64 KiB; past them (comments, or a very long first line)
    /// the whole file is read, with the same answer as the text.
    @Test(arguments: [0, 1, 100])
    func aHeaderPastTheFirstWindowIsStillFound(extra: Int) throws {
        let comments = String(repeating: "# a comment line that takes room\n", count: (CSVReader.headerWindow + extra) / 33 + 1)
        let long = "x" + String(repeating: ",x", count: CSVReader.headerWindow / 2 + extra) + "\n1" + String(repeating: ",1", count: CSVReader.headerWindow / 2 + extra) + "\n"
        for text in [comments + "a,b\n1,2\n", long, comments + "1,2\n3,4\n", "a,b\n" + String(repeating: "1,2\n", count: 20_000)] {
            let path = try CSVReaderTests.file(text)
            #expect(try CSVReader.header(path: path) == CSVReader.header(in: text))
        }
        #expect(try CSVReader.header(path: CSVReaderTests.file(comments + "a,b\n1,2\n")) == ["a", "b"])
    }
}
