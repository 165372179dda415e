import Foundation
import Raster
import Testing

@testable import Codecs

/// The planner's own LZW stream against giflib's: a GIF written from frames carrying the planner's
/// `LZWData` must be byte for byte the file giflib writes when it compresses the same indices.
@Suite struct LZWCodeTests {
    /// Indices of `count` pixels below `tableSize`: runs of the last entry (the transparent one) of
    /// random lengths, between random entries, so that strings grow long and the dictionary fills.
    private func indices(count: Int, tableSize: Int, rng: inout SplitMix64) -> [UInt8] {
        let t = UInt8(tableSize - 1)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let run = Int.random(in: 0...Int.random(in: 1...300, using: &rng), using: &rng)
            out += [UInt8](repeating: t, count: min(run, count - out.count))
            for _ in 0..<Int.random(in: 1...60, using: &rng) where out.count < count {
                out.append(UInt8.random(in: 0...t, using: &rng))
            }
        }
        return out
    }

    /// Writes `frames` through a `GIFStream` and returns the file's bytes.
    private func write(_ frames: [IndexedFrame], global: GIFPalette, width: Int, height: Int, in folder: String, name: String) throws -> Data {
        let stream = try GIFStream(path: folder + "/" + name, width: width, height: height, options: GIFOptions())
        try stream.putHeader(global: global)
        for frame in frames { try stream.put(frame) }
        try stream.close()
        return try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    }

    /// Global palettes of 2, 4, 16, 128 and 256 entries, frames from 1 pixel to over a hundred
    /// thousand (several dictionary clears, every code width), some with a local palette of another
    /// size: the planner's data gives giflib's file exactly.
    @Test(arguments: [(2, UInt64(1)), (4, 2), (16, 3), (128, 4), (256, 5)])
    func compressedFramesWriteGiflibsBytes(globalSize: Int, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let width = 400, height = 300
        func palette(_ size: Int) -> GIFPalette {
            // `size` entries in all: the last is the transparent one unless the table is full.
            let count = size == 256 ? 256 : size - 1
            return GIFPalette(colors: (0..<max(1, count)).map { _ in UInt32.random(in: 0...0xFF_FFFF, using: &rng) | 0xFF00_0000 })
        }
        let global = palette(globalSize)
        let local = palette(globalSize == 16 ? 64 : 16)
        #expect(global.tableSize == globalSize)
        var plain: [IndexedFrame] = []
        let sizes = [(1, 1), (2, 1), (37, 5), (400, 300), (250, 111), (1, 300), (64, 64)]
        for (n, (w, h)) in sizes.enumerated() {
            let usesLocal = n % 3 == 2
            let table = usesLocal ? local.tableSize : global.tableSize
            plain.append(IndexedFrame(
                rect: PixelRect(x: 0, y: 0, width: w, height: h),
                indices: indices(count: w * h, tableSize: table, rng: &rng),
                localPalette: usesLocal ? local : nil, transparentIndex: table - 1, duration: .milliseconds(20)))
        }
        let compressed = plain.map { frame -> IndexedFrame in
            var copy = frame
            let table = frame.localPalette?.tableSize ?? global.tableSize
            copy.compressed = LZWPlanner(tableSize: table, frequent: UInt8(table - 1)).compress(frame.indices)
            return copy
        }
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = try write(plain, global: global, width: width, height: height, in: folder, name: "giflib.gif")
        let ours = try write(compressed, global: global, width: width, height: height, in: folder, name: "planner.gif")
        #expect(expected.count > 8_000)  // more codes than one dictionary holds
        #expect(ours == expected)
        // And giflib reads every frame of it back.
        let playback = try GIFPlayback(path: folder + "/planner.gif")
        #expect(playback.frames.count == plain.count)
    }

    /// With choices, the data returned is the stream of the indices chosen (as if compressed plainly).
    @Test func plannedDataIsTheStreamOfTheChosenIndices() {
        var rng = SplitMix64(seed: 7)
        let original = indices(count: 150_000, tableSize: 32, rng: &rng)
        var planned = original
        let data = LZWPlanner(tableSize: 32, frequent: 31).plan(
            &planned, cost: { i, j in j != 31 && original[i] != 31 && abs(Int(j) - Int(original[i])) <= 2 ? 1 : nil },
            take: { _, _, _ in })
        #expect(planned != original)
        #expect(data == LZWPlanner(tableSize: 32, frequent: 31).compress(planned))
        #expect(data.blocks.count < LZWPlanner(tableSize: 32, frequent: 31).compress(original).blocks.count)
    }

    /// A planner plans every frame from an empty dictionary: used twice, it gives the same data.
    @Test func aPlannerStartsAfreshEachTime() {
        var rng = SplitMix64(seed: 8)
        let input = indices(count: 20_000, tableSize: 16, rng: &rng)
        let planner = LZWPlanner(tableSize: 16, frequent: 15)
        let first = planner.compress(input)
        #expect(planner.compress(input) == first)
        #expect(first.minimumCodeSize == 4)
        // Sub-blocks of 255 bytes but the last.
        var start = 0, lengths: [Int] = []
        while start < first.blocks.count {
            lengths.append(Int(first.blocks[start]))
            start += 1 + Int(first.blocks[start])
        }
        #expect(start == first.blocks.count)
        #expect(lengths.dropLast().allSatisfy { $0 == 255 } && (1...255).contains(lengths.last ?? 0))
    }
}
