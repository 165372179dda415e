import Foundation
import NMF
import Plot

/// A title with placeholders filled in for each frame: `{iteration}`, `{loss}`, `{rank}`, `{solver}`,
/// `{loss_name}` and `{relative_error}` (‖Y − WH‖_F / ‖Y‖_F), each optionally with a printf-like
/// format after a colon, as Python's `str.format` writes it: `{loss:.3f}`, `{loss:.2e}`,
/// `{iteration:03d}`. `{{` and `}}` are literal braces, and so are braces inside `$…$` math
/// (`$\hat{Y}$`), which Plot draws as mathtext.
///
/// Numbers without a format are written as before: the iteration and rank as integers, the loss and
/// the relative error with 4 significant digits (`%.4g`). A format is `[0][width][.precision]type`
/// with type f, e, g, E, G or % (any number; % is Python's percentage) or d (the iteration and the rank). Anything else — an
/// unknown name, a bad format, an unclosed `{` — is refused when the format is read, with the list
/// of known placeholders.
public struct TitleFormat: Sendable, Equatable {
    /// What a placeholder stands for.
    public enum Placeholder: String, Sendable, CaseIterable {
        /// `{iteration}`: the iteration the frame shows.
        case iteration
        /// `{loss}`: the loss at that iteration.
        case loss
        /// `{rank}`: the number of components.
        case rank
        /// `{solver}`: the update rule (mu, hals or minibatch).
        case solver
        /// `{loss_name}`: the loss's name.
        case lossName = "loss_name"
        /// `{relative_error}`: ‖Y − WH‖_F / ‖Y‖_F.
        case relativeError = "relative_error"

        /// Whether the value is a whole number (the `d` format applies).
        var isInteger: Bool { self == .iteration || self == .rank }
        /// Whether the value is text (no format applies).
        var isText: Bool { self == .solver || self == .lossName }
    }

    enum Piece: Sendable, Equatable {
        case text(String)
        /// A placeholder and its printf format ("%.4g"; empty for an integer written as it is).
        case value(Placeholder, printf: String)
    }

    /// The run a title describes beyond its snapshot: its update rule and loss.
    public struct Run: Sendable, Equatable {
        /// The update rule (`{solver}`).
        public var solver: SolverKind
        /// The loss minimized (`{loss_name}`).
        public var loss: Loss

        /// A run of `solver` on `loss` (by default the article's: multiplicative updates, Frobenius).
        public init(solver: SolverKind = .multiplicative, loss: Loss = .frobenius) {
            self.solver = solver
            self.loss = loss
        }

        /// The run `configuration` sets up.
        public init(_ configuration: NMFConfiguration) {
            self.init(solver: configuration.solver, loss: configuration.loss)
        }
    }

    let pieces: [Piece]
    /// The text the format was read from.
    public let source: String

    /// The known placeholders as a user writes them: "{iteration}, {loss}, …".
    public static var known: String {
        Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
    }

