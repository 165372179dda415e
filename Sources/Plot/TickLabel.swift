/// The text of a tick label: plain text, or a base with a superscript exponent (log axes' 10⁻²).
///
/// Minus signs are already the Unicode minus (U+2212), as matplotlib prints them.
public struct TickLabel: Sendable, Hashable, CustomStringConvertible {
    /// The text on the baseline ("0.5", "10", "2×10").
    public var text: String
    /// The superscript drawn after `text`, smaller and raised; nil for plain labels.
    public var exponent: String?

    /// A label of `text`, with `exponent` as its superscript if given.
    public init(_ text: String, exponent: String? = nil) {
        self.text = text
        self.exponent = exponent
    }

    /// The string matplotlib's formatters return for this label (its mathtext form for exponents),
    /// used to compare with matplotlib's own tick labels.
    public var matplotlibText: String {
        guard let exponent else { return text }
        let base = text.replacingOccurrences(of: "×", with: "\\times")
        let exp = exponent.replacingOccurrences(of: "\u{2212}", with: "-")
        return "$\\mathdefault{\(base)^{\(exp)}}$"
    }

    /// The label as plain text, the exponent after a caret ("10^−2"), for tests and debugging.
    public var description: String {
        guard let exponent else { return text }
        return "\(text)^\(exponent)"
    }
}
