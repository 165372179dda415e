import Testing
@testable import NMF

/// The .npz writer's pieces: zlib's CRC-32, npy headers aligned to 64 bytes, and the archive's records
/// (numpy itself reads whole archives in the command's tests, through Scripts/fixtures/npz_load.py).
struct SnapshotNPZWriterTests {
    @Test func crcIsZlibs() {
        #expect(CRC32.update(0, Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.update(CRC32.update(0, Array("1234".utf8)), Array("56789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.update(0, []) == 0)
    }

    @Test(arguments: [[3], [51, 80, 2], [1_000_001, 11585, 1797], [0]])
    func npyHeaderIsAlignedAndNamesTheShape(shape: [Int]) {
        let header = SnapshotNPZWriter.header("<f8", shape)
        #expect(header.count % 64 == 0)
        #expect(Array(header.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        #expect(Int(header[8]) | Int(header[9]) << 8 == header.count - 10)
        let text = String(decoding: header.dropFirst(10), as: UTF8.self)
        #expect(text.hasSuffix("\n") && text.contains(shape.count == 1 ? "(\(shape[0]),)" : "\(shape[0]), \(shape[1])"))
    }

    @Test func archiveEndsWithItsDirectory() throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2())
        var bytes: [UInt8] = []
        try SnapshotNPZWriter(configuration: configuration, every: 4, includesData: false)
            .write(iterations: 10) { bytes += $0 }
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4b, 0x03, 0x04])
        let end = Array(bytes.suffix(22))
        #expect(Array(end.prefix(4)) == [0x50, 0x4b, 0x05, 0x06])
        #expect(end[10] == 4)  // iteration, loss, W, H
        #expect(throws: NMFError.self) { try SnapshotNPZWriter(configuration: configuration, every: 0) }
    }

    /// With every snapshot spilled, W's entry and then H's read each spilled byte back once (before,
    /// each entry read whole snapshots: every byte twice), and the archive is the one kept in memory.
    @Test func spilledSnapshotsAreReadBackOnce() throws {
        let configuration = try NMFConfiguration(data: Dataset.cos2())
        let writer = try SnapshotNPZWriter(configuration: configuration, every: 3, includesData: false)
        var inMemory: [UInt8] = []
        try writer.write(iterations: 10, budget: 1 << 30) { inMemory += $0 }
        var spilled: [UInt8] = []
        let counter = IterationCounter()
        try IterationCounter.$current.withValue(counter) {
            try writer.write(iterations: 10, budget: 0) { spilled += $0 }
        }
        let (rows, columns, k) = (configuration.data.rows, configuration.data.columns, configuration.rank)
        let snapshots = 5  // iterations 0, 3, 6, 9 and the last, 10
        #expect(counter.scratchBytesRead == snapshots * (rows * k + k * columns) * 8)
        #expect(counter.iterations == 10 && counter.runs == 1)
        #expect(spilled == inMemory)
    }
}
