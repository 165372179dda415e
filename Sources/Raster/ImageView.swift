/// A read-only rectangular window onto an image, sharing its storage (no pixels are copied).
///
/// Coordinates inside the view start at its own top-left corner. Made by `Image.view(_:)`, which
/// clips the rectangle to the image and refuses an empty one, so a view always holds at least one
/// pixel. For drawing into part of an image, set `Canvas.clip` instead.
public struct ImageView: Sendable {
    /// The image viewed (its storage is shared, not copied).
    public let image: Image
    /// The window in the image's coordinates; never empty, always inside the image.
    public let rect: PixelRect

    /// Width of the window in pixels, at least 1.
    public var width: Int { rect.width }
    /// Height of the window in pixels, at least 1.
    public var height: Int { rect.height }

    /// The pixel at (x, y) of the view; both must be in range.
    public subscript(x: Int, y: Int) -> RGBA8 {
        image[rect.x0 + x, rect.y0 + y]
    }

    /// Row `y` of the view: `4 · width` bytes, R G B A per pixel.
    public func row(_ y: Int) -> ArraySlice<UInt8> {
        let start = ((rect.y0 + y) * image.width + rect.x0) * 4
        return image.pixels[start..<(start + rect.width * 4)]
    }

    /// The view's pixels as an image of their own.
    public func copy() throws(RasterError) -> Image {
        try image.cropped(to: rect)
    }
}

extension Image {
    /// A view of `rect` ∩ image.
    ///
    /// - Throws: `RasterError.invalidSize` when that intersection is empty.
    public func view(_ rect: PixelRect) throws(RasterError) -> ImageView {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { throw RasterError.invalidSize(width: r.width, height: r.height) }
        return ImageView(image: self, rect: r)
    }
}
