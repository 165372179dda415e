#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Codecs
import Foundation
import Raster

/// Frames into an MP4 or WebM video through the `ffmpeg` program, as matplotlib's FFMpegWriter does:
/// raw RGBA frames on ffmpeg's standard input, no temporary images.
///
/// yuv420p stores colour at half the resolution, so it needs even sides: an odd width or height is
/// padded by one column or row repeating the figure's edge (`paddedSize`), which leaves the picture
/// itself untouched, unlike matplotlib's `_adjust_frame_size`, which changes the figure's size in
/// inches and so its layout. ffmpeg writes into the temporary file beside `path` (through an open
/// descriptor), renamed into place by `finish`; `cancel` kills ffmpeg and removes it.
public final class VideoSink: FrameSink {
    /// The video being written; it appears there only when `finish` succeeds.
    public let path: String
    /// Container, CRF, frame rate and the frames held at the end.
    public let options: VideoOptions
    /// The frames' size and the video's (even) size.
    public let width: Int, height: Int
    /// The video's size in pixels: the frames' size rounded up to even sides.
    public let paddedWidth: Int, paddedHeight: Int
    private var file: AtomicFile?
    private var process: FFmpegProcess?
    private var lastFrame: [UInt8] = []
    private let stopwatch = ContinuousClock()
    private var pipeTime: Duration = .zero

    /// Starts ffmpeg, writing to a temporary file beside `path`.
    ///
    /// - Parameters:
    ///   - path: the video to write (.mp4 or .webm), renamed into place by `finish`.
    ///   - width: the frames' width in pixels (padded to an even width for yuv420p).
    ///   - height: the frames' height in pixels (padded likewise).
    ///   - options: codec, quality and frame rate.
    ///   - ffmpeg: the program to run; nil looks for it with `FFmpegLocator`.
    /// - Throws: `AnimationError.cannotWrite` when ffmpeg is missing or cannot start, or the folder
    ///   cannot be written; `AnimationError.badOutput` for a CRF outside the container's range or a
    ///   target that is not a regular file.
    public init(path: String, width: Int, height: Int, options: VideoOptions, ffmpeg: String? = nil) throws {
        self.path = path
        self.options = options
        self.width = width
        self.height = height
        paddedWidth = width + width % 2
        paddedHeight = height + height % 2
        guard options.container.crfRange.contains(options.effectiveCRF) else {
            throw AnimationError.badOutput(path, "the CRF must be \(options.container.crfRange.lowerBound)…\(options.container.crfRange.upperBound) for .\(options.container.rawValue), not \(options.effectiveCRF)")
        }
        let executable = try ffmpeg ?? FFmpegLocator.find(for: path)
        let file = try AtomicFile(path: path)
        guard let temporary = file.temporaryFilePath else {
            file.discard()
            throw AnimationError.badOutput(path, "is a device or pipe; a video needs a file (ffmpeg seeks in it to put the index first)")
        }
        let descriptor = open(temporary, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = FFmpegProcess.reason()
            file.discard()
            throw AnimationError.cannotWrite(path: path, reason: reason)
        }
        defer { close(descriptor) }
        let arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                         "-f", "rawvideo", "-pix_fmt", "rgba", "-s", "\(paddedWidth)x\(paddedHeight)",
                         "-framerate", options.frameRate.description, "-i", "pipe:0"]
            + options.encoderArguments + ["/dev/fd/3"]
        do {
            process = try FFmpegProcess(executable: executable, arguments: arguments, output: descriptor,
                                        outputPath: path)
        } catch {
            file.discard()
            throw error
        }
        self.file = file
    }

    deinit {
        cancel()
    }

    /// Whether the video is larger than the frames (by a column or row, for yuv420p).
    public var isPadded: Bool { paddedWidth != width || paddedHeight != height }

    /// The frame's RGBA bytes, padded to an even size by repeating the last column and row.
    public var prepare: @Sendable (Image) throws -> [UInt8] {
        let pw = paddedWidth, ph = paddedHeight
        return { image in
            guard image.width != pw || image.height != ph else { return image.pixels }
            return Self.pad(image, width: pw, height: ph)
        }
    }

    /// Pipes the frame's RGBA bytes to ffmpeg.
    public func add(_ frame: [UInt8], iteration: Int) throws {
        try send(frame)
        if options.holdLastFrames > 0 { lastFrame = frame }
    }

    /// Sends the held copies of the last frame, waits for ffmpeg and renames the video into place.
    ///
    /// - Throws: `AnimationError.cannotWrite` when ffmpeg fails (with its message) or the sink is already
    ///   finished; nothing is left then.
    public func finish() throws -> [String] {
        guard let process, let file else { throw AnimationError.cannotWrite(path: path, reason: "the video is already finished") }
        defer { cancel() }
        for _ in 0..<options.holdLastFrames { try send(lastFrame) }
        let start = stopwatch.now
        let failure = process.finish()
        pipeTime += stopwatch.now - start
        if let failure { throw AnimationError.cannotWrite(path: path, reason: "ffmpeg: \(failure)") }
        self.process = nil
        try file.commit()
        self.file = nil
        return [path]
    }

    /// Kills ffmpeg and removes the temporary file; safe to call more than once.
    public func cancel() {
        process?.kill()
        process = nil
        file?.discard()
        file = nil
        lastFrame = []
    }

    /// Writing to ffmpeg is where its encoding shows: it reads as fast as it encodes.
    public var stageTimes: [SinkStage] { [SinkStage(name: "ffmpeg", time: pipeTime, inline: true)] }

    private func send(_ frame: [UInt8]) throws {
        guard let process else { throw AnimationError.cannotWrite(path: path, reason: "the video is already finished") }
        let start = stopwatch.now
        let ok = frame.withUnsafeBytes { process.write($0) }
        pipeTime += stopwatch.now - start
        guard ok else {
            let failure = process.finish() ?? "ffmpeg stopped reading frames"
            throw AnimationError.cannotWrite(path: path, reason: "ffmpeg: \(failure)")
        }
    }

    static func pad(_ image: Image, width: Int, height: Int) -> [UInt8] {
        let w = image.width, h = image.height
        var out = [UInt8](repeating: 0, count: width * height * 4)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let sy = min(y, h - 1)
                    let from = sy * w * 4, to = y * width * 4
                    for i in 0..<(w * 4) { dst[to + i] = src[from + i] }
                    for x in w..<width {
                        for c in 0..<4 { dst[to + x * 4 + c] = src[from + (w - 1) * 4 + c] }
                    }
                }
            }
        }
        return out
    }
}

/// Finds the `ffmpeg` program: `NMFVIZ_FFMPEG` if set, else the first on `PATH`.
public enum FFmpegLocator {
    /// The path of `ffmpeg` for writing `path` (named in the error): `NMFVIZ_FFMPEG` when set and not empty, else the first on `PATH` in `environment`.
    ///
    /// - Throws: `AnimationError.cannotWrite` naming how to install ffmpeg.
    public static func find(for path: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let fm = FileManager.default
        if let chosen = environment["NMFVIZ_FFMPEG"], !chosen.isEmpty {
            guard fm.isExecutableFile(atPath: chosen) else {
                throw AnimationError.cannotWrite(path: path, reason: "NMFVIZ_FFMPEG is '\(chosen)', which is not an executable program")
            }
            return chosen
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(folder) + "/ffmpeg"
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw AnimationError.cannotWrite(
            path: path,
            reason: "videos are made by the ffmpeg program, which is not on PATH: install it (apt-get install ffmpeg, or brew install ffmpeg) or set NMFVIZ_FFMPEG to its path")
    }
}
