import CWebP
import Raster

/// Encodes one image as a still WebP (for the HTML player's frames).
public struct WebPImageEncoder: Sendable {
    /// Lossless or lossy, and libwebp's effort; `loop` does not apply to a still.
    public let options: WebPOptions

    /// An encoder with `options` (lossless by default); they are checked when encoding.
    public init(options: WebPOptions = WebPOptions()) {
        self.options = options
    }

    /// The WebP bytes of `image` (straight RGBA, alpha kept).
    ///
    /// - Throws: `CodecsError.invalidSize` beyond 16383 px a side, `.invalidOption`, `.webpFailed`.
    public func encode(_ image: Image) throws -> [UInt8] {
        guard (1...16383).contains(image.width), (1...16383).contains(image.height) else {
            throw CodecsError.invalidSize(width: image.width, height: image.height, limit: "WebP sides must be 1…16383 px")
        }
        try options.validate()
        var config = try options.makeConfig()
        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else {
            throw CodecsError.webpFailed(path: nil, message: "this libwebp does not match its headers")
        }
        picture.width = Int32(image.width)
        picture.height = Int32(image.height)
        picture.use_argb = 1
        defer { WebPPictureFree(&picture) }
        var writer = WebPMemoryWriter()
        WebPMemoryWriterInit(&writer)
        defer { WebPMemoryWriterClear(&writer) }
        let imported = image.pixels.withUnsafeBufferPointer {
            WebPPictureImportRGBA(&picture, $0.baseAddress, Int32(image.width * 4))
        }
        guard imported != 0 else { throw CodecsError.webpFailed(path: nil, message: "out of memory") }
        try withUnsafeMutablePointer(to: &writer) { writerPointer in
            picture.writer = WebPMemoryWrite
            picture.custom_ptr = UnsafeMutableRawPointer(writerPointer)
            guard WebPEncode(&config, &picture) != 0 else {
                throw CodecsError.webpFailed(path: nil, message: "libwebp error \(picture.error_code.rawValue)")
            }
        }
        return [UInt8](UnsafeBufferPointer(start: writer.mem, count: writer.size))
    }
}
