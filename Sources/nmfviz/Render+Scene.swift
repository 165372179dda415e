import Animation
import NMF

extension Render {
    /// The scene the options ask for, and the solvers whose runs it shows.
    ///
    /// - Throws: `NMFError` for data that cannot be read or factorized as asked, `AnimationError` for a
    ///   scene that cannot be drawn (columns out of range, an image over the size limit).
    func makeScene(schedule: FrameSchedule) throws -> (any Scene, [NMFSolver]) {
        if let teaching = try teachingScene(schedule: schedule) { return teaching }
        let configuration = try solverOptions.makeConfiguration()
        let solver = try NMFSolver(configuration)
        if showsImages { return (try basisImagesScene(configuration: configuration), [solver]) }
        return (try articleScene(configuration: configuration, solver: solver, schedule: schedule), [solver])
    }

    /// The article's two panels: data, and reconstruction with the basis vectors.
    func articleScene(configuration: NMFConfiguration, solver: NMFSolver, schedule: FrameSchedule) throws
        -> ArticleScene
    {
        let columns = try parsedColumns() ?? (0, 1)
        var style = ArticleScene.Style()
        (style.widthInches, style.heightInches) = try parsedSize()
        style.dpi = dpi
        style.scale = scale
        style.colormap = colormap
        style.title = title
        style.theme = slideTheme()
        let bounds: ArticleScene.Bounds
        if Dataset.builtInNames.contains(solverOptions.data) && columns == (0, 1) {
            bounds = .article
        } else {
            // Fixed for the whole animation, from every frame it will show.
            bounds = try .covering(
                data: configuration.data,
                snapshots: solver.makeSnapshots(iterations: schedule.last).lazy.filter { schedule.contains($0.iteration) },
                columns: columns)
        }
        return try ArticleScene(data: configuration.data, columns: columns, bounds: bounds, style: style)
    }
}
