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

    /// Draws the filmstrip and writes it, atomically, to the `--output` still (.png, .svg or .pdf): no
    /// animation, one sink.
    func runFilmstrip() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let iterations = try parsedFilmstrip()
        let visualization = try visualization(schedule: .article)
        noteDensity(visualization)
        let scene = try visualization.filmstripScene(iterations: iterations)
        try writeStill(scene)
        printFilmstripSummary(count: iterations.count, size: scene.pixelSize, seconds: (clock.now - start).seconds)
    }

    private func printFilmstripSummary(count: Int, size: (width: Int, height: Int), seconds: Double) {
        guard !quiet else { return }
        Self.printError(String(format: "nmfviz: filmstrip of %d iteration%@ → %@, %d×%d px, %@, %.2f s",
                               count, count == 1 ? "" : "s", output, size.width, size.height,
                               Self.formatBytes(Self.fileSize(output)), seconds))
    }
}
