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
                throw ValidationError("\(error)")
            }
        }
        return compare != nil ? [.reconstruction, .loss] : [.data, .reconstruction]
    }

    /// `--compare`, read; nil without it.
    func parsedComparison() throws -> Comparison? {
        try compare.map(Comparison.init)
    }

    /// The `PanelScene` that `--panels` or `--compare` ask for, with one solver per row; nil when neither
    /// is given (the article's scene is drawn).
    ///
    /// - Throws: `NMFError` for data that cannot be read or factorized as asked, `AnimationError` for a
    ///   scene that cannot be drawn.
    func teachingScene(schedule: FrameSchedule) throws -> (any Scene, [NMFSolver])? {
        guard panels != nil || compare != nil else { return nil }
        let base = try solverOptions.makeConfiguration()
        let comparison = try parsedComparison()
        let configurations = try comparison?.configurations(from: base) ?? [base]
        let solvers = try configurations.map(NMFSolver.init)
        let columns = try parsedColumns() ?? (0, 1)

        // Every row's frames, so that the rows share limits and can be compared point by point.
        let bounds = try pointBounds(data: base.data, solvers: solvers, lastIteration: schedule.last,
                                     shown: schedule.contains, columns: columns)
        // Runs of one loss share the loss axis (and see each other's curves); different losses are
        // different measures, each on its own axis.
        let shared = comparison?.sharesLoss ?? true
        let lossBounds = shared
            ? Array(repeating: LossBounds.covering(solvers: solvers, lastIteration: schedule.last), count: solvers.count)
            : solvers.map { LossBounds.covering(solvers: [$0], lastIteration: schedule.last) }
        let labels: [String?] = comparison?.labels ?? [nil]
        let rows = zip(labels, lossBounds).map { PanelScene.Row(label: $0, lossBounds: $1) }
        let scene = try PanelScene(data: base.data, panels: try teachingPanels(), rows: rows, columns: columns,
                                   bounds: bounds, style: try slideStyle(),
                                   overlaysOtherRuns: shared && solvers.count > 1)
        return (scene, solvers)
    }
}
