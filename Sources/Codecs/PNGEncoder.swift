// PNG output through libpng's classic API, driven from the C shim (Sources/CPNG/shim.h) so that
// libpng's longjmp never crosses a Swift frame.
//
// Colour type: an image with at most 256 distinct RGBA colours becomes a palette image (1, 2, 4 or
// 8 bits per pixel, translucent entries first so tRNS stays short); otherwise RGB when opaque, else
// RGBA. Defaults were measured on the article's 50 frames at 1000×450 as matplotlib renders them
// (about 5,300 colours each, so RGB): medians per frame, release build, one core —
//   level 5, filter none: 3.9 ms, 41.2 KB      level 6, filter up:  4.9 ms, 45.0 KB
//   level 6, filter none: 4.6 ms, 41.0 KB      level 6, adaptive:   9.6 ms, 44.3 KB
//   level 6, RLE, up:     2.6 ms, 44.2 KB      level 9, filter up: 31.5 ms, 43.4 KB
// (matplotlib's own savefig: about 46 KB). Flat plot backgrounds favour no filter: the filters turn
// long runs of one colour into runs of zeros that deflate already finds on its own.
import CPNG
import Foundation
import Raster

/// Encodes an `Image` as PNG, to memory or atomically to a file.
///
/// Output is lossless whatever the options: the colour type only changes how pixels are stored.
public struct PNGEncoder: Sendable {
    /// Colour type, compression, filter and chunks; checked when encoding, not here.
    public var options: PNGOptions

    /// An encoder with `options` (by default: automatic colour type, zlib level 5, no filter).
    public init(options: PNGOptions = PNGOptions()) {
        self.options = options
    }

    /// The PNG file for `image`.
    ///
    /// - Throws: `CodecsError.invalidOption` for a bad option, `CodecsError.pngEncodingFailed` with
    ///   libpng's message if libpng refuses.
    public func encode(_ image: Image) throws -> Data {
        Data(try encodeBytes(image, path: nil))
    }

    /// Writes `image` as a PNG file at `path`, atomically: a temporary file beside it is renamed into
    /// place on success, and nothing is left at `path` on failure.
    ///
    /// - Throws: `CodecsError` naming `path` and the reason.
    public func write(_ image: Image, to path: String) throws {
        let bytes = try encodeBytes(image, path: path)
        try AtomicFile.write(bytes, to: path)
    }

    func encodeBytes(_ image: Image, path: String?) throws -> [UInt8] {
        try options.validate()
        // `pixels` is a public var: its length is checked before any unchecked read.
        guard image.pixels.count == image.width * image.height * 4 else {
            throw CodecsError.invalidSize(
                width: image.width, height: image.height, limit: "the image holds \(image.pixels.count) bytes, not width × height × 4")
        }
        guard image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
            throw CodecsError.invalidSize(width: image.width, height: image.height, limit: "PNG allows at most 2³¹−1 px a side")
        }
        let layout = try image.pixels.withUnsafeBytes { try PNGEncoder.layout(pixels: $0, width: image.width, mode: options.colorMode) }
        var request = nmfviz_png_write_request()
        request.width = png_uint_32(image.width)
        request.height = png_uint_32(image.height)
        request.compression_level = Int32(options.compressionLevel)
        request.compression_strategy = strategyCode
        request.filters = layout.colorType == nmfviz_png_color_type_palette ? nmfviz_png_filter_none : filterMask
        request.pixels_per_metre = options.dotsPerInch.map { png_uint_32(($0 / 0.0254).rounded()) } ?? 0
        request.color_type = layout.colorType
        request.bit_depth = Int32(layout.bitDepth)
        request.row_bytes = layout.rowBytes
        request.palette_count = Int32(layout.paletteRGB.count / 3)
        request.trns_count = Int32(layout.paletteAlpha.count)

