import Animation
import ArgumentParser
import Codecs
import Foundation
import Raster

/// `nmfviz bench-encoder` (hidden): times the encoders alone on frames already rendered, and prints
/// the medians as one JSON line.
///
/// The frames are those the same options would animate (the article's 50 by default), rendered once
/// into memory. Each GIF run then does what `render` does with them — palette samples, every frame
/// through `GIFWriter`, the file written — while nothing else runs, so the process's CPU time over
/// the run (user + system, from getrusage, both the encoder's thread and giflib's) is the encoders'
/// CPU time. PNG: each frame encoded on one thread, as the render workers do.
struct BenchEncoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-encoder",
        abstract: "Time the GIF and PNG encoders on rendered frames (medians, as one JSON line).",
        shouldDisplay: false)

    @Option(help: "Timed runs of each encoder.")
    var repeats = 7

    @Option(help: "Frames (of the article's animation, or of the animation the render options after -- choose).")
    var frames = 50

    @Option(help: "GIF quality 1…100.")
    var quality = GIFOptions.defaultQuality

    @Argument(parsing: .postTerminator, help: "Options of the animation to render, after --, e.g. -- --data digits.")
    var renderArguments: [String] = []

    func validate() throws {
        guard (1...1000).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 1000") }
        guard (1...2000).contains(frames) else { throw ValidationError("--frames must be between 1 and 2000") }
    }

    func run() throws {
        let render = try Render.parse(["--frames", "\(frames)"] + renderArguments)
        let schedule = try render.schedule()
        let (scene, solvers, recording) = try render.visualization(schedule: schedule).makeRecordedScene()
        let collected = CollectingSink()
        try Animator(solvers: solvers, scene: scene, schedule: schedule, recording: recording).run(into: collected)
        let images = collected.frames
        let (width, height) = scene.pixelSize
        let samples = Animator.sampleIndices(count: 5, of: images.count).map { images[$0] }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nmfviz-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bench.gif").path

        var options = GIFOptions(quality: quality)
        options.matte = try render.parsedMatte()
        var cpu: [Double] = [], wall: [Double] = [], quantize: [Double] = [], lzw: [Double] = []
        for _ in 0..<repeats {
            let cpuStart = Self.processCPU(), wallStart = ContinuousClock.now
            let writer = try GIFWriter(path: path, width: width, height: height, options: options)
            try writer.useGlobalPalette(from: samples, plotColors: scene.plotColors)
            for image in images { try writer.add(image, duration: render.frameDelay()) }
            try writer.finish()
            wall.append((ContinuousClock.now - wallStart).seconds * 1000)
            cpu.append((Self.processCPU() - cpuStart) * 1000)
            quantize.append(writer.quantizeTime.seconds * 1000)
            lzw.append(writer.encodeTime.seconds * 1000)
        }
        let gifBytes = Render.fileSize(path)
        let playback = try GIFPlayback(path: path)
        let fidelity = zip(playback.frames, images).map { FrameFidelity(shown: $0, truth: options.matted($1)) }
        let quality = fidelity.map(\.psnr)

        let encoder = render.pngEncoder()
        var pngTimes: [Double] = []
        var pngBytes: [Int] = []
        for _ in 0..<repeats {
            for image in images {
                let start = ContinuousClock.now
                let data = try encoder.encode(image)
                pngTimes.append((ContinuousClock.now - start).seconds * 1000)
                if pngBytes.count < images.count { pngBytes.append(data.count) }
            }
        }

        let fields: [String] = [
            "\"frames\": \(images.count)", "\"width\": \(width)", "\"height\": \(height)", "\"repeats\": \(repeats)",
            "\"gif_cpu_ms\": \(Self.median(cpu))", "\"gif_wall_ms\": \(Self.median(wall))",
            "\"gif_quantize_ms\": \(Self.median(quantize))", "\"gif_lzw_ms\": \(Self.median(lzw))",
            "\"gif_bytes\": \(gifBytes)", "\"gif_frames_decoded\": \(playback.frames.count)",
            "\"gif_min_psnr\": \(Self.rounded(quality.min() ?? 0))",
            "\"gif_median_psnr\": \(Self.median(quality))",
            "\"gif_p999\": \(fidelity.map(\.p999).max() ?? 0)", "\"gif_max_error\": \(fidelity.map(\.maximum).max() ?? 0)",
            "\"gif_ghosts\": \(fidelity.map(\.ghosts).max() ?? 0)",
            "\"gif_local_palettes\": \(playback.hasLocalPalette.filter { $0 }.count)",
            "\"png_ms_per_frame\": \(Self.median(pngTimes))",
            "\"png_median_bytes\": \(Self.median(pngBytes.map(Double.init)))",
            "\"png_max_bytes\": \(pngBytes.max() ?? 0)",
        ]
        print("{" + fields.joined(separator: ", ") + "}")
    }

    /// User + system CPU seconds of the whole process so far.
    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return rounded(sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                       : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
    }

    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}

/// Keeps every frame in memory, in order (for `bench-encoder` only: the animation is short).
private final class CollectingSink: FrameSink {
    var frames: [Image] = []
    var prepare: @Sendable (Image) throws -> Image { { $0 } }
    func add(_ frame: Image, iteration: Int) throws { frames.append(frame) }
    func finish() throws -> [String] { [] }
    func cancel() { frames = [] }
}
