import Codecs
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the frames of a run go, decided from the `--output` argument.
///
/// - `something.gif`: one animated GIF.
/// - `something.png`: one still PNG (of the iteration the caller picks).
/// - `something.mp4`, `something.webm`: a video through ffmpeg; `something.webp`: an animated WebP;
///   `something.html`: a self-contained page with a player.
/// - `something.svg`: one still SVG; `something.pdf`: one PDF, a page per frame (one for a still).
/// - a folder — one that exists, or a path ending in `/` — gets `frame_000.png`, `frame_001.png`, …,
///   numbered by frame (or by iteration, as the caller chooses).
/// - a printf-style pattern with one integer conversion, such as `out/f_%04d.png` (or `.svg`, `.pdf`),
///   numbers each file the same way.
public enum OutputTarget: Equatable, Sendable {
    /// One animated GIF at `path`.
    case gif(path: String)
    /// One still PNG at `path`.
    case png(path: String)
    /// One file per frame, named by the pattern (a folder is the pattern `folder/frame_%03d.png`, or
    /// `.svg`, `.pdf`).
    case frames(FramePattern)
    /// One video at `path` through ffmpeg, MP4 or WebM as its extension says.
    case video(path: String, container: VideoOptions.Container)
    /// One animated WebP at `path`.
    case webp(path: String)
    /// One self-contained HTML page with a player at `path`.
    case html(path: String)
    /// One still SVG at `path`.
    case svg(path: String)
    /// One PDF at `path`, a page per frame (one page for a still).
    case pdf(path: String)

    /// Whether this is one still image (a single `.png` or `.svg`).
    public var isStill: Bool {
        switch self {
        case .png, .svg: return true
        default: return false
        }
    }

    /// Whether this is an animated GIF.
    public var isGIF: Bool {
        if case .gif = self { return true }
        return false
    }

    /// Reads an `--output` argument.
    ///
    /// - Parameters:
    ///   - argument: the path as given: a file, a folder (ending in `/`) or a pattern with `%d`.
    ///   - folderFormat: the files a folder gets (`frame_000.png`, `.svg` or `.pdf`).
    /// - Throws: `AnimationError.badOutput` for an unknown extension or a malformed pattern.
    public static func parse(_ argument: String, folderFormat: FrameFormat = .png) throws -> OutputTarget {
        try parse(argument, escaped: true, folderFormat: folderFormat)
    }

    /// `parse`, where `escaped` false means the path's `%` were already unescaped (a literal file name).
    private static func parse(_ argument: String, escaped: Bool, folderFormat: FrameFormat) throws -> OutputTarget {
        guard !argument.isEmpty else { throw AnimationError.badOutput(argument, "the path is empty") }
        if escaped, argument.contains("%") {
            // `%%` is a literal `%`: a path with no conversion names one file (`100%%.gif` → `100%.gif`).
            if let literal = FramePattern.literal(argument) { return try parse(literal, escaped: false, folderFormat: folderFormat) }
            let pattern = try FramePattern(argument)
            guard pattern.format != nil else {
                throw AnimationError.badOutput(argument, "a frame pattern must end in .png, .svg or .pdf")
            }
            return .frames(pattern)
        }
        var info = stat()
        let isFolder = stat(argument, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        if argument.hasSuffix("/") || isFolder {
            let folder = argument.hasSuffix("/") ? argument : argument + "/"
            return .frames(try FramePattern(folder + "frame_%03d." + folderFormat.rawValue))
        }
        switch OutputPath.pathExtension(argument).lowercased() {
        case "gif": return .gif(path: argument)
        case "png": return .png(path: argument)
        case "mp4": return .video(path: argument, container: .mp4)
        case "webm": return .video(path: argument, container: .webm)
        case "webp": return .webp(path: argument)
        case "html", "htm": return .html(path: argument)
        case "svg": return .svg(path: argument)
        case "pdf": return .pdf(path: argument)
        case "" where stat(argument, &info) == 0 && info.st_mode & S_IFMT != S_IFREG:
            throw AnimationError.badOutput(
                argument, "is a device or pipe; render writes files: name a .gif, a .png, a folder or a pattern")
        case "":
            throw AnimationError.badOutput(
                argument, "give a .gif, a .png, a .svg, a .pdf, a video (.mp4, .webm), a .webp, a .html, a folder (ending in /) or a pattern such as out/f_%04d.png")
        case let other:
            throw AnimationError.badOutput(argument, "unknown extension '.\(other)' (use .gif, .png, .svg, .pdf, .mp4, .webm, .webp or .html)")
        }
    }
}

/// A file name pattern with exactly one integer conversion (`%d`, `%3d`, `%04d`); `%%` is a literal `%`.
public struct FramePattern: Equatable, Sendable {
    /// The text before and after the conversion, with `%%` already turned into `%`.
    public let prefix: String
    /// The text after the conversion, `%%` already turned into `%`.
    public let suffix: String
    /// The minimum number of digits, and whether to pad with zeros (else spaces).
    public let width: Int
    /// Whether the number is padded with zeros (`%04d`) rather than spaces (`%4d`).
    public let zeroPad: Bool
    /// The pattern as given, for messages.
    public let original: String

