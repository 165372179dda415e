import Animation
import ArgumentParser
import Codecs
import Foundation
import NMF
import Raster

extension Render {
    /// `--filmstrip`, read: the iterations in the order given.
    ///
    /// - Throws: `ValidationError` for anything but a comma-separated list of 1…36 iterations in
    ///   0…`FrameSchedule.maximumIteration`.
    func parsedFilmstrip() throws -> [Int] {
        guard let filmstrip else { return [] }
        let parts = filmstrip.split(separator: ",", omittingEmptySubsequences: false)
        let iterations = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard iterations.count == parts.count,
              iterations.allSatisfy({ (0...FrameSchedule.maximumIteration).contains($0) }) else {
            throw ValidationError(
                "--filmstrip takes iterations from 0 to \(FrameSchedule.maximumIteration) such as 0,1,2,5,10,49, not '\(filmstrip)'")
        }
        guard iterations.count <= Filmstrip.maximumPanels else {
            throw ValidationError("--filmstrip takes at most \(Filmstrip.maximumPanels) iterations, not \(iterations.count)")
        }
        return iterations
    }

    /// Draws the filmstrip and writes it, atomically, to the `--output` PNG: no animation, no frame sinks.
    func runFilmstrip() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let iterations = try parsedFilmstrip()
        let image = try visualization(schedule: .article).filmstrip(iterations: iterations)
        try writeStill(image)
        printFilmstripSummary(count: iterations.count, image: image, seconds: (clock.now - start).seconds)
    }

    private func printFilmstripSummary(count: Int, image: Image, seconds: Double) {
        guard !quiet else { return }
        Self.printError(String(format: "nmfviz: filmstrip of %d iteration%@ → %@, %d×%d px, %@, %.2f s",
                               count, count == 1 ? "" : "s", output, image.width, image.height,
                               Self.formatBytes(Self.fileSize(output)), seconds))
    }

    /// Writes one PNG at `output` as every still is written: missing folders created, atomically.
    func writeStill(_ image: Image) throws {
        let sink = try PNGSink(still: output, encoder: pngEncoder())
        do {
            try sink.add(try sink.prepare(image), iteration: 0)
            _ = try sink.finish()
        } catch {
            sink.cancel()
            throw error
        }
    }
}
