import Foundation
import Raster
import Testing

@testable import Codecs

/// IHDR's bit depth and colour type of an encoded PNG.
private func header(_ data: Data) -> (depth: UInt8, colorType: UInt8)? {
    guard let ihdr = pngChunks(data).first(where: { $0.type == "IHDR" }), ihdr.data.count == 13 else { return nil }
    return (ihdr.data[8], ihdr.data[9])
}

@Suite struct PNGRoundTripTests {
    @Test func translucentNoiseIsWrittenAsRGBAAndReadBackExactly() throws {
        let image = try TestImages.noise(width: 37, height: 21, seed: 1, opaque: false)
        let data = try PNGEncoder().encode(image)
        #expect(header(data)?.colorType == 6)
        #expect(try PNGReader().decode(data) == image)
    }

    @Test func opaqueNoiseIsWrittenAsRGBAndReadBackExactly() throws {
        let image = try TestImages.noise(width: 37, height: 21, seed: 2, opaque: true)
        let data = try PNGEncoder().encode(image)
        #expect(header(data)?.colorType == 2)
        #expect(try PNGReader().decode(data) == image)
    }

    @Test(arguments: [(2, UInt8(1)), (3, 2), (4, 2), (11, 4), (16, 4), (17, 8), (256, 8)])
    func fewColoursAreWrittenAsAPaletteOfTheSmallestDepth(colors: Int, depth: UInt8) throws {
        var rng = SplitMix64(seed: UInt64(colors))
        var palette: Set<RGBA8> = []
        while palette.count < colors {
            let alpha: UInt8 = Bool.random(using: &rng) ? 255 : UInt8.random(in: 0...255, using: &rng)
            palette.insert(RGBA8(.random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng), alpha))
        }
        // 64×40 makes every colour likely to appear; odd widths exercise partial bytes at row ends.
        let image = try TestImages.fromPalette(Array(palette), width: 61, height: 40, seed: 9)
        let data = try PNGEncoder().encode(image)
        #expect(header(data)?.colorType == 3)
        #expect(header(data)?.depth == depth)
        #expect(try PNGReader().decode(data) == image)
    }

    @Test func forcedRGBAStaysRGBA() throws {
        let image = try Image(width: 5, height: 3, fill: .white)
        let data = try PNGEncoder(options: PNGOptions(colorMode: .rgba)).encode(image)
        #expect(header(data)?.colorType == 6)
        #expect(try PNGReader().decode(data) == image)
    }

    @Test func transparentPixelsKeepTheirAlpha() throws {
        var image = try Image(width: 8, height: 8, fill: .clear)
        image[3, 4] = RGBA8(10, 20, 30, 128)
        image[5, 5] = .black
        let decoded = try PNGReader().decode(try PNGEncoder().encode(image))
        #expect(decoded[0, 0].a == 0)
        #expect(decoded[3, 4] == RGBA8(10, 20, 30, 128))
        #expect(decoded == image)
    }

    @Test(arguments: [PNGOptions.Filter.none, .sub, .up, .average, .paeth, .adaptive])
    func everyFilterIsLossless(filter: PNGOptions.Filter) throws {
        let image = try TestImages.plotFrame(3, width: 120, height: 60)
        for level in [0, 1, 9] {
            let options = PNGOptions(compressionLevel: level, filter: filter, strategy: level == 1 ? .runLength : .standard)
            #expect(try PNGReader().decode(try PNGEncoder(options: options).encode(image)) == image)
        }
    }

    @Test func physAndTextChunksAreWritten() throws {
        let options = PNGOptions(dotsPerInch: 100, text: [.init(key: "Software", value: "nmfviz"), .init(key: "Comment", value: "rank 2, seed 32, café")])
        let data = try PNGEncoder(options: options).encode(try Image(width: 4, height: 4))
        let chunks = pngChunks(data)
        let phys = try #require(chunks.first { $0.type == "pHYs" }).data
        // 100 dpi = 3937.0079 px/m, rounded; unit byte 1 = metre.
        #expect(phys == [0, 0, 0x0F, 0x61, 0, 0, 0x0F, 0x61, 1])
        let texts = chunks.filter { $0.type == "tEXt" }.map { $0.data }
        #expect(texts.contains(Array("Software".utf8) + [0] + Array("nmfviz".utf8)))
        #expect(texts.contains(Array("Comment".utf8) + [0] + Array("rank 2, seed 32, caf".utf8) + [0xE9]))
        let ihdrIndex = chunks.firstIndex { $0.type == "IHDR" } ?? -1
        let idatIndex = chunks.firstIndex { $0.type == "IDAT" } ?? -1
        #expect(ihdrIndex == 0 && idatIndex > ihdrIndex)
        #expect(chunks.last?.type == "IEND")
    }

    @Test func writingToAFileIsAtomicAndReadable() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/frame.png"
        let image = try TestImages.plotFrame(0, width: 90, height: 50)
        try PNGEncoder().write(image, to: path)
        #expect(try PNGReader().read(path: path) == image)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["frame.png"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o644 == 0o644 } == true)
    }
}

