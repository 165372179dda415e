// Mapping a frame's pixels to indices: drawing candidates, transparency, LZW planning, dithering.
import Raster

extension GIFFrameEncoder {
    /// Maps every candidate (`candidateList`) and draws those whose palette colour differs from what is
    /// shown, unless (`lossy`) what is shown is within the pixel's bound of its true colour (see
    /// `bound(for:)`): records them in `drawnList`/`drawnIndices` and their colour in `shown`. Returns
    /// the rectangle of drawn pixels. A skip's extra squared error is taken from `allowance` and only
    /// allowed while it lasts. Marks in `stale` what may not show the global palette's entry afterwards
    /// (skips, and every candidate of a `local` palette) and unmarks the rest.
    mutating func draw(mapper: inout PaletteMapper, local: Bool, dither: Bool, lossy: Bool, allowance: inout Int64) -> PixelRect {
        var box = BoxBuilder()
        let palette = mapper.colors
        var cursor = RowCursor(width: width)
        var error: Int64 = 0
        let mark: UInt8 = local ? 1 : 0
        // At most every candidate is drawn: written through pointers (appends cost more than the
        // rest of the loop), then cut to the drawn count.
        var positions = [Int32](repeating: 0, count: candidateList.count)
        var indices = [UInt8](repeating: 0, count: candidateList.count)
        var drawn = 0
        let limits = pixelBounds
        Keys.with(current) { c in
            shown.withUnsafeMutableBufferPointer { s in
                stale.withUnsafeMutableBufferPointer { marks in
                    positions.withUnsafeMutableBufferPointer { positionsOut in
                        indices.withUnsafeMutableBufferPointer { indicesOut in
                            var lastKey: UInt32 = 0
                            var lastIndex: UInt8 = 0
                            for position in candidateList {
                                let i = Int(position)
                                let (x, y) = cursor.locate(i)
                                let k = c[i]
                                if k != lastKey {
                                    lastKey = k
                                    lastIndex = mapper.index(k)
                                }
                                // Colours the palette holds exactly are never dithered: flat
                                // backgrounds and lines stay clean.
                                let index = dither && palette[Int(lastIndex)] != k
                                    ? mapper.index(GIFFrameEncoder.dithered(k, x: x, y: y)) : lastIndex
                                let color = palette[Int(index)]
                                let was = s[i]
                                guard color != was else {
                                    marks[i] = mark
                                    continue
                                }
                                if lossy && was != 0 && GIFFrameEncoder.channelError(k, was) <= limits(k) {
                                    let extra = max(0, GIFFrameEncoder.distance2(k, was) - GIFFrameEncoder.distance2(k, color))
                                    if Int64(extra) <= allowance {
                                        allowance -= Int64(extra)
                                        marks[i] = 1
                                        continue
                                    }
                                }
                                marks[i] = mark
                                error += Int64(GIFFrameEncoder.error(k, color) - GIFFrameEncoder.error(k, was))
                                s[i] = color
                                positionsOut[drawn] = position
                                indicesOut[drawn] = index
                                drawn += 1
                                box.add(x: x, y: y)
                            }
                        }
                    }
                }
            }
        }
        positions.removeLast(positions.count - drawn)
        indices.removeLast(indices.count - drawn)
        shownError += error
        drawnList = positions
        drawnIndices = indices
        return box.rect
    }

    /// One index per pixel of `rect`: drawn pixels their entry, the others the transparent index.
    ///
    /// Measured on the article's frames (255 colours, before LZW planning), all-transparent gaps beat
    /// continuing a run of the previous entry where the shown colour allows it (287 KB against
    /// 295 KB): uniform transparent stretches repeat from row to row, so LZW learns them, while mixing
    /// in background runs breaks them up. The planner may still pick the shown colour's entry where
    /// that extends a string.
    func indices(rect: PixelRect, palette: GIFPalette) -> [UInt8] {
        var indices = [UInt8](repeating: UInt8(palette.transparentIndex ?? 0), count: rect.width * rect.height)
        var cursor = RowCursor(width: width)
        for (position, index) in zip(drawnList, drawnIndices) {
            let (x, y) = cursor.locate(Int(position))
            indices[(y - rect.y0) * rect.width + (x - rect.x0)] = index
        }
        return indices
    }