        let keys = options.text.map { PNGEncoder.latin1($0.key) }
        let values = options.text.map { PNGEncoder.latin1($0.value) }
        var buffer = nmfviz_png_buffer()
        defer { nmfviz_png_buffer_free(&buffer) }
        var message = [CChar](repeating: 0, count: 256)
        let ok = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in
                layout.paletteRGB.withUnsafeBufferPointer { rgb in
                    layout.paletteAlpha.withUnsafeBufferPointer { alpha in
                        keyPointers.withUnsafeBufferPointer { keyArray in
                            valuePointers.withUnsafeBufferPointer { valueArray in
                                request.palette_rgb = rgb.baseAddress
                                request.palette_alpha = alpha.isEmpty ? nil : alpha.baseAddress
                                request.text_count = Int32(keyArray.count)
                                request.text_keys = keyArray.baseAddress
                                request.text_values = valueArray.baseAddress
                                let encode = { (rows: UnsafeRawBufferPointer) -> Int32 in
                                    request.rows = rows.baseAddress?.assumingMemoryBound(to: UInt8.self)
                                    return nmfviz_png_encode(&request, &buffer, &message, message.count)
                                }
                                if let rows = layout.rows {
                                    return rows.withUnsafeBytes(encode)
                                }
                                return image.pixels.withUnsafeBytes(encode)
                            }
                        }
                    }
                }
            }
        }
        guard ok == 1 else {
            throw CodecsError.pngEncodingFailed(path: path, message: String(message: message))
        }
        return [UInt8](UnsafeBufferPointer(start: buffer.bytes, count: buffer.count))
    }

    private var filterMask: Int32 {
        switch options.filter {
        case .none: return nmfviz_png_filter_none
        case .sub: return nmfviz_png_filter_sub
        case .up: return nmfviz_png_filter_up
        case .average: return nmfviz_png_filter_avg
        case .paeth: return nmfviz_png_filter_paeth
        case .adaptive:
            return nmfviz_png_filter_none | nmfviz_png_filter_sub | nmfviz_png_filter_up | nmfviz_png_filter_avg
                | nmfviz_png_filter_paeth
        }
    }

    private var strategyCode: Int32 {
        switch options.strategy {
        case .standard: return 0
        case .filtered: return 1
        case .huffmanOnly: return 2
        case .runLength: return 3
        }
    }

    /// How the pixels are stored: colour type, bit depth and the packed rows (nil: the image's own
    /// RGBA bytes are used as they are).
    struct Layout {
        var colorType: Int32
        var bitDepth: Int
        var rowBytes: Int
        var rows: [UInt8]?
        var paletteRGB: [UInt8] = []
        var paletteAlpha: [UInt8] = []
    }

    /// Chooses the colour type for `mode` and packs the rows for it.
    static func layout(pixels: UnsafeRawBufferPointer, width: Int, mode: PNGOptions.ColorMode) throws -> Layout {
        let count = pixels.count / 4
        let height = count / width
        guard mode == .automatic else {
            return Layout(colorType: nmfviz_png_color_type_rgba, bitDepth: 8, rowBytes: width * 4, rows: nil)
        }
        if var palette = ExactPalette.find(in: pixels, limit: 256) {
            let translucent = palette.moveTranslucentFirst()
            let depth = palette.colors.count <= 2 ? 1 : palette.colors.count <= 4 ? 2 : palette.colors.count <= 16 ? 4 : 8
            let rowBytes = (width * depth + 7) / 8
            var layout = Layout(
                colorType: nmfviz_png_color_type_palette, bitDepth: depth, rowBytes: rowBytes,
                rows: packIndices(palette.indices, width: width, height: height, depth: depth))
            for c in palette.colors {
                layout.paletteRGB += [UInt8(c & 0xFF), UInt8((c >> 8) & 0xFF), UInt8((c >> 16) & 0xFF)]
            }
            layout.paletteAlpha = palette.colors.prefix(translucent).map { UInt8($0 >> 24) }
            return layout
        }
        if isOpaque(pixels) {
            return Layout(colorType: nmfviz_png_color_type_rgb, bitDepth: 8, rowBytes: width * 3, rows: stripAlpha(pixels))
        }
        return Layout(colorType: nmfviz_png_color_type_rgba, bitDepth: 8, rowBytes: width * 4, rows: nil)
    }

    /// True when every pixel's alpha is 255.
    static func isOpaque(_ pixels: UnsafeRawBufferPointer) -> Bool {
        pixels.withMemoryRebound(to: UInt32.self) { words in
            var all: UInt32 = 0xFF00_0000
            for w in words { all &= w }
            return all >> 24 == 0xFF
        }
    }

    /// RGB bytes of RGBA pixels.
    static func stripAlpha(_ pixels: UnsafeRawBufferPointer) -> [UInt8] {
        let count = pixels.count / 4
        return [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
            let source = pixels.bindMemory(to: UInt8.self)
            for i in 0..<count {
                out[3 * i] = source[4 * i]
                out[3 * i + 1] = source[4 * i + 1]
                out[3 * i + 2] = source[4 * i + 2]
            }
            initialized = count * 3
        }
    }

    /// Packs one-byte indices into rows of `depth` bits per pixel, most significant bits first.
    static func packIndices(_ indices: [UInt8], width: Int, height: Int, depth: Int) -> [UInt8] {
        guard depth < 8 else { return indices }
        let rowBytes = (width * depth + 7) / 8
        let perByte = 8 / depth
        var rows = [UInt8](repeating: 0, count: rowBytes * height)
        indices.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let inRow = y * width
                    let outRow = y * rowBytes
                    for x in 0..<width {
                        let shift = 8 - depth * (x % perByte + 1)
                        out[outRow + x / perByte] |= source[inRow + x] << UInt8(shift)
                    }
                }
            }
        }
        return rows
    }

    /// NUL-terminated Latin-1 bytes of a string already checked by `PNGOptions.validate`.
    static func latin1(_ string: String) -> [CChar] {
        string.unicodeScalars.map { CChar(bitPattern: UInt8(truncatingIfNeeded: $0.value)) } + [0]
    }
}

/// Calls `body` with C pointers to each of `strings`, valid only during the call.
private func withCStrings<R>(_ strings: [[CChar]], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafePointer<CChar>?] = []
    func recurse(_ index: Int) -> R {
        if index == strings.count { return body(pointers) }
        return strings[index].withUnsafeBufferPointer { buffer in
            pointers.append(buffer.baseAddress)
            return recurse(index + 1)
        }
    }
    return recurse(0)
}
