import Foundation
import Raster
import Testing

@testable import Codecs

/// Writes `frames` (each shown `milliseconds`) to a fresh GIF and decodes it back.
private func roundTrip(_ frames: [Image], milliseconds: Int = 100, options: GIFOptions = GIFOptions()) throws -> (GIFPlayback, String, String) {
    let folder = try TestImages.temporaryFolder()
    let path = folder + "/animation.gif"
    let writer = try GIFWriter(path: path, width: frames[0].width, height: frames[0].height, options: options)
    for frame in frames { try writer.add(frame, delayMilliseconds: milliseconds) }
    try writer.finish()
    return (try GIFPlayback(path: path), path, folder)
}

@Suite struct GIFRoundTripTests {
    @Test func fewColoursComeBackExactlyEvenWhenLaterFramesBringNewOnes() throws {
        var rng = SplitMix64(seed: 21)
        func palette(_ n: Int) -> [RGBA8] {
            (0..<n).map { _ in RGBA8(.random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng)) }
        }
        let first = palette(200), second = palette(120)
        var frames = [try TestImages.fromPalette(first, width: 48, height: 32, seed: 1)]
        // Frame 1 changes a block with colours of the first palette, frame 2 with new colours only.
        var next = frames[0]
        for y in 5..<15 { for x in 10..<30 { next[x, y] = first[(x * 7 + y) % 200] } }
        frames.append(next)
        for y in 12..<28 { for x in 2..<40 { next[x, y] = second[(x + y * 3) % 120] } }
        frames.append(next)
        frames.append(try TestImages.fromPalette(second, width: 48, height: 32, seed: 2))
        let (playback, _, folder) = try roundTrip(frames)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(playback.frames == frames)
        #expect(playback.hasLocalPalette == [false, false, true, true])
    }

    @Test func aPlotAnimationStaysAbove40dBInEveryFrame() throws {
        let frames = try (0..<50).map { try TestImages.plotFrame($0) }
        let (playback, _, folder) = try roundTrip(frames, milliseconds: 200)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(playback.frames.count == 50)
        for (decoded, original) in zip(playback.frames, frames) {
            #expect(psnr(decoded, original) >= 40)
            #expect(decoded.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 255 })
        }
        // Frames after the first store only what changed.
        #expect(playback.rects.dropFirst().allSatisfy { $0.width * $0.height < 400 * 180 })
    }

    @Test func orderedDitheringStaysAbove38dB() throws {
        let frames = try (0..<6).map { try TestImages.plotFrame($0 * 8) }
        let (playback, _, folder) = try roundTrip(frames, options: GIFOptions(dithering: .ordered))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (decoded, original) in zip(playback.frames, frames) { #expect(psnr(decoded, original) >= 38) }
        // Dithering adds a pattern on purpose; it must differ from the undithered output.
        let (plain, _, plainFolder) = try roundTrip(frames)
        defer { try? FileManager.default.removeItem(atPath: plainFolder) }
        #expect(plain.frames != playback.frames)
    }

    @Test func headerLoopDelaysAndDisposalReadBackAsWritten() throws {
        let frames = try (0..<4).map { try TestImages.plotFrame($0 * 5, width: 60, height: 40) }
        for (loop, expected) in [(GIFOptions.Loop.forever, Optional(0)), (.times(3), 2), (.times(1), nil)] {
            let (playback, _, folder) = try roundTrip(frames, milliseconds: 200, options: GIFOptions(loop: loop))
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(playback.version == "GIF89a")
            #expect(playback.loopCount == expected)
            #expect(playback.delays == [20, 20, 20, 20])
            #expect(playback.disposals == [1, 1, 1, 1])
            #expect(playback.width == 60 && playback.height == 40)
        }
    }

    @Test func thirtyFramesPerSecondCarryTheRoundingError() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/fps.gif"
        let writer = try GIFWriter(path: path, width: 8, height: 8)
        for i in 0..<30 {
            var image = try Image(width: 8, height: 8)
            image[i % 8, i / 8 % 8] = .black
            try writer.add(image, duration: .seconds(1) / 30)
        }
        try writer.finish()
        let delays = try GIFPlayback(path: path).delays
        #expect(delays == Array(repeating: [3, 3, 4], count: 10).flatMap { $0 })
        #expect(delays.reduce(0, +) == 100)
    }

    @Test func identicalConsecutiveFramesAreMergedByAddingDelays() throws {
        let a = try TestImages.plotFrame(0, width: 50, height: 30)
        let b = try TestImages.plotFrame(20, width: 50, height: 30)
        let (playback, _, folder) = try roundTrip([a, a, a, b, b, a])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(playback.delays == [30, 20, 10])
        #expect(playback.frames.count == 3)
        #expect(psnr(playback.frames[2], a) >= 40)
    }

    @Test func theSameFramesGiveTheSameBytes() throws {
        let frames = try (0..<8).map { try TestImages.plotFrame($0 * 3, width: 160, height: 90) }
        let (_, first, firstFolder) = try roundTrip(frames)
        let (_, second, secondFolder) = try roundTrip(frames)
        defer {
            try? FileManager.default.removeItem(atPath: firstFolder)
            try? FileManager.default.removeItem(atPath: secondFolder)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(a.count > 1000)
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: second))))
    }

    @Test func aOnePixelCanvasAndRepeatedFramesWork() throws {
        let colors = [RGBA8(1, 2, 3), RGBA8(200, 100, 0), RGBA8(200, 100, 0), RGBA8(0, 0, 0, 0), RGBA8(9, 9, 9)]
        let frames = try colors.map { try Image(width: 1, height: 1, fill: $0) }
        let (playback, _, folder) = try roundTrip(frames, milliseconds: 50)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(playback.frames.map { $0[0, 0] } == [RGBA8(1, 2, 3), RGBA8(200, 100, 0), .clear, RGBA8(9, 9, 9)])
        #expect(playback.delays == [5, 10, 5, 5])
        let (still, _, stillFolder) = try roundTrip([frames[0], frames[0]], milliseconds: 70)
        defer { try? FileManager.default.removeItem(atPath: stillFolder) }
        #expect(still.delays == [14])
    }

    @Test func transparentPixelsStayTransparentAndAppearingTransparencyIsCleared() throws {
        var a = try Image(width: 20, height: 10, fill: .clear)
        for x in 2..<18 { a[x, 5] = RGBA8(200, 10, 10) }
        var b = a
        for x in 2..<10 { b[x, 5] = .clear }  // pixels that were opaque turn transparent
        b[15, 2] = RGBA8(10, 10, 200)
        var c = b
        c[1, 1] = .black
        let (playback, _, folder) = try roundTrip([a, b, c])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(playback.frames == [a, b, c])
        #expect(playback.disposals[0] == 2)
        #expect(playback.frames[1][3, 5].a == 0)
    }

    @Test func translucentPixelsBecomeOpaqueOrTransparentAtHalfAlpha() throws {
        var image = try Image(width: 4, height: 1, fill: .clear)
        image[0, 0] = RGBA8(10, 20, 30, 127)
        image[1, 0] = RGBA8(10, 20, 30, 128)
        let (playback, _, folder) = try roundTrip([image])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(playback.frames[0][0, 0].a == 0)
        #expect(playback.frames[0][1, 0] == RGBA8(10, 20, 30))
    }

    @Test func theFileGetsOrdinaryPermissionsAndNoTemporaryIsLeft() throws {
        let (_, path, folder) = try roundTrip([try Image(width: 3, height: 3)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        let mask = umask(0)
        umask(mask)
        #expect(mode == 0o666 & ~Int(mask))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["animation.gif"])
    }
}

@Suite struct GIFFailureTests {
    @Test(arguments: ["/nonexistent-nmfviz/out.gif", "/proc/nmfviz-out.gif"])
    func anUnwritableFolderThrowsAtOnceAndLeavesNothing(path: String) {
        #expect {
            _ = try GIFWriter(path: path, width: 10, height: 10)
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

    @Test func zeroOrOversizedCanvasesAreRefused() {
        for (w, h) in [(0, 10), (10, 0), (-1, 5), (70000, 2)] {
            #expect(throws: CodecsError.invalidSize(width: w, height: h, limit: "GIF sides must be 1…65535 px")) {
                _ = try GIFWriter(path: "/tmp/never.gif", width: w, height: h)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.gif"))
    }

    @Test func misuseIsAnErrorAndLeavesNothing() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/x.gif"
        let writer = try GIFWriter(path: path, width: 10, height: 10)
        #expect(throws: CodecsError.frameSizeMismatch(path: path, expectedWidth: 10, expectedHeight: 10, width: 11, height: 10)) {
            try writer.add(try Image(width: 11, height: 10), delayMilliseconds: 100)
        }
        #expect(throws: CodecsError.self) { try writer.add(try Image(width: 10, height: 10), delayMilliseconds: -5) }
        // An image whose bytes do not match its size cannot be made at all, so no encoder sees one.
        #expect(throws: RasterError.self) { try Image(width: 10, height: 10, pixels: [UInt8](repeating: 0, count: 396)) }
        #expect(throws: CodecsError.noFrames(path: path)) { try writer.finish() }
        #expect(throws: CodecsError.writerClosed(path: path)) { try writer.add(try Image(width: 10, height: 10), delayMilliseconds: 1) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(throws: CodecsError.self) { _ = try GIFWriter(path: path, width: 5, height: 5, options: GIFOptions(loop: .times(0))) }
        #expect(throws: CodecsError.self) { _ = try GIFWriter(path: path, width: 5, height: 5, options: GIFOptions(quality: 0)) }
        #expect(throws: CodecsError.self) { _ = try GIFWriter(path: path, width: 5, height: 5, options: GIFOptions(quality: 101)) }
        #expect(throws: CodecsError.self) { _ = try GIFWriter(path: path, width: 5, height: 5, options: GIFOptions(matte: RGBA8(1, 2, 3, 4))) }
    }

    @Test func cancellingOrDroppingAWriterRemovesItsTemporaryFile() throws {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = try GIFWriter(path: folder + "/a.gif", width: 10, height: 10)
        try writer.add(try Image(width: 10, height: 10), delayMilliseconds: 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)  // the hidden temporary
        writer.cancel()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        do {
            let dropped = try GIFWriter(path: folder + "/b.gif", width: 10, height: 10)
            try dropped.add(try Image(width: 10, height: 10), delayMilliseconds: 100)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// A full disk: a 64 KB tmpfs (needs root and mount; skipped elsewhere) and about 150 KB of noise.
    @Test(.enabled(if: TinyFileSystem.canMount))
    func aFullDiskIsAnErrorNamingTheReasonAndLeavesNothing() throws {
        let disk = try TinyFileSystem()
        defer { disk.unmount() }
        let path = disk.path + "/big.gif"
        var rng = SplitMix64(seed: 77)
        let colors = (0..<200).map { _ in RGBA8(.random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng)) }
        // Random pixels of 200 colours: exact palettes (no quantizing), about 40 KB of LZW per frame.
        let frames = try (0..<4).map { try TestImages.fromPalette(colors, width: 200, height: 200, seed: UInt64($0)) }
        #expect {
            let writer = try GIFWriter(path: path, width: 200, height: 200)
            for frame in frames { try writer.add(frame, delayMilliseconds: 100) }
            try writer.finish()
        } throws: { error in
            "\(error)".contains("No space left on device") && "\(error)".contains(path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty)
        #expect {
            try PNGEncoder().write(try TestImages.noise(width: 200, height: 200, seed: 1, opaque: true), to: disk.path + "/big.png")
        } throws: { error in
            "\(error)".contains("No space left on device")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty)
    }
}

/// A 64 KB tmpfs mounted for one test.
struct TinyFileSystem {
    let path: String

    static let canMount: Bool = {
        guard getuid() == 0, let disk = try? TinyFileSystem() else { return false }
        disk.unmount()
        return true
    }()

    struct MountFailed: Error {}

    init() throws {
        path = try TestImages.temporaryFolder()
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", path]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw MountFailed()
        }
    }

    func unmount() {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [path]
        try? umount.run()
        umount.waitUntilExit()
        try? FileManager.default.removeItem(atPath: path)
    }
}
