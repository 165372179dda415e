import ArgumentParser
import Codecs
import Foundation
import Raster

/// `nmfviz check-gif` (hidden): compares an animated GIF, as a viewer composites it, with the PNG
/// frames it was made from, and prints the worst frame's figures as one JSON line (for Scripts/bench,
/// which also checks other encoders' GIFs of the same frames this way).
struct CheckGIF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-gif",
        abstract: "Compare a GIF's composited frames with PNG frames (worst frame, as one JSON line).",
        shouldDisplay: false)

    @Argument(help: "The GIF.")
    var gif: String

    @Argument(help: "The folder of PNG frames, compared in numeric name order.")
    var frames: String

    @Option(help: "Blend partly transparent pixels of the PNG frames over this colour first (#RRGGBB), as --matte does.")
    var matte: String?

    func run() throws {
        // In numeric order: frame_999.png comes before frame_1000.png.
        let names = try FileManager.default.contentsOfDirectory(atPath: frames).filter { $0.hasSuffix(".png") }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        var options = GIFOptions()
        if let matte {
            guard let color = Render.color(matte) else { throw ValidationError("--matte must be white, black or #RRGGBB") }
            options.matte = color
        }
        // Identical consecutive frames are merged into one with their delays added: a GIF frame
        // stands for as many PNG frames as its delay holds the shortest one.
        let delays = try GIFPlayback(path: gif) { _, _ in }.delays
        let unit = max(1, delays.filter { $0 > 0 }.min() ?? 1)
        var worst = FrameFidelity(psnr: .infinity, p999: 0, maximum: 0, ghosts: 0)
        var psnrs: [Double] = []
        var next = 0
        _ = try GIFPlayback(path: gif) { i, shown in
            let covers = i < delays.count ? max(1, (delays[i] + unit / 2) / unit) : 1
            for _ in 0..<covers where next < names.count {
                let truth = options.matted(try PNGReader().read(path: (frames as NSString).appendingPathComponent(names[next])))
                next += 1
                let f = FrameFidelity(shown: shown, truth: truth)
                psnrs.append(f.psnr)
                worst = FrameFidelity(psnr: min(worst.psnr, f.psnr), p999: max(worst.p999, f.p999),
                                      maximum: max(worst.maximum, f.maximum), ghosts: max(worst.ghosts, f.ghosts))
            }
        }
        let sorted = psnrs.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        func finite(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "99" }
        print("{\"frames\": \(psnrs.count), \"gif_frames\": \(delays.count), \"png_frames\": \(names.count), \"bytes\": \(Render.fileSize(gif)), "
            + "\"min_psnr\": \(finite(worst.psnr)), \"median_psnr\": \(finite(median)), \"p999\": \(worst.p999), "
            + "\"max_error\": \(worst.maximum), \"ghosts\": \(worst.ghosts)}")
    }
}
