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
        let bounds = try pointBounds(data: configuration.data, solvers: [solver], lastIteration: schedule.last,
                                     shown: schedule.contains, columns: columns)
        return try ArticleScene(data: configuration.data, columns: columns, bounds: bounds, style: try slideStyle())
    }

    /// The limits and colour range of point plots: the article's for its own data sets, else computed
    /// once from the data and from every frame the runs will show (see `ArticleScene.Bounds.covering`),
    /// so that nothing jumps between frames and rows share their limits.
    func pointBounds(data: Matrix, solvers: [NMFSolver], lastIteration: Int, shown: @escaping (Int) -> Bool,
                     columns: (x: Int, y: Int)) throws -> ArticleScene.Bounds {
        if Dataset.builtInNames.contains(solverOptions.data) && columns == (0, 1) { return .article }
        return try .covering(
            data: data,
            snapshots: solvers.lazy.flatMap {
                $0.makeSnapshots(iterations: lastIteration).lazy.filter { shown($0.iteration) }
            },
            columns: columns)
    }
}
