import Codecs
import Foundation
import Raster
import Testing
import TestSupport

/// Animated WebP (`WebPWriter`) read back by libwebp's own demuxer and decoder, frame by frame.
@Suite struct WebPTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nmfviz-webp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Frames with changes in part of the picture, translucent pixels and fully transparent ones.
    static func frames(count: Int, width: Int = 61, height: Int = 37) throws -> [Image] {
        let base = try TestImages.noise(width: width, height: height, seed: 7, opaque: false)
        return try (0..<count).map { i in
            var image = base
            let patch = try TestImages.noise(width: 9, height: 7, seed: UInt64(100 + i), opaque: i % 2 == 0)
            for y in 0..<7 {
                for x in 0..<9 { image[(x + 5 * i) % width, (y + 3 * i) % height] = patch[x, y] }
            }
            // Fully transparent pixels keep their colour (config.exact), so they compare exactly too.
            image[0, 0] = RGBA8(12, 34, 56, 0)
            return image
        }
    }

    @Test func losslessFramesAreExactWithAlphaDelaysAndLoop() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.webp").path
        let frames = try Self.frames(count: 5)
        let writer = try WebPWriter(path: path, width: 61, height: 37, options: WebPOptions(loop: .times(3)))
        for (i, frame) in frames.enumerated() {
            try writer.add(frame, duration: .milliseconds(i == 4 ? 1200 : 200))
        }
        try writer.finish()
        let webp = try WebPAnimation(path: path)
        #expect(webp.width == 61 && webp.height == 37)
        #expect(webp.loopCount == 3)
        #expect(webp.frames.count == 5)
        #expect(webp.durations == [200, 200, 200, 200, 1200])
        for (i, (decoded, original)) in zip(webp.frames, frames).enumerated() {
            #expect(decoded == original, "frame \(i)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.webp"])
    }

    @Test func thirtyFramesASecondDoNotDrift() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fps.webp").path
        let writer = try WebPWriter(path: path, width: 61, height: 37)
        for frame in try Self.frames(count: 6) { try writer.add(frame, duration: .seconds(1) / 30) }
        try writer.finish()
        let webp = try WebPAnimation(path: path)
        #expect(webp.endTimes == [33, 67, 100, 133, 167, 200])
        #expect(webp.loopCount == 0)
    }

    @Test func lossyStaysClose() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lossy.webp").path
        var smooth = try Image(width: 64, height: 48)
        for y in 0..<48 {
            for x in 0..<64 { smooth[x, y] = RGBA8(UInt8(x * 4), UInt8(y * 5), 128, 255) }
        }
        let writer = try WebPWriter(path: path, width: 64, height: 48,
                                    options: WebPOptions(compression: .lossy(quality: 95)))
        try writer.add(smooth, duration: .milliseconds(100))
        try writer.finish()
        let decoded = try #require(try WebPAnimation(path: path).frames.first)
        let worst = zip(decoded.pixels, smooth.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 255
        #expect(worst <= 12, "largest difference \(worst)")
    }

    @Test func badInputThrowsAndLeavesNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.webp").path
        #expect(throws: CodecsError.self) { try WebPWriter(path: path, width: 0, height: 10) }
        #expect(throws: CodecsError.self) {
            try WebPWriter(path: path, width: 10, height: 10, options: WebPOptions(compression: .lossy(quality: 101)))
        }
        let writer = try WebPWriter(path: path, width: 61, height: 37)
        #expect(throws: CodecsError.self) { try writer.add(try Image(width: 5, height: 5), duration: .milliseconds(10)) }
        #expect(throws: CodecsError.noFrames(path: path)) { try writer.finish() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let cancelled = try WebPWriter(path: path, width: 61, height: 37)
        try cancelled.add(try Self.frames(count: 1)[0], duration: .milliseconds(10))
        cancelled.cancel()
        cancelled.cancel()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aStillFrameDecodesToItsPixels() throws {
        let frame = try Self.frames(count: 1)[0]
        let bytes = try WebPImageEncoder().encode(frame)
        #expect(Array(bytes[0..<4]) == Array("RIFF".utf8) && Array(bytes[8..<12]) == Array("WEBP".utf8))
        let decoded = try WebPStill.decode(bytes)
        #expect(decoded == frame)
    }
}
