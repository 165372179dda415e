import Foundation
import Testing
@testable import NMF

/// The Eisel–Lemire parser against its plain twin, the standard library's `Double(_:)`, and the
/// fast line reader against the general one.
struct DecimalParserTests {
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8) + [0]  // never empty, so the buffer has an address
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { DecimalParser.parse($0, $0 + buffer.count - 1) }
        }
    }

    /// Decimal spellings from a seeded stream: 1–30 digits, the point anywhere or absent, exponents
    /// across the whole range (denormals, overflow), signs, leading zeros.
    static func corpus(count: Int, seed: UInt32) -> [String] {
        var random = NumpyRandom(seed: seed)
        func below(_ n: Int) -> Int { Int(random.nextUInt32() % UInt32(n)) }
        var result = [String]()
        for _ in 0..<count {
            let digits = 1 + below(below(4) == 0 ? 30 : 18)
            var mantissa = String((0..<digits).map { _ in Character(String(below(10))) })
            if below(3) == 0 {
                let point = below(digits + 1)
                mantissa.insert(".", at: mantissa.index(mantissa.startIndex, offsetBy: point))
            }
            if below(8) == 0 { mantissa = String(repeating: "0", count: below(5)) + mantissa }
            var text = [" ", "+", "-"][below(3)].trimmingCharacters(in: .whitespaces) + mantissa
            switch below(4) {
            case 0: break
            case 1: text += "e\(below(700) - 350)"
            case 2: text += "E+\(below(40))"
            default: text += "e-\(below(30) + 300)"  // denormals and underflow
            }
            result.append(text)
        }
        return result
    }

    @Test func agreesWithTheStandardLibrary() {
        var mismatches = [String]()
        for text in Self.corpus(count: 200_000, seed: 19) {
            let fast = Self.parse(text)
            let plain = Double(text)
            if fast?.bitPattern != plain?.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test(arguments: [
        "0", "-0", "1", "1e0", "9007199254740992", "9007199254740993", "9007199254740995",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "1e-400", "1e23", "8.98846567431158e307",
        "18446744073709551615", "18446744073709551616", "0.000000000000000000000000000000001e33",
        "123456789012345678901234567890e-10", "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "3.0e99999999", "3e-99999999",
        "1.5e+5", ".5", "5.", "00012.50",
    ])
    func hardCases(_ text: String) {
        #expect(Self.parse(text)?.bitPattern == Double(text)?.bitPattern)
    }

    @Test(arguments: ["", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1e5.5", "--1", "1-", "0x10", "inf", "nan", "1 "])
    func refusesWhatIsNotANumber(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    /// Digits are read eight bytes at a time where eight remain: whatever byte ends a number (any of
    /// the 256 that cannot continue it, at every offset in the word) and whatever bytes follow it,
    /// the value and the place where the scan stops are those of the number alone.
    @Test func anyByteMayEndANumber() {
        let continuing = Set("0123456789.eE+-".utf8)
        let enders = (0...255).map(UInt8.init).filter { !continuing.contains($0) }
        var random = NumpyRandom(seed: 8)
        var mismatches = [String]()
        for (index, text) in Self.corpus(count: 20_000, seed: 23).enumerated() {
            let ender = enders[index % enders.count]
            let tail = (0..<Int(random.nextUInt32() % 12)).map { _ in UInt8(truncatingIfNeeded: random.nextUInt32()) }
            let bytes = Array(text.utf8) + [ender] + tail
            let outcome: (Double?, Int) = bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return (nil, 0) }
                var p = base
                let value = DecimalParser.scan(&p, base + buffer.count)
                return (value, p - base)
            }
            if outcome.0?.bitPattern != Double(text)?.bitPattern || outcome.1 != text.utf8.count {
                mismatches.append("\(text) + \(ender)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
    /// The general reader alone, line by line: what `parse` must give whichever lines take the fast path.
    static func slowly(_ text: String) throws -> Matrix {
        var rows = CSVReader.Rows(path: "t")
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            try rows.take(line, number: number)
        }
        return try rows.matrix()
    }

    static func outcome(_ read: () throws -> Matrix) -> String {
        do {
            let matrix = try read()
            return "\(matrix.rows)x\(matrix.columns) \(matrix.values.map(\.bitPattern))"
        } catch {
            return "\(error)"
        }
    }

    @Test func fastLinesAgreeWithTheGeneralReader() {
        var random = NumpyRandom(seed: 7)
        func below(_ n: Int) -> Int { Int(random.nextUInt32() % UInt32(n)) }
        let numbers = ["1", "2.5", "-0", "0", "1e3", "3.25", "7", "1e-330", "0.1", "12345678901234567890123"]
        let junk = ["-1", "1e60", "", "x", "\"2\"", "#c", ".", "e", "\u{0}", "é", "nan", " ", "1,5"]
        let separators = [",", ",", ",", " ", "\t", ";", ", ", " ,"]
        let ends = ["\n", "\n", "\r\n", "\r"]
        var checked = 0
        for _ in 0..<4_000 {
            var text = ["x,y\n", "", "# c\n", "\u{FEFF}"][below(4)]
            let separator = separators[below(3)]
            for _ in 0..<(2 + below(6)) {
                let fields = (0..<(below(12) == 0 ? 3 : 2)).map { _ in
                    below(10) == 0 ? junk[below(junk.count)] : numbers[below(numbers.count)]
                }
                text += fields.joined(separator: below(10) == 0 ? separators[below(separators.count)] : separator)
                text += below(10) == 0 ? "" : ends[below(ends.count)]
            }
            let fast = Self.outcome { try CSVReader.parse(text, path: "t") }
            let slow = Self.outcome { try Self.slowly(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text) }
            #expect(fast == slow, "\(text.debugDescription)")
            // Cut into pieces read on several threads (as large files are): the same matrix, or the
            // same error at the same line and column.
            for pieces in [2, 3, 7] {
                var bytes = Array(text.utf8)
                let cut = Self.outcome {
                    try bytes.withUnsafeMutableBufferPointer {
                        try CSVReader.parse(utf8: UnsafeBufferPointer($0), path: "t", pieces: pieces)
                    }
                }
                #expect(cut == slow, "\(pieces) pieces: \(text.debugDescription)")
            }
            checked += 1
        }
        #expect(checked == 4_000)
    }
}
