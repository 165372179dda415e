import Raster

/// One plotting area: limits, scales, labels and the artists drawn in it.
///
/// An `Axes` is a value: build one (or a whole `Figure`) once, copy it, and add each frame's artists to
/// the copy. Limits left nil are autoscaled from the data with 5 % margins (`AutoscaleRule`). Artists are
/// drawn in matplotlib's order — collections (scatter, quiver), then ticks, lines, spines, text — and in
/// the order they were added within each group. Every adding method validates its input and throws a
/// `PlotError` rather than drawing something wrong.
public struct Axes: Sendable {
    /// An artist in the order it was added.
    enum Artist: Sendable, Equatable {
        case scatter(Scatter)
        case density(Density)
        case quiver(Quiver)
        case line(Line)
        case text(TextAnnotation)
    }

    /// Where the axes sit in the figure, in pixels (set by the figure's layout).
    public internal(set) var box: PixelBox
    /// Explicit x limits (either order; lower > upper flips the axis), or nil to autoscale.
    public var xLimits: (lower: Double, upper: Double)?
    /// Explicit y limits (either order; lower > upper flips the axis), or nil to autoscale.
    public var yLimits: (lower: Double, upper: Double)?
    /// How x data map to pixels: linear (the default) or log10.
    public var xScale: AxisScale = .linear
    /// How y data map to pixels: linear (the default) or log10.
    public var yScale: AxisScale = .linear
    /// The title centred above the axes (nil or empty: none).
    public var title: String?
    /// The label below the x axis (nil or empty: none).
    public var xLabel: String?
    /// The label left of the y axis, rotated (nil or empty: none).
    public var yLabel: String?
    /// The legend drawn over everything else in the axes (nil: none); see `legend(_:location:)`.
    public internal(set) var legend: Legend?
    var artists: [Artist] = []

    /// Empty axes at `box` (pixels), autoscaled and linear, with no labels or artists.
    public init(box: PixelBox) {
        self.box = box
    }

    /// Removes every artist, keeping limits, scales and labels (matplotlib's `cla` minus the settings).
    public mutating func removeArtists() {
        artists.removeAll(keepingCapacity: true)
    }

    // MARK: - Adding artists

    /// Circle markers with one colour per point (or one for all).
    ///
    /// - Parameters:
    ///   - x: the points' x in data coordinates.
    ///   - y: the points' y in data coordinates.
    ///   - size: marker area in pt² (matplotlib's `s`, default 36 = rcParams `lines.markersize`²).
    ///   - sizes: one marker area per point, in pt², instead of `size`.
    ///   - colors: one colour, or one per point.
    ///   - edgeColor: outline colour, nil for none.
    ///   - edgeWidth: outline width in points (matplotlib's `linewidths`, default 1.0).
    /// - Throws: `PlotError.lengthMismatch` when arrays disagree, `PlotError.invalidValue` for a negative
    ///   or non-finite size or width.
    public mutating func scatter(x: [Double], y: [Double], size: Double = 36, sizes: [Double]? = nil,
                                 colors: [RGBA8], edgeColor: RGBA8? = .black, edgeWidth: Double = 1.0) throws {
        try Self.checkSameLength(x, y, "scatter y")
        let allSizes = sizes ?? [size]
        if allSizes.count != 1 { try Self.checkCount(allSizes.count, x.count, "scatter sizes") }
        if colors.count != 1 { try Self.checkCount(colors.count, x.count, "scatter colors") }
        for s in allSizes { try Self.checkNonNegative(s, "marker size") }
        try Self.checkNonNegative(edgeWidth, "marker edge width")
        artists.append(.scatter(Scatter(x: x, y: y, sizes: allSizes, faceColors: colors.isEmpty ? [.black] : colors,
                                        edgeColor: edgeColor, edgeWidthPoints: edgeWidth)))
    }

    /// Circle markers coloured by `values` through a colormap and a normalization (matplotlib's `c=`).
    ///
    /// - Parameters:
    ///   - x: the points' x in data coordinates.
    ///   - y: the points' y in data coordinates.
    ///   - size: marker area in pt² (matplotlib's `s`).
    ///   - sizes: one marker area per point, in pt², instead of `size`.
    ///   - values: one value per point, mapped to a colour.
    ///   - colormap: the colormap the normalized values index.
    ///   - normalize: nil scales the values' own minimum and maximum to [0, 1], as matplotlib does.
    ///   - edgeColor: outline colour, nil for none.
    ///   - edgeWidth: outline width in points (matplotlib's `linewidths`).
    public mutating func scatter(x: [Double], y: [Double], size: Double = 36, sizes: [Double]? = nil,
                                 values: [Double], colormap: Colormap, normalize: Normalize? = nil,
                                 edgeColor: RGBA8? = .black, edgeWidth: Double = 1.0) throws {
        try Self.checkCount(values.count, x.count, "scatter values")
        let norm: Normalize
        if let normalize {
            norm = normalize
        } else {
            let finite = values.filter(\.isFinite)
            // The finite values' own range: min ≤ max and both finite, so this cannot fail.
            norm = try Normalize(vmin: finite.min() ?? 0, vmax: finite.max() ?? 1)
        }
        try scatter(x: x, y: y, size: size, sizes: sizes, colors: values.map { colormap.color(for: $0, normalize: norm) },
                    edgeColor: edgeColor, edgeWidth: edgeWidth)
    }

