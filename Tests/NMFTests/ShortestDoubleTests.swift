import Testing
@testable import NMF

/// The export's own printer of normal doubles against `Double.description`, where a shortest-digits
/// printer goes wrong: the ends of every binary exponent (the uneven gap below a power of two, the
/// last significand before the next one), the neighbours of every power of ten, the switch between
/// the decimal and exponential layouts (10^-4 and 2^53), integers, and random bit patterns.
struct ShortestDoubleTests {
    /// The values of `corpus` whose text differs from `description` (at most 10, with their text).
    static func mismatches(_ corpus: [Double]) -> [String] {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: ShortestDouble.room)
        defer { out.deallocate() }
        var found: [String] = []
        for value in corpus where value.isNormal {
            let text = String(decoding: UnsafeBufferPointer(start: out, count: ShortestDouble.write(value, to: out)),
                              as: UTF8.self)
            if text != value.description, found.count < 10 { found.append("\(value.bitPattern): \(text) ≠ \(value.description)") }
        }
        return found
    }

    @Test func everyBinaryExponentAtItsEnds() {
        var corpus: [Double] = []
        let fractions: [UInt64] = [0, 1, 2, 3, 1 << 51, (1 << 51) + 1, (1 << 52) - 2, (1 << 52) - 1]
        for biased: UInt64 in 1 ..< 2047 {
            for fraction in fractions {
                let value = Double(bitPattern: biased << 52 | fraction)
                corpus += [value, -value]
            }
        }
        #expect(corpus.count == 2046 * 16)
        #expect(Self.mismatches(corpus) == [])
    }

    @Test func powersOfTenAndTheirNeighbours() throws {
        var corpus: [Double] = []
        for exponent in -307 ... 308 {
            let power = try #require(Double("1e\(exponent)"))
            var up = power, down = power
            for _ in 0 ..< 8 {
                corpus += [up, down]
                up = up.nextUp
                down = down.nextDown
            }
            corpus += [2, 3, 5, 9.5, 1.25, 4.35].map { $0 * power }
        }
        #expect(Self.mismatches(corpus) == [])
    }

    @Test func layoutEdgesAndIntegers() {
        var corpus: [Double] = [1e-4, 1e-4.nextDown, 1e-4.nextUp, 1e-5, 0.00012, 9.999999999999999e-5,
                                0x1p53, 0x1p53.nextUp, 0x1p53.nextDown, 0x1p54, 1e15, 1e16, 1e16.nextUp, 1e23,
                                .greatestFiniteMagnitude, .leastNormalMagnitude, 123456789012345680, 0.1, 0.3,
                                0.30000000000000004, 2e-7, 1.5, 100, 12345.678]
        for i in 0 ..< 20_000 {
            let n = Double(i)
            corpus += [n, n / 1000, n * 1e-6, n * 1e12, 0x1p53 - n]
        }
        #expect(Self.mismatches(corpus) == [])
    }

    @Test func randomBitPatternsAndFractions() {
        var rng = NumpyRandom(seed: 1919)
        var corpus: [Double] = []
        for _ in 0 ..< 300_000 {
            let bits = rng.nextUInt64()
            corpus += [Double(bitPattern: bits), Double(bits >> 11) / 0x1p53, Double(bits >> 40) / 0x1p24 * 1e-3]
        }
        #expect(Self.mismatches(corpus) == [])
    }
}
