/// Sizes of one line of text in pixels, as matplotlib's Agg backend measures it.
///
/// `width`, `height` and `descent` are what `RendererAgg.get_text_width_height_descent` returns in
/// matplotlib 3.11: the advance width (hinted advances plus kerning), the height of the union of the
/// glyphs' hinted outline boxes, and how far that box reaches below the baseline (negative when the ink
/// stays above it, as for "−").
public struct TextMetrics: Sendable, Hashable {
    /// Advance width: where the pen ends after the last glyph.
    public var width: Double
    /// Ink height: top of the highest glyph box minus bottom of the lowest.
    public var height: Double
    /// Depth of the ink below the baseline.
    public var descent: Double
    /// Ink box relative to the baseline origin, y down: minY is the top (negative above the baseline).
    public var inkMinX: Double
    /// Top of the ink box, in pixels below the baseline (negative above it).
    public var inkMinY: Double
    /// Right edge of the ink box, in pixels from the origin.
    public var inkMaxX: Double
    /// Bottom of the ink box, in pixels below the baseline.
    public var inkMaxY: Double

    /// Height of the ink above the baseline (height − descent).
    public var ascent: Double { height - descent }
}

/// The font-wide line metrics matplotlib's `Text` uses as the least ascent and descent of a line.
///
/// From the OS/2 table's sTypoAscender and −sTypoDescender, scaled to the size (matplotlib 3.11's
/// `Text._get_layout`).
public struct LineMetrics: Sendable, Hashable {
    /// Typographic ascent above the baseline, in pixels.
    public var ascent: Double
    /// Typographic descent below the baseline, in pixels (positive).
    public var descent: Double
    /// The OS/2 line gap at this size, in pixels.
    public var lineGap: Double
}

/// Horizontal anchoring of a text box, as matplotlib's `horizontalalignment`.
public enum HorizontalAlignment: Sendable, Hashable {
    /// The anchor is at the text box's left edge, its centre, or its right edge.
    case left, center, right
}

/// Vertical anchoring of a text box, as matplotlib's `verticalalignment`.
public enum VerticalAlignment: Sendable, Hashable {
    /// The anchor is on the baseline, or at the top, centre or bottom of the text box (which reaches at
    /// least the font's ascent and descent).
    case baseline, top, center, bottom
}

/// Direction of a line of text.
public enum TextRotation: Sendable, Hashable {
    /// Left to right.
    case horizontal
    /// Bottom to top (matplotlib's rotation=90), as y-axis labels.
    case vertical

    var degrees: Double { self == .horizontal ? 0 : 90 }
}
