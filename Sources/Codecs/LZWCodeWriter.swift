/// Packs LZW codes into bytes and sub-blocks exactly as giflib 5's `EGifCompressOutput` and
/// `EGifBufferedOutput` do.
///
/// Codes start one bit wider than the minimum code size; after a code is written, the width grows
/// by one bit when the next code to be assigned (`running`) no longer fits, up to 12 bits (giflib's
/// rule, checked after the code that is written, before the dictionary entry it implies is added).
/// `restart` goes back to the first width after a clear code.
struct LZWCodeWriter {
    let minimumCodeSize: Int
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var pending = 0
    private var width: Int
    private var limit: Int

    /// - Parameter minimumCodeSize: 2…8.
    init(minimumCodeSize: Int) {
        self.minimumCodeSize = minimumCodeSize
        width = minimumCodeSize + 1
        limit = 1 << width
        bytes.reserveCapacity(4096)
    }

    /// Writes `code` at the current width, then widens if `running` (the next code the dictionary
    /// will assign) has reached the width's limit.
    @inline(__always)
    mutating func put(_ code: Int, running: Int) {
        buffer |= UInt64(code) << UInt64(pending)
        pending += width
        while pending >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            pending -= 8
        }
        if running >= limit && width < 12 {
            width += 1
            limit <<= 1
        }
    }

    /// Back to the first width, after a clear code.
    mutating func restart() {
        width = minimumCodeSize + 1
        limit = 1 << width
    }

    /// The bytes so far with the last partial byte, cut into sub-blocks.
    func finish() -> LZWData {
        var packed = bytes
        var rest = buffer, left = pending
        while left > 0 {
            packed.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
            left -= 8
        }
        var blocks: [UInt8] = []
        blocks.reserveCapacity(packed.count + packed.count / 255 + 1)
        var start = 0
        while start < packed.count {
            let end = min(packed.count, start + 255)
            blocks.append(UInt8(end - start))
            blocks.append(contentsOf: packed[start..<end])
            start = end
        }
        return LZWData(minimumCodeSize: minimumCodeSize, blocks: blocks)
    }
}
