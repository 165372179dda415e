import Raster

/// A small subset of matplotlib's mathtext for titles and labels: text between `$…$` is math.
///
/// Understood: letters, digits and punctuation; `^` and `_` with one token or a `{…}` group
/// (sub- and superscripts, both on one base); `{…}` groups; Greek letters (`\alpha` … `\omega`,
/// `\Gamma` … `\Omega`); `\cdot`, `\times`, `\pm`, `\leftarrow`, `\rightarrow`, `\leq`, `\geq`, `\neq`,
/// `\approx`, `\in`, `\infty`, `\partial`, `\sum`, `\|` (‖); `\hat{…}`; the spaces `\,` `\:` `\;` `\!`
/// `\ ` `\quad`; `\$`, `\{`, `\}`, `\_`. Anything else (`\frac`, `\sqrt`, `\mathrm`…) is refused with
/// `PlotError.unsupportedMathText` naming it.
///
/// As in matplotlib, a string is math only when it holds an even, non-zero number of unescaped `$`
/// (so "price ($)" stays plain text). Letters are upright: only DejaVu Sans (regular) is embedded, so
/// math is drawn as matplotlib draws it with `mathtext.default: regular`. Layout follows mathtext's
/// rules for DejaVu Sans (`DejaVuSansFontConstants`): scripts at 70 %, superscripts raised by
/// sup1 × x-height, subscripts lowered by sub1 (sub2 with a superscript) × x-height, a kern of
/// delta × x-height before them and script_space × x-height after; 0.2 × the width of "m" around
/// binary operators and relations; `-` is the Unicode minus.
public enum MathText {
    /// One parsed item.
    indirect enum Node: Equatable {
        case char(String)
        /// A binary operator or relation: spaced on both sides unless it opens the expression.
        case spaced(String)
        /// A fraction of the em width ("m"'s advance).
        case space(Double)
        case group([Node])
        case scripts(base: Node, sub: Node?, sup: Node?)
        case hat(Node)
    }

    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ",
        "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]
    static let symbols: [String: String] = ["infty": "∞", "partial": "∂", "sum": "∑", "|": "‖", "$": "$", "{": "{",
                                            "}": "}", "_": "_", "ell": "ℓ", "nabla": "∇"]
    static let operators: [String: String] = [
        "cdot": "⋅", "times": "×", "pm": "±", "leftarrow": "←", "rightarrow": "→", "leq": "≤", "geq": "≥",
        "neq": "≠", "approx": "≈", "in": "∈", "to": "→", "gets": "←",
    ]
    static let spaces: [String: Double] = [",": 0.16667, ":": 0.22222, ">": 0.22222, ";": 0.27778, " ": 0.33333,
                                           "!": -0.16667, "quad": 1, "qquad": 2]
    /// Characters mathtext spaces as binary operators or relations.
    static let spacedCharacters: Set<Character> = ["=", "+", "−", "<", ">", "×", "⋅", "±", "←", "→", "≤", "≥", "≠", "≈"]

    /// The commands understood, for the error message.
    static var known: String {
        (["^", "_", "{…}", "\\hat"] + (operators.keys.sorted() + symbols.keys.sorted() + ["alpha…omega"]).map { "\\" + $0 })
            .joined(separator: " ")
    }

    /// Whether matplotlib would read `text` as math: an even, non-zero number of unescaped `$`.
    public static func isMath(_ text: String) -> Bool {
        guard text.contains("$") else { return false }
        var count = 0, escaped = false
        for c in text {
            if c == "$" && !escaped { count += 1 }
            escaped = c == "\\" && !escaped
        }
        return count > 0 && count % 2 == 0
    }

    /// Splits `text` into plain runs and parsed math, in order.
    ///
    /// - Throws: `PlotError.unsupportedMathText` for a command outside the subset, an unbalanced brace
    ///   or a `^`/`_` with nothing after it.
    static func parse(_ text: String) throws -> [Node] {
        try parseNodes(text)
    }

