/// A frame's compressed image data as GIF stores it: LZW codes packed least significant bit first,
/// cut into data sub-blocks of at most 255 bytes, each preceded by its length (the terminating empty
/// block is not included).
///
/// Made by `LZWCodeWriter` from the codes `LZWPlanner` emits, which are the codes giflib's
/// `EGifPutLine` emits for the same indices: the bytes are those giflib would write.
struct LZWData: Equatable {
    /// GIF's LZW minimum code size: the colour table's bits per pixel, at least 2.
    let minimumCodeSize: Int
    /// The sub-blocks, each a length byte (1…255) followed by that many bytes.
    let blocks: [UInt8]
}
