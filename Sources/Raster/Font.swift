import CDejaVu
import CFreeType

// Text is rendered the way matplotlib 3.11's Agg backend does (backends/backend_agg.py and ft2font):
// the size is set with FT_Set_Char_Size(points·64, dpi) (text.hinting_factor is 1 in 3.11, so no
// horizontal oversampling); text.hinting is 'default', i.e. FT_LOAD_DEFAULT (the font's own TrueType
// hinting); the layout places glyph i at the sum of the hinted advances before it plus kerning; and each
// glyph is rendered on its own, translated by round(64·position) in FreeType's 26.6 units (so positions
// are kept to 1/64 px), in 8-bit anti-aliased grey, and blended with its top-left corner at
// (bitmap_left, height − bitmap_top). Matplotlib lays text out with libraqm (HarfBuzz); here DejaVu
// Sans's pair kerning comes from FreeType's kerning table, unfitted, which gives the same pen positions
// (to 1/64 px) for every string in the tests' fixtures, kerned pairs such as "AV" and "Te" included.
//
// Threads: one `Font` may be used from any number of threads. FreeType faces are not thread-safe, so
// every FreeType call and the glyph cache sit behind one lock; drawing cached glyphs only holds it to
// look them up. The cache keeps each rendered glyph per size, rotation and 1/64-px phase, which is
// exact because moving an outline by whole pixels moves its bitmap by whole pixels. It is emptied when
// it passes `glyphCacheLimit` entries (a few MB), which plots with fixed tick positions never reach.

/// A FreeType face with a glyph cache: DejaVu Sans (embedded) by default.
public final class Font: @unchecked Sendable {
    let lock = Lock()
    private var library: FT_Library?
    private(set) var face: FT_Face?
    let lineTable: (ascender: Int16, descender: Int16, lineGap: Int16, unitsPerEm: Int)
    /// The TrueType bytes the face was opened from (see `drawsLike`).
    private let source: (bytes: UnsafeRawPointer, count: Int)
    private var currentSize: SizeKey?
    /// Unhinted outlines in font units, by glyph index (`outline(glyph:)`); guarded by `lock`.
    var outlines: [UInt32: Path] = [:]
    private var glyphs: [GlyphKey: GlyphBitmap] = [:]
    private var advances: [AdvanceKey: Int] = [:]
    private var boxes: [AdvanceKey: GlyphBox] = [:]
    private var glyphIndices: [Unicode.Scalar: UInt32] = [:]
    /// Rendered glyphs kept at most before the cache starts over.
    static let glyphCacheLimit = 16_384

    /// DejaVu Sans as shipped with matplotlib 3.11.2, compiled into the binary (no file to find).
    ///
    /// - Throws: `RasterError.freeType` if FreeType cannot open it.
    public static func dejaVuSans() throws(RasterError) -> Font {
        try Font(bytes: UnsafeRawPointer(nmfviz_dejavu_sans_bytes()), count: Int(nmfviz_dejavu_sans_size))
    }

