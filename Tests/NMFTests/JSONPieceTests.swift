import Testing
@testable import NMF

/// The export's pieces: cut anywhere, formatted on any threads, written in order, they are the text of
/// the `String` path; and a failing sink stops the document cleanly.
struct JSONPieceTests {
    /// A subnormal well inside the range (about 4.9e-320; a literal would warn).
    static let subnormal = Double.leastNonzeroMagnitude * 9918

    /// A matrix of `rows` × `columns` cycling through values at the printer's edges (no NaN: the
    /// solver's matrices never hold one; `null` is tested in `JSONNumberTests`).
    static func edgeMatrix(rows: Int, columns: Int) throws -> Matrix {
        let edges: [Double] = [0, -0.0, 1, .leastNonzeroMagnitude, Self.subnormal, .leastNormalMagnitude, 1e300,
                               .greatestFiniteMagnitude, 0x1p53, 0x1p53.nextUp, 1e-4, 9.999999999999999e-5,
                               0.1, 1234.5, 16, -2.5e-8, 0.30000000000000004]
        var rng = NumpyRandom(seed: 5)
        let values = (0 ..< rows * columns).map { i in
            i % 3 == 2 ? Double(rng.nextUInt64() >> 11) / 0x1p53 : edges[i % edges.count]
        }
        return try Matrix(rows: rows, columns: columns, values: values)
    }

    /// The bytes of `pieces` through a writer with `slots` in flight (0: sequential).
    static func written(_ pieces: [JSONPiece], slots: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let out = JSONPieceWriter(slots: slots) { bytes.append(contentsOf: $0) }
        for piece in pieces { try out.submit(piece) }
        try out.finish()
        return bytes
    }

    /// Piece sizes that cut rows anywhere (1, a prime, one row, a row and one, all) give the `String`
    /// path's text, sequentially and with 1, 3 and 16 pieces in flight.
    @Test(arguments: [(7, 5), (1, 40), (40, 1), (33, 17)])
    func anyCutIsTheStringText(rows: Int, columns: Int) throws {
        let matrix = try Self.edgeMatrix(rows: rows, columns: columns)
        let expected = Array(("<" + SnapshotJSONWriter.encode(matrix) + ">").utf8)
        for size in [1, 2, 7, columns, columns + 1, rows * columns, rows * columns + 5] {
            let pieces = JSONPiece.split(matrix, lead: "<", trail: ">", size: size)
            #expect(pieces.count == (rows * columns + size - 1) / size)
            for slots in [0, 1, 3, 16] {
                #expect(try Self.written(pieces, slots: slots) == expected, "size \(size), slots \(slots)")
            }
        }
    }

    /// Whole documents, parallel and sequential, small and default pieces, on data with zeros,
    /// subnormals and a large value, equal the `String` path's.
    @Test(arguments: [(0, 3), (8, 3), (8, 1), (16, SnapshotJSONWriter.pieceSize), (3, 5)])
    func documentIsTheStringDocument(slots: Int, pieceSize: Int) throws {
        var values: [Double] = []
        var rng = NumpyRandom(seed: 11)
        for i in 0 ..< 60 * 4 {
            values.append(i % 7 == 0 ? 0 : i % 11 == 0 ? Self.subnormal : i % 13 == 0 ? 1e30 : Double(rng.nextUInt32() % 1000) / 7)
        }
        let data = try Matrix(rows: 60, columns: 4, values: values)
        for every in [1, 7] {
            let configuration = try NMFConfiguration(data: data, rank: 3, solver: every == 7 ? .hals : .multiplicative)
            let writer = try SnapshotJSONWriter(configuration: configuration, every: every, includesData: every == 1)
            let snapshots = try NMFSolver(configuration).makeSnapshots(iterations: 30)
            var text = ""
            try writer.write(snapshots) { text += $0 }
            var bytes: [UInt8] = []
            try writer.write(snapshots, bytes: { bytes.append(contentsOf: $0) }, slots: slots, pieceSize: pieceSize)
            #expect(bytes == Array(text.utf8), "every \(every)")
        }
    }

    struct Full: Error {}

    /// A sink that fails stops the document with its error, whatever is still being formatted, and
    /// is not called again.
    @Test(arguments: [0, 4])
    func failingSinkStopsTheDocument(slots: Int) throws {
        let matrix = try Self.edgeMatrix(rows: 50, columns: 9)
        let pieces = JSONPiece.split(matrix, lead: "", trail: "", size: 3)
        var calls = 0
        let out = JSONPieceWriter(slots: slots) { _ in
            calls += 1
            if calls == 5 { throw Full() }
        }
        #expect(throws: Full.self) {
            for piece in pieces { try out.submit(piece) }
            try out.finish()
        }
        #expect(calls == 5)
    }
}
