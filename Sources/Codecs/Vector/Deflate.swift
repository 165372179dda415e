import CZlib

/// zlib's deflate in the zlib format, which is what a PDF `/FlateDecode` stream holds.
enum Deflate {
    /// `bytes` compressed at `level` (0–9).
    ///
    /// - Throws: `CodecsError.compressionFailed` with zlib's code if compression fails (only when zlib
    ///   runs out of memory: the output buffer is sized by `compressBound`).
    static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let code = out.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &size, source.baseAddress, uLong(source.count), level)
            }
        }
        guard code == Z_OK else { throw CodecsError.compressionFailed(code: Int(code)) }
        out.removeLast(out.count - Int(size))
        return out
    }
}
