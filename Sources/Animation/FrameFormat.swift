/// The file format of one frame: what a folder of frames or a frame pattern holds.
public enum FrameFormat: String, Sendable, CaseIterable {
    /// PNG, SVG or PDF; the raw value is the file extension.
    case png, svg, pdf
}

extension FramePattern {
    /// The format the pattern's extension names (`.png`, `.svg`, `.pdf`, any case); nil for another.
    public var format: FrameFormat? {
        let name = suffix.lowercased()
        return FrameFormat.allCases.first { name.hasSuffix("." + $0.rawValue) }
    }
}

extension OutputTarget {
    /// Whether the output is drawn as vectors: a `.svg`, a `.pdf`, or frames of either.
    public var isVector: Bool {
        switch self {
        case .svg, .pdf: return true
        case .frames(let pattern): return pattern.format == .svg || pattern.format == .pdf
        default: return false
        }
    }
}
