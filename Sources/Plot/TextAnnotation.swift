import Raster

/// A string placed at a data position (matplotlib's `Axes.text`), not clipped, not part of autoscaling.
public struct TextAnnotation: Sendable, Equatable {
    /// Which side of the text box sits on the anchor, horizontally.
    public enum HorizontalAlignment: Sendable, Hashable { case left, center, right }
    /// Which line of the text box sits on the anchor, vertically (matplotlib's names).
    public enum VerticalAlignment: Sendable, Hashable { case top, center, baseline, centerBaseline, bottom }

    public var text: String
    public var x: Double
    public var y: Double
    public var sizePoints: Double
    /// nil: the theme's text colour.
    public var color: RGBA8?
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
}
