import Foundation
import Testing
@testable import NMF

/// The JSON export's numbers and pieces: numbers exactly as `Double.description` prints them, and
/// documents byte for byte those of the `String` path, however they are cut into pieces.
struct JSONNumberTests {
    /// The text `JSONNumber.write` makes of each of `values`.
    static func printed(_ values: [Double]) -> [String] {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: JSONNumber.room)
        defer { out.deallocate() }
        return values.map { value in
            let count = JSONNumber.write(value, to: out)
            return String(decoding: UnsafeBufferPointer(start: out, count: count), as: UTF8.self)
        }
    }

    /// Random bit patterns (every exponent, subnormals), values in the data's usual range, short
    /// decimals, and the edges of the two printed forms.
    @Test func numbersAreThoseOfDescription() throws {
        var rng = NumpyRandom(seed: 19)
        var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-5, 1e-4, 9.999999999999999e-5, 1e15, 1e16, 9007199254740992,
                                18014398509481984, 18014398509481988, .leastNonzeroMagnitude, .leastNormalMagnitude,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), 0.30000000000000004, 123456789012345680]
        for _ in 0..<400_000 {
            let bits = rng.nextUInt64()
            let value = Double(bitPattern: bits)
            if value.isFinite { values.append(value) }
            values.append(Double(bits >> 11) / Double(1 << 53) * 10)
            values.append(Double(bits % 100_000) / 1000)
        }
        let printed = Self.printed(values)
        #expect(printed.count == values.count)
        var mismatches = 0
        for (text, value) in zip(printed, values) where text != value.description {
            mismatches += 1
            if mismatches <= 5 { Issue.record("\(value.bitPattern): \(text) ≠ \(value.description)") }
        }
        #expect(mismatches == 0)
        // And they read back to the same bits.
        #expect(zip(printed, values).allSatisfy { Double($0)?.bitPattern == $1.bitPattern })
    }

    /// Not finite: null, as in the `String` path.
    @Test func nonFiniteIsNull() {
        #expect(Self.printed([.nan, .infinity, -.infinity]) == ["null", "null", "null"])
    }

    /// Subnormals (Swift's own printer) and zeros (written directly).
    @Test func subnormalsAndZerosAreThoseOfDescription() {
        var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 2 * .leastNonzeroMagnitude]
        var bits: UInt64 = 1
        while bits < 1 << 52 {
            values += [Double(bitPattern: bits), Double(bitPattern: bits | 1 << 63), Double(bitPattern: bits &- 1 | 1)]
            bits <<= 1
        }
        #expect(Self.printed(values) == values.map(\.description))
    }

    /// The byte path gives the document of the `String` path, for each loss and solver, thinned and not,
    /// with and without the data, and for a run that a stopping rule ends.
    @Test(arguments: [
        ("mu", "frobenius", 1, true, nil), ("mu", "kl", 1, true, nil), ("hals", "frobenius", 3, false, nil),
        ("mu", "frobenius", 4, true, 0.01),
    ] as [(String, String, Int, Bool, Double?)])
    func bytePathEqualsStringPath(solver: String, loss: String, every: Int, data: Bool, tol: Double?) throws {
        let configuration = try NMFConfiguration(
            data: Dataset.cos2(), rank: 2, loss: loss == "kl" ? .kullbackLeibler : .frobenius,
            solver: solver == "hals" ? .hals : .multiplicative, tolerance: tol)
        let writer = try SnapshotJSONWriter(configuration: configuration, every: every, includesData: data)
        let snapshots = try NMFSolver(configuration).makeSnapshots(iterations: 120)
        var text = ""
        try writer.write(snapshots) { text += $0 }
        var bytes: [UInt8] = []
        try writer.write(snapshots, bytes: { bytes.append(contentsOf: $0) })
        #expect(bytes == Array(text.utf8))
        #expect(text.hasSuffix("}\n"))
    }
}

extension NumpyRandom {
    /// 64 random bits from two draws of the stream, for the corpus.
    mutating func nextUInt64() -> UInt64 { UInt64(nextUInt32()) << 32 | UInt64(nextUInt32()) }
}
