import Plot
import Raster

/// How every scene looks: size, resolution, theme, colormap, title and markers.
///
/// One style for all scenes (the article's, panels, comparisons, filmstrips, basis images). The
/// colormap and the title default to the scene's own when nil: jet and the iteration for point
/// data, as the article draws them; gray_r and "iteration, loss" for images, as digits are usually
/// shown.
public struct SceneStyle: Sendable {
    /// The figure's width in inches (matplotlib's `figsize[0]`).
    public var widthInches = 10.0
    /// The figure's height in inches (matplotlib's `figsize[1]`).
    public var heightInches = 4.5
    /// Pixels per inch at scale 1.
    public var dpi = 100.0
    /// A factor on the dpi for high-density output: 2 doubles the pixel size and everything drawn, with the same layout.
    public var scale = 1.0
    /// Colours, line widths and font sizes.
    public var theme = Theme.matplotlib
    /// A colormap name (`Colormap(named:)`), or nil for the scene's own.
    public var colormap: String?
    /// The title format: `{iteration}` and `{loss}` (4 significant digits) are filled in; nil for the
    /// scene's own.
    public var title: String?
    /// Marker area in pt² (matplotlib's `s`) and edge width in pt, as the article's scatter calls.
    public var markerSize = 60.0
    /// The markers' edge width in pt (matplotlib's `linewidths`).
    public var markerEdgeWidth = 0.1
    /// The x axis label of each kind of panel; a panel missing here gets the scene's own: none on the
    /// data and reconstruction panels (unless `Visualization.columnNames` names the data's columns),
    /// "iteration" on the loss panel. An empty string leaves the axis unlabelled.
    public var xLabels: [Panel: String] = [:]
    /// The y axis label of each kind of panel, as `xLabels` ("loss" on the loss panel).
    public var yLabels: [Panel: String] = [:]
    /// Whether the panels' margins and gaps are chosen to fit their text, as matplotlib's
    /// `tight_layout` chooses them (for large text on slides); false keeps matplotlib's default grid.
    public var makesRoomForText = false
    /// Whether each basis vector's arrow gets its own colour of the tab10 cycle (C0, C1, …) and the
    /// reconstruction a legend naming them h₁ … h_k; false draws them in the theme's arrow colour.
    public var arrowColors = false
    /// Where legends go: matplotlib's 'best' (the default) or a named corner.
    public var legendLocation = Legend.Location.best
    /// What colours the reconstruction's points: their x through the colormap (the article's), or
    /// the component that contributes most to each.
    public var pointColoring = PointColoring.firstCoordinate

    /// How the reconstruction's points are coloured.
    public enum PointColoring: String, Sendable, CaseIterable {
        /// By the first plotted coordinate through the colormap, as the article colours them.
        case firstCoordinate = "x"
        /// By the dominant component, the argmax of the point's row of W (the first on ties, as
        /// numpy's `argmax`), in that component's tab10 colour; the arrows get the same colours and
        /// the legend names them (as `arrowColors`).
        case dominantComponent = "component"
    }

    /// Whether the arrows are drawn in their components' tab10 colours with a legend.
    var colorsComponents: Bool { arrowColors || pointColoring == .dominantComponent }

    /// How the data and reconstruction panels draw their rows: markers, a sample, or a density.
    public var points = PointDrawing.automatic

    /// The article's style: 10 × 4.5 in at 100 dpi, matplotlib's theme.
    public init() {}

    /// The defaults of point scenes and of image scenes.
    public static let pointColormap = "jet"
    /// The default colormap of image scenes.
    public static let imageColormap = "gray_r"
    /// The default title format of point scenes.
    public static let pointTitle = "{iteration}"
    /// The default title format of image scenes.
    public static let imageTitle = "iteration {iteration}, loss {loss}"

    /// The loss panel's own x label, as matplotlib users label a loss curve.
    public static let lossXLabel = "iteration"
    /// The loss panel's own y label.
    public static let lossYLabel = "loss"

    /// The x and y labels a panel shows: the style's, else the scene's own; nil for none.
    func labels(of panel: Panel) -> (x: String?, y: String?) {
        func shown(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        let own: (String?, String?) = panel == .loss ? (Self.lossXLabel, Self.lossYLabel) : (nil, nil)
        return (shown(xLabels[panel] ?? own.0), shown(yLabels[panel] ?? own.1))
    }

    /// This style with the data's column names as the labels of the data and reconstruction panels
    /// where it has none of its own.
    func labelled(columns: (x: Int, y: Int), names: [String]?) -> SceneStyle {
        guard let names, names.indices.contains(columns.x), names.indices.contains(columns.y) else { return self }
        var style = self
        for panel in [Panel.data, .reconstruction] {
            if style.xLabels[panel] == nil { style.xLabels[panel] = names[columns.x] }
            if style.yLabels[panel] == nil { style.yLabels[panel] = names[columns.y] }
        }
        return style
    }

    /// The colours a scene of this style draws as its own (`Scene.plotColors`): the theme's text,
    /// spine, tick, marker edge and arrow colours, the first `cycle` colours of the colour cycle
    /// (coloured arrows, loss lines, legend handles), and with `colormap` that colormap's 256 entries
    /// (point scenes: the marker faces). Only opaque colours; an image scene's pixels are data.
    func plotColors(colormap name: String?, cycle: Int) -> [RGBA8] {
        let t = theme
        var colors = [t.textColor, t.spineColor, t.tickColor, t.markerEdgeColor, t.arrowColor]
        colors += (0..<max(0, cycle)).map(ColorCycle.color)
        if let name, let map = try? Colormap(named: name) { colors += map.table }
        return colors.filter { $0.a == 255 }
    }

    /// The colormap of point scenes.
    var pointColormapName: String { colormap ?? Self.pointColormap }
    /// The colormap of image scenes: gray_r, or gray on a dark theme (`darkImageColormap`).
    var imageColormapName: String { colormap ?? (isDarkTheme ? Self.darkImageColormap : Self.imageColormap) }
    /// The title format of point scenes.
    var pointTitleFormat: String { title ?? Self.pointTitle }
    /// The title format of image scenes.
    var imageTitleFormat: String { title ?? Self.imageTitle }
}

extension ArticleScene {
    /// The article's scene uses the one `SceneStyle`.
    public typealias Style = SceneStyle
}

extension BasisImagesScene {
    /// The basis-images scene uses the one `SceneStyle`.
    public typealias Style = SceneStyle
}
