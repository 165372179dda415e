import Raster

/// A matplotlib-like figure: a size in inches at a dpi, a grid of `Axes`, a `Theme`, rendered to an `Image`.
///
/// ```swift
/// var figure = try Figure(widthInches: 10, heightInches: 4.5, dpi: 100)   // 1000×450 px
/// try figure.addSubplots(rows: 1, columns: 2)
/// figure.axes[0].xLimits = (0, 4.5)
/// try figure.axes[0].scatter(x: xs, y: ys, size: 60, colors: colors, edgeWidth: 0.1)
/// let image = try figure.render()
/// ```
///
/// `scale` multiplies the dpi for high-density output: at scale 2 the same figure is 2000×900 px with every
/// line, marker and glyph twice as large, laid out identically. Figures are values: build the parts that do
/// not change once, then copy and add each frame's artists.
public struct Figure: Sendable {
    /// The width in inches (matplotlib's `figsize[0]`).
    public let widthInches: Double
    /// The height in inches (matplotlib's `figsize[1]`).
    public let heightInches: Double
    /// Pixels per inch at scale 1.
    public let dpi: Double
    /// The factor on the dpi for high-density output.
    public let scale: Double
    /// The image size: matplotlib's `int(width × dpi)` (truncated), with the scale applied.
    public let pixelWidth: Int
    /// The image height, as `pixelWidth`.
    public let pixelHeight: Int
    /// Colours and sizes of everything that is not data.
    public var theme: Theme
    /// The axes, in the order they were added (row by row for a grid).
    public var axes: [Axes] = []

    /// Pixels per point (1/72 in) at this dpi and scale.
    public var pixelsPerPoint: Double { dpi * scale / 72 }
    /// The dpi the figure is drawn at: `dpi × scale`.
    public var effectiveDPI: Double { dpi * scale }

    /// The largest image `render` will allocate (pixels): far above any sensible figure, and it keeps a typo
    /// in a size from asking for gigabytes.
    public static let maximumPixelCount = 1 << 28

    /// An empty figure of `widthInches` × `heightInches` at `dpi` × `scale` (matplotlib's default 6.4 × 4.8 in at 100 dpi).
    ///
    /// - Throws: `PlotError.invalidFigureSize` unless all of width, height, dpi and scale are positive and
    ///   finite and the image has at least 1 and at most `maximumPixelCount` pixels.
    public init(widthInches: Double = 6.4, heightInches: Double = 4.8, dpi: Double = 100, scale: Double = 1,
                theme: Theme = .matplotlib) throws {
        let bad = PlotError.invalidFigureSize(widthInches: widthInches, heightInches: heightInches, dpi: dpi, scale: scale)
        for v in [widthInches, heightInches, dpi, scale] where !(v.isFinite && v > 0) { throw bad }
        let w = widthInches * dpi * scale, h = heightInches * dpi * scale
        guard w >= 1, h >= 1, w * h <= Double(Self.maximumPixelCount) else { throw bad }
        self.widthInches = widthInches
        self.heightInches = heightInches
        self.dpi = dpi
        self.scale = scale
        self.pixelWidth = Int(w)
        self.pixelHeight = Int(h)
        self.theme = theme
    }

    /// Adds a `rows` × `columns` grid of axes laid out by `parameters`, and returns their indices in `axes`.
    ///
    /// - Throws: `PlotError.invalidSubplotGrid` for an empty grid.
    @discardableResult
    public mutating func addSubplots(rows: Int, columns: Int,
                                     parameters: SubplotParameters = .matplotlib) throws -> Range<Int> {
        let boxes = try parameters.boxes(rows: rows, columns: columns, width: widthInches * effectiveDPI,
                                         height: heightInches * effectiveDPI)
        let start = axes.count
        axes.append(contentsOf: boxes.map { Axes(box: $0) })
        return start..<axes.count
    }

    /// Adds one axes in cell `index` (0-based, row by row) of a `rows` × `columns` grid and returns its
    /// index in `axes` (matplotlib's `add_subplot(rows, columns, index + 1)`).
    @discardableResult
    public mutating func addSubplot(rows: Int, columns: Int, index: Int,
                                    parameters: SubplotParameters = .matplotlib) throws -> Int {
        let boxes = try parameters.boxes(rows: rows, columns: columns, width: widthInches * effectiveDPI,
                                         height: heightInches * effectiveDPI)
        guard boxes.indices.contains(index) else { throw PlotError.invalidSubplotGrid(rows: rows, columns: columns) }
        axes.append(Axes(box: boxes[index]))
        return axes.count - 1
    }

    /// Adds one axes at an explicit box in pixels (for layouts other than a grid) and returns its index.
    @discardableResult
    public mutating func addAxes(box: PixelBox) -> Int {
        axes.append(Axes(box: box))
        return axes.count - 1
    }

    /// The resolved layout (limits, transforms, ticks) of every axes.
    public func layouts() throws -> [AxesLayout] {
        try axes.map { try AxesLayout(axes: $0, pixelsPerPoint: pixelsPerPoint, labelSizePoints: theme.tickLabelSizePoints) }
    }
}
