import Foundation

/// What went wrong in setting up or running an animation, in words for the person who typed the command.
///
/// Messages name the library's fields ("the frame count", "the columns"), never a command-line flag:
/// `description(naming:)` lets a front end put its own names (`--frames`, `--columns`) in their place.
public enum AnimationError: Error, Equatable, CustomStringConvertible {
    /// The value of a visualization that an error is about.
    public enum Field: String, Sendable, CaseIterable {
        /// The output path, the frame count and step, an iteration, the rank, the data rows shown, the data
        /// columns plotted, the panels, the filmstrip's iterations, the figure size, the title, the comparison.
        case output, frameCount, frameStep, iteration, rank, samples, columns, panels, filmstrip, figureSize, title, comparison, points

        /// The field in words: "the frame count".
        public var words: String {
            switch self {
            case .output: return "the output"
            case .frameCount: return "the frame count"
            case .frameStep: return "the frame step"
            case .iteration: return "the iteration"
            case .rank: return "the rank"
            case .samples: return "the number of samples"
            case .columns: return "the columns"
            case .panels: return "the panels"
            case .filmstrip: return "the filmstrip's iterations"
            case .figureSize: return "the figure size"
            case .title: return "the title"
            case .comparison: return "the comparison"
            case .points: return "the points"
            }
        }
    }

    /// The output path could not be understood: the argument and the reason.
    case badOutput(String, String)
    /// The image would exceed the size limit (`ImageLimits`).
    case imageTooLarge(width: Int, height: Int)
    /// A figure size, dpi or scale that is not a positive finite number.
    case badFigureSize(String)
    /// A count, iteration or step that must be at least 1 (0 for an iteration).
    case notPositive(Field, value: Int)
    /// The frames would need more iterations than `FrameSchedule.maximumIteration`.
    case tooManyIterations(last: Int)
    /// A value that cannot be drawn as asked: the field, what was given, and why.
    case badValue(Field, given: String, reason: String)
    /// A file or folder could not be written: the path and the system's reason.
    case cannotWrite(path: String, reason: String)
    /// A request that needs more memory than there is, refused before allocating.
    case outOfMemory(what: String, needed: Double, available: Double)
    /// An output larger than the free space of its file system, refused before writing.
    case outOfSpace(path: String, what: String, needed: Double, available: Double)
    /// A `ProgressReporter` asked the run to stop; what it had written was removed.
    case stopped

    /// The field the error is about, if it is about one.
    public var field: Field? {
        switch self {
        case .badOutput: return .output
        case let .notPositive(field, _), let .badValue(field, _, _): return field
        case .badFigureSize, .imageTooLarge: return .figureSize
        default: return nil
        }
    }

    /// The message with each field called by its plain words (the library's names, not flags).
    public var description: String { description(naming: \.words) }

    /// The message with each field called by `name` (a command line passes its flags).
    public func description(naming name: (Field) -> String) -> String {
        switch self {
        case let .outOfMemory(what, needed, available):
            return "\(what) need about \(MemoryBudget.format(needed)) but only \(MemoryBudget.format(available)) "
                + "is available (ulimit, cgroup or RAM): make the figure smaller"
        case let .outOfSpace(path, what, needed, available):
            return "\(path): \(what) would take about \(MemoryBudget.format(needed)) but its file system has "
                + "\(MemoryBudget.format(available)) free: write fewer iterations or send it to standard output"
        case .stopped:
            return "stopped before the end; the partial output was removed"
        case let .badOutput(argument, reason):
            return "\(name(.output)) '\(argument)': \(reason)"
        case let .imageTooLarge(width, height):
            return "an image of \(width)×\(height) px is over the limit of \(ImageLimits.maxSide) px a side "
                + "and \(ImageLimits.maxPixels / 1_000_000) megapixels"
        case let .badFigureSize(what):
            return what
        case let .notPositive(field, value):
            return "\(name(field)) must be at least \(field == .iteration ? 0 : 1), not \(value)"
        case let .tooManyIterations(last):
            return "the frames would go up to iteration \(last), past the limit of \(FrameSchedule.maximumIteration)"
        case let .badValue(field, given, reason):
            return given.isEmpty ? "\(name(field)): \(reason)" : "\(name(field)) \(given): \(reason)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

/// The largest image nmfviz agrees to make, so that a typo in a size cannot exhaust memory.
public enum ImageLimits {
    /// The longest side accepted, in pixels.
    public static let maxSide = 16_384
    /// The most pixels accepted (width × height): 256 megapixels, 1 GB of RGBA.
    public static let maxPixels = 256_000_000

    /// Throws `AnimationError.imageTooLarge` unless width × height is within the limits.
    public static func check(width: Int, height: Int) throws {
        guard width >= 1, height >= 1, width <= maxSide, height <= maxSide, width * height <= maxPixels else {
            throw AnimationError.imageTooLarge(width: width, height: height)
        }
    }

    /// The same check for sizes still in floating point (inches × dpi × scale), before any conversion to
    /// `Int` — which would trap on a huge, infinite or NaN product of a user's options.
    public static func check(width: Double, height: Double) throws {
        let size = "\(format(width))×\(format(height)) px"
        guard width >= 1, height >= 1 else {
            throw AnimationError.badFigureSize("an image of \(size) is too small: it needs at least 1 px a side")
        }
        guard width.isFinite, height.isFinite, width <= Double(maxSide), height <= Double(maxSide),
              width * height <= Double(maxPixels) else {
            throw AnimationError.badFigureSize(
                "an image of \(size) is over the limit of \(maxSide) px a side and \(maxPixels / 1_000_000) megapixels")
        }
        try check(width: saturated(width), height: saturated(height))
    }

    /// A pixel count as a user reads it: 1000, 0.5 or 1e+300.
    private static func format(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        if v == v.rounded(.towardZero) && abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.3g", v)
    }

    /// `v` truncated to an `Int`, or the largest `Int` for anything beyond (or not a number).
    private static func saturated(_ v: Double) -> Int {
        v.isFinite && v < 9e18 ? Int(max(v, -9e18)) : Int.max
    }
}