    /// Checks that `text` can be drawn (its math is in the subset); plain text always can.
    ///
    /// - Throws: `PlotError.unsupportedMathText` naming what is not supported.
    public static func check(_ text: String) throws {
        if isMath(text) { _ = try parse(text) }
    }

    static func parseNodes(_ text: String) throws -> [Node] {
        var nodes: [Node] = []
        var plain = ""
        var math: String?
        var escaped = false
        for c in text {
            if c == "$" && !escaped {
                if let m = math {
                    if !plain.isEmpty { nodes.append(.char(plain)); plain = "" }
                    nodes.append(.group(try parseMath(m, in: text)))
                    math = nil
                } else {
                    math = ""
                }
            } else if math != nil {
                math?.append(c)
            } else if c == "\\" && !escaped {
                // A backslash outside math is kept unless it escapes a dollar.
            } else {
                if escaped && c != "$" { plain.append("\\") }
                plain.append(c)
            }
            escaped = c == "\\" && !escaped && math == nil
        }
        if escaped { plain.append("\\") }
        if !plain.isEmpty { nodes.append(.char(plain)) }
        return nodes
    }

    /// Parses the text between two `$`.
    static func parseMath(_ math: String, in text: String) throws -> [Node] {
        var chars = Array(math)[...]
        func fail(_ why: String) -> PlotError { PlotError.unsupportedMathText(text: text, reason: why) }
        func atom() throws -> Node? {
            while chars.first == " " { chars = chars.dropFirst() }
            guard let c = chars.first else { return nil }
            chars = chars.dropFirst()
            switch c {
            case "{":
                var inner: [Node] = []
                while true {
                    while chars.first == " " { chars = chars.dropFirst() }
                    if chars.first == "}" { chars = chars.dropFirst(); break }
                    guard chars.first != nil else { throw fail("a '{' is not closed") }
                    inner.append(try scripted())
                }
                return .group(inner)
            case "}": throw fail("a '}' closes nothing")
            case "^", "_": throw fail("'\(c)' needs something before it")
            case "\\":
                var name = ""
                if let first = chars.first, !first.isLetter {
                    name = String(first)
                    chars = chars.dropFirst()
                } else {
                    while let l = chars.first, l.isLetter { name.append(l); chars = chars.dropFirst() }
                }
                if let g = greek[name] { return .char(g) }
                if let s = symbols[name] { return .char(s) }
                if let o = operators[name] { return .spaced(o) }
                if let w = spaces[name] { return .space(w) }
                if name == "hat" {
                    guard let base = try atom() else { throw fail("\\hat needs something to put the hat on") }
                    return .hat(base)
                }
                throw fail("\\\(name) is not supported (supported: \(known))")
            case "-": return .spaced("−")
            default:
                return spacedCharacters.contains(c) ? .spaced(String(c)) : .char(String(c))
            }
        }
        func scripted() throws -> Node {
            guard let base = try atom() else { throw fail("an expression ends too early") }
            var sub: Node?, sup: Node?
            while true {
                while chars.first == " " { chars = chars.dropFirst() }
                guard let c = chars.first, c == "^" || c == "_" else { break }
                chars = chars.dropFirst()
                guard let script = try atom() else { throw fail("'\(c)' needs something after it") }
                if c == "^" {
                    guard sup == nil else { throw fail("two superscripts on one base") }
                    sup = script
                } else {
                    guard sub == nil else { throw fail("two subscripts on one base") }
                    sub = script
                }
            }
            return sub == nil && sup == nil ? base : .scripts(base: base, sub: sub, sup: sup)
        }
        var nodes: [Node] = []
        while true {
            while chars.first == " " { chars = chars.dropFirst() }
            guard !chars.isEmpty else { break }
            nodes.append(try scripted())
        }
        return nodes
    }
}