    /// Reads `format`.
    ///
    /// - Throws: `AnimationError.badValue(.title, …)` naming the placeholder or format that is wrong.
    public init(_ format: String) throws {
        func fail(_ reason: String) -> AnimationError {
            AnimationError.badValue(.title, given: "'\(format)'", reason: reason)
        }
        var pieces: [Piece] = []
        var text = ""
        var rest = format[...]
        // Between `$…$` (math, when the title is math at all) braces are mathtext's groups, not placeholders.
        let hasMath = MathText.isMath(format)
        var inMath = false, escaped = false
        while let c = rest.first {
            rest = rest.dropFirst()
            defer { escaped = c == "\\" && !escaped }
            if hasMath && c == "$" && !escaped { inMath.toggle() }
            if inMath {
                text.append(c)
                continue
            }
            if c == "}" {
                if rest.first == "}" { rest = rest.dropFirst() }
                text.append("}")
                continue
            }
            guard c == "{" else {
                text.append(c)
                continue
            }
            if rest.first == "{" {
                rest = rest.dropFirst()
                text.append("{")
                continue
            }
            guard let close = rest.firstIndex(of: "}") else {
                throw fail("a '{' is not closed (write {{ for a brace; known placeholders: \(Self.known))")
            }
            let inside = rest[..<close]
            rest = rest[rest.index(after: close)...]
            let name = inside.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let placeholder = Placeholder(rawValue: String(name[0])) else {
                throw fail("unknown placeholder {\(inside)} (known: \(Self.known))")
            }
            let spec = name.count > 1 ? String(name[1]) : nil
            guard let printf = Self.printf(for: placeholder, spec: spec) else {
                throw fail("{\(inside)}: " + (placeholder.isText
                    ? "\(placeholder.rawValue) is text and takes no format"
                    : "a format is [0][width][.precision] and f, e, g, %\(placeholder.isInteger ? " or d" : ""), such as {\(placeholder.rawValue):\(placeholder.isInteger ? "03d" : ".3f")}"))
            }
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
            pieces.append(.value(placeholder, printf: printf))
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        self.pieces = pieces
        self.source = format
    }

    /// The printf format of a placeholder with a Python-like `spec` (nil: the default), or nil when
    /// the spec is not one this type accepts.
    static func printf(for placeholder: Placeholder, spec: String?) -> String? {
        guard let spec else {
            if placeholder.isText { return "" }
            return placeholder.isInteger ? "" : "%.4g"
        }
        guard !placeholder.isText, let type = spec.last else { return nil }
        let allowed: Set<Character> = placeholder.isInteger ? ["d", "f", "e", "g", "E", "G", "%"] : ["f", "e", "g", "E", "G", "%"]
        guard allowed.contains(type) else { return nil }
        var body = spec.dropLast()[...]
        var flags = ""
        if body.first == "0" {
            flags = "0"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let width = parts[0], precision = parts.count > 1 ? parts[1] : nil
        func small(_ digits: Substring) -> Bool { digits.count <= 2 && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) }
        guard small(width), precision.map({ !$0.isEmpty && small($0) && type != "d" }) ?? true else { return nil }
        // Swift's Int is 64-bit: %ld, not %d. Python's % is f of 100 × the value, then a percent sign.
        let conversion = type == "d" ? "ld" : type == "%" ? "f%%" : String(type)
        return "%" + flags + width + (precision.map { "." + $0 } ?? "") + conversion
    }

    /// Whether a placeholder appears (the relative error costs a reconstruction; ask before computing it).
    public func uses(_ placeholder: Placeholder) -> Bool {
        pieces.contains { if case .value(placeholder, _) = $0 { return true } else { return false } }
    }

    /// The title for `snapshot` of `run`; `relativeError` is asked only when used.
    public func text(for snapshot: Snapshot, run: Run, relativeError: () -> Double) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case let .text(t): out += t
            case let .value(p, printf):
                switch p {
                case .iteration, .rank:
                    let v = p == .iteration ? snapshot.iteration : snapshot.h.rows
                    if printf.isEmpty {
                        out += String(v)
                    } else {
                        out += printf.hasSuffix("d") ? String(format: printf, v) : Self.format(Double(v), printf)
                    }
                case .loss: out += Self.format(snapshot.loss, printf)
                case .relativeError: out += Self.format(relativeError(), printf)
                case .solver: out += run.solver.name
                case .lossName: out += run.loss.name
                }
            }
        }
        return out
    }

    /// A number through a printf format made by `printf(for:spec:)` (a percentage is 100 × the value).
    static func format(_ value: Double, _ printf: String) -> String {
        String(format: printf, printf.hasSuffix("%%") ? value * 100 : value)
    }

    /// The title for `snapshot` of `run` on `data` (from which the relative error is computed, if used).
    public func text(for snapshot: Snapshot, run: Run, data: Matrix) -> String {
        text(for: snapshot, run: run) { Self.relativeError(data: data, snapshot: snapshot) }
    }

    /// ‖Y − WH‖_F / ‖Y‖_F for a snapshot of a run on `data` (0 for an all-zero Y, which the reader refuses).
    public static func relativeError(data: Matrix, snapshot: Snapshot) -> Double {
        let r = snapshot.reconstruction()
        var diff = 0.0, norm = 0.0
        for i in 0..<data.rows {
            for j in 0..<data.columns {
                let y = data[i, j]
                let d = y - (i < r.rows && j < r.columns ? r[i, j] : 0)
                diff += d * d
                norm += y * y
            }
        }
        return norm > 0 ? (diff / norm).squareRoot() : 0
    }
}