    /// `text` with each `%%` turned into `%`, when it holds no other `%` (no conversion): a plain name.
    static func literal(_ text: String) -> String? {
        var out = ""
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            guard c == "%" else { out.append(c); continue }
            guard chars.popFirst() == "%" else { return nil }
            out.append("%")
        }
        return out
    }

    /// Parses `pattern`.
    ///
    /// - Throws: `AnimationError.badOutput` for no conversion or more than one, a conversion other than
    ///   `%d`, `%Nd` or `%0Nd`, a width over 12 digits, or a conversion in a folder's name.
    public init(_ pattern: String) throws {
        var prefix = ""
        var suffix = ""
        var width = 0
        var zeroPad = false
        var found = false
        var chars = Array(pattern)[...]
        while let c = chars.popFirst() {
            guard c == "%" else {
                if found { suffix.append(c) } else { prefix.append(c) }
                continue
            }
            if chars.first == "%" {
                chars.removeFirst()
                if found { suffix.append("%") } else { prefix.append("%") }
                continue
            }
            guard !found else {
                throw AnimationError.badOutput(pattern, "a frame pattern may hold only one %d")
            }
            if chars.first == "0" {
                zeroPad = true
                chars.removeFirst()
            }
            var digits = ""
            while let d = chars.first, d.isASCII, d.isNumber {
                digits.append(d)
                chars.removeFirst()
            }
            guard chars.popFirst() == "d" else {
                throw AnimationError.badOutput(pattern, "only %d, %Nd and %0Nd are understood in a frame pattern (write %% for a literal %)")
            }
            width = Int(digits) ?? 0
            guard width <= 12 else { throw AnimationError.badOutput(pattern, "a field width over 12 digits") }
            found = true
        }
        guard found else { throw AnimationError.badOutput(pattern, "a frame pattern needs a %d") }
        guard !suffix.contains("/") else {
            throw AnimationError.badOutput(pattern, "the %d must be in the file name, not in a folder name")
        }
        self.prefix = prefix
        self.suffix = suffix
        self.width = width
        self.zeroPad = zeroPad
        self.original = pattern
    }

    /// The path for frame `number`.
    public func path(for number: Int) -> String {
        var digits = String(number)
        if digits.count < width {
            digits = String(repeating: zeroPad ? "0" : " ", count: width - digits.count) + digits
        }
        return prefix + digits + suffix
    }

    /// The folder the files go into ("." when the pattern has none).
    public var directory: String {
        OutputPath.folder(of: prefix)
    }

    /// Whether `name` (a file name in `directory`) is one this pattern makes for some number.
    public func matches(fileName name: String) -> Bool {
        let head = OutputPath.split(prefix).name
        guard name.hasPrefix(head), name.hasSuffix(suffix), name.count > head.count + suffix.count else {
            return false
        }
        var middle = name.dropFirst(head.count).dropLast(suffix.count)
        guard middle.count >= width else { return false }
        if !zeroPad { middle = middle.drop { $0 == " " } }
        return !middle.isEmpty && middle.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
