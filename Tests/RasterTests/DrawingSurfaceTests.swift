import Testing
@testable import Raster

/// A surface that implements only the required primitive, on a canvas: every other operation takes
/// the protocol's default. It is the plain twin of `Canvas`'s overrides.
struct FillOnlySurface: DrawingSurface {
    var canvas: Canvas
    var width: Int { canvas.width }
    var height: Int { canvas.height }
    mutating func fill(_ path: Path, color: RGBA8, rule: FillRule, clip: PixelRect?) {
        canvas.fill(path, color: color, rule: rule, clip: clip)
    }
}

/// Largest difference of any channel between two images of one size.
func largestDifference(_ a: Image, _ b: Image) -> Int {
    zip(a.pixels, b.pixels).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
}

@Suite struct DrawingSurfaceTests {
    /// Draws the same shapes on a canvas (its fast kernels) and on the fill-only twin (the defaults).
    func both(_ draw: (inout any DrawingSurface) throws -> Void) throws -> (Image, Image) {
        var canvas: any DrawingSurface = try Canvas(width: 96, height: 64)
        try draw(&canvas)
        var twin: any DrawingSurface = FillOnlySurface(canvas: try Canvas(width: 96, height: 64))
        try draw(&twin)
        let fast = try #require(canvas as? Canvas), plain = try #require(twin as? FillOnlySurface)
        return (fast.image, plain.canvas.image)
    }

    @Test func circlesByDefaultMatchTheCanvasKernels() throws {
        let (fast, plain) = try both { s in
            s.fillCircle(center: Point(30.3, 31.7), radius: 5.38, color: RGBA8(0, 0, 255), clip: nil)
            s.strokeCircle(center: Point(30.3, 31.7), radius: 5.38, width: 0.139, color: .black, clip: nil)
            s.fillCircle(center: Point(60, 20), radius: 14, color: RGBA8(200, 0, 0, 128), clip: PixelRect(x0: 50, y0: 0, x1: 96, y1: 25))
            s.strokeCircle(center: Point(70, 45), radius: 9, width: 3, color: .black, clip: nil)
        }
        // Both are polygons with the circle's area; the kernels walk them without building a path.
        #expect(largestDifference(fast, plain) <= 2)
    }

    @Test func strokesRectsAndPolygonsByDefaultAreTheCanvasOwn() throws {
        let (fast, plain) = try both { s in
            s.strokePolyline([Point(5, 5), Point(90, 12), Point(40, 60)], style: StrokeStyle(width: 2.5, cap: .square, join: .round),
                             color: .black, clip: nil)
            s.fillRect(x0: 10.25, y0: 30.5, x1: 44.75, y1: 50.1, color: RGBA8(0, 128, 0, 200), clip: nil)
            s.fillPolygon([Point(50, 50), Point(90, 55), Point(70, 62)], color: RGBA8(0, 0, 0), clip: PixelRect(x0: 0, y0: 0, x1: 80, y1: 64))
        }
        #expect(fast == plain)
    }

    @Test func clearByDefaultPaintsTheRectangle() throws {
        let (fast, plain) = try both { s in
            s.clear(RGBA8(10, 20, 30), in: nil)
            s.clear(RGBA8(200, 100, 50), in: PixelRect(x0: -5, y0: 10, x1: 40, y1: 30))
        }
        #expect(fast == plain)
    }

    @Test(arguments: [(8, 8, PixelRect(x0: 3, y0: 4, x1: 43, y1: 44)), (3, 5, PixelRect(x0: 10, y0: 2, x1: 30, y1: 60)),
                      (8, 8, PixelRect(x0: 80, y0: -10, x1: 120, y1: 30))])
    func imagesByDefaultCoverTheNearestNeighbourBlocks(sized: (Int, Int, PixelRect)) throws {
        let size = (sized.0, sized.1), rect = sized.2
        var image = try Image(width: size.0, height: size.1)
        for y in 0..<size.1 {
            for x in 0..<size.0 { image[x, y] = RGBA8(UInt8(x * 30), UInt8(y * 25), UInt8((x * y) % 256)) }
        }
        let (fast, plain) = try both { s in s.drawImage(image, in: rect, clip: nil) }
        #expect(fast == plain)
    }

    /// Unhinted outlines at the raster text's positions: the same glyphs, only the hinting differs
    /// (measured: ink centres 0.06–0.36 px apart; ink within 3–9 %, 23 % for the full stop).
    @Test(arguments: ["0", "3", "5", ".", "−", "A", "V", "H", "l"])
    func glyphOutlinesSitWhereTheBitmapsAre(text: String) throws {
        let font = try Font.dejaVuSans()
        var canvas = try Canvas(width: 60, height: 48)
        var twin = FillOnlySurface(canvas: try Canvas(width: 60, height: 48))
        try canvas.drawGlyphs(text, origin: Point(20.3, 30), font: font, points: 14, dpi: 100, color: .black)
        try twin.drawGlyphs(text, origin: Point(20.3, 30), font: font, points: 14, dpi: 100, color: .black)
        func inkCentre(_ image: Image) -> (Double, Double, Double) {
            var sum = 0.0, sx = 0.0, sy = 0.0
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let ink = Double(255 - image[x, y].r)
                    sum += ink; sx += ink * Double(x); sy += ink * Double(y)
                }
            }
            return (sum, sx / sum, sy / sum)
        }
        let (a, ax, ay) = inkCentre(canvas.image), (b, bx, by) = inkCentre(twin.canvas.image)
        #expect(abs(a - b) / a < 0.25, "ink \(a) vs \(b)")
        #expect(abs(ax - bx) < 0.5 && abs(ay - by) < 0.5, "centres (\(ax), \(ay)) vs (\(bx), \(by))")
    }

    @Test func verticalOutlinesRunUpTheSurface() throws {
        let font = try Font.dejaVuSans()
        var canvas = try Canvas(width: 40, height: 120)
        var twin = FillOnlySurface(canvas: try Canvas(width: 40, height: 120))
        try canvas.drawGlyphs("loss", origin: Point(28, 100), font: font, points: 12, dpi: 100, color: .black, rotation: .vertical)
        try twin.drawGlyphs("loss", origin: Point(28, 100), font: font, points: 12, dpi: 100, color: .black, rotation: .vertical)
        let diff = zip(canvas.image.pixels, twin.canvas.image.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        let ink = canvas.image.pixels.reduce(0) { $0 + 255 - Int($1) }
        #expect(Double(diff) < 0.35 * Double(ink), "difference \(diff) against ink \(ink)")
    }

    @Test func outlinesAreInFontUnits() throws {
        let font = try Font.dejaVuSans()
        #expect(font.unitsPerEm == 2048)
        let index = try font.glyphRun("H", points: 10, dpi: 72, origin: Point(0, 0)).glyphs[0].index
        let outline = try font.outline(glyph: index)
        let points = outline.flattened(tolerance: 1).flatMap(\.points)
        // DejaVu Sans's H: 201…1278 across, 0…1493 up.
        #expect(points.map(\.x).min() == 201 && points.map(\.y).max() == 1493 && points.map(\.y).min() == 0)
        let space = try font.glyphRun(" ", points: 10, dpi: 72, origin: Point(0, 0)).glyphs[0].index
        #expect(try font.outline(glyph: space).elements.isEmpty)
    }
}
