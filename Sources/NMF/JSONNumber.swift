/// Swift's own shortest round-trip formatter, the one behind `Double.description`, through its legacy
/// ABI entry point: here it writes into the caller's buffer, so a number costs no `String`. Returns
/// the bytes written, moved to the start of `buffer`. `ShortestDouble` prints normal doubles faster;
/// this prints the subnormals.
///
/// Since Swift 6.2 this entry point hands `buffer` straight to the stdlib's `_Float64ToASCII`, whose
/// stated contract is a buffer of at least 32 bytes pre-filled with ASCII "0" (it skips writing the
/// zeros it expects there); `JSONNumber.write` fills it so. `JSONNumberTests` compares the result
/// with `description` on subnormals, so a change would be caught.
@_silgen_name("swift_float64ToString")
private func swiftFloat64ToString(_ buffer: UnsafeMutablePointer<UInt8>, _ bufferLength: UInt, _ value: Float64,
                                  _ debug: Bool) -> UInt64

/// The JSON export's numbers as bytes: exactly the text of `SnapshotJSONWriter.encode(_: Double)`
/// (`Double.description`, `null` when not finite), with no `String` per number.
enum JSONNumber {
    /// The most bytes one number takes (SwiftDtoa's own buffer for a Double is 32).
    static let room = 32

    /// Writes `value` at `out`, which must have `room` bytes of room (all of them may be
    /// overwritten); returns the bytes that make the number.
    @inline(__always)
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if value.isNormal { return ShortestDouble.write(value, to: out) }
        guard value.isFinite else {
            out[0] = UInt8(ascii: "n")
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "l")
            out[3] = UInt8(ascii: "l")
            return 4
        }
        if value == 0 {
            // "0.0" or "-0.0"
            var start = out
            if value.sign == .minus {
                start[0] = UInt8(ascii: "-")
                start += 1
            }
            start[0] = UInt8(ascii: "0")
            start[1] = UInt8(ascii: ".")
            start[2] = UInt8(ascii: "0")
            return start + 3 - out
        }
        // Subnormals are rare: Swift's own printer.
        out.update(repeating: UInt8(ascii: "0"), count: room)
        return Int(swiftFloat64ToString(out, UInt(room), value, false))
    }
}
