import Raster

/// A string placed at a data position (matplotlib's `Axes.text`), not clipped, not part of autoscaling.
public struct TextAnnotation: Sendable, Equatable {
    /// Which side of the text box sits on the anchor, horizontally.
    public enum HorizontalAlignment: Sendable, Hashable { case left, center, right }
    /// Which line of the text box sits on the anchor, vertically (matplotlib's names).
    public enum VerticalAlignment: Sendable, Hashable { case top, center, baseline, centerBaseline, bottom }

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
