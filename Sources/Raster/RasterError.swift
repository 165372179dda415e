/// Everything that can go wrong in the Raster module, each case carrying what a user needs to fix it.
public enum RasterError: Error, Equatable, CustomStringConvertible {
    /// Width or height is zero, negative, or the pixel count overflows.
    case invalidSize(width: Int, height: Int)
    /// No colormap has this name; `valid` lists the names that exist.
    case unknownColormap(name: String, valid: [String])
    /// A normalization needs finite limits with vmin ≤ vmax.
    case invalidNormalization(vmin: Double, vmax: Double)
    /// A text size or resolution is not a positive finite number.
    case invalidTextSize(points: Double, dpi: Double)
    /// A FreeType call failed with this error code.
    case freeType(function: String, code: Int32)

    /// One line for the user, naming the value that was wrong.
    public var description: String {
        switch self {
        case let .invalidSize(width, height):
            return "invalid image size \(width)×\(height): both sides must be at least 1 px"
        case let .unknownColormap(name, valid):
            return "unknown colormap '\(name)'; valid names: \(valid.joined(separator: ", "))"
        case let .invalidNormalization(vmin, vmax):
            return "invalid normalization: need finite vmin ≤ vmax, got vmin \(vmin), vmax \(vmax)"
        case let .invalidTextSize(points, dpi):
            return "invalid text size \(points) pt at \(dpi) dpi: both must be positive and finite"
        case let .freeType(function, code):
            return "FreeType error \(code) in \(function)"
        }
    }
}
