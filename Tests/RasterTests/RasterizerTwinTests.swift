import Testing
@testable import Raster

/// The plain twin of the accumulation rasterizer: for every pixel, clip each polygon to the pixel's
/// square (Sutherland–Hodgman) and add the signed areas — the integral of the winding number over the
/// pixel — then fold it like the fast path. Slow and obvious, which is the point.
func plainCoverage(_ polygons: [[Point]], bounds: PixelRect, rule: FillRule) -> [Float] {
    func clip(_ poly: [Point], _ inside: (Point) -> Bool, _ cross: (Point, Point) -> Point) -> [Point] {
        var out: [Point] = []
        guard var previous = poly.last else { return out }
        for p in poly {
            if inside(p) {
                if !inside(previous) { out.append(cross(previous, p)) }
                out.append(p)
            } else if inside(previous) {
                out.append(cross(previous, p))
            }
            previous = p
        }
        return out
    }
    func atX(_ x: Double) -> (Point, Point) -> Point {
        { a, b in Point(x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)) }
    }
    func atY(_ y: Double) -> (Point, Point) -> Point {
        { a, b in Point(a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y) }
    }
    var out: [Float] = []
    for y in bounds.y0..<bounds.y1 {
        for x in bounds.x0..<bounds.x1 {
            let x0 = Double(x), x1 = Double(x + 1), y0 = Double(y), y1 = Double(y + 1)
            var total = 0.0
            for poly in polygons {
                var p = clip(poly, { $0.x >= x0 }, atX(x0))
                p = clip(p, { $0.x <= x1 }, atX(x1))
                p = clip(p, { $0.y >= y0 }, atY(y0))
                p = clip(p, { $0.y <= y1 }, atY(y1))
                var area = 0.0
                for (a, b) in zip(p, p.dropFirst() + p.prefix(1)) { area += a.x * b.y - b.x * a.y }
                total += area / 2
            }
            out.append(CoverageRasterizer.fold(Float(total), evenOdd: rule == .evenOdd))
        }
    }
    return out
}

@Suite struct RasterizerTwinTests {
    static let cases: [(String, [[Point]])] = [
        ("axis-aligned on pixel edges", [[Point(2, 2), Point(7, 2), Point(7, 6), Point(2, 6)]]),
        ("vertical edge at the right border", [[Point(3.5, 1), Point(12, 1), Point(12, 9), Point(3.5, 9)]]),
        ("left of the region", [[Point(-5, 0.5), Point(4.3, 2.2), Point(2.1, 8.8), Point(-9, 6)]]),
        ("right of and below the region", [[Point(5.5, 4.5), Point(30, 6), Point(8, 40)]]),
        ("steep and shallow edges", [[Point(1.01, 0.2), Point(1.02, 9.9), Point(11.7, 9.8), Point(1.5, 0.21)]]),
        ("tiny triangle in one pixel", [[Point(4.1, 4.1), Point(4.3, 4.15), Point(4.2, 4.4)]]),
        ("overlapping opposite windings", [
            [Point(1, 1), Point(9, 1.5), Point(8.5, 8), Point(1.5, 9)],
            [Point(3, 3), Point(3.5, 7.25), Point(6.75, 6.5), Point(7, 2.5)],
        ]),
        ("overlapping same windings", [
            [Point(1, 1), Point(9, 1.5), Point(8.5, 8), Point(1.5, 9)],
            [Point(3, 3), Point(7, 2.5), Point(6.75, 6.5), Point(3.5, 7.25)],
        ]),
        ("self-intersecting star", [[Point(6, 0.5), Point(8.9, 9.5), Point(1.2, 3.8), Point(10.8, 3.8), Point(3.1, 9.5)]]),
        ("above and below the region", [[Point(2.5, -4), Point(9.5, -4), Point(9.5, 14), Point(2.5, 14)]]),
    ]

    @Test(arguments: [FillRule.nonZero, .evenOdd])
    func fastPathMatchesPlainTwin(rule: FillRule) {
        let bounds = PixelRect(x0: 0, y0: 0, x1: 12, y1: 10)
        for (name, polygons) in RasterizerTwinTests.cases {
            var rasterizer = CoverageRasterizer()
            rasterizer.reset(bounds: bounds)
            for poly in polygons {
                var previous = poly[poly.count - 1]
                for p in poly {
                    rasterizer.addLine(previous, p)
                    previous = p
                }
            }
            let fast = rasterizer.coverage(rule: rule)
            let plain = plainCoverage(polygons, bounds: bounds, rule: rule)
            let worst = zip(fast, plain).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "\(name) (\(rule)): largest difference \(worst)")
            // A second use of the same buffer starts from zero.
            rasterizer.reset(bounds: bounds)
            #expect(rasterizer.coverage(rule: rule).allSatisfy { $0 == 0 })
        }
    }

    @Test func regionOffsetFromTheOriginGivesTheSameCoverage() {
        let poly = [Point(13.3, 21.7), Point(24.9, 22.2), Point(18.4, 29.6)]
        let bounds = PixelRect(x0: 12, y0: 20, x1: 26, y1: 31)
        var rasterizer = CoverageRasterizer()
        rasterizer.reset(bounds: bounds)
        var previous = poly[2]
        for p in poly {
            rasterizer.addLine(previous, p)
            previous = p
        }
        let fast = rasterizer.coverage(rule: .nonZero)
        let plain = plainCoverage([poly], bounds: bounds, rule: .nonZero)
        #expect(zip(fast, plain).allSatisfy { abs($0 - $1) < 1e-4 })
    }
}
