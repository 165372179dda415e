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
        accumulate { sink in sink.addLine(a, b) }
    }

    /// Runs `body` with a sink that adds lines straight into the buffer: one pointer borrow for a whole
    /// batch of lines instead of one per line.
    mutating func accumulate(_ body: (LineSink) -> Void) {
        let bounds = self.bounds
        let stride = self.stride
        guard !bounds.isEmpty else { return }
        cells.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            body(LineSink(cells: base, stride: stride, bounds: bounds))
        }
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
        assert(bounds.isEmpty || (bounds.x0 >= 0 && bounds.y0 >= 0 && bounds.x1 <= image.width && bounds.y1 <= image.height))
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
                        if a >= 1 {
                            // What blend gives at α = 1 over any pixel, without its arithmetic: most of a
                            // filled shape's pixels are inside it.
                            let p = pixelRow + c &* 4
                            p[0] = color.r
                            p[1] = color.g
                            p[2] = color.b
                            p[3] = 255
                        } else if a > 0.5 / 255 {
                            Compositor.blend(pixelRow + c &* 4, r: sr, g: sg, b: sb, alpha: a)
                        }
                    }
                    cellRow[width] = 0
                    cellRow[width + 1] = 0
                }
            }
        }
    }
}
