import Testing
@testable import NMF

@Suite struct ImageShapeTests {
    @Test func parsesHeightByWidth() throws {
        let shape = try ImageShape(parsing: "64X48")
        #expect(shape.height == 64 && shape.width == 48)
        #expect(shape.pixelCount == 3072)
        #expect(shape.description == "64x48")
        #expect(try ImageShape(parsing: "8x8") == .digits)
    }

    @Test(arguments: ["8", "8x", "x8", "0x8", "8x-1", "axb", "8x8x8", "5000x1", " 8x8", ""])
    func refusesAnythingElse(_ text: String) {
        #expect(throws: NMFError.invalidImageShape(text)) { try ImageShape(parsing: text) }
    }

    @Test func checksOneColumnPerPixel() throws {
        let data = try Matrix(rows: 2, columns: 10, repeating: 1)
        let error = NMFError.imageShapeMismatch(source: "data.csv", shape: "8x8", pixels: 64, columns: 10)
        #expect(throws: error) { try ImageShape.digits.check(data, source: "data.csv") }
        #expect(error.description == "data.csv has 10 columns, but 8x8 images need 64, one per pixel")
        try ImageShape(height: 2, width: 5).check(data, source: "data.csv")
    }
}
