/// A rectangle of pixels on the animation's canvas.
struct PixelRect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The smallest rectangle holding both (an empty one is ignored).
    func union(_ other: PixelRect) -> PixelRect {
        if isEmpty { return other }
        if other.isEmpty { return self }
        let x0 = min(x, other.x), y0 = min(y, other.y)
        let x1 = max(x + width, other.x + other.width), y1 = max(y + height, other.y + other.height)
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

/// A palette as it is written: opaque colours, then (when there is room) one transparent entry.
struct GIFPalette: Equatable {
    /// Packed `r | g << 8 | b << 16 | 0xFF << 24`, at most 256 (255 when `transparentIndex` is set).
    var colors: [UInt32]
    /// The index that shows what is beneath, `colors.count`, or nil when the palette is full.
    var transparentIndex: Int? { colors.count < 256 ? colors.count : nil }
    /// Entries in the colour table: the next power of two ≥ colours + transparent entry, at least 2.
    var tableSize: Int {
        var size = 2
        while size < colors.count + (transparentIndex == nil ? 0 : 1) { size *= 2 }
        return size
    }
}

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

    /// Grows the rectangle to `larger` (which contains it), filling the new area with the transparent
    /// index so what is shown does not change. Needs a transparent index.
    mutating func enlarge(to larger: PixelRect) {
        guard larger != rect, let t = transparentIndex else { return }
        var grown = [UInt8](repeating: UInt8(t), count: larger.width * larger.height)
        for row in 0..<rect.height {
            let from = row * rect.width
            let to = (rect.y - larger.y + row) * larger.width + (rect.x - larger.x)
            grown.replaceSubrange(to..<(to + rect.width), with: indices[from..<(from + rect.width)])
        }
        indices = grown
        rect = larger
    }
}