@Suite struct PNGReaderReferenceTests {
    /// Files written by Pillow (Scripts/fixtures/codecs_png_reference.py) and Pillow's RGBA decoding of them.
    @Test(arguments: ["rgb8", "rgba8", "gray8", "gray_alpha8", "gray1", "palette4", "palette8_trns"])
    func decodesLikePillow(name: String) throws {
        let image = try PNGReader().read(path: TestImages.fixture("png/\(name).png").path)
        let expected = try Data(contentsOf: TestImages.fixture("png/\(name).rgba"))
        #expect(image.width == 23 && image.height == 17)
        #expect(image.pixels == [UInt8](expected))
    }
}

@Suite struct PNGFailureTests {
    @Test func garbageIsRejectedWithAMessage() throws {
        #expect(throws: CodecsError.pngDecodingFailed(path: "x.png", message: "not a PNG file (bad signature)")) {
            try PNGReader().decode(Data("hello, not a png".utf8), path: "x.png")
        }
    }

    @Test func aTruncatedFileIsAnErrorNotACrash() throws {
        let data = try PNGEncoder().encode(try TestImages.noise(width: 30, height: 30, seed: 3, opaque: true))
        for length in [8, 20, 40, data.count / 2, data.count - 13] {
            #expect(throws: CodecsError.self) { try PNGReader().decode(data.prefix(length)) }
        }
    }

    @Test func aCorruptedChunkReportsLibpngsMessage() throws {
        var data = try PNGEncoder().encode(try TestImages.noise(width: 30, height: 30, seed: 3, opaque: true))
        data[data.count / 2] ^= 0xFF
        do {
            _ = try PNGReader().decode(data)
            Issue.record("a corrupted PNG decoded without error")
        } catch let CodecsError.pngDecodingFailed(_, message) {
            #expect(!message.isEmpty)
        }
    }

    @Test func aHugeHeaderIsRefusedBeforeAllocating() throws {
        // A valid signature, an IHDR chunk claiming 20000 × 20000 RGBA pixels, and an empty IDAT.
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        let body = Array("IHDR".utf8) + be32(20000) + be32(20000) + [8, 6, 0, 0, 0]
        let idat = Array("IDAT".utf8)
        let png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be32(13) + body + be32(crc32(body))
            + be32(0) + idat + be32(crc32(idat))
        #expect {
            try PNGReader().decode(Data(png))
        } throws: { error in
            guard case CodecsError.pngDecodingFailed(_, let message) = error else { return false }
            return message.contains("larger than the reader accepts")
        }
    }

    @Test func aMissingFileIsAFileError() {
        #expect {
            try PNGReader().read(path: "/nonexistent-nmfviz/none.png")
        } throws: { error in
            guard case CodecsError.fileFailed(let path, _, _) = error else { return false }
            return path == "/nonexistent-nmfviz/none.png"
        }
    }

    @Test(arguments: ["/nonexistent-nmfviz/out.png", "/proc/nmfviz-out.png"])
    func anUnwritableFolderThrowsAndLeavesNothing(path: String) throws {
        let image = try Image(width: 3, height: 3)
        #expect {
            try PNGEncoder().write(image, to: path)
        } throws: { error in
            // A missing folder fails with the system's reason; /proc is refused before trying.
            switch error as? CodecsError {
            case .fileFailed(let failed, _, let message)?: return failed == path && !message.isEmpty
            case .refusedTarget(let failed, let reason)?: return failed == path && reason.contains("/proc")
            default: return false
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theMissingFolderIsNamedInTheMessage() throws {
        #expect(throws: CodecsError.fileFailed(
            path: "/nonexistent-nmfviz/out.png", operation: "create a file in /nonexistent-nmfviz",
            message: "No such file or directory")
        ) {
            try PNGEncoder().write(try Image(width: 2, height: 2), to: "/nonexistent-nmfviz/out.png")
        }
    }

    @Test func badOptionsAreNamed() throws {
        let image = try Image(width: 3, height: 3)
        #expect(throws: CodecsError.invalidOption(name: "PNG compression level", value: "12", allowed: "must be 0…9")) {
            try PNGEncoder(options: PNGOptions(compressionLevel: 12)).encode(image)
        }
        #expect(throws: CodecsError.self) { try PNGEncoder(options: PNGOptions(dotsPerInch: -3)).encode(image) }
        #expect(throws: CodecsError.self) { try PNGEncoder(options: PNGOptions(text: [.init(key: "", value: "x")])).encode(image) }
        #expect(throws: CodecsError.self) { try PNGEncoder(options: PNGOptions(text: [.init(key: "Title", value: "π")])).encode(image) }
    }

    @Test func errorDescriptionsAreOneLineAndNameThePath() {
        let error = CodecsError.fileFailed(path: "/a/b.gif", operation: "write", message: "No space left on device")
        #expect(error.description == "/a/b.gif: cannot write: No space left on device")
        #expect(!CodecsError.pngEncodingFailed(path: nil, message: "m").description.contains("\n"))
    }
}

