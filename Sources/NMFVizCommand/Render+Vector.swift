import Animation
import ArgumentParser
import Codecs
import Raster

/// Vector output (issue 16): `.svg` stills, `.pdf` documents with a page per frame, and folders or
/// patterns of `.svg`/`.pdf` frames, for slides and print.
///
/// How a `.pdf` is chosen to be a still or an animation: with `--iteration` it is one page showing that
/// iteration (like a `.png`); without, it holds the animation, one page per frame (`--frames`,
/// `--every`), as a `.gif` does. An `.svg` has no pages, so it is always one still (the last frame's
/// iteration unless `--iteration` says otherwise), like a `.png`.
extension Render {
    /// `--output` read with `--format` for folders.
    func outputTarget() throws -> OutputTarget {
        try OutputTarget.parse(output, folderFormat: format ?? .png)
    }

    /// Usage checks of the vector options, called from `validate()`.
    func validateVector() throws {
        guard format != nil else { return }
        guard case .frames = try outputTarget(), !output.contains("%") else {
            throw ValidationError("--format picks the files of a folder of frames (-o frames/ --format svg); "
                + "a file or pattern says its format by its extension")
        }
    }

    /// One Render for every vector target: the sink for it, then the animation through it.
    func runVector(_ animator: Animator, target: OutputTarget, reporter: some ProgressReporter) throws -> RunReport {
        let dpi = dpi * scale, metadata = vectorMetadata()
        switch target {
        case .svg(let path):
            return try animator.run(into: try SVGSink(still: path, dotsPerInch: dpi, metadata: metadata), reporter: reporter)
        case .pdf(let path):
            return try animator.run(into: try PDFSink(document: path, dotsPerInch: dpi, metadata: metadata),
                                    reporter: reporter)
        case .frames(let pattern) where pattern.format == .pdf:
            return try animator.run(into: try PDFSink(pattern: pattern, dotsPerInch: dpi, metadata: metadata),
                                    reporter: reporter)
        case .frames(let pattern):
            return try animator.run(into: try SVGSink(pattern: pattern, dotsPerInch: dpi, metadata: metadata),
                                    reporter: reporter)
        default:
            throw ValidationError("'\(output)' is not an SVG or PDF output")
        }
    }

    /// Writes one still at `output` as every still is written (missing folders created, atomically):
    /// a PNG, an SVG or a one-page PDF.
    func writeStill(_ scene: StillScene) throws {
        let font = try Font.dejaVuSans()
        let frame = Frame(snapshots: [], losses: [])
        let dpi = dpi * scale, metadata = vectorMetadata()
        switch try outputTarget() {
        case .svg(let path):
            try SVGSink(still: path, dotsPerInch: dpi, metadata: metadata).writeStill(scene, frame: frame, font: font)
        case .pdf(let path):
            try PDFSink(document: path, dotsPerInch: dpi, metadata: metadata).writeStill(scene, frame: frame, font: font)
        default:
            try PNGSink(still: output, encoder: pngEncoder()).writeStill(scene, frame: frame, font: font)
        }
    }

    /// What the files say about themselves: the parameters of the PNG's Comment chunk.
    func vectorMetadata() -> VectorMetadata {
        let comment = pngEncoder().options.text.first { $0.key == "Comment" }?.value ?? ""
        return VectorMetadata(software: "nmfviz", title: "nmfviz: \(solverOptions.data)", description: comment)
    }
}

extension OutputTarget {
    /// Whether `--iteration` applies: a still, or a PDF (which it makes one page).
    var takesIteration: Bool {
        if case .pdf = self { return true }
        return isStill
    }

    /// Whether the output shows one iteration: a still, or a PDF given `--iteration`.
    func showsOneIteration(_ iteration: Int?) -> Bool {
        if case .pdf = self { return iteration != nil }
        return isStill
    }
}

extension FrameFormat: ExpressibleByArgument {}
