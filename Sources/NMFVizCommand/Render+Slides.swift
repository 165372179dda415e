import Animation
import ArgumentParser
import Plot

extension Render {
    /// `--theme`: the look of the figure.
    enum ThemeName: String, ExpressibleByArgument, CaseIterable {
        case light, dark
    }

    /// `--size` presets for slides at 100 dpi: 16:9 is 1280×720 px, 4:3 is 1000×750 px (×`--scale`).
    static let sizePresets: [String: (Double, Double)] = ["16:9": (12.8, 7.2), "4:3": (10, 7.5)]

    /// The figure's theme from `--theme` and `--transparent`.
    func slideTheme() -> Theme {
        let base: Theme = theme == .dark ? .dark : .matplotlib
        return transparent ? base.withTransparentBackground : base
    }

    /// The size when `--size` is not given: the article's 10×4.5 in for its two panels; 5 in a panel
    /// across and 4.5 in a row down for `--panels` and `--compare`, so that each panel keeps the
    /// article's proportions; `Filmstrip.defaultSize` for a filmstrip.
    func defaultSize() throws -> (Double, Double) {
        if filmstrip != nil {
            let size = Filmstrip.defaultSize(count: try parsedFilmstrip().count)
            return (size.widthInches, size.heightInches)
        }
        if panels != nil || compare != nil {
            let rows = try parsedComparison()?.count ?? 1
            return (5 * Double(try teachingPanels().count), 4.5 * Double(rows))
        }
        return (10, 4.5)
    }

    /// `--color-by`: x (the default) or component; image data have no points to colour.
    func pointColoring() throws -> SceneStyle.PointColoring {
        guard let colorBy else { return .firstCoordinate }
        guard let coloring = SceneStyle.PointColoring(rawValue: colorBy) else {
            throw ValidationError("--color-by takes x or component, not '\(colorBy)'")
        }
        if showsImages && coloring != .firstCoordinate {
            throw ValidationError("--color-by colours the points of point data; image data show their basis images")
        }
        return coloring
    }

    /// The one style of every scene, with the command's size, dpi, scale, colormap, title and theme.
    func sceneStyle() throws -> SceneStyle {
        var style = SceneStyle()
        (style.widthInches, style.heightInches) = try parsedSize()
        style.dpi = dpi
        style.scale = scale
        style.colormap = colormapOption
        style.title = titleOption
        style.theme = slideTheme()
        if let fontSize {
            do {
                style.theme = try style.theme.withFontSize(fontSize)
                style.makesRoomForText = true
            } catch {
                throw ValidationError("--font-size: \(error)")
            }
        }
        style.arrowColors = arrowColors
        style.pointColoring = try pointColoring()
        style.legendLocation = try legendLocation()
        style.xLabels = Self.axisLabels(xlabel)
        style.yLabels = Self.axisLabels(ylabel)
        style.points = try parsedPoints()
        return style
    }
}
