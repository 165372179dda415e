import Raster

/// The colours and sizes of everything that is not data: backgrounds, spines, ticks, text.
///
/// `.matplotlib` is matplotlib's default style (white figure and axes, black 0.8 pt spines, 3.5 pt outward
/// ticks, 10 pt tick labels, 12 pt titles). Other looks — a dark theme, a transparent figure background for
/// slides — are other values of this type, not other code. Sizes are in points (1/72 in) and scale with
/// the figure's dpi and scale factor.
public struct Theme: Sendable, Hashable {
    /// The whole image before anything is drawn (may be transparent).
    public var figureBackground: RGBA8
    /// The inside of each axes box.
    public var axesFace: RGBA8
    /// The axes' frame lines.
    public var spineColor: RGBA8
    /// Tick marks.
    public var tickColor: RGBA8
    /// Tick labels, axis labels, titles and text annotations.
    public var textColor: RGBA8
    /// Scatter marker outlines.
    public var markerEdgeColor: RGBA8
    /// Quiver arrows.
    public var arrowColor: RGBA8
    /// Lines drawn without an explicit colour (matplotlib's C0, #1f77b4).
    public var lineColor: RGBA8

    /// The spines' line width in pt.
    public var spineWidthPoints: Double
    /// Major tick length in pt, outward.
    public var majorTickLengthPoints: Double
    /// Major tick line width in pt.
    public var majorTickWidthPoints: Double
    /// Minor tick length in pt, outward.
    public var minorTickLengthPoints: Double
    /// Minor tick line width in pt.
    public var minorTickWidthPoints: Double
    /// Gap between a tick's end and its label.
    public var tickPadPoints: Double
    /// Tick label font size in pt.
    public var tickLabelSizePoints: Double
    /// Axis label font size in pt.
    public var axisLabelSizePoints: Double
    /// Title font size in pt.
    public var titleSizePoints: Double
    /// Gap between the top of the axes and the title's baseline.
    public var titlePadPoints: Double
    /// Gap between the tick labels and the axis label.
    public var axisLabelPadPoints: Double

    /// A theme of these colours, with matplotlib's default sizes in pt unless given.
    public init(figureBackground: RGBA8, axesFace: RGBA8, spineColor: RGBA8, tickColor: RGBA8, textColor: RGBA8,
                markerEdgeColor: RGBA8, arrowColor: RGBA8, lineColor: RGBA8,
                spineWidthPoints: Double = 0.8, majorTickLengthPoints: Double = 3.5,
                majorTickWidthPoints: Double = 0.8, minorTickLengthPoints: Double = 2,
                minorTickWidthPoints: Double = 0.6, tickPadPoints: Double = 3.5, tickLabelSizePoints: Double = 10,
                axisLabelSizePoints: Double = 10, titleSizePoints: Double = 12, titlePadPoints: Double = 6,
                axisLabelPadPoints: Double = 4) {
        self.figureBackground = figureBackground
        self.axesFace = axesFace
        self.spineColor = spineColor
        self.tickColor = tickColor
        self.textColor = textColor
        self.markerEdgeColor = markerEdgeColor
        self.arrowColor = arrowColor
        self.lineColor = lineColor
        self.spineWidthPoints = spineWidthPoints
        self.majorTickLengthPoints = majorTickLengthPoints
        self.majorTickWidthPoints = majorTickWidthPoints
        self.minorTickLengthPoints = minorTickLengthPoints
        self.minorTickWidthPoints = minorTickWidthPoints
        self.tickPadPoints = tickPadPoints
        self.tickLabelSizePoints = tickLabelSizePoints
        self.axisLabelSizePoints = axisLabelSizePoints
        self.titleSizePoints = titleSizePoints
        self.titlePadPoints = titlePadPoints
        self.axisLabelPadPoints = axisLabelPadPoints
    }

    /// matplotlib 3.11's default look.
    public static let matplotlib = Theme(
        figureBackground: .white, axesFace: .white, spineColor: .black, tickColor: .black, textColor: .black,
        markerEdgeColor: .black, arrowColor: .black, lineColor: RGBA8(0x1f, 0x77, 0xb4))

    /// Light text and lines on a near-black background (matplotlib's `dark_background` colours).
    public static let dark = Theme(
        figureBackground: .black, axesFace: .black, spineColor: .white, tickColor: .white, textColor: .white,
        markerEdgeColor: .white, arrowColor: .white, lineColor: RGBA8(0x8d, 0xd3, 0xc7))

    /// matplotlib's `font.size` (10 pt by default): the size every text is relative to.
    public var fontSize: Double { tickLabelSizePoints }

    /// This theme with every text sized as matplotlib's rcParams `font.size = points` sizes it: tick
    /// labels and axis labels "medium" (`points`), titles "large" (1.2 × `points`). The pads stay in
    /// points, as matplotlib's do; the tick budget follows the tick labels' size (`AxesLayout`).
    ///
    /// - Throws: `PlotError.invalidValue` for a size that is not positive and finite.
    public func withFontSize(_ points: Double) throws -> Theme {
        guard points.isFinite, points > 0 else { throw PlotError.invalidValue(name: "font size", value: points) }
        var t = self
        t.tickLabelSizePoints = points
        t.axisLabelSizePoints = points
        t.titleSizePoints = points * Self.largeScale
        return t
    }

    /// matplotlib's "large" relative to the font size (`font_manager.font_scalings`).
    public static let largeScale = 1.2

    /// This theme with a transparent figure background (the axes keep their face), for slides.
    public var withTransparentBackground: Theme {
        var t = self
        t.figureBackground = .clear
        return t
    }
}