    /// Points as a density instead of markers: a 2-D histogram over the axes' pixels, log-shaded
    /// through `colormap` and transparent where no point falls (see `Density`). Drawn, and autoscaled,
    /// where a scatter of the same points would be.
    ///
    /// - Throws: `PlotError.lengthMismatch` when `x` and `y` differ in length.
    public mutating func density(x: [Double], y: [Double], colormap: Colormap) throws {
        try Self.checkSameLength(x, y, "density y")
        artists.append(.density(Density(x: x, y: y, colormap: colormap)))
    }

    /// Arrows from (x, y) to (x + u, y + v) in data coordinates.
    ///
    /// - Parameters:
    ///   - x: the arrows' tails, x in data coordinates.
    ///   - y: the arrows' tails, y in data coordinates.
    ///   - u: the arrows' x extent in data units.
    ///   - v: the arrows' y extent in data units.
    ///   - color: nil for the theme's arrow colour.
    ///   - width: shaft width as a fraction of the axes width; nil for matplotlib's default rule.
    ///   - minimumLength: the shortest arrow drawn, in shaft widths (`Quiver.minimumLength`); nil for
    ///     matplotlib's, every arrow to scale.
    ///   - edgeColor: an outline around each arrow (matplotlib's `edgecolor`); nil for none.
    ///   - edgeWidth: the outline's width in points (matplotlib's `linewidth`).
    /// - Throws: `PlotError` for arrays of different lengths, or a width, minimum length or edge width
    ///   that is negative or not finite.
    public mutating func quiver(x: [Double], y: [Double], u: [Double], v: [Double], color: RGBA8? = nil,
                                width: Double? = nil, minimumLength: Double? = nil, edgeColor: RGBA8? = nil,
                                edgeWidth: Double = 0) throws {
        try Self.checkSameLength(x, y, "quiver y")
        try Self.checkCount(u.count, x.count, "quiver u")
        try Self.checkCount(v.count, x.count, "quiver v")
        if let width { try Self.checkNonNegative(width, "quiver width") }
        if let minimumLength { try Self.checkNonNegative(minimumLength, "quiver minimum length") }
        try Self.checkNonNegative(edgeWidth, "quiver edge width")
        artists.append(.quiver(Quiver(x: x, y: y, u: u, v: v, color: color, shaftWidthFraction: width,
                                      minimumLength: minimumLength, edgeColor: edgeColor, edgeWidthPoints: edgeWidth)))
    }

    /// A line through the points, `width` points wide (matplotlib's default 1.5).
    public mutating func line(x: [Double], y: [Double], width: Double = 1.5, color: RGBA8? = nil) throws {
        try Self.checkSameLength(x, y, "line y")
        try Self.checkNonNegative(width, "line width")
        artists.append(.line(Line(x: x, y: y, widthPoints: width, color: color)))
    }

    /// A text annotation anchored at (x, y) in data coordinates (matplotlib's `Axes.text`: left, baseline).
    public mutating func text(_ text: String, x: Double, y: Double, size: Double = 10, color: RGBA8? = nil,
                              horizontal: TextAnnotation.HorizontalAlignment = .left,
                              vertical: TextAnnotation.VerticalAlignment = .baseline) throws {
        try Self.checkNonNegative(size, "text size")
        artists.append(.text(TextAnnotation(text: text, x: x, y: y, sizePoints: size, color: color,
                                            horizontal: horizontal, vertical: vertical)))
    }

    // MARK: - Validation

    static func checkSameLength(_ a: [Double], _ b: [Double], _ what: String) throws {
        try checkCount(b.count, a.count, what)
    }

    static func checkCount(_ actual: Int, _ expected: Int, _ what: String) throws {
        guard actual == expected else { throw PlotError.lengthMismatch(what: what, expected: expected, actual: actual) }
    }

    static func checkNonNegative(_ v: Double, _ name: String) throws {
        guard v.isFinite, v >= 0 else { throw PlotError.invalidValue(name: name, value: v) }
    }
}

extension Axes: Equatable {
    /// Same box, limits, scales, labels and artists (in the same order): the axes draw the same pixels.
    /// Written out because the limits are tuples. A NaN makes axes unequal unless both share its array's
    /// storage (Swift compares shared storage as equal without reading it), which is right here: same
    /// storage, same values.
    public static func == (a: Axes, b: Axes) -> Bool {
        func same(_ p: (lower: Double, upper: Double)?, _ q: (lower: Double, upper: Double)?) -> Bool {
            switch (p, q) {
            case (nil, nil): true
            case let (p?, q?): p == q
            default: false
            }
        }
        return a.box == b.box && same(a.xLimits, b.xLimits) && same(a.yLimits, b.yLimits) && a.xScale == b.xScale
            && a.yScale == b.yScale && a.title == b.title && a.xLabel == b.xLabel && a.yLabel == b.yLabel
            && a.artists == b.artists && a.legend == b.legend
    }
}
