#if canImport(Glibc)
import Glibc
#endif
import Codecs
import Foundation
import Raster
import Testing
import TestSupport

/// `-o x.mp4` and `-o x.webm`: read back by ffprobe and decoded by ffmpeg, frame by frame against the
/// PNG frames. Skipped when ffmpeg or ffprobe is not installed (Scripts/setup installs them).
@Suite(.enabled(if: ExternalTool.hasFFmpeg, "ffmpeg and ffprobe are not installed (Scripts/setup installs them)"))
struct VideoOutputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var codec: String
        var testDescription: String { name }
    }

    @Test(arguments: [Case(name: "a.mp4", codec: "h264"), Case(name: "a.webm", codec: "vp9")])
    func everyFrameIsThePNGFrame(_ c: Case) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--frames", "8", "-o", c.name, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(try runner.run(["--frames", "8", "-o", "png/", "--quiet"]).status == 0)
        #expect(runner.contents().filter { !$0.hasPrefix("png") } == [c.name])
        let stream = try ExternalTool.probe(c.name, in: runner.folder)
        #expect(stream["codec_name"] as? String == c.codec)
        #expect(stream["pix_fmt"] as? String == "yuv420p")
        #expect(stream["width"] as? Int == 1000 && stream["height"] as? Int == 450)
        #expect(stream["r_frame_rate"] as? String == "5/1")
        #expect(stream["nb_read_frames"] as? String == "8")
        #expect(stream["color_space"] as? String == "bt709")
        let frames = try ExternalTool.decodeFrames(c.name, width: 1000, height: 450, in: runner.folder)
        #expect(frames.count == 8)
        for (i, frame) in frames.enumerated() {
            let png = try PNGReader().read(path: runner.path(String(format: "png/frame_%03d.png", i)))
            let ssim = SSIM.similarity(frame, png) ?? 0
            #expect(ssim >= 0.98, "frame \(i): SSIM \(ssim)")
        }
    }

    @Test func mp4HasItsIndexInFront() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--frames", "3", "-o", "a.mp4", "--quiet"]).status == 0)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: runner.path("a.mp4"))))
        func offset(of tag: String) -> Int? {
            let t = Array(tag.utf8)
            return (0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual(t) }
        }
        let moov = try #require(offset(of: "moov")), mdat = try #require(offset(of: "mdat"))
        #expect(moov < mdat, "+faststart puts moov before mdat")
    }

    @Test func oddSizesArePaddedAndSaidSo() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--frames", "2", "--scale", "1.5", "-o", "odd.mp4"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1500×675 padded to 1500×676"), "\(result.stderr)")
        #expect(try runner.run(["--frames", "2", "--scale", "1.5", "-o", "png/", "--quiet"]).status == 0)
        let stream = try ExternalTool.probe("odd.mp4", in: runner.folder)
        #expect(stream["width"] as? Int == 1500 && stream["height"] as? Int == 676)
        let frames = try ExternalTool.decodeFrames("odd.mp4", width: 1500, height: 676, in: runner.folder)
        #expect(frames.count == 2)
        for (i, frame) in frames.enumerated() {
            let png = try PNGReader().read(path: runner.path(String(format: "png/frame_%03d.png", i)))
            let ssim = SSIM.similarity(try frame.cropped(width: 1500, height: 675), png) ?? 0
            #expect(ssim >= 0.98, "frame \(i): SSIM \(ssim)")
        }
    }

    @Test func frameRateHoldLastAndCRF() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["--frames", "4", "--fps", "30", "--hold-last", "500", "--crf", "30", "-o", "a.mp4", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let stream = try ExternalTool.probe("a.mp4", in: runner.folder)
        #expect(stream["r_frame_rate"] as? String == "30/1")
        #expect(stream["nb_read_frames"] as? String == "19", "4 frames and 15 more of the last at 30 fps")
        let delay = try runner.run(["--frames", "2", "--delay", "150", "-o", "b.webm", "--quiet"])
        #expect(delay.status == 0, "\(delay.stderr)")
        #expect(try ExternalTool.probe("b.webm", in: runner.folder)["r_frame_rate"] as? String == "20/3")
    }

    @Test func missingFFmpegIsOneLineAndNoFile() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let none = try runner.run(["--frames", "2", "-o", "a.mp4"], environment: ["PATH": "/nonexistent"])
        #expect(none.status == 1)
        #expect(none.stderr.split(separator: "\n").count == 1, "\(none.stderr)")
        #expect(none.stderr.contains("apt-get install ffmpeg") && none.stderr.contains("brew install ffmpeg"), "\(none.stderr)")
        let wrong = try runner.run(["--frames", "2", "-o", "a.mp4"], environment: ["NMFVIZ_FFMPEG": "/nonexistent/ffmpeg"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("NMFVIZ_FFMPEG"), "\(wrong.stderr)")
        #expect(runner.contents().isEmpty)
    }

    @Test func ffmpegsFailureIsItsLastLineAndNoFile() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let script = runner.path("fake-ffmpeg")
        try "#!/bin/sh\necho 'some banner' >&2\necho \"Unknown encoder 'libx264'\" >&2\nexit 1\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let result = try runner.run(["--frames", "30", "-o", "a.mp4"], environment: ["NMFVIZ_FFMPEG": script])
        #expect(result.status == 1)
        #expect(result.stderr == "nmfviz: error: cannot write a.mp4: ffmpeg: Unknown encoder 'libx264'\n", "\(result.stderr)")
        #expect(runner.contents() == ["fake-ffmpeg"])
    }

    @Test func badVideoOptionsAreUsageErrors() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (arguments, message) in [(["--crf", "60", "-o", "a.mp4"], "--crf must be 0…51 for .mp4"),
                                     (["--crf", "20", "-o", "a.gif"], "--crf sets the quality of a video"),
                                     (["--transparent", "-o", "a.webm"], "--transparent needs an output with alpha"),
                                     (["--delay", "0", "-o", "a.mp4"], "a video needs a --delay above 0")] {
            let result = try runner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(runner.contents().isEmpty)
    }

    /// The ffmpeg processes working in `folder` (found through /proc).
    static func ffmpegs(in folder: URL) -> [String] {
        let path = folder.resolvingSymlinksInPath().path
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { pid in
            guard Int(pid) != nil,
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"),
                  let name = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return false }
            return cwd == path && name.hasPrefix("ffmpeg")
        }
    }

    /// Waits up to 5 s for `condition`.
    static func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<100 {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// nmfviz killed outright ends ffmpeg too (it reads its frames from nmfviz, in a process group of
    /// its own) and no video appears at the target. SIGKILL, because the test runner's threads block
    /// SIGTERM and Foundation's Process passes that mask on. With `removesTemporary`, the temporary
    /// file is removed first, as a signal handler cleaning up would: ffmpeg writes through an open
    /// descriptor, so it cannot bring the file back, and nothing at all is left.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/cwd"), "finding ffmpeg's process needs Linux's /proc"),
          arguments: [false, true])
    func killingNMFVizStopsFFmpeg(removesTemporary: Bool) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let process = Process()
        process.executableURL = try CommandRunner.executable
        process.arguments = ["--frames", "3000", "-o", "long.mp4", "--quiet"]
        process.currentDirectoryURL = runner.folder
        try process.run()
        #expect(Self.eventually { !Self.ffmpegs(in: runner.folder).isEmpty }, "ffmpeg was started")
        if removesTemporary {
            let temporary = runner.contents().filter { $0.hasPrefix(".long.mp4.") }
            #expect(temporary.count == 1, "\(runner.contents())")
            for name in temporary { unlink(runner.path(name)) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(Self.eventually { Self.ffmpegs(in: runner.folder).isEmpty }, "ffmpeg stopped with nmfviz")
        #expect(!FileManager.default.fileExists(atPath: runner.path("long.mp4")))
        if removesTemporary {
            #expect(runner.contents().isEmpty, "\(runner.contents())")
        }
    }

    /// The README's recipe: frames of `--every 5` are numbered 0, 1, 2, … so that ffmpeg reads them all.
    @Test func ffmpegReadsTheFramesOfEvery() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run(["--frames", "6", "--every", "5", "-o", "frames/", "--quiet"]).status == 0)
        _ = try ExternalTool.run(ExternalTool.ffmpeg ?? "ffmpeg",
                                 ["-v", "error", "-framerate", "5", "-i", "frames/frame_%03d.png",
                                  "-pix_fmt", "yuv420p", "recipe.mp4"], in: runner.folder)
        #expect(try ExternalTool.probe("recipe.mp4", in: runner.folder)["nb_read_frames"] as? String == "6")
    }
}
