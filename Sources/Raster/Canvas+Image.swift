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

extension Canvas {
    /// Composites `source` scaled to `rect` nearest-neighbour over the canvas, clipped: opaque pixels
    /// replace the canvas's, transparent ones leave it, others blend source-over (`Compositor`).
    public mutating func drawImageOver(_ source: Image, in rect: PixelRect, clip: PixelRect?) {
        let region = rect.intersection(effectiveClip(clip))
        guard !region.isEmpty else { return }
        inkBounds = inkBounds.union(region)
        let sourceWidth = source.width, sourceHeight = source.height, width = image.width
        let columnMap = (region.x0..<region.x1).map { ($0 - rect.x0) * sourceWidth / rect.width }
        source.pixels.withUnsafeBufferPointer { from in
            columnMap.withUnsafeBufferPointer { columnOf in
                image.withUnsafeMutablePixels { to in
                    // In range: region lies inside the canvas and inside rect (as in `copyNearest`).
                    guard let base = to.baseAddress, let src = from.baseAddress else { return }
                    for y in region.y0..<region.y1 {
                        let sourceRow = src + 4 * (((y - rect.y0) * sourceHeight / rect.height) * sourceWidth)
                        let out = base + 4 * (y * width + region.x0)
                        for i in 0..<columnOf.count {
                            let s = sourceRow + 4 * columnOf[i], d = out + 4 * i
                            let a = s[3]
                            if a == 255 {
                                d[0] = s[0]; d[1] = s[1]; d[2] = s[2]; d[3] = 255
                            } else if a != 0 {
                                Compositor.blend(d, r: Float(s[0]), g: Float(s[1]), b: Float(s[2]), alpha: Float(a) / 255)
                            }
                        }
                    }
                }
            }
        }
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
