import CPNG
import Foundation
import Raster

/// Decodes PNG files to 8-bit straight RGBA `Image`s.
///
/// Every PNG colour type and bit depth is accepted: palettes and grey are expanded, 16-bit samples
/// scaled to 8 bits, missing alpha made opaque. No gamma correction is applied, so the samples are
/// those stored in the file, which is what comparing images pixel by pixel needs.
public struct PNGReader: Sendable {
    /// Images larger than this many pixels (2²⁶, e.g. 8192 × 8192) are refused before anything is
    /// allocated, so a corrupt or hostile header cannot make the reader ask for gigabytes.
    public static let maximumPixelCount = 1 << 26

    /// A reader; it holds no state, so one can be shared between threads.
    public init() {}

    /// Reads and decodes the PNG file at `path`.
    ///
    /// - Throws: `CodecsError.fileFailed` if it cannot be read, `CodecsError.pngDecodingFailed` with
    ///   libpng's message if it is not a valid PNG.
    public func read(path: String) throws -> Image {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CodecsError.fileFailed(path: path, operation: "read", message: Self.reason(error))
        }
        return try decode(data, path: path)
    }

    /// Decodes PNG bytes; `path`, when given, is named in errors.
    ///
    /// - Throws: `CodecsError.pngDecodingFailed` with libpng's message.
    public func decode(_ data: Data, path: String? = nil) throws -> Image {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Image in
            let bytes = raw.bindMemory(to: UInt8.self)
            var width: png_uint_32 = 0
            var height: png_uint_32 = 0
            var message = [CChar](repeating: 0, count: 256)
            guard nmfviz_png_decode_rgba8(bytes.baseAddress, bytes.count, &width, &height, nil, 0, &message, 256) == 1 else {
                throw CodecsError.pngDecodingFailed(path: path, message: String(message: message))
            }
            let count = Int(width) * Int(height)
            guard width > 0, height > 0, count <= Self.maximumPixelCount else {
                throw CodecsError.pngDecodingFailed(
                    path: path, message: "image of \(width)×\(height) px is larger than the reader accepts")
            }
            var image = try Image(width: Int(width), height: Int(height), fill: .clear)
            let ok = image.withUnsafeMutablePixels { pixels in
                nmfviz_png_decode_rgba8(
                    bytes.baseAddress, bytes.count, &width, &height, pixels.baseAddress, pixels.count, &message, 256)
            }
            guard ok == 1 else {
                throw CodecsError.pngDecodingFailed(path: path, message: String(message: message))
            }
            return image
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return AtomicFile.reason(Int32(underlying.code))
        }
        return nsError.localizedDescription
    }
}
