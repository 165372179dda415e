/// How `PNGEncoder` writes an image.
///
/// The defaults were chosen by measuring matplotlib-like plot frames (see the note at the top of
/// PNGEncoder.swift): they give files no larger than matplotlib's own savefig output in a few
/// milliseconds.
public struct PNGOptions: Sendable, Equatable {
    /// Which PNG colour type to write.
    public enum ColorMode: Sendable, Equatable {
        /// An 8-bit (or smaller) palette when the image has at most 256 distinct RGBA colours, else RGB
        /// when every pixel is opaque, else RGBA. Always lossless.
        case automatic
        /// Always 8-bit RGBA.
        case rgba
    }

    /// The row filter libpng applies before compression (ignored for palette images, which use none,
    /// as the PNG specification recommends).
    public enum Filter: Sendable, Equatable {
        /// One filter for every row: none, the difference from the pixel to the left (sub), above (up), their
        /// mean (average), or the Paeth predictor.
        case none, sub, up, average, paeth
        /// libpng's per-row heuristic over all five filters: smallest files, slowest.
        case adaptive
    }

    /// The zlib strategy (see zlib's deflateInit2).
    public enum Strategy: Sendable, Equatable {
        /// zlib's `Z_DEFAULT_STRATEGY`, `Z_FILTERED`, `Z_HUFFMAN_ONLY` and `Z_RLE`.
        case standard, filtered, huffmanOnly, runLength
    }

    /// A tEXt chunk: a Latin-1 keyword of 1…79 characters (e.g. "Software") and its text.
    public struct TextChunk: Sendable, Equatable {
        /// The keyword: 1…79 Latin-1 characters, e.g. "Software", "Title".
        public var key: String
        /// The text, in Latin-1.
        public var value: String
        /// A chunk with this keyword and text (checked when encoding).
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Which colour type to write; `.automatic` picks the smallest lossless one.
    public var colorMode: ColorMode = .automatic
    /// zlib level, 0 (store) … 9 (smallest).
    public var compressionLevel: Int = 5
    /// The row filter for RGB and RGBA images; none by default, which suits flat plot backgrounds.
    public var filter: Filter = .none
    /// zlib's strategy; `.standard` is zlib's default.
    public var strategy: Strategy = .standard
    /// Written as a pHYs chunk so that documents place the image at its true size; nil writes none.
    public var dotsPerInch: Double? = nil
    /// tEXt chunks, written before the image data.
    public var text: [TextChunk] = []

    /// Options with the measured defaults unless given; they are checked when encoding.
    public init(
        colorMode: ColorMode = .automatic, compressionLevel: Int = 5, filter: Filter = .none,
        strategy: Strategy = .standard, dotsPerInch: Double? = nil, text: [TextChunk] = []
    ) {
        self.colorMode = colorMode
        self.compressionLevel = compressionLevel
        self.filter = filter
        self.strategy = strategy
        self.dotsPerInch = dotsPerInch
        self.text = text
    }

    /// Checks every option, naming the first one out of range.
    func validate() throws {
        guard (0...9).contains(compressionLevel) else {
            throw CodecsError.invalidOption(
                name: "PNG compression level", value: String(compressionLevel), allowed: "must be 0…9")
        }
        if let dpi = dotsPerInch {
            guard dpi.isFinite, dpi > 0, dpi / 0.0254 < Double(Int32.max) else {
                throw CodecsError.invalidOption(
                    name: "PNG resolution", value: "\(dpi) dpi", allowed: "must be a positive number of dots per inch")
            }
        }
        for chunk in text {
            let scalars = chunk.key.unicodeScalars
            guard (1...79).contains(scalars.count),
                scalars.allSatisfy({ (32...126).contains($0.value) || (161...255).contains($0.value) }),
                scalars.first != " ", scalars.last != " "
            else {
                throw CodecsError.invalidOption(
                    name: "PNG text keyword", value: "\"\(chunk.key)\"",
                    allowed: "must be 1…79 printable Latin-1 characters without leading or trailing spaces")
            }
            guard chunk.value.unicodeScalars.allSatisfy({ $0.value < 256 && $0.value != 0 }) else {
                throw CodecsError.invalidOption(
                    name: "PNG text for \(chunk.key)", value: "\"\(chunk.value)\"",
                    allowed: "tEXt holds Latin-1 characters only")
            }
        }
    }
}