@Suite struct PNGKernelTwinTests {
    /// Plain twin of `ExactPalette.find`: a dictionary in order of first appearance.
    private func plainPalette(_ image: Image, limit: Int) -> (colors: [RGBA8], indices: [Int])? {
        var order: [RGBA8] = []
        var index: [RGBA8: Int] = [:]
        var indices: [Int] = []
        for y in 0..<image.height {
            for x in 0..<image.width {
                let c = image[x, y]
                if let i = index[c] {
                    indices.append(i)
                } else {
                    if order.count == limit { return nil }
                    index[c] = order.count
                    indices.append(order.count)
                    order.append(c)
                }
            }
        }
        return (order, indices)
    }

    @Test(arguments: [1, 2, 255, 256, 257, 600])
    func exactPaletteMatchesItsPlainTwin(colors: Int) throws {
        var rng = SplitMix64(seed: 11)
        var set: Set<RGBA8> = []
        while set.count < colors {
            set.insert(RGBA8(.random(in: 0...255, using: &rng), .random(in: 0...3, using: &rng), 0, .random(in: 254...255, using: &rng)))
        }
        let all = Array(set)
        // Every colour appears at least once (first row), then random repeats and runs.
        var image = try TestImages.fromPalette(all, width: 40, height: 30, seed: 5)
        for (i, c) in all.enumerated() where i < 40 * 30 { image[i % 40, i / 40] = c }
        for limit in [1, 16, 256] {
            let fast = image.pixels.withUnsafeBytes { ExactPalette.find(in: $0, limit: limit) }
            let plain = plainPalette(image, limit: limit)
            #expect((fast == nil) == (plain == nil))
            if let fast, let plain {
                #expect(fast.colors.map { RGBA8(UInt8($0 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 >> 16 & 0xFF), UInt8($0 >> 24)) } == plain.colors)
                #expect(fast.indices.map(Int.init) == plain.indices)
            }
        }
    }

    @Test(arguments: [1, 2, 4, 8])
    func packedRowsMatchBitByBitPacking(depth: Int) {
        for width in [1, 7, 8, 9, 13] {
            let height = 3
            var rng = SplitMix64(seed: UInt64(width * depth))
            let indices = (0..<(width * height)).map { _ in UInt8.random(in: 0..<UInt8(truncatingIfNeeded: (1 << depth) - 1 == 255 ? 255 : (1 << depth)), using: &rng) }
            let packed = PNGEncoder.packIndices(indices, width: width, height: height, depth: depth)
            let rowBytes = (width * depth + 7) / 8
            var plain = [UInt8](repeating: 0, count: rowBytes * height)
            for y in 0..<height {
                var bit = 0
                for x in 0..<width {
                    for b in stride(from: depth - 1, through: 0, by: -1) {
                        if indices[y * width + x] >> b & 1 == 1 { plain[y * rowBytes + bit / 8] |= 0x80 >> (bit % 8) }
                        bit += 1
                    }
                }
            }
            #expect(packed == plain)
        }
    }
}
