import Raster

/// A string placed at a data position (matplotlib's `Axes.text`), not clipped, not part of autoscaling.
public struct TextAnnotation: Sendable, Equatable {
    /// Which side of the text box sits on the anchor, horizontally.
    public enum HorizontalAlignment: Sendable, Hashable {
        /// The text starts at the anchor.
        case left
        /// The text is centred on the anchor.
        case center
        /// The text ends at the anchor.
        case right
    }
    /// Which line of the text box sits on the anchor, vertically (matplotlib's names).
    public enum VerticalAlignment: Sendable, Hashable {
        /// The top of the text box is at the anchor.
        case top
        /// The middle of the text box is at the anchor.
        case center
        /// The baseline is at the anchor.
        case baseline
        /// The middle between the baseline and the top of the font's ascent is at the anchor (matplotlib's 'center_baseline').
        case centerBaseline
        /// The bottom of the text box is at the anchor.
        case bottom
    }

    /// The string drawn.
    public var text: String
    /// The anchor's x in data units.
    public var x: Double
    /// The anchor's y in data units.
    public var y: Double
    /// The font size in pt.
    public var sizePoints: Double
    /// nil: the theme's text colour.
    public var color: RGBA8?
    /// How the text sits on the anchor horizontally (matplotlib's `ha`).
    public var horizontal: HorizontalAlignment
    /// How the text sits on the anchor vertically (matplotlib's `va`).
    public var vertical: VerticalAlignment
}
