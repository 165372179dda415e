/// The height and width of the images a data matrix holds, one image per row.
///
/// A row of `height × width` values is an image in row-major order: pixel (y, x) is column
/// `y * width + x`, as numpy's `reshape(height, width)` reads it. NMF then learns basis images (the rows
/// of H) that are parts of those images (Lee & Seung, Nature 1999). Sides are capped at `maximumSide`:
/// a CSV with more columns than that squared is not image data this tool can draw.
public struct ImageShape: Sendable, Hashable, CustomStringConvertible {
    /// Rows of pixels (≥ 1).
    public let height: Int
    /// Pixels per row (≥ 1).
    public let width: Int

    /// The largest side accepted.
    public static let maximumSide = 4096

    /// The 8×8 hand-written digits.
    public static let digits = ImageShape(validHeight: 8, width: 8)

    /// A shape of `height` rows of `width` pixels.
    ///
    /// - Throws: `NMFError.invalidImageShape` unless both sides are in 1…`maximumSide`.
    public init(height: Int, width: Int) throws {
        guard (1...Self.maximumSide).contains(height), (1...Self.maximumSide).contains(width) else {
            throw NMFError.invalidImageShape("\(height)x\(width)")
        }
        self.init(validHeight: height, width: width)
    }

    /// Reads `HxW` (e.g. `8x8`, `64X48`): height first, as numpy's shapes.
    ///
    /// - Throws: `NMFError.invalidImageShape` for anything else.
    public init(parsing text: String) throws {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let height = Int(parts[0]), let width = Int(parts[1]) else {
            throw NMFError.invalidImageShape(text)
        }
        do {
            try self.init(height: height, width: width)
        } catch {
            throw NMFError.invalidImageShape(text)
        }
    }

    private init(validHeight height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// The number of pixels, which is the number of columns the data must have.
    public var pixelCount: Int { height * width }

    /// `HxW`, as the option is written.
    public var description: String { "\(height)x\(width)" }

    /// Checks that `data` has one column per pixel.
    ///
    /// - Parameters:
    ///   - data: the matrix whose rows should be images of this shape.
    ///   - source: how the error names the data (a file path or a data set name).
    /// - Throws: `NMFError.imageShapeMismatch` otherwise.
    public func check(_ data: Matrix, source: String) throws {
        guard data.columns == pixelCount else {
            throw NMFError.imageShapeMismatch(source: source, shape: description, pixels: pixelCount,
                                              columns: data.columns)
        }
    }
}
