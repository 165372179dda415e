/// Writes a run as numpy's `.npz`: a zip archive, stored (not compressed), of `.npy` arrays that
/// `np.load` reads.
///
/// Arrays: `iteration` (int64, n), `loss` (float64, n), `W` (float64, n × rows × k), `H` (float64,
/// n × k × columns) for the n snapshots written (0, every, 2·every, … and the last), and `data`
/// (rows × columns) unless left out. Little-endian, C order, npy format 1.0.
///
/// The solver runs once: the count that sizes every array is known only at the run's end (a stopping
/// rule may end it early), so the snapshots written wait in a `SnapshotStore` — in memory up to its
/// budget, beyond it in an unlinked temporary file — and are then streamed into their zip entries,
/// W's and then H's, each spilled matrix read back once. The archive has no zip64 records, so runs
/// of 4 GiB and more are refused before anything is written.
public struct SnapshotNPZWriter: Sendable {
    /// The run written: its data, and the configuration the solver is built from.
    public let configuration: NMFConfiguration
    /// The step between the iterations written; the last iteration is always written.
    public let every: Int
    /// Whether the archive holds `data.npy`.
    public let includesData: Bool

    /// A writer of iterations 0, `every`, 2·`every`, … and the last, with or without the data.
    ///
    /// - Throws: `NMFError.unsupportedCombination` for a step below 1.
    public init(configuration: NMFConfiguration, every: Int = 1, includesData: Bool = true) throws(NMFError) {
        guard every >= 1 else {
            throw .unsupportedCombination("the step between written snapshots must be at least 1, not \(every)")
        }
        self.configuration = configuration
        self.every = every
        self.includesData = includesData
    }

    /// Runs the solver for `iterations` and hands the archive's bytes to `sink`, in order.
    ///
    /// - Parameter budget: the bytes of W and H kept in memory; beyond it they wait in an unlinked
    ///   temporary file (`SnapshotStore`).
    /// - Throws: `NMFError.nonFiniteResult` from the run, `NMFError.unsupportedCombination` for an
    ///   archive of 4 GiB or more, `NMFError.scratchFileFailed` for the temporary file, or what `sink`
    ///   throws.
    public func write(iterations: Int, to sink: ([UInt8]) throws -> Void) throws {
        try write(iterations: iterations, budget: SnapshotStore.defaultBudget, to: sink)
    }

    /// `write(iterations:to:)` with a memory budget of `budget` bytes for the snapshots waiting.
    package func write(iterations: Int, budget: Int, to sink: ([UInt8]) throws -> Void) throws {
        let solver = try NMFSolver(configuration)
        var kept: [Int] = []
        var losses: [Double] = []
        var pending: Snapshot?
        // One run: the count that sizes every array is known only at its end (a stopping rule may
        // end it early), so the snapshots written wait in the store until then.
        let store = SnapshotStore(budget: budget)
        var iterator = solver.makeSnapshots(iterations: iterations).makeIterator()
        while let snapshot = try iterator.nextSnapshot() {
            if snapshot.iteration % every == 0 {
                kept.append(snapshot.iteration)
                losses.append(snapshot.loss)
                try store.append(snapshot)
                pending = nil
            } else {
                pending = snapshot
            }
        }
        if let pending {
            kept.append(pending.iteration)
            losses.append(pending.loss)
            try store.append(pending)
        }
        let (n, rows, columns, k) = (kept.count, configuration.data.rows, configuration.data.columns, configuration.rank)

        var entries: [(name: String, descr: String, shape: [Int], body: (inout Archive) throws -> Void)] = [
            ("iteration.npy", "<i8", [n], { archive in
                try archive.append(kept.flatMap { Self.bytes(UInt64(bitPattern: Int64($0))) })
            }),
            ("loss.npy", "<f8", [n], { archive in try archive.append(Self.bytes(losses)) }),
            ("W.npy", "<f8", [n, rows, k], { archive in
                for i in 0..<store.count { try archive.append(Self.bytes(store.w(at: i).values)) }
            }),
            ("H.npy", "<f8", [n, k, columns], { archive in
                for i in 0..<store.count { try archive.append(Self.bytes(store.h(at: i).values)) }
            }),
        ]
        if includesData {
            entries.append(("data.npy", "<f8", [rows, columns], { [configuration] archive in
                try archive.append(Self.bytes(configuration.data.values))
            }))
        }
        // Sizes first, in Double so that a hostile shape cannot overflow: no zip64 here.
        var total = 22.0
        for entry in entries {
            let count = entry.shape.reduce(1.0) { $0 * Double($1) }
            total += 30 + 16 + 46 + 2 * Double(entry.name.utf8.count) + Double(Self.header(entry.descr, entry.shape).count)
                + count * 8
        }
        guard total < Double(UInt32.max) else {
            throw NMFError.unsupportedCombination(
                "an .npz of \(n) snapshots (W \(rows)×\(k), H \(k)×\(columns)) would be 4 GiB or more; use --every")
        }
        // The archive only lives for this call, so the sink does not escape it.
        try withoutActuallyEscaping(sink) { sink in
            var archive = Archive(sink: sink)
            for entry in entries {
                try archive.begin(entry.name)
                try archive.append(Self.header(entry.descr, entry.shape))
                try entry.body(&archive)
                try archive.end()
            }
            try archive.finish()
        }
    }

