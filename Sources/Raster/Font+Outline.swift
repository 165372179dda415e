import CFreeType

// Vector surfaces draw text as the glyphs' outlines, the way matplotlib's `svg.fonttype = 'path'` does:
// unscaled and unhinted (FT_LOAD_NO_SCALE), in font units with y up, decomposed by FT_Outline_Decompose
// into moves, lines and quadratic curves (TrueType's conics; a cubic font would give cubics). The
// surfaces scale them with `GlyphRun.placements`, so one outline per glyph serves every size.

extension Font {
    /// The font's design units per em (2048 for DejaVu Sans).
    public var unitsPerEm: Int { lineTable.unitsPerEm }

    /// The unhinted outline of glyph `index` in font units, y up, each contour closed; empty for
    /// glyphs without ink (the space). TrueType outlines are filled under nonzero.
    ///
    /// - Throws: `RasterError.freeType` if FreeType cannot load or decompose the glyph.
    public func outline(glyph index: UInt32) throws(RasterError) -> Path {
        try lock.withLock { () throws(RasterError) -> Path in
            if let cached = outlines[index] { return cached }
            guard let face else { throw RasterError.freeType(function: "FT_Load_Glyph", code: -1) }
            FT_Set_Transform(face, nil, nil)
            // FT_LOAD_NO_SCALE leaves the face's size as it was (`currentSize` stays right).
            let e = FT_Load_Glyph(face, index, FT_Int32(FT_LOAD_NO_SCALE))
            guard e == 0, let slot = face.pointee.glyph else { throw RasterError.freeType(function: "FT_Load_Glyph", code: e) }
            var path = Path()
            if slot.pointee.outline.n_contours > 0 {
                var funcs = FT_Outline_Funcs(
                    move_to: { to, user in
                        guard let to, let user else { return 1 }
                        let path = user.assumingMemoryBound(to: Path.self)
                        if !path.pointee.elements.isEmpty { path.pointee.close() }
                        path.pointee.move(to: Point(Double(to.pointee.x), Double(to.pointee.y)))
                        return 0
                    },
                    line_to: { to, user in
                        guard let to, let user else { return 1 }
                        user.assumingMemoryBound(to: Path.self).pointee.line(to: Point(Double(to.pointee.x), Double(to.pointee.y)))
                        return 0
                    },
                    conic_to: { control, to, user in
                        guard let control, let to, let user else { return 1 }
                        user.assumingMemoryBound(to: Path.self).pointee.quad(
                            to: Point(Double(to.pointee.x), Double(to.pointee.y)),
                            control: Point(Double(control.pointee.x), Double(control.pointee.y)))
                        return 0
                    },
                    cubic_to: { c1, c2, to, user in
                        guard let c1, let c2, let to, let user else { return 1 }
                        user.assumingMemoryBound(to: Path.self).pointee.cubic(
                            to: Point(Double(to.pointee.x), Double(to.pointee.y)),
                            control1: Point(Double(c1.pointee.x), Double(c1.pointee.y)),
                            control2: Point(Double(c2.pointee.x), Double(c2.pointee.y)))
                        return 0
                    },
                    shift: 0, delta: 0)
                let code = withUnsafeMutablePointer(to: &path) { pointer in
                    FT_Outline_Decompose(&slot.pointee.outline, &funcs, UnsafeMutableRawPointer(pointer))
                }
                guard code == 0 else { throw RasterError.freeType(function: "FT_Outline_Decompose", code: code) }
                path.close()
            }
            outlines[index] = path
            return path
        }
    }
}
