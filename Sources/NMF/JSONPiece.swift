/// A piece of the JSON export that can be formatted apart from the others: fixed text, then a run of
/// a matrix's elements in row-major order, then fixed text. A matrix's pieces, formatted one after
/// the other, spell exactly `SnapshotJSONWriter.encode(_: Matrix)`; so any split of a document into
/// pieces, formatted on any threads and written in order, is the document of the `String` path.
struct JSONPiece: Sendable {
    /// The text before the elements.
    let lead: String
    /// The matrix whose elements `elements` this piece writes; nil for text alone.
    let matrix: Matrix?
    /// Flat row-major indices into `matrix` (empty without one).
    let elements: Range<Int>
    /// The text after the elements (after the matrix's closing `]]` when the piece ends it).
    let trail: String

    /// Text alone.
    init(text: String) {
        lead = text
        matrix = nil
        elements = 0..<0
        trail = ""
    }

    /// Elements `elements` of `matrix` (a non-empty range inside it), between `lead` and `trail`.
    init(lead: String, matrix: Matrix, elements: Range<Int>, trail: String) {
        self.lead = lead
        self.matrix = matrix
        self.elements = elements
        self.trail = trail
    }

    /// `matrix` between `lead` and `trail`, cut into pieces of at most `size` elements (at least 1):
    /// the first piece carries `lead`, the last `trail`.
    static func split(_ matrix: Matrix, lead: String, trail: String, size: Int) -> [JSONPiece] {
        let count = matrix.values.count
        let size = max(1, size)
        var pieces: [JSONPiece] = []
        pieces.reserveCapacity((count + size - 1) / size)
        var start = 0
        while start < count {
            let end = min(count, start + size)
            pieces.append(JSONPiece(lead: start == 0 ? lead : "", matrix: matrix, elements: start..<end,
                                    trail: end == count ? trail : ""))
            start = end
        }
        return pieces
    }

    /// The most bytes this piece takes: its texts, and per element a separator (at most "], [")
    /// and a number (at most `JSONNumber.room`), and the closing "]]".
    var byteBound: Int {
        lead.utf8.count + trail.utf8.count + elements.count * (4 + JSONNumber.room) + 2
    }

    /// Writes the piece into `buffer` (emptied first).
    func format(into buffer: JSONPieceBuffer) {
        buffer.reset(capacity: byteBound)
        buffer.append(lead)
        if let matrix, !elements.isEmpty {
            let columns = matrix.columns
            let total = matrix.values.count
            matrix.values.withUnsafeBufferPointer { values in
                let base = values.baseAddress!
                var out = buffer.end
                // Flat index e is at row e / columns, column e % columns; the column is counted
                // rather than divided for each element.
                var column = elements.lowerBound % columns
                for e in elements {
                    if column == 0 {
                        if e == 0 {
                            out[0] = UInt8(ascii: "[")
                            out[1] = UInt8(ascii: "[")
                            out += 2
                        } else {
                            out[0] = UInt8(ascii: "]")
                            out[1] = UInt8(ascii: ",")
                            out[2] = UInt8(ascii: " ")
                            out[3] = UInt8(ascii: "[")
                            out += 4
                        }
                    } else {
                        out[0] = UInt8(ascii: ",")
                        out[1] = UInt8(ascii: " ")
                        out += 2
                    }
                    out += JSONNumber.write(base[e], to: out)
                    column += 1
                    if column == columns { column = 0 }
                }
                if elements.upperBound == total {
                    out[0] = UInt8(ascii: "]")
                    out[1] = UInt8(ascii: "]")
                    out += 2
                }
                buffer.end = out
            }
        }
        buffer.append(trail)
    }
}

/// A growable byte buffer that one piece of the export is formatted into, reused from piece to piece.
/// It is handed between threads only through `JSONPieceWriter`'s semaphores, never shared while written.
final class JSONPieceBuffer: @unchecked Sendable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// One past the last byte written.
    var end: UnsafeMutablePointer<UInt8>

    init() {
        capacity = 1 << 16
        storage = .allocate(capacity: capacity)
        end = storage
    }

    deinit { storage.deallocate() }

    /// The bytes written.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: end - storage) }

    /// Empties the buffer and makes room for `capacity` bytes.
    func reset(capacity needed: Int) {
        if needed > capacity {
            storage.deallocate()
            capacity = needed
            storage = .allocate(capacity: capacity)
        }
        end = storage
    }

    /// Appends text; the room was made by `reset(capacity:)`.
    func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let source = bytes.baseAddress else { return }
            end.update(from: source, count: bytes.count)
            end += bytes.count
        }
    }
}
