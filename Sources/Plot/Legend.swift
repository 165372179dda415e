import Raster

/// A legend as matplotlib 3.11 draws one with its defaults: entries of a handle and a label, packed in
/// one column in a rounded frame (white at 80 % opacity, edge grey 0.8, 1 pt), placed in a named corner
/// or at the 'best' of the ten positions matplotlib tries.
///
/// Sizes are matplotlib's rcParams in units of the legend's font size (the theme's `fontSize`):
/// borderpad 0.4, labelspacing 0.5, handlelength 2.0, handleheight 0.7, handletextpad 0.8,
/// borderaxespad 0.5, corner radius 0.2.
///
/// A legend taller than its axes (matplotlib lets it run past them, e.g. 200 arrows' names) shows the
/// first entries that fit and a last row "… n more"; when not even one entry and that row fit, it is
/// left out. `Legend.fitting(_:rowHeights:available:)` is the rule.
public struct Legend: Sendable, Equatable {
    /// What an entry shows beside its label.
    public enum Handle: Sendable, Equatable {
        /// A line's sample: `widthPoints` wide in `color` (nil: the theme's line colour).
        case line(color: RGBA8?, widthPoints: Double)
        /// A filled rectangle, as matplotlib shows collections such as quiver arrows.
        case patch(color: RGBA8)
        /// Nothing: the row is its label alone, in line with the other labels (e.g. "… 3 more").
        case textOnly
    }

    /// One row: a handle and its label.
    public struct Entry: Sendable, Equatable {
        /// The text beside the handle.
        public var label: String
        /// What the entry shows of its artist.
        public var handle: Handle

        /// An entry showing `handle` beside `label`.
        public init(_ label: String, handle: Handle) {
            self.label = label
            self.handle = handle
        }
    }

    /// matplotlib's `loc` values, in the order (its codes 1…10) in which 'best' tries them.
    public enum Location: String, Sendable, CaseIterable {
        /// The place where the legend covers the fewest data points (matplotlib's 'best').
        case best
        /// The upper right corner.
        case upperRight = "upper right"
        /// The upper left corner.
        case upperLeft = "upper left"
        /// The lower left corner.
        case lowerLeft = "lower left"
        /// The lower right corner.
        case lowerRight = "lower right"
        /// The middle of the right edge (matplotlib's 'right', the same place as 'center right').
        case right
        /// The middle of the left edge.
        case centerLeft = "center left"
        /// The middle of the right edge.
        case centerRight = "center right"
        /// The middle of the bottom edge.
        case lowerCenter = "lower center"
        /// The middle of the top edge.
        case upperCenter = "upper center"
        /// The centre of the axes.
        case center

        /// Where the legend's box sits in the axes box: 0 left/top, 0.5 centre, 1 right/bottom.
        var anchor: (x: Double, y: Double) {
            switch self {
            case .best, .upperRight: (1, 0)
            case .upperLeft: (0, 0)
            case .lowerLeft: (0, 1)
            case .lowerRight: (1, 1)
            case .right, .centerRight: (1, 0.5)
            case .centerLeft: (0, 0.5)
            case .lowerCenter: (0.5, 1)
            case .upperCenter: (0.5, 0)
            case .center: (0.5, 0.5)
            }
        }
    }

    /// The rows, top to bottom.
    public var entries: [Entry]
    /// Where the legend goes in its axes.
    public var location: Location
    /// Entries left out by whoever made the legend (e.g. arrows past the ten colours of tab10), counted
    /// in its last row "… n more" with those that do not fit.
    public var omitted: Int

    static let borderPad = 0.4, labelSpacing = 0.5, handleLength = 2.0, handleHeight = 0.7
    static let handleTextPad = 0.8, borderAxesPad = 0.5, cornerRadius = 0.2
    /// legend.framealpha 0.8 and legend.edgecolor 0.8 (grey), as 8-bit values.
    static let frameAlpha: UInt8 = 204
    static let edgeGrey: UInt8 = 204
    /// patch.linewidth, the frame's edge.
    static let frameWidthPoints = 1.0

    /// How many of the rows fit in `available` pixels, and whether a "… n more" row is added: all
    /// rows when they fit (with the more-row when `omitted`); else the most `m ≥ 1` whose heights, the
    /// more-row's and the spacing between them fit; nil when not even that does. `rowHeights` has one
    /// height per entry, `more` the more-row's, `spacing` the gap between rows and `padding` the
    /// frame's inside above and below.
    static func fitting(rowHeights: [Double], more: Double, spacing: Double, padding: Double,
                        available: Double, omitted: Bool = false) -> (count: Int, truncated: Bool)? {
        func height(_ rows: some Collection<Double>) -> Double {
            rows.reduce(0, +) + Double(max(0, rows.count - 1)) * spacing + 2 * padding
        }
        let extra = omitted ? spacing + more : 0
        if height(rowHeights) + extra <= available { return (rowHeights.count, omitted) }
        var m = rowHeights.count - 1
        while m >= 1 {
            if height(rowHeights.prefix(m)) + spacing + more <= available { return (m, true) }
            m -= 1
        }
        return nil
    }

    /// The label of the row that stands for `count` entries left out.
    static func moreLabel(_ count: Int) -> String { "… \(count) more" }

    /// A legend of `entries` at `location`.
    public init(entries: [Entry], location: Location = .best, omitted: Int = 0) {
        self.entries = entries
        self.location = location
        self.omitted = max(0, omitted)
    }
}

extension Axes {
    /// Adds a legend (matplotlib's `ax.legend(handles, labels, loc=…)`), replacing any earlier one.
    ///
    /// - Throws: `PlotError.invalidValue` for a line handle whose width is negative or not finite.
    /// `omitted` entries left out by the caller are counted in a last row "… n more".
    public mutating func legend(_ entries: [Legend.Entry], location: Legend.Location = .best, omitted: Int = 0) throws {
        for case let .line(_, width) in entries.map(\.handle) { try Self.checkNonNegative(width, "legend line width") }
        legend = entries.isEmpty ? nil : Legend(entries: entries, location: location, omitted: omitted)
    }
}
