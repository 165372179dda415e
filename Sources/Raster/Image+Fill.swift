extension Image {
    /// The whole image as a rectangle.
    public var bounds: PixelRect { PixelRect(x0: 0, y0: 0, x1: width, y1: height) }

    /// Sets every pixel of `rect` ∩ image (the whole image when nil) to `color`, without blending.
    public mutating func fill(_ color: RGBA8, in rect: PixelRect? = nil) {
        let r = rect.map { $0.intersection(bounds) } ?? bounds
        guard !r.isEmpty else { return }
        let width = self.width
        if r == bounds {
            // The whole image: new storage instead of writing into the old. A frame handed on (to an
            // encoder that keeps it as its last frame) shares the old storage, which writing into
            // would first copy whole (1.8 MB for each 1000×450 frame) only to overwrite it.
            let count = pixels.count
            pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                if let base = buffer.baseAddress {
                    Image.fill(UnsafeMutableRawPointer(base), width: width, rect: r, color: color)
                }
                initialized = count
            }
            return
        }
        pixels.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            Image.fill(base, width: width, rect: r, color: color)
        }
    }

    /// Fills `rect` of the RGBA8 pixels at `base` (`width` pixels a row, 4-byte aligned) with `color`.
    private static func fill(_ base: UnsafeMutableRawPointer, width: Int, rect r: PixelRect, color: RGBA8) {
        if color.r == color.g && color.g == color.b && color.b == color.a && r.x0 == 0 && r.x1 == width {
            // One memset for whole rows of a grey-level colour such as white or transparent black.
            (base + r.y0 * width * 4).initializeMemory(as: UInt8.self, repeating: color.r, count: r.height * width * 4)
            return
        }
        // Pixels are 4-byte aligned in the array's storage, so whole-pixel words can be stored.
        let word = UInt32(color.r) | UInt32(color.g) << 8 | UInt32(color.b) << 16 | UInt32(color.a) << 24
        let words = base.assumingMemoryBound(to: UInt32.self)
        let value = UInt32(littleEndian: word)
        for y in r.y0..<r.y1 {
            (words + y * width + r.x0).update(repeating: value, count: r.width)
        }
    }

    /// A copy of the pixels inside `rect` ∩ image as a new image.
    ///
    /// - Throws: `ImageError.invalidSize` when the intersection is empty.
    public func cropped(to rect: PixelRect) throws(RasterError) -> Image {
        let r = rect.intersection(bounds)
        var out = try Image(width: r.width, height: r.height, fill: .clear)
        for y in 0..<r.height {
            let source = ((r.y0 + y) * width + r.x0) * 4
            let target = y * r.width * 4
            out.pixels.replaceSubrange(target..<(target + r.width * 4), with: pixels[source..<(source + r.width * 4)])
        }
        return out
    }
}
