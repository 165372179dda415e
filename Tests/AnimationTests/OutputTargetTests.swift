import Foundation
import Testing
@testable import Animation

@Suite struct OutputTargetTests {
    @Test func extensionsChooseTheKind() throws {
        #expect(try OutputTarget.parse("NMF_cos2.gif") == .gif(path: "NMF_cos2.gif"))
        #expect(try OutputTarget.parse("a/b/Still.PNG") == .png(path: "a/b/Still.PNG"))
    }

    @Test func trailingSlashIsAFolderOfNumberedFrames() throws {
        guard case let .frames(pattern) = try OutputTarget.parse("out/frames/") else {
            Issue.record("not a frame folder")
            return
        }
        #expect(pattern.path(for: 7) == "out/frames/frame_007.png")
        #expect(pattern.path(for: 1234) == "out/frames/frame_1234.png")
        #expect(pattern.directory == "out/frames")
    }

    @Test func anExistingFolderIsAFolderOfFrames() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("nmfviz-target-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard case let .frames(pattern) = try OutputTarget.parse(folder) else {
            Issue.record("not a frame folder")
            return
        }
        #expect(pattern.path(for: 0) == folder + "/frame_000.png")
    }

    @Test func patternTargets() throws {
        // The extension directly after the number is still an extension.
        #expect(try OutputTarget.parse("out/f_%04d.png") == .frames(FramePattern("out/f_%04d.png")))
        #expect(try OutputTarget.parse("f%d_x.PNG") == .frames(FramePattern("f%d_x.PNG")))
    }

    /// `%%` is a literal `%`, in a pattern and in a plain file name; a lone `%` is a conversion, so
    /// `50%.gif` is refused with the way to write it.
    @Test func doubledPercentIsALiteralPercent() throws {
        #expect(try OutputTarget.parse("100%%.gif") == .gif(path: "100%.gif"))
        #expect(try OutputTarget.parse("a%%b/still%%.png") == .png(path: "a%b/still%.png"))
        #expect(try OutputTarget.parse("100%%_%02d.png") == .frames(FramePattern("100%%_%02d.png")))
        #expect {
            _ = try OutputTarget.parse("50%.gif")
        } throws: { "\($0)".contains("write %% for a literal %") }
    }

    @Test func printfPatterns() throws {
        #expect(try FramePattern("out/f_%04d.png").path(for: 42) == "out/f_0042.png")
        #expect(try FramePattern("f%d.png").path(for: 42) == "f42.png")
        #expect(try FramePattern("f%3d.png").path(for: 5) == "f  5.png")
        #expect(try FramePattern("100%%_%02d.png").path(for: 3) == "100%_03.png")
        #expect(try FramePattern("f_%d.png").directory == ".")
    }

    @Test(arguments: [
        ("out.jpg", "unknown extension '.jpg'"),
        ("out", "give a .gif, a .png"),
        ("f_%d_%d.png", "only one %d"),
        ("f_%s.png", "only %d"),
        ("frames.png%", "only %d"),
        ("f_%04d.gif", "must end in .png"),
        ("", "empty"),
    ])
    func rejections(argument: String, reason: String) {
        #expect {
            _ = try OutputTarget.parse(argument)
        } throws: { error in
            // The library names its field; the command line puts its flag there (`description(naming:)`).
            "\(error)".contains(reason) && "\(error)".hasPrefix("the output '\(argument)'")
                && (error as? AnimationError)?.description(naming: { _ in "--output" }).hasPrefix("--output '\(argument)'") == true
        }
    }

    @Test func imageLimits() throws {
        try ImageLimits.check(width: 1000, height: 450)
        try ImageLimits.check(width: 16_384, height: 15_000)
        #expect(throws: AnimationError.imageTooLarge(width: 16_385, height: 10)) {
            try ImageLimits.check(width: 16_385, height: 10)
        }
        #expect(throws: AnimationError.imageTooLarge(width: 16_384, height: 16_384)) {
            try ImageLimits.check(width: 16_384, height: 16_384)
        }
        #expect(throws: AnimationError.imageTooLarge(width: 0, height: 10)) {
            try ImageLimits.check(width: 0, height: 10)
        }
    }
}

/// Which names a frame pattern claims, for removing an earlier run's frames.
@Suite struct FramePatternMatchTests {
    @Test func matchesOnlyTheNamesThePatternMakes() throws {
        let zero = try FramePattern("out/frame_%03d.png")
        #expect(zero.matches(fileName: "frame_000.png"))
        #expect(zero.matches(fileName: "frame_1234.png"))
        #expect(!zero.matches(fileName: "frame_12.png"))
        #expect(!zero.matches(fileName: "frame_abc.png"))
        #expect(!zero.matches(fileName: "frame_.png"))
        #expect(!zero.matches(fileName: "frame_000.png.tmp"))
        #expect(!zero.matches(fileName: "other_000.png"))
        let spaces = try FramePattern("f%3d.png")
        #expect(spaces.matches(fileName: "f  5.png"))
        #expect(!spaces.matches(fileName: "f5.png"))
        let plain = try FramePattern("%d.png")
        #expect(plain.matches(fileName: "7.png"))
        #expect(!plain.matches(fileName: ".png"))
    }

    @Test func theNumberMustBeInTheFileName() {
        #expect(throws: AnimationError.self) { try FramePattern("f%03d/frame.png") }
    }
}

