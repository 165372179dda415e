import Plot

/// How every scene looks: size, resolution, theme, colormap, title and markers.
///
/// One style for all scenes (the article's, panels, comparisons, filmstrips, basis images). The
/// colormap and the title default to the scene's own when nil: jet and the iteration for point
/// data, as the article draws them; gray_r and "iteration, loss" for images, as digits are usually
/// shown.
public struct SceneStyle: Sendable {
    public var widthInches = 10.0
    public var heightInches = 4.5
    public var dpi = 100.0
    public var scale = 1.0
    public var theme = Theme.matplotlib
    /// A colormap name (`Colormap(named:)`), or nil for the scene's own.
    public var colormap: String?
    /// The title format: `{iteration}` and `{loss}` (4 significant digits) are filled in; nil for the
    /// scene's own.
    public var title: String?
    /// Marker area in pt² (matplotlib's `s`) and edge width in pt, as the article's scatter calls.
    public var markerSize = 60.0
    public var markerEdgeWidth = 0.1

    public init() {}

    /// The defaults of point scenes and of image scenes.
    public static let pointColormap = "jet"
    public static let imageColormap = "gray_r"
    public static let pointTitle = "{iteration}"
    public static let imageTitle = "iteration {iteration}, loss {loss}"

    /// The colormap of point scenes.
    var pointColormapName: String { colormap ?? Self.pointColormap }
    /// The colormap of image scenes.
    var imageColormapName: String { colormap ?? Self.imageColormap }
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