    /// A font from TrueType bytes that stay valid and unchanged for the font's whole life.
    init(bytes: UnsafeRawPointer, count: Int) throws(RasterError) {
        lineTable = Font.readLineTable(bytes, count: count)
        source = (bytes, count)
        var lib: FT_Library?
        let e1 = FT_Init_FreeType(&lib)
        guard e1 == 0, let lib else { throw RasterError.freeType(function: "FT_Init_FreeType", code: e1) }
        var f: FT_Face?
        let e2 = FT_New_Memory_Face(lib, bytes.assumingMemoryBound(to: FT_Byte.self), FT_Long(count), 0, &f)
        guard e2 == 0, let f else {
            FT_Done_FreeType(lib)
            throw RasterError.freeType(function: "FT_New_Memory_Face", code: e2)
        }
        library = lib
        face = f
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// The face's family name as FreeType reports it ("DejaVu Sans" for the embedded font).
    public var familyName: String {
        lock.withLock { () -> String in
            guard let name = face?.pointee.family_name else { return "" }
            return String(cString: name)
        }
    }

    /// Whether `other` draws every text exactly as this font does: it is this font, or a face opened
    /// from the same bytes (FreeType renders a glyph from its outline, size and phase alone, so two such
    /// faces give the same bitmaps), as every `dejaVuSans()` is.
    public func drawsLike(_ other: Font) -> Bool {
        self === other || (source.bytes == other.source.bytes && source.count == other.source.count)
    }

    // MARK: - Public measurement

    /// matplotlib's width, height and descent of `text` at `points` and `dpi`, plus its ink box.
    ///
    /// - Throws: `RasterError.invalidTextSize` for a non-positive size or dpi; `.freeType` on failure.
    public func measure(_ text: String, points: Double, dpi: Double) throws(RasterError) -> TextMetrics {
        try shape(text, size: SizeKey(points: points, dpi: dpi)).metrics
    }

    /// Lays `text` out and measures it under one lock.
    func shape(_ text: String, size: SizeKey) throws(RasterError) -> (glyphs: [PlacedGlyph], metrics: TextMetrics) {
        try lock.withLock { () throws(RasterError) -> ([PlacedGlyph], TextMetrics) in
            let placed = try layoutLocked(text, size: size)
            var yMin = Int.max, yMax = Int.min, xMin = Int.max, xMax = Int.min
            for glyph in placed {
                guard let box = try boxLocked(glyph.index, size: size) else { continue }
                xMin = min(xMin, glyph.x26 + box.xMin); xMax = max(xMax, glyph.x26 + box.xMax)
                yMin = min(yMin, box.yMin); yMax = max(yMax, box.yMax)
            }
            let width = Double(placed.last.map { $0.x26 + $0.advance26 } ?? 0) / 64
            guard yMin <= yMax else {
                let empty = TextMetrics(width: width, height: 0, descent: 0, inkMinX: 0, inkMinY: 0, inkMaxX: 0, inkMaxY: 0)
                return (placed, empty)
            }
            let metrics = TextMetrics(
                width: width, height: Double(yMax - yMin) / 64, descent: Double(-yMin) / 64,
                inkMinX: Double(xMin) / 64, inkMinY: Double(-yMax) / 64,
                inkMaxX: Double(xMax) / 64, inkMaxY: Double(-yMin) / 64)
            return (placed, metrics)
        }
    }

    /// The font's typographic ascent, descent and line gap (OS/2 table) at `points` and `dpi`, in px.
    public func lineMetrics(points: Double, dpi: Double) -> LineMetrics {
        let scale = points * dpi / 72 / Double(lineTable.unitsPerEm)
        return LineMetrics(
            ascent: Double(lineTable.ascender) * scale, descent: -Double(lineTable.descender) * scale,
            lineGap: Double(lineTable.lineGap) * scale)
    }

    /// The glyph positions of `text`: glyph index and pen x in pixels (a multiple of 1/64) from the
    /// origin, hinted advances plus kerning — matplotlib's `FT2Font._layout`.
    public func glyphPositions(_ text: String, points: Double, dpi: Double) throws(RasterError) -> [(glyph: UInt32, x: Double)] {
        let size = try SizeKey(points: points, dpi: dpi)
        return try lock.withLock { () throws(RasterError) -> [(glyph: UInt32, x: Double)] in
            try layoutLocked(text, size: size).map { ($0.index, Double($0.x26) / 64) }
        }
    }

    // MARK: - Internals (callers hold the lock where noted)

    struct SizeKey: Hashable {
        let points64: Int
        let dpi: Int

        /// matplotlib passes (FT_F26Dot6)(points·64) and (FT_UInt)dpi: both truncated.
        init(points: Double, dpi: Double) throws(RasterError) {
            guard points.isFinite, dpi.isFinite, points > 0, dpi >= 1, points < 1e5, dpi < 1e5 else {
                throw RasterError.invalidTextSize(points: points, dpi: dpi)
            }
            points64 = Int(points * 64)
            self.dpi = Int(dpi)
            guard points64 > 0 else { throw RasterError.invalidTextSize(points: points, dpi: dpi) }
        }
    }

    struct AdvanceKey: Hashable {
        let size: SizeKey
        let index: UInt32
    }

    struct GlyphKey: Hashable {
        let size: SizeKey
        let index: UInt32
        let vertical: Bool
        let phaseX: Int32
        let phaseY: Int32
    }

    /// A rendered glyph: coverage bytes, row-major, `width` per row, placed for its cached phase.
    struct GlyphBitmap {
        let width: Int
        let rows: Int
        let left: Int
        let top: Int
        let coverage: [UInt8]
    }

    struct PlacedGlyph {
        let index: UInt32
        let x26: Int
        let advance26: Int
    }

    /// Requires the lock.
    private func setSizeLocked(_ size: SizeKey) throws(RasterError) {
        guard let face else { throw RasterError.freeType(function: "FT_Set_Char_Size", code: -1) }
        if currentSize != size {
            let e = FT_Set_Char_Size(face, FT_F26Dot6(size.points64), 0, FT_UInt(size.dpi), FT_UInt(size.dpi))
            guard e == 0 else { throw RasterError.freeType(function: "FT_Set_Char_Size", code: e) }
            currentSize = size
        }
    }

    /// Requires the lock. Loads (not renders) a glyph with matplotlib's flags and no transform.
    private func loadLocked(_ index: UInt32, size: SizeKey) throws(RasterError) -> FT_GlyphSlot {
        try setSizeLocked(size)
        guard let face else { throw RasterError.freeType(function: "FT_Load_Glyph", code: -1) }
        FT_Set_Transform(face, nil, nil)
        let e = FT_Load_Glyph(face, index, FT_Int32(FT_LOAD_DEFAULT))
        guard e == 0, let slot = face.pointee.glyph else { throw RasterError.freeType(function: "FT_Load_Glyph", code: e) }
        return slot
    }

    /// Requires the lock.
    private func glyphIndexLocked(_ scalar: Unicode.Scalar) -> UInt32 {
        if let cached = glyphIndices[scalar] { return cached }
        guard let face else { return 0 }
        let index = FT_Get_Char_Index(face, FT_ULong(scalar.value))
        glyphIndices[scalar] = index
        return index
    }

    /// Requires the lock. Hinted advance in 1/64 px.
    private func advanceLocked(_ index: UInt32, size: SizeKey) throws(RasterError) -> Int {
        let key = AdvanceKey(size: size, index: index)
        if let cached = advances[key] { return cached }
        let slot = try loadLocked(index, size: size)
        let advance = Int(slot.pointee.advance.x)
        advances[key] = advance
        return advance
    }

    /// Requires the lock. Pen positions of every character's glyph, with kerning.
    func layoutLocked(_ text: String, size: SizeKey) throws(RasterError) -> [PlacedGlyph] {
        guard let face else { return [] }
        var placed: [PlacedGlyph] = []
        var pen = 0
        var previous: UInt32 = 0
        try setSizeLocked(size)
        for scalar in text.unicodeScalars {
            let index = glyphIndexLocked(scalar)
            if previous != 0 && index != 0 {
                var delta = FT_Vector()
                if FT_Get_Kerning(face, previous, index, FT_KERNING_UNFITTED.rawValue, &delta) == 0 {
                    pen += Int(delta.x)
                }
            }
            let advance = try advanceLocked(index, size: size)
            placed.append(PlacedGlyph(index: index, x26: pen, advance26: advance))
            pen += advance
            previous = index
        }
        return placed
    }

    /// A glyph's hinted outline control box in 1/64 px, y up; `isEmpty` for glyphs without outline.
    struct GlyphBox {
        let xMin: Int, yMin: Int, xMax: Int, yMax: Int
        let isEmpty: Bool
    }

    /// Requires the lock. The hinted outline's control box (nil for empty glyphs such as the space,
    /// which matplotlib leaves out of the text's box).
    private func boxLocked(_ index: UInt32, size: SizeKey) throws(RasterError) -> GlyphBox? {
        let key = AdvanceKey(size: size, index: index)
        if let cached = boxes[key] { return cached.isEmpty ? nil : cached }
        let slot = try loadLocked(index, size: size)
        var box = FT_BBox()
        let isEmpty = slot.pointee.outline.n_points <= 0
        if !isEmpty { FT_Outline_Get_CBox(&slot.pointee.outline, &box) }
        let result = GlyphBox(xMin: Int(box.xMin), yMin: Int(box.yMin), xMax: Int(box.xMax), yMax: Int(box.yMax), isEmpty: isEmpty)
        boxes[key] = result
        return isEmpty ? nil : result
    }

    /// The rendered glyph for an origin at (ox, oy) in 1/64 px, FreeType's y up, with its bitmap's
    /// left/top in whole pixels for that origin.
    func glyph(_ index: UInt32, size: SizeKey, vertical: Bool, ox: Int, oy: Int) throws(RasterError) -> GlyphBitmap {
        let phaseX = Int32(ox & 63), phaseY = Int32(oy & 63)
        let key = GlyphKey(size: size, index: index, vertical: vertical, phaseX: phaseX, phaseY: phaseY)
        let base = try lock.withLock { () throws(RasterError) -> GlyphBitmap in
            if let cached = glyphs[key] { return cached }
            if glyphs.count >= Font.glyphCacheLimit { glyphs.removeAll(keepingCapacity: true) }
            let rendered = try renderLocked(key)
            glyphs[key] = rendered
            return rendered
        }
        return GlyphBitmap(
            width: base.width, rows: base.rows, left: base.left + (ox >> 6), top: base.top + (oy >> 6),
            coverage: base.coverage)
    }

    /// Requires the lock.
    private func renderLocked(_ key: GlyphKey) throws(RasterError) -> GlyphBitmap {
        try setSizeLocked(key.size)
        guard let face else { throw RasterError.freeType(function: "FT_Render_Glyph", code: -1) }
        // matplotlib: 0x10000 · [[cos, −sin], [sin, cos]], rounded.
        var matrix = key.vertical
            ? FT_Matrix(xx: 0, xy: -0x10000, yx: 0x10000, yy: 0)
            : FT_Matrix(xx: 0x10000, xy: 0, yx: 0, yy: 0x10000)
        var delta = FT_Vector(x: FT_Pos(key.phaseX), y: FT_Pos(key.phaseY))
        FT_Set_Transform(face, &matrix, &delta)
        defer { FT_Set_Transform(face, nil, nil) }
        let e1 = FT_Load_Glyph(face, key.index, FT_Int32(FT_LOAD_DEFAULT))
        guard e1 == 0, let slot = face.pointee.glyph else {
            throw RasterError.freeType(function: "FT_Load_Glyph", code: e1)
        }
        let e2 = FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)
        guard e2 == 0 else { throw RasterError.freeType(function: "FT_Render_Glyph", code: e2) }
        let bitmap = slot.pointee.bitmap
        let width = Int(bitmap.width), rows = Int(bitmap.rows), pitch = Int(bitmap.pitch)
        var coverage = [UInt8](repeating: 0, count: width * rows)
        if let buffer = bitmap.buffer, width > 0, rows > 0 {
            for r in 0..<rows {
                let source = pitch >= 0 ? buffer + r * pitch : buffer + (rows - 1 - r) * -pitch
                for c in 0..<width { coverage[r * width + c] = source[c] }
            }
        }
        return GlyphBitmap(
            width: width, rows: rows, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
            coverage: coverage)
    }