    /// Little-endian float64 bytes of `values`, as npy's `<f8` stores them.
    static func bytes(_ values: [Double]) -> [UInt8] {
        #if _endian(little)
        values.withUnsafeBytes { Array($0) }
        #else
        values.flatMap { bytes($0.bitPattern) }
        #endif
    }

    /// An npy 1.0 header: magic, version, length, and the dictionary padded to 64 bytes with a newline.
    static func header(_ descr: String, _ shape: [Int]) -> [UInt8] {
        let dims = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(dims), }"
        let unpadded = 10 + text.utf8.count + 1
        text += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0] + bytes(UInt16(text.utf8.count)) + Array(text.utf8)
    }

    /// The little-endian bytes of an integer.
    static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    /// A stored zip archive written front to back: each entry's CRC and size follow it in a data
    /// descriptor (flag bit 3), as streaming zip writers do, and the central directory repeats them.
    struct Archive {
        let sink: ([UInt8]) throws -> Void
        var offset: UInt32 = 0
        var central: [UInt8] = []
        var count: UInt16 = 0
        var current: (name: [UInt8], start: UInt32, crc: UInt32, size: UInt32)?

        init(sink: @escaping ([UInt8]) throws -> Void) { self.sink = sink }

        /// The fixed fields shared by local and central headers: version 2.0, flag 8, stored, 1980-01-01.
        static let versionFlagsMethodTimeDate: [UInt8] = bytes(UInt16(20)) + bytes(UInt16(8)) + bytes(UInt16(0))
            + bytes(UInt16(0)) + bytes(UInt16(33))

        private mutating func emit(_ data: [UInt8]) throws {
            try sink(data)
            offset &+= UInt32(truncatingIfNeeded: data.count)
        }

        mutating func begin(_ name: String) throws {
            let name = Array(name.utf8)
            current = (name, offset, 0, 0)
            try emit(bytes(UInt32(0x0403_4b50)) + Self.versionFlagsMethodTimeDate + bytes(UInt32(0)) + bytes(UInt32(0))
                + bytes(UInt32(0)) + bytes(UInt16(name.count)) + bytes(UInt16(0)) + name)
        }

        mutating func append(_ data: [UInt8]) throws {
            guard var entry = current else { return }
            entry.crc = CRC32.update(entry.crc, data)
            entry.size &+= UInt32(truncatingIfNeeded: data.count)
            current = entry
            try emit(data)
        }

        mutating func end() throws {
            guard let entry = current else { return }
            current = nil
            try emit(bytes(UInt32(0x0807_4b50)) + bytes(entry.crc) + bytes(entry.size) + bytes(entry.size))
            central += bytes(UInt32(0x0201_4b50)) + bytes(UInt16(20)) + Self.versionFlagsMethodTimeDate
                + bytes(entry.crc) + bytes(entry.size) + bytes(entry.size) + bytes(UInt16(entry.name.count))
                + bytes(UInt16(0)) + bytes(UInt16(0)) + bytes(UInt16(0)) + bytes(UInt16(0)) + bytes(UInt32(0))
                + bytes(entry.start) + entry.name
            count += 1
        }

        mutating func finish() throws {
            let start = offset
            let directory = central
            try emit(directory)
            try emit(bytes(UInt32(0x0605_4b50)) + bytes(UInt16(0)) + bytes(UInt16(0)) + bytes(count) + bytes(count)
                + bytes(UInt32(directory.count)) + bytes(start) + bytes(UInt16(0)))
        }
    }
}

/// zlib's CRC-32 (polynomial 0xEDB88320), as zip archives need.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC of what `crc` covered followed by `data` (start from 0).
    static func update(_ crc: UInt32, _ data: [UInt8]) -> UInt32 {
        var c = ~crc
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }
}
