/// 32-bit pixels read as keys: colour with alpha 255, or 0 for alpha below 128.
struct Keys {
    let raw: UnsafeBufferPointer<UInt32>

    @inline(__always)
    static func key(_ v: UInt32) -> UInt32 {
        v >> 24 < 128 ? 0 : v | 0xFF00_0000
    }

    @inline(__always)
    subscript(i: Int) -> UInt32 { Keys.key(raw[i]) }

    /// Calls `body` with the keys of RGBA8 `pixels` (read as little-endian words).
    static func with<R>(_ pixels: [UInt8], _ body: (Keys) -> R) -> R {
        pixels.withUnsafeBytes { bytes in
            bytes.withMemoryRebound(to: UInt32.self) { body(Keys(raw: $0)) }
        }
    }
}
