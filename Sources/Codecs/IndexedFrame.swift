import Raster

/// One frame ready for LZW: the rectangle it covers, an index per pixel, and how it is shown.
///
/// This is the typed value between the frame encoder (difference, palette, indices) and the GIF
/// writer (giflib), which only copies it into the file.
struct IndexedFrame {
    var rect: PixelRect
    /// `rect.width * rect.height` indices, row-major.
    var indices: [UInt8]
    /// nil: the frame uses the global palette.
    var localPalette: GIFPalette?
    /// The transparent index in the palette the frame uses, or nil.
    var transparentIndex: Int?
    /// GIF disposal method: 1 leaves the frame in place, 2 restores its rectangle to the background.
    var disposal: Int = 1
    /// How long the frame shows (merged frames add up).
    var duration: Duration
    /// `indices` already compressed (the frame encoder's planner emits giflib's codes), or nil for
    /// giflib to compress them.
    var compressed: LZWData?

    /// Grows the rectangle to `larger` (which contains it), filling the new area with the transparent
    /// index so what is shown does not change. Needs a transparent index.
    mutating func enlarge(to larger: PixelRect) {
        guard larger != rect, let t = transparentIndex else { return }
        var grown = [UInt8](repeating: UInt8(t), count: larger.width * larger.height)
        for row in 0..<rect.height {
            let from = row * rect.width
            let to = (rect.y0 - larger.y0 + row) * larger.width + (rect.x0 - larger.x0)
            grown.replaceSubrange(to..<(to + rect.width), with: indices[from..<(from + rect.width)])
        }
        indices = grown
        rect = larger
        // The stream of the smaller rectangle no longer fits: giflib compresses the grown one.
        compressed = nil
    }
}
