import Raster

/// The distinct colours of an image when there are few enough of them, and every pixel's index.
///
/// Found in one pass over the pixels read as little-endian `UInt32` (R in the low byte, A in the
/// high byte) through a small open-addressing table; a run of equal pixels, the common case in
/// plots, costs one comparison per pixel. The pass stops as soon as the limit is exceeded, so an
/// image with many colours costs little more than the first few rows.
struct ExactPalette {
    /// The colours in order of first appearance, packed as `r | g << 8 | b << 16 | a << 24`.
    var colors: [UInt32]
    /// One index into `colors` per pixel, row-major.
    var indices: [UInt8]

    /// Finds at most `limit` (1…256) distinct colours among `pixels`, or returns nil when there are more.
    ///
    /// - Precondition: `pixels` holds whole RGBA8 pixels (a multiple of 4 bytes); `limit` is in 1…256.
    static func find(in pixels: UnsafeRawBufferPointer, limit: Int) -> ExactPalette? {
        assert(pixels.count % 4 == 0)
        let count = pixels.count / 4
        guard count > 0, (1...256).contains(limit) else { return nil }
        var colors: [UInt32] = []
        colors.reserveCapacity(limit)
        // 1024 slots keep the load factor ≤ 1/4; 0xFFFF marks an empty slot.
        var keys = [UInt32](repeating: 0, count: 1024)
        var values = [UInt16](repeating: 0xFFFF, count: 1024)
        var indices = [UInt8](repeating: 0, count: count)
        let complete = pixels.withMemoryRebound(to: UInt32.self) { source -> Bool in
            indices.withUnsafeMutableBufferPointer { out -> Bool in
                keys.withUnsafeMutableBufferPointer { keys -> Bool in
                    values.withUnsafeMutableBufferPointer { values -> Bool in
                        var last = source[0] &+ 1  // differs from the first pixel
                        var lastIndex: UInt8 = 0
                        for i in 0..<count {
                            let c = source[i]
                            if c != last {
                                var slot = Int((c &* 0x9E37_79B1) >> 22)
                                while true {
                                    let v = values[slot]
                                    if v == 0xFFFF {
                                        if colors.count == limit { return false }
                                        values[slot] = UInt16(colors.count)
                                        keys[slot] = c
                                        lastIndex = UInt8(colors.count)
                                        colors.append(c)
                                        break
                                    }
                                    if keys[slot] == c {
                                        lastIndex = UInt8(v)
                                        break
                                    }
                                    slot = (slot + 1) & 1023
                                }
                                last = c
                            }
                            out[i] = lastIndex
                        }
                        return true
                    }
                }
            }
        }
        return complete ? ExactPalette(colors: colors, indices: indices) : nil
    }

    /// Reorders the palette so that colours with alpha below 255 come first (PNG's tRNS chunk then
    /// only lists those), rewriting the indices to match. Returns how many colours are not opaque.
    mutating func moveTranslucentFirst() -> Int {
        let translucent = colors.indices.filter { colors[$0] >> 24 != 255 }
        guard !translucent.isEmpty else { return 0 }
        let order = translucent + colors.indices.filter { colors[$0] >> 24 == 255 }
        var newIndex = [UInt8](repeating: 0, count: 256)
        for (new, old) in order.enumerated() { newIndex[old] = UInt8(new) }
        colors = order.map { colors[$0] }
        indices.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = newIndex[Int(buffer[i])] }
        }
        return translucent.count
    }
}
