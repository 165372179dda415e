import Foundation

/// Lines of a committed fixture file under Tests/RasterTests/Fixtures, comments dropped, split on spaces.
///
/// Fixtures are found from this source file's path, so the tests need no SwiftPM resources and no Python.
func fixtureRecords(_ name: String, filePath: String = #filePath) throws -> [[String]] {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map(String.init) }
}

/// Bytes from a string of hex digits ("-" is empty).
func hexBytes(_ hex: String) -> [UInt8] {
    if hex == "-" { return [] }
    var out: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
        index = next
    }
    return out
}

/// A UTF-8 string from hex digits.
func hexString(_ hex: String) -> String { String(decoding: hexBytes(hex), as: UTF8.self) }
