import Animation
import NMF

extension Render {
    /// The options, mapped onto the library's one declarative value; nothing else is decided here.
    ///
    /// - Throws: `NMFError` for data that cannot be read or factorized as asked.
    func visualization(schedule: FrameSchedule) throws -> Visualization {
        var visualization = Visualization(configuration: try solverOptions.makeConfiguration(), schedule: schedule)
        // A still takes the limits of the animation the same options would make (issue 18).
        visualization.limitsSchedule = try FrameSchedule(count: frames, step: every)
        let parsedImageShape = try parsedImageShape()
        if let shape = parsedImageShape {
            visualization.kind = .images(shape: shape, samples: samples)
        } else if panels != nil || compare != nil {
            visualization.kind = .panels(try teachingPanels())
        }
        visualization.comparison = try parsedComparison()?.runs
        visualization.columns = try parsedColumns() ?? (0, 1)
        visualization.style = try sceneStyle()
        visualization.usesArticleBounds = Dataset.builtInNames.contains(solverOptions.data)
        visualization.dataName = solverOptions.data
        if parsedImageShape == nil { visualization.columnNames = try columnNames() }
        return visualization
    }
}
