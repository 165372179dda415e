/// Adds lines into an accumulation buffer borrowed from `CoverageRasterizer` (see its design notes).
///
/// Lines are clipped in y to the region; parts left of it are projected onto its left edge (they still
/// change the winding of every pixel to their right), parts right of it onto its right edge (they
/// change nothing inside). After that every write lands inside the buffer: rows are `width + 2` cells,
/// and a piece ending on the right edge spills at most into the two padding cells.
struct LineSink {
    let cells: UnsafeMutablePointer<Float>
    let stride: Int
    let rows: Int
    let originX: Double
    let originY: Double
    let width: Double
    let height: Double

    /// Precondition: `cells` holds `(bounds.width + 2) · bounds.height` floats and bounds is not empty.
    init(cells: UnsafeMutablePointer<Float>, stride: Int, bounds: PixelRect) {
        assert(!bounds.isEmpty && stride >= bounds.width + 2)
        self.cells = cells
        self.stride = stride
        self.rows = bounds.height
        self.originX = Double(bounds.x0)
        self.originY = Double(bounds.y0)
        self.width = Double(bounds.width)
        self.height = Double(bounds.height)
    }

    /// Adds the directed line a → b (image pixel coordinates); lines with a non-finite end are ignored.
    @inline(__always)
    func addLine(_ a: Point, _ b: Point) {
        var x0 = a.x - originX, y0 = a.y - originY
        var x1 = b.x - originX, y1 = b.y - originY
        guard y0 != y1, x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
        var dir: Float = 1
        if y0 > y1 {
            swap(&x0, &x1)
            swap(&y0, &y1)
            dir = -1
        }
        let h = height, w = width
        guard y1 > 0, y0 < h else { return }
        let dxdy = (x1 - x0) / (y1 - y0)
        // An infinite slope means a height below 1e-300 px: no area, and it would poison the clipping.
        guard dxdy.isFinite else { return }
        if y0 < 0 {
            x0 -= y0 * dxdy
            y0 = 0
        }
        if y1 > h {
            x1 -= (y1 - h) * dxdy
            y1 = h
        }
        guard y1 > y0 else { return }
        if x0 >= 0 && x0 <= w && x1 >= 0 && x1 <= w {
            accumulate(x0, y0, x1, y1, dxdy, dir)
            return
        }
        // Split where the line crosses the left or right edge; clamp each piece into [0, w].
        var yLeft = y1, yRight = y1
        if (x0 < 0) != (x1 < 0) { yLeft = y0 + (0 - x0) / dxdy }
        if (x0 < w) != (x1 < w) { yRight = y0 + (w - x0) / dxdy }
        let firstCut = min(yLeft, yRight), secondCut = max(yLeft, yRight)
        var ya = y0
        var xa = x0
        for step in 0..<3 {
            let yb = step == 0 ? firstCut : (step == 1 ? secondCut : y1)
            if yb <= ya || yb > y1 { continue }
            let xb = yb == y1 ? x1 : x0 + (yb - y0) * dxdy
            let ca = min(max(xa, 0), w), cb = min(max(xb, 0), w)
            // Only absurd inputs (|x| near 1e308) give NaN here: drop that piece rather than trap.
            if !ca.isNaN && !cb.isNaN {
                accumulate(ca, ya, cb, yb, (cb - ca) / (yb - ya), dir)
            }
            ya = yb
            xa = xb
        }
    }

    /// Adds a line inside the region: 0 ≤ xa, xb ≤ width, 0 ≤ ya < yb ≤ height, dxdy its slope.
    @inline(__always)
    private func accumulate(_ xa: Double, _ ya: Double, _ xb: Double, _ yb: Double, _ dxdy: Double, _ dir: Float) {
        let firstRow = Int(ya)
        let lastRow = min(rows - 1, LineSink.ceilingMinusOne(yb))
        guard firstRow <= lastRow else { return }
        var top = ya
        var xTop = xa
        // Rounding (large slopes amplify it) must not carry x outside the piece's own span: that span
        // is inside [0, width], which is what keeps every write in the buffer.
        let xLow = min(xa, xb), xHigh = max(xa, xb)
        for row in firstRow...lastRow {
            let bottom = min(yb, Double(row + 1))
            if bottom <= top { continue }
            let xBottom = row == lastRow ? xb : min(max(xa + (bottom - ya) * dxdy, xLow), xHigh)
            LineSink.addSpan(
                cells + row * stride, left: min(xTop, xBottom), right: max(xTop, xBottom),
                area: dir * Float(bottom - top))
            top = bottom
            xTop = xBottom
        }
    }

    /// ⌈v⌉ − 1 for 0 ≤ v < 2⁶², without a call to ceil (baseline x86-64 has no rounding instruction,
    /// and this runs for every line and every row piece).
    @inline(__always)
    static func ceilingMinusOne(_ v: Double) -> Int {
        let t = Int(v)
        return Double(t) == v ? t - 1 : t
    }

    /// ∫₀ᵘ clamp(t, 0, 1) dt: the area left of u under the unit ramp.
    @inline(__always)
    static func rampIntegral(_ u: Double) -> Double {
        u <= 0 ? 0 : (u >= 1 ? u - 0.5 : 0.5 * u * u)
    }

    /// Adds one row's piece of a line spanning [left, right] horizontally with signed height `area`.
    ///
    /// Precondition: 0 ≤ left ≤ right ≤ the row's width; two padding cells follow the row.
    /// Pixel c receives the mean over the piece of clamp(c + 1 − x, 0, 1) — the part of the piece's
    /// height lying left of the pixel, as a fraction of the pixel's width to the right of the line —
    /// and the buffer stores its differences from pixel to pixel, so that a running sum restores it.
    @inline(__always)
    static func addSpan(_ row: UnsafeMutablePointer<Float>, left: Double, right: Double, area: Float) {
        assert(left >= 0 && left <= right)
        let c0 = Int(left)
        let c1 = max(c0, ceilingMinusOne(right))
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
}
