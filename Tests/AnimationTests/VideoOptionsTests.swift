import Raster
import Testing
@testable import Animation

/// The outputs of issue 17 as `OutputTarget` reads them, and the pure parts of their sinks.
@Suite struct VideoOptionsTests {
    @Test func extensionsChooseVideoWebPAndHTML() throws {
        #expect(try OutputTarget.parse("talk.mp4") == .video(path: "talk.mp4", container: .mp4))
        #expect(try OutputTarget.parse("a/b.WebM") == .video(path: "a/b.WebM", container: .webm))
        #expect(try OutputTarget.parse("x.webp") == .webp(path: "x.webp"))
        #expect(try OutputTarget.parse("page.html") == .html(path: "page.html"))
        #expect(try OutputTarget.parse("page.htm") == .html(path: "page.htm"))
        #expect(throws: AnimationError.badOutput("x.avi", "unknown extension '.avi' (use .gif, .png, .svg, .pdf, .mp4, .webm, .webp or .html)")) {
            try OutputTarget.parse("x.avi")
        }
    }

    @Test func frameRatesAreExactFractions() {
        #expect(FrameRate(delayMilliseconds: 200).description == "5")
        #expect(FrameRate(delayMilliseconds: 150).description == "20/3")
        #expect(FrameRate(fps: 30).description == "30")
        #expect(FrameRate(fps: 29.97).description == "2997/100")
        #expect(FrameRate(delayMilliseconds: 150).frameDuration == .milliseconds(150))
    }

    @Test func theLastFrameIsHeld() {
        let d = FrameDurations(delay: .milliseconds(200), frameCount: 3, holdLast: .milliseconds(1000))
        #expect((0..<3).map { d.duration(ofFrame: $0) } == [.milliseconds(200), .milliseconds(200), .milliseconds(1200)])
        #expect(d.milliseconds == [200, 200, 1200])
    }

    @Test func encoderArgumentsAreTheDocumentedOnes() {
        let mp4 = VideoOptions(container: .mp4, frameRate: FrameRate(fps: 5)).encoderArguments
        #expect(mp4.contains("libx264") && mp4.contains("+faststart") && mp4.contains("yuv420p"))
        #expect(mp4[mp4.firstIndex(of: "-crf")! + 1] == "18")
        let webm = VideoOptions(container: .webm, crf: 40, frameRate: FrameRate(fps: 5)).encoderArguments
        #expect(webm.contains("libvpx-vp9") && webm[webm.firstIndex(of: "-crf")! + 1] == "40")
    }

    @Test func oddSizesArePaddedByRepeatingTheEdge() throws {
        var image = try Image(width: 3, height: 3)
        for y in 0..<3 {
            for x in 0..<3 { image[x, y] = RGBA8(UInt8(10 * x), UInt8(10 * y), 7) }
        }
        let padded = VideoSink.pad(image, width: 4, height: 4)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(padded[((y * 4 + x) * 4)..<((y * 4 + x) * 4 + 4)]) }
        #expect(pixel(1, 2) == [10, 20, 7, 255])
        #expect(pixel(3, 1) == [20, 10, 7, 255])
        #expect(pixel(3, 3) == [20, 20, 7, 255])
        #expect(pixel(0, 3) == [0, 20, 7, 255])
    }

    @Test func framesAreRenumberedInOrder() throws {
        final class Recorder: FrameSink {
            var seen: [Int] = []
            var prepare: @Sendable (Image) throws -> Int { { $0.width } }
            func add(_ frame: Int, iteration: Int) throws { seen.append(iteration) }
            func finish() throws -> [String] { [] }
            func cancel() {}
        }
        let recorder = Recorder()
        let renamed = FrameIndexNaming(recorder)
        for iteration in [0, 5, 10] { try renamed.add(1, iteration: iteration) }
        #expect(recorder.seen == [0, 1, 2])
    }
}
