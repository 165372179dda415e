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

    @Argument(help: "The folder of PNG frames, compared in name order.")
    var frames: String

    @Option(help: "Blend partly transparent pixels of the PNG frames over this colour first (#RRGGBB), as --matte does.")
    var matte: String?

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: frames).filter { $0.hasSuffix(".png") }.sorted()
        var options = GIFOptions()
        if let matte {
            guard let color = Render.color(matte) else { throw ValidationError("--matte must be white, black or #RRGGBB") }
            options.matte = color
        }
        var worst = FrameFidelity(psnr: .infinity, p999: 0, maximum: 0, ghosts: 0)
        var psnrs: [Double] = []
        _ = try GIFPlayback(path: gif) { i, shown in
            guard i < names.count else { return }
            let truth = options.matted(try PNGReader().read(path: (frames as NSString).appendingPathComponent(names[i])))
            let f = FrameFidelity(shown: shown, truth: truth)
            psnrs.append(f.psnr)
            worst = FrameFidelity(psnr: min(worst.psnr, f.psnr), p999: max(worst.p999, f.p999),
                                  maximum: max(worst.maximum, f.maximum), ghosts: max(worst.ghosts, f.ghosts))
        }
        let sorted = psnrs.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        func finite(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "99" }
        print("{\"frames\": \(psnrs.count), \"png_frames\": \(names.count), \"bytes\": \(Render.fileSize(gif)), "
            + "\"min_psnr\": \(finite(worst.psnr)), \"median_psnr\": \(finite(median)), \"p999\": \(worst.p999), "
            + "\"max_error\": \(worst.maximum), \"ghosts\": \(worst.ghosts)}")
    }
}