    /// sTypoAscender, sTypoDescender, sTypoLineGap (OS/2) and unitsPerEm (head), read from the
    /// TrueType table directory; falls back to DejaVu-like proportions if a table is missing.
    private static func readLineTable(_ bytes: UnsafeRawPointer, count: Int) -> (Int16, Int16, Int16, Int) {
        func u16(_ o: Int) -> Int { o + 2 <= count ? Int(bytes.load(fromByteOffset: o, as: UInt8.self)) << 8 | Int(bytes.load(fromByteOffset: o + 1, as: UInt8.self)) : 0 }
        func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
        var os2 = -1, head = -1
        let tables = u16(4)
        for i in 0..<tables {
            let record = 12 + 16 * i
            guard record + 16 <= count else { break }
            let tag = u32(record)
            let offset = u32(record + 8)
            if tag == 0x4F53_2F32 { os2 = offset }  // "OS/2"
            if tag == 0x6865_6164 { head = offset }  // "head"
        }
        let unitsPerEm = head >= 0 && u16(head + 18) > 0 ? u16(head + 18) : 2048
        guard os2 >= 0, os2 + 74 <= count else { return (1556, -492, 410, unitsPerEm) }
        return (Int16(truncatingIfNeeded: u16(os2 + 68)), Int16(truncatingIfNeeded: u16(os2 + 70)),
                Int16(truncatingIfNeeded: u16(os2 + 72)), unitsPerEm)
    }
}
