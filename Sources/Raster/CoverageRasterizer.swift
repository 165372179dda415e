// The anti-aliasing core, after font-rs: lines add signed area into a flat Float buffer ("accumulate"),
// then each row is resolved by a running sum into exact per-pixel coverage and composited ("resolve").
//
// Each row of the buffer is `width + 2` cells long: a line touching the right edge of the region spills
// its remainder into the two padding cells, which are never resolved, so no index check is needed in
// the inner loops. Lines are clipped in y to the region; the parts left of the region are projected
// onto its left edge (they still change the winding of every pixel to their right), the parts right of
// it onto its right edge (they change nothing inside).
//
// Per pixel the buffer holds ∫ winding dA over the pixel. Nonzero takes |·| clamped to 1; even-odd
// folds it (v mod 2, then 2 − v above 1) — Agg does exactly the same with its cells, so overlapping
// sub-paths look as they do in matplotlib.

/// Accumulation buffer for one region of pixels: add lines, then resolve and composite.
struct CoverageRasterizer {
    /// The pixel region being rasterized (inside the image and the clip).
    private(set) var bounds = PixelRect(x0: 0, y0: 0, x1: 0, y1: 0)
    private var stride = 2
    /// (width + 2) × height signed-area cells; all zero between uses.
    private var cells: [Float] = []

    /// Prepares an all-zero buffer for `bounds` (must not be empty).
    mutating func reset(bounds: PixelRect) {
        self.bounds = bounds
        stride = bounds.width + 2
        let needed = stride * bounds.height
        if cells.count < needed {
            cells = [Float](repeating: 0, count: needed)
        }
        // Cells beyond `needed` may hold stale zeros only: resolve() clears what it reads.
    }

    /// Adds the directed line a → b (image pixel coordinates).
    mutating func addLine(_ a: Point, _ b: Point) {
        let w = Double(bounds.width)
        let h = Double(bounds.height)
        var x0 = a.x - Double(bounds.x0), y0 = a.y - Double(bounds.y0)
        var x1 = b.x - Double(bounds.x0), y1 = b.y - Double(bounds.y0)
        guard y0 != y1, x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
        var dir: Float = 1
        if y0 > y1 {
            swap(&x0, &x1)
            swap(&y0, &y1)
            dir = -1
        }
        guard y1 > 0, y0 < h else { return }
        let dxdy = (x1 - x0) / (y1 - y0)
        if y0 < 0 {
            x0 -= y0 * dxdy
            y0 = 0
        }
        if y1 > h {
            x1 -= (y1 - h) * dxdy
            y1 = h
        }
        guard y1 > y0 else { return }
        // Split where the line crosses the left or right edge, then clamp each piece into [0, w].
        var cuts: (Double, Double) = (y1, y1)
        var cutCount = 0
        if x0 != x1 {
            for edge in [0.0, w] where (x0 < edge) != (x1 < edge) {
                let y = y0 + (edge - x0) / dxdy
                if y > y0 && y < y1 {
                    if cutCount == 0 { cuts.0 = y } else { cuts.1 = y }
                    cutCount += 1
                }
            }
            if cutCount == 2 && cuts.1 < cuts.0 { cuts = (cuts.1, cuts.0) }
        }
        var ya = y0
        var xa = x0
        for i in 0...cutCount {
            let yb = i == cutCount ? y1 : (i == 0 ? cuts.0 : cuts.1)
            let xb = i == cutCount ? x1 : x0 + (yb - y0) * dxdy
            accumulate(min(max(xa, 0), w), ya, min(max(xb, 0), w), yb, dir)
            ya = yb
            xa = xb
        }
    }

