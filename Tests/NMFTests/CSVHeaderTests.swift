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
}
