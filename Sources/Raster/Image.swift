/// An 8-bit sRGB colour with straight (not premultiplied) alpha.
public struct RGBA8: Sendable, Hashable {
    /// Red, 0–255 (sRGB, not premultiplied).
    public var r: UInt8
    /// Green, 0–255 (sRGB, not premultiplied).
    public var g: UInt8
    /// Blue, 0–255 (sRGB, not premultiplied).
    public var b: UInt8
    /// Alpha, 0 (transparent) – 255 (opaque).
    public var a: UInt8

    /// The colour with these channels; opaque unless `a` is given.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// Opaque white.
    public static let white = RGBA8(255, 255, 255)
    /// Opaque black.
    public static let black = RGBA8(0, 0, 0)
    /// Transparent black (all four channels 0), the colour `Colormap` gives NaN.
    public static let clear = RGBA8(0, 0, 0, 0)
}

/// The old name of the Raster module's error type, kept so `ImageError.invalidSize` still works.
public typealias ImageError = RasterError

/// An 8-bit sRGB RGBA image, row-major, straight alpha: 4 bytes per pixel, no row padding.
///
/// A zero-sized image cannot be made: the initializer throws instead. The length of `pixels` is
/// always `width * height * 4` (tiny-skia's `Pixmap` model): the array can be read, its bytes changed
/// in place through `withUnsafeMutablePixels`, but it cannot be replaced by one of another length —
/// the unsafe kernels of Raster, Codecs and Animation rely on that.
public struct Image: Sendable, Equatable {
    /// Width in pixels, at least 1.
    public let width: Int
    /// Height in pixels, at least 1.
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A of the pixel at (x, y) start at `(y * width + x) * 4`.
    public internal(set) var pixels: [UInt8]

    /// An image over existing bytes.
    ///
    /// - Throws: `RasterError.invalidSize` for a zero or negative size, or `pixels` whose length is
    ///   not `width * height * 4`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(RasterError) {
        guard width > 0, height > 0 else { throw RasterError.invalidSize(width: width, height: height) }
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, count <= Int.max / 4, pixels.count == count * 4 else {
            throw RasterError.invalidSize(width: width, height: height)
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Calls `body` with the bytes, which it may change but not resize.
    public mutating func withUnsafeMutablePixels<R>(
        _ body: (inout UnsafeMutableBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        try pixels.withUnsafeMutableBufferPointer(body)
    }

    /// An image of one colour.
    ///
    /// - Throws: `RasterError.invalidSize` for a zero or negative size, or one too large to count.
    public init(width: Int, height: Int, fill: RGBA8 = .white) throws(RasterError) {
        guard width > 0, height > 0 else { throw RasterError.invalidSize(width: width, height: height) }
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, count <= Int.max / 4 else { throw RasterError.invalidSize(width: width, height: height) }
        self.width = width
        self.height = height
        self.pixels = [UInt8](unsafeUninitializedCapacity: count * 4) { buffer, initialized in
            for i in 0..<count {
                buffer[4 * i] = fill.r
                buffer[4 * i + 1] = fill.g
                buffer[4 * i + 2] = fill.b
                buffer[4 * i + 3] = fill.a
            }
            initialized = count * 4
        }
    }

    /// The pixel at column `x`, row `y` (row 0 at the top). Both must be in range.
    public subscript(x: Int, y: Int) -> RGBA8 {
        get {
            let i = (y * width + x) * 4
            return RGBA8(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
            pixels[i + 3] = newValue.a
        }
    }
}
