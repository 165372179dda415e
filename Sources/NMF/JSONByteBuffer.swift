/// Swift's own shortest round-trip formatter, the one behind `Double.description`, through its legacy
/// ABI entry point: here it writes into the caller's buffer, so a number costs no `String`. Returns
/// the bytes written, moved to the start of `buffer`.
///
/// Since Swift 6.2 this entry point hands `buffer` straight to the stdlib's `_Float64ToASCII`, whose
/// stated contract is a buffer of at least 32 bytes pre-filled with ASCII "0" (it skips writing the
/// zeros it expects there); `JSONByteBuffer.append(_: Double)` fills it so. `JSONByteBufferTests`
/// compares the result with `description` on millions of values, so a change would be caught.
@_silgen_name("swift_float64ToString")
private func swiftFloat64ToString(_ buffer: UnsafeMutablePointer<UInt8>, _ bufferLength: UInt, _ value: Float64,
                                  _ debug: Bool) -> UInt64

/// A buffer that JSON text is written into byte by byte and handed on in large pieces: the export's
/// hot path, with no `String` per number or per piece.
///
/// Numbers come out exactly as `Double.description` prints them (the same runtime function, asked
/// for the same form), so the text is the one the `String` path made, byte for byte.
final class JSONByteBuffer {
    /// The bytes handed on at once: large enough that a write costs little per byte, small enough
    /// to stay in the caches.
    static let chunk = 1 << 20
    /// The most bytes one number takes (SwiftDtoa's own buffer for a Double is 32).
    private static let numberRoom = 32

    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private let sink: (UnsafeRawBufferPointer) throws -> Void

    /// A buffer handing each full chunk to `sink`.
    init(chunk: Int = JSONByteBuffer.chunk, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        capacity = max(chunk, 2 * Self.numberRoom)
        storage = .allocate(capacity: capacity)
        storage.initialize(repeating: 0, count: capacity)
        self.sink = sink
    }

    deinit { storage.deallocate() }

    /// Hands on what is buffered.
    func flush() throws {
        guard count > 0 else { return }
        let full = UnsafeRawBufferPointer(start: storage, count: count)
        count = 0
        try sink(full)
    }

    /// Makes room for `n` more bytes (at most the capacity).
    @inline(__always)
    private func reserve(_ n: Int) throws {
        if count + n > capacity { try flush() }
    }

    /// Appends text (the short fixed pieces: keys, brackets, separators; or a header).
    func append(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            var rest = UnsafeRawBufferPointer(bytes)
            while !rest.isEmpty {
                if count == capacity { try flush() }
                let n = min(rest.count, capacity - count)
                UnsafeMutableRawPointer(storage + count).copyMemory(from: rest.baseAddress!, byteCount: n)
                count += n
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
    }

    /// Appends one byte.
    @inline(__always)
    func append(byte: UInt8) throws {
        try reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Appends a double as `SnapshotJSONWriter.encode(_:)` does: shortest round-trip, `null` when not finite.
    @inline(__always)
    func append(_ value: Double) throws {
        guard value.isFinite else { return try append("null") }
        try reserve(Self.numberRoom)
        (storage + count).update(repeating: UInt8(ascii: "0"), count: Self.numberRoom)
        count += Int(swiftFloat64ToString(storage + count, UInt(Self.numberRoom), value, false))
    }

    /// Appends an integer in decimal.
    func append(_ value: Int) throws { try append(String(value)) }

    /// Appends a matrix as an array of row arrays, as `SnapshotJSONWriter.encode(_: Matrix)` does.
    func append(_ matrix: Matrix) throws {
        let columns = matrix.columns
        try matrix.values.withUnsafeBufferPointer { values in
            try append(byte: UInt8(ascii: "["))
            for i in 0..<matrix.rows {
                if i > 0 { try appendSeparator() }
                try append(byte: UInt8(ascii: "["))
                let row = i * columns
                for j in 0..<columns {
                    if j > 0 { try appendSeparator() }
                    try append(values[row + j])
                }
                try append(byte: UInt8(ascii: "]"))
            }
            try append(byte: UInt8(ascii: "]"))
        }
    }

    /// ", " between the items of an array.
    @inline(__always)
    private func appendSeparator() throws {
        try reserve(2)
        storage[count] = UInt8(ascii: ",")
        storage[count + 1] = UInt8(ascii: " ")
        count += 2
    }
}