    /// The final indices of `rect`: `indices(rect:palette:)` as preferences, improved by `LZWPlanner`
    /// where a pixel accepts another index; `shown` then records what the chosen indices show.
    /// Also returns them compressed (the planner emits giflib's codes as it goes).
    mutating func plan(rect: PixelRect, palette: GIFPalette, lossy: Bool, allowance: inout Int64) -> ([UInt8], LZWData) {
        var planned = indices(rect: rect, palette: palette)
        // Drawn pixels prefer their entry, the others the transparent index.
        let preferred = planned
        let t = UInt8(palette.transparentIndex ?? 0)
        var colors = [UInt32](repeating: 0, count: 256)
        for (i, c) in palette.colors.enumerated() { colors[i] = c }
        let planner = LZWPlanner(tableSize: palette.tableSize, frequent: t)
        let width = self.width
        // Pixels given another opaque entry than they preferred: rectangle offset and entry.
        var changed: [(Int, UInt8)] = []
        var compressed = LZWData(minimumCodeSize: 2, blocks: [])
        let limits = pixelBounds
        Keys.with(current) { c in
            shown.withUnsafeBufferPointer { s in
                preferred.withUnsafeBufferPointer { d in
                    planned.withUnsafeMutableBufferPointer { out in
                        // The planner asks about one pixel for each of the string's extensions: what
                        // depends on the pixel alone is worked out once per pixel. Pixels are asked
                        // about in increasing order, so a row cursor finds them without dividing.
                        var asked = -1
                        var cursor = RowCursor(width: rect.width)
                        var k: UInt32 = 0, want: UInt8 = 0, was: UInt32 = 0, reference: UInt32 = 0
                        var bound = 0, referenceError = 0
                        compressed = planner.plan(out) { i, j -> Int? in
                            if i != asked {
                                asked = i
                                let (x, y) = cursor.locate(i)
                                let p = (rect.y0 + y) * width + rect.x0 + x
                                k = c[p]
                                want = d[i]
                                was = s[p]
                                bound = limits(k)
                                // What the pixel shows when nothing better is found: its entry, or (transparent) what is shown.
                                reference = want != t ? colors[Int(want)] : was
                                referenceError = GIFFrameEncoder.distance2(k, reference)
                            }
                            let color = colors[Int(j)]
                            if want != t {
                                guard j != t else { return nil }
                            } else {
                                if j == t { return 0 }
                                if k == 0 || was == 0 { return nil }
                                if color == was { return 0 }
                            }
                            guard lossy, GIFFrameEncoder.channelError(k, color) <= bound else { return nil }
                            let extra = GIFFrameEncoder.distance2(k, color) - referenceError
                            guard Int64(extra) <= allowance else { return nil }
                            return max(0, extra)
                        } take: { i, j, extra in
                            allowance -= Int64(extra)
                            if j != t { changed.append(((rect.y0 + i / rect.width) * width + rect.x0 + i % rect.width, j)) }
                        }
                    }
                }
            }
        }
        var delta: Int64 = 0
        Keys.with(current) { c in
            shown.withUnsafeMutableBufferPointer { s in
                for (p, j) in changed where colors[Int(j)] != s[p] {
                    // Not necessarily the palette's entry for the pixel any more.
                    stale[p] = 1
                    let k = c[p]
                    delta += Int64(GIFFrameEncoder.error(k, colors[Int(j)]) - GIFFrameEncoder.error(k, s[p]))
                    s[p] = colors[Int(j)]
                }
            }
        }
        shownError += delta
        return (planned, compressed)
    }

    /// The largest channel difference between two packed colours.
    @inline(__always)
    static func channelError(_ a: UInt32, _ b: UInt32) -> Int {
        let dr = abs(Int(a & 0xFF) - Int(b & 0xFF))
        let dg = abs(Int((a >> 8) & 0xFF) - Int((b >> 8) & 0xFF))
        let db = abs(Int((a >> 16) & 0xFF) - Int((b >> 16) & 0xFF))
        return max(dr, dg, db)
    }

    /// The error bookkept for a pixel with key `k` showing `s`: 0 when either is transparent.
    @inline(__always)
    static func error(_ k: UInt32, _ s: UInt32) -> Int {
        k == 0 || s == 0 ? 0 : distance2(k, s)
    }

    /// Squared RGB distance between two packed colours.
    @inline(__always)
    static func distance2(_ a: UInt32, _ b: UInt32) -> Int {
        let dr = Int(a & 0xFF) - Int(b & 0xFF)
        let dg = Int((a >> 8) & 0xFF) - Int((b >> 8) & 0xFF)
        let db = Int((a >> 16) & 0xFF) - Int((b >> 16) & 0xFF)
        return dr * dr + dg * dg + db * db
    }

    /// The 8×8 Bayer matrix, values 0…63.
    static let bayer: [Int] = [
        0, 32, 8, 40, 2, 34, 10, 42, 48, 16, 56, 24, 50, 18, 58, 26,
        12, 44, 4, 36, 14, 46, 6, 38, 60, 28, 52, 20, 62, 30, 54, 22,
        3, 35, 11, 43, 1, 33, 9, 41, 51, 19, 59, 27, 49, 17, 57, 25,
        15, 47, 7, 39, 13, 45, 5, 37, 63, 31, 55, 23, 61, 29, 53, 21,
    ]

    /// `k` with a position-dependent offset of −4…+3 levels per channel (ordered dithering): about the
    /// spacing of a 255-entry palette around anti-aliased shades, so it breaks bands without visible noise.
    static func dithered(_ k: UInt32, x: Int, y: Int) -> UInt32 {
        let offset = (bayer[(y & 7) * 8 + (x & 7)] - 32) / 8
        var out: UInt32 = 0xFF00_0000
        for shift in [0, 8, 16] as [UInt32] {
            let v = max(0, min(255, Int((k >> shift) & 0xFF) + offset))
            out |= UInt32(v) << shift
        }
        return out
    }
}
