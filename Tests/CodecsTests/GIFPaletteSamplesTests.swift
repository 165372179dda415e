import Foundation
import Raster
import Testing
@testable import Codecs

/// A global palette chosen from samples of the whole animation (`GIFWriter.useGlobalPalette(from:)`).
@Suite struct GIFPaletteSamplesTests {
    /// Discs that drift every frame (so each frame changes hundreds of anti-aliased colours) and appear
    /// one after another, each in its own colour: frame 0 holds a few blues, so a palette made from it
    /// alone lacks what later frames show, while the last frame holds every colour.
    static func appearingFrame(_ t: Int) throws -> Image {
        var image = try Image(width: 240, height: 120)
        var rng = SplitMix64(seed: 5)
        for i in 0..<60 {
            let u = Double.random(in: 0...1, using: &rng)
            let v = Double.random(in: 0...1, using: &rng)
            guard i < 4 + 2 * t else { continue }
            TestImages.disc(&image, cx: 10 + u * 200 + 0.7 * Double(t), cy: 10 + v * 100, radius: 6.3,
                            fill: TestImages.jet(Double(i) / 60))
        }
        return image
    }

    private static func write(_ frames: [Image], samples: [Image]?, options: GIFOptions = GIFOptions()) throws -> (GIFPlayback, Int, String) {
        let folder = try TestImages.temporaryFolder()
        let path = folder + "/samples.gif"
        let writer = try GIFWriter(path: path, width: frames[0].width, height: frames[0].height, options: options)
        if let samples { try writer.useGlobalPalette(from: samples) }
        for frame in frames { try writer.add(frame, delayMilliseconds: 100) }
        try writer.finish()
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return (try GIFPlayback(path: path), size, folder)
    }

    /// At quality 70 (PSNR ≥ 40.5 dB, about the 41 dB default this was made for): at the default's
    /// 46.5 dB no 255-entry palette holds these small, densely anti-aliased frames, with or without
    /// samples, and most frames need a palette of their own either way.
    @Test func samplesSpareLaterFramesTheirLocalPalettes() throws {
        let frames = try (0..<30).map { try Self.appearingFrame($0) }
        let options = GIFOptions(quality: 70)
        let (alone, aloneSize, folderA) = try Self.write(frames, samples: nil, options: options)
        defer { try? FileManager.default.removeItem(atPath: folderA) }
        let (sampled, sampledSize, folderB) = try Self.write(frames, samples: [frames[0], frames[15], frames[29]], options: options)
        defer { try? FileManager.default.removeItem(atPath: folderB) }

        let localAlone = alone.hasLocalPalette.filter { $0 }.count
        let localSampled = sampled.hasLocalPalette.filter { $0 }.count
        #expect(localAlone >= 20)
        #expect(localSampled * 2 < localAlone, "local palettes: \(localSampled) with samples, \(localAlone) without")
        #expect(sampledSize < aloneSize)
        for (decoded, original) in zip(sampled.frames + alone.frames, frames + frames) {
            #expect(psnr(decoded, original) >= 40)
        }
    }

    /// A smooth gradient (4,096 colours: the global palette is quantized), then frames that
    /// each change a small square to a colour the palette lacks (close to the gradient's, but never
    /// in it: its blue is 151 where the gradient's is 150). Such a frame's colours would fit an
    /// exact local palette, but the lossy global one shows them within the quality target and spares
    /// the colour table: no frame after the first has a local palette.
    @Test func aLossyGlobalPaletteIsKeptForFramesWithFewNewColours() throws {
        var base = try Image(width: 256, height: 64)
        for y in 0..<64 {
            for x in 0..<256 {
                base[x, y] = RGBA8(UInt8(100 + x / 4), UInt8(100 + y), 150, 255)
            }
        }
        var frames = [base]
        for t in 0..<6 {
            var frame = base
            for y in 20..<26 {
                for x in (40 * t)..<(40 * t + 6) {
                    frame[x, y] = RGBA8(131, UInt8(110 + 3 * t), 151, 255)
                }
            }
            frames.append(frame)
        }
        let (playback, _, folder) = try Self.write(frames, samples: nil)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(playback.frames.count == frames.count)
        #expect(playback.hasLocalPalette.dropFirst().allSatisfy { !$0 }, "\(playback.hasLocalPalette)")
        for (decoded, original) in zip(playback.frames, frames) {
            #expect(psnr(decoded, original) >= 40)
        }
    }

    @Test func samplesAreRefusedAfterTheFirstFrameOrAtTheWrongSize() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let frame = try Self.appearingFrame(3)
        let writer = try GIFWriter(path: folder + "/x.gif", width: 240, height: 120)
        #expect(throws: CodecsError.self) { try writer.useGlobalPalette(from: [try Image(width: 10, height: 10)]) }
        try writer.add(frame, delayMilliseconds: 100)
        #expect(throws: CodecsError.self) { try writer.useGlobalPalette(from: [frame]) }
        writer.cancel()
    }
}
