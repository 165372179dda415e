import Foundation
import Animation
import ArgumentParser
import NMF

extension Render {
    /// Checks `--panels`, `--compare` and `--filmstrip` and how they combine, as usage errors.
    func validateTeaching() throws {
        if panels != nil { _ = try teachingPanels() }
        if let comparison = try parsedComparison() { try comparison.validate(with: solverOptions) }
        guard filmstrip != nil else { return }
        _ = try parsedFilmstrip()
        switch try outputTarget() {
        case .png, .svg, .pdf: break
        default:
            throw ValidationError("--filmstrip writes one still: give --output NAME.png, NAME.svg or NAME.pdf, not '\(output)'")
        }
        if compare != nil || panels != nil {
            throw ValidationError("--filmstrip shows the reconstruction of one run: leave out --compare and --panels")
        }
        if iteration != nil {
            throw ValidationError("--filmstrip lists its iterations itself: leave out --iteration")
        }
    }

    /// The panels of each row: `--panels`, else reconstruction and loss for a comparison, else the
    /// article's data and reconstruction.
    func teachingPanels() throws -> [Panel] {
        if let panels {
            do {
                return try Panel.list(panels)
            } catch {
                throw ValidationError(NMFViz.describe(error))
            }
        }
        return compare != nil ? [.reconstruction, .loss] : [.data, .reconstruction]
    }

    /// `--compare`, read; nil without it.
    func parsedComparison() throws -> Comparison? {
        try compare.map(Comparison.init)
    }
}
