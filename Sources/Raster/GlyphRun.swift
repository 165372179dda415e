/// One line of laid-out glyphs: what every surface receives for text.
///
/// Made by `Font.glyphRun(_:points:dpi:origin:rotation:)` (or the surfaces' `drawText`/`drawGlyphs`):
/// glyph indices and pen positions in 1/64 px from matplotlib's layout (hinted advances plus kerning,
/// `Font`), and the baseline origin in the surface's pixels. A raster canvas renders each glyph's hinted
/// bitmap at its position as Agg does; a vector surface places each glyph's unhinted outline
/// (`Font.outline(glyph:)`, in font units) with `placements`, at the same positions and advances.
public struct GlyphRun: Sendable {
    /// One glyph: its index in the font and its pen position from the origin along the baseline.
    public struct Glyph: Sendable, Hashable {
        /// The glyph's index in the font (not a character code).
        public let index: UInt32
        /// Pen position in 1/64 px (FreeType's 26.6 units).
        public let x26: Int
    }

    /// Where a glyph's outline goes: the map from font units (y up) to surface pixels (y down).
    public struct Placement: Sendable, Hashable {
        /// The glyph's index in the font.
        public let glyph: UInt32
        /// Font units (y up) to surface pixels (y down), scale and pen position included.
        public let transform: AffineTransform
    }

    /// The font the glyph indices refer to.
    public let font: Font
    /// The size matplotlib sets: points truncated to 1/64, dpi truncated to a whole number.
    public let points: Double
    /// The resolution in dots per inch, truncated to a whole number as matplotlib's Agg sets it.
    public let dpi: Double
    /// The left end of the baseline in surface pixels.
    public let origin: Point
    /// Horizontal, or vertical (bottom to top, matplotlib's rotation=90).
    public let rotation: TextRotation
    /// The glyphs in drawing order with their pen positions.
    public let glyphs: [Glyph]
    let size: Font.SizeKey

    init(font: Font, size: Font.SizeKey, origin: Point, rotation: TextRotation, glyphs: [Font.PlacedGlyph]) {
        self.font = font
        self.size = size
        self.points = Double(size.points64) / 64
        self.dpi = Double(size.dpi)
        self.origin = origin
        self.rotation = rotation
        self.glyphs = glyphs.map { Glyph(index: $0.index, x26: $0.x26) }
    }

    /// Pixels per font unit: the em at the run's size, in pixels, over the font's units per em.
    public var scale: Double { points * dpi / 72 / Double(font.unitsPerEm) }

    /// Each glyph's outline placement: horizontal text runs right from the origin; vertical text
    /// (rotated 90°) runs up, the glyphs' tops facing left.
    public var placements: [Placement] {
        let k = scale
        return glyphs.map { g in
            let dx = Double(g.x26) / 64
            let t = rotation == .vertical
                ? AffineTransform(a: 0, b: -k, c: -k, d: 0, tx: origin.x, ty: origin.y - dx)
                : AffineTransform(a: k, b: 0, c: 0, d: -k, tx: origin.x + dx, ty: origin.y)
            return Placement(glyph: g.index, transform: t)
        }
    }
}

extension Font {
    /// Lays `text` out at `points` and `dpi` with its baseline origin at `origin`.
    ///
    /// - Throws: `RasterError.invalidTextSize` for a bad size, `.freeType` if FreeType fails.
    public func glyphRun(_ text: String, points: Double, dpi: Double, origin: Point,
                         rotation: TextRotation = .horizontal) throws(RasterError) -> GlyphRun {
        let size = try SizeKey(points: points, dpi: dpi)
        return GlyphRun(font: self, size: size, origin: origin, rotation: rotation, glyphs: try shape(text, size: size).glyphs)
    }
}
