import Foundation
import NMF
import Testing
@testable import Animation

/// The embedded digits against the facts Scripts/fixtures/digits_asset.py took from scikit-learn's
/// `load_digits` arrays (not from the PNG), so the round trip through the PNG is checked too.
@Suite struct DigitsDatasetTests {
    struct Facts: Decodable {
        let rows: Int
        let columns: Int
        let sum: Int
        let fnv1a64_pixels: String
        let fnv1a64_labels: String
        let first_image: [Int]
        let first_labels: [Int]
    }

    static func facts() throws -> Facts {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/digits.json")
        return try JSONDecoder().decode(Facts.self, from: Data(contentsOf: url))
    }

    /// FNV-1a, 64 bits, over one byte per value: the same function as the generator's.
    static func fnv1a64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }

    @Test func loadsTheShapeAndTheValuesScikitLearnShips() throws {
        let facts = try Self.facts()
        let (images, labels) = try DigitsDataset.load()
        #expect(images.rows == facts.rows)
        #expect(images.columns == facts.columns)
        #expect(labels.count == facts.rows)
        #expect(Int(images.values.reduce(0, +)) == facts.sum)
        #expect(images.values.allSatisfy { $0 >= 0 && $0 <= 16 && $0 == $0.rounded() })
        let pixelHash = Self.fnv1a64(images.values.map { UInt8($0) })
        #expect(String(pixelHash) == facts.fnv1a64_pixels)
        #expect(String(Self.fnv1a64(labels.map { UInt8($0) })) == facts.fnv1a64_labels)
        #expect(images.rowArray(0).map { Int($0) } == facts.first_image)
        #expect(Array(labels.prefix(facts.first_labels.count)) == facts.first_labels)
    }

    @Test func theHashWouldSeeASingleChangedPixel() throws {
        let (images, _) = try DigitsDataset.load()
        var bytes = images.values.map { UInt8($0) }
        let original = Self.fnv1a64(bytes)
        bytes[1234] ^= 1
        #expect(Self.fnv1a64(bytes) != original)
    }

    @Test func fitsTheDigitsShape() throws {
        let (images, _) = try DigitsDataset.load()
        try ImageShape.digits.check(images, source: DigitsDataset.name)
        #expect(ImageShape.digits.pixelCount == DigitsDataset.columns)
    }
}
