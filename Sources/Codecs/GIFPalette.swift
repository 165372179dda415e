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
