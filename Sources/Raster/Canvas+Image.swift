extension Canvas {
    /// Copies `source` into `rect` nearest-neighbour (see `DrawingSurface.drawImage`), clipped to the
    /// canvas: its pixels replace the canvas's, with no blending.
    public mutating func drawImage(_ source: Image, in rect: PixelRect, clip: PixelRect?) {
        let region = rect.intersection(effectiveClip(clip))
        guard !region.isEmpty else { return }
        inkBounds = inkBounds.union(region)
        image.copyNearest(source, into: rect, clip: region)
    }
}

extension Image {
    /// Copies `source` scaled to `rect` nearest-neighbour into this image, only inside `clip`: the
    /// pixel (x, y) of `rect` takes the source's column ⌊(x − x0)·source.width / rect.width⌋, row
    /// likewise. No blending.
    ///
    /// The per-pixel loop only reads a precomputed column map and copies four bytes; the rectangle is
    /// clipped to the image once up front, so every index stays in range.
    public mutating func copyNearest(_ source: Image, into rect: PixelRect, clip: PixelRect? = nil) {
        let clipped = rect.intersection(clip ?? bounds).intersection(bounds)
        guard !clipped.isEmpty else { return }
        let sourceWidth = source.width, sourceHeight = source.height
        let columnMap = (clipped.x0..<clipped.x1).map { ($0 - rect.x0) * sourceWidth / rect.width }
        // Pixels are 4-byte aligned in an image's storage, so whole pixels are copied as words.
        source.pixels.withUnsafeBytes { from in
            columnMap.withUnsafeBufferPointer { columnOf in
                pixels.withUnsafeMutableBytes { to in
                    // In range: clipped lies inside the image and inside rect, so columnOf < source
                    // width and the source row < its height.
                    guard let base = to.baseAddress?.assumingMemoryBound(to: UInt32.self),
                          let src = from.baseAddress?.assumingMemoryBound(to: UInt32.self) else { return }
                    for y in clipped.y0..<clipped.y1 {
                        let rowStart = ((y - rect.y0) * sourceHeight / rect.height) * sourceWidth
                        assert(rowStart >= 0 && rowStart < sourceWidth * sourceHeight)
                        let sourceRow = src + rowStart
                        let out = base + (y * width + clipped.x0)
                        for i in 0..<columnOf.count {
                            out[i] = sourceRow[columnOf[i]]
                        }
                    }
                }
            }
        }
    }
}