    /// Adds a line already inside the region: 0 ≤ xa, xb ≤ width and 0 ≤ ya < yb ≤ height.
    private mutating func accumulate(_ xa: Double, _ ya: Double, _ xb: Double, _ yb: Double, _ dir: Float) {
        guard yb > ya else { return }
        let dxdy = (xb - xa) / (yb - ya)
        let firstRow = Int(ya)
        let lastRow = min(bounds.height - 1, Int(yb.rounded(.up)) - 1)
        guard firstRow <= lastRow else { return }
        let stride = self.stride
        cells.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for row in firstRow...lastRow {
                let top = max(ya, Double(row))
                let bottom = min(yb, Double(row + 1))
                if bottom <= top { continue }
                let xTop = xa + (top - ya) * dxdy
                let xBottom = xa + (bottom - ya) * dxdy
                CoverageRasterizer.addSpan(
                    base + row * stride, left: min(xTop, xBottom), right: max(xTop, xBottom),
                    area: dir * Float(bottom - top))
            }
        }
    }

    /// ∫₀ᵘ clamp(t, 0, 1) dt: the area left of u under the unit ramp.
    @inline(__always)
    static func rampIntegral(_ u: Double) -> Double {
        u <= 0 ? 0 : (u >= 1 ? u - 0.5 : 0.5 * u * u)
    }

    /// Adds one row's piece of a line spanning [left, right] horizontally with signed height `area`.
    ///
    /// Precondition: 0 ≤ left ≤ right ≤ width of the row; the row has two padding cells after it.
    /// Pixel c receives the fraction of the piece's height lying left of the pixel's right part, i.e.
    /// the mean over the piece of clamp(c + 1 − x, 0, 1); the buffer stores its differences.
    @inline(__always)
    static func addSpan(_ row: UnsafeMutablePointer<Float>, left: Double, right: Double, area: Float) {
        let c0 = Int(left)
        let c1 = max(c0, Int(right.rounded(.up)) - 1)
        if c0 == c1 {
            let f = Float(Double(c0 + 1) - 0.5 * (left + right))
            row[c0] += area * f
            row[c0 + 1] += area * (1 - f)
            return
        }
        let inverseLength = 1 / (right - left)
        var previous: Double = 0
        for c in c0...c1 {
            let edge = Double(c + 1)
            let f = (rampIntegral(edge - left) - rampIntegral(edge - right)) * inverseLength
            row[c] += area * Float(f - previous)
            previous = f
        }
        row[c1 + 1] += area * Float(1 - previous)
    }

    /// Resolves the buffer to per-pixel coverage in [0, 1] (row-major over `bounds`) and clears it.
    ///
    /// The same resolve as `resolve(into:color:rule:)` without compositing; the tests compare it with a
    /// plain per-pixel polygon clipper.
    mutating func coverage(rule: FillRule) -> [Float] {
        let width = bounds.width, height = bounds.height
        var out = [Float](repeating: 0, count: width * height)
        for row in 0..<height {
            var sum: Float = 0
            for c in 0..<width {
                sum += cells[row * stride + c]
                cells[row * stride + c] = 0
                out[row * width + c] = CoverageRasterizer.fold(sum, evenOdd: rule == .evenOdd)
            }
            cells[row * stride + width] = 0
            cells[row * stride + width + 1] = 0
        }
        return out
    }

    /// Coverage from accumulated winding area: |v| clamped to 1 (nonzero) or folded (even-odd).
    @inline(__always)
    static func fold(_ v: Float, evenOdd: Bool) -> Float {
        var coverage = abs(v)
        if evenOdd {
            coverage -= 2 * (coverage * 0.5).rounded(.down)
            if coverage > 1 { coverage = 2 - coverage }
        } else if coverage > 1 {
            coverage = 1
        }
        return coverage
    }

    /// Resolves every row to coverage, composites `color` into `image` source-over, and clears the buffer.
    ///
    /// Precondition: `bounds` lies inside the image.
    mutating func resolve(into image: inout Image, color: RGBA8, rule: FillRule) {
        let width = bounds.width
        let height = bounds.height
        guard width > 0, height > 0 else { return }
        let imageWidth = image.width
        let stride = self.stride
        let x0 = bounds.x0
        let y0 = bounds.y0
        let evenOdd = rule == .evenOdd
        let alpha = Float(color.a) / 255
        let sr = Float(color.r), sg = Float(color.g), sb = Float(color.b)
        cells.withUnsafeMutableBufferPointer { cellBuffer in
            image.pixels.withUnsafeMutableBufferPointer { pixelBuffer in
                guard let cellBase = cellBuffer.baseAddress, let pixelBase = pixelBuffer.baseAddress else { return }
                for row in 0..<height {
                    let cellRow = cellBase + row * stride
                    let pixelRow = pixelBase + ((y0 + row) * imageWidth + x0) * 4
                    var sum: Float = 0
                    for c in 0..<width {
                        sum += cellRow[c]
                        cellRow[c] = 0
                        let a = CoverageRasterizer.fold(sum, evenOdd: evenOdd) * alpha
                        if a > 0.5 / 255 {
                            Compositor.blend(pixelRow + c * 4, r: sr, g: sg, b: sb, alpha: a)
                        }
                    }
                    cellRow[width] = 0
                    cellRow[width + 1] = 0
                }
            }
        }
    }
}
