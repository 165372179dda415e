import Testing
@testable import Raster

/// Summed coverage of a black drawing on a white canvas of the given size.
func drawnArea(width: Int = 64, height: Int = 64, _ draw: (inout Canvas) throws -> Void) throws -> (Double, [Double]) {
    var canvas = try Canvas(width: width, height: height)
    try draw(&canvas)
    let cov = coverage(of: canvas)
    return (cov.reduce(0, +), cov)
}

@Suite struct ShapeTests {
    @Test(arguments: [0.5, 1.0, 2.7, 5.38, 12.0, 40.0])
    func filledCircleIsMirrorSymmetric(radius: Double) throws {
        let side = Int(2 * radius) + 8
        let c = Double(side) / 2
        let (_, cov) = try drawnArea(width: side, height: side) { $0.fillCircle(center: Point(c, c), radius: radius, color: .black) }
        var worst = 0.0
        for y in 0..<side {
            for x in 0..<side {
                let v = cov[y * side + x]
                worst = max(worst, abs(v - cov[y * side + (side - 1 - x)]))
                worst = max(worst, abs(v - cov[(side - 1 - y) * side + x]))
                worst = max(worst, abs(v - cov[x * side + y]))
            }
        }
        #expect(worst <= 1.0 / 255 + 1e-9, "largest asymmetry \(worst)")
    }

    @Test(arguments: [(5.38, 0.1389), (5.38, 1.0), (20.0, 3.0), (100.0, 0.5), (2.0, 1.5)])
    func strokedRingHasTheAnnulusArea(ring: (Double, Double)) throws {
        let (radius, width) = ring
        let side = Int(2 * radius + width) + 6
        let c = Double(side) / 2 + 0.37
        let (sum, _) = try drawnArea(width: side, height: side) {
            $0.strokeCircle(center: Point(c, c - 0.21), radius: radius, width: width, color: .black)
        }
        let outer = radius + width / 2, inner = radius - width / 2
        let area = Double.pi * (outer * outer - inner * inner)
        #expect(abs(sum - area) / area < 0.01, "ring \(sum) vs \(area)")
    }

    @Test func overlappingSubpathsUnderNonzeroNeverExceedFullCoverage() throws {
        var path = Path.circle(center: Point(20, 20), radius: 12)
        path.append(.circle(center: Point(28, 24), radius: 12, clockwise: false))
        path.append(.rectangle(x0: 10.5, y0: 15.25, x1: 40.75, y1: 30.5))
        path.append(.rectangle(x0: 10.5, y0: 15.25, x1: 40.75, y1: 30.5))
        // A half-transparent colour shows any double blending as a darker value.
        var canvas = try Canvas(width: 48, height: 48)
        canvas.fill(path, color: RGBA8(0, 0, 0, 128), rule: .nonZero)
        let darkest = canvas.image.pixels.enumerated().filter { $0.offset % 4 == 0 }.map(\.element).min() ?? 0
        #expect(darkest == 127, "a fully covered pixel blends 50 % black exactly once")
        let (sum, cov) = try drawnArea(width: 48, height: 48) { $0.fill(path, color: .black, rule: .nonZero) }
        #expect(cov.allSatisfy { $0 <= 1 })
        #expect(sum > Double.pi * 144)
    }

    @Test func evenOddCutsTheOverlapOut() throws {
        var path = Path.rectangle(x0: 4, y0: 4, x1: 24, y1: 24)
        path.append(.rectangle(x0: 9, y0: 9, x1: 19, y1: 19))
        let (evenOdd, _) = try drawnArea(width: 32, height: 32) { $0.fill(path, color: .black, rule: .evenOdd) }
        let (nonZero, _) = try drawnArea(width: 32, height: 32) { $0.fill(path, color: .black, rule: .nonZero) }
        #expect(abs(evenOdd - 300) < 0.5)
        #expect(abs(nonZero - 400) < 0.5)
    }

    @Test func clipRectangleLimitsDrawing() throws {
        var canvas = try Canvas(width: 32, height: 32)
        canvas.clip = PixelRect(x0: 8, y0: 8, x1: 20, y1: 16)
        canvas.fillCircle(center: Point(16, 16), radius: 30, color: .black)
        let cov = coverage(of: canvas)
        #expect(abs(cov.reduce(0, +) - 96) < 0.5)
        #expect(cov[7 * 32 + 10] == 0 && cov[10 * 32 + 20] == 0 && cov[10 * 32 + 19] == 1)
    }

    @Test func shapesLeftOfTheClipStillWindTheInside() throws {
        // A polygon mostly left of the image: the part inside must be exact.
        let (sum, cov) = try drawnArea(width: 16, height: 16) {
            $0.fillPolygon([Point(-100, 2.5), Point(10.25, 2.5), Point(10.25, 6.5), Point(-100, 6.5)], color: .black)
        }
        #expect(abs(sum - 10.25 * 4) < 0.05)
        #expect(abs(cov[3 * 16 + 10] - 0.25) <= 1.0 / 255)
    }

    @Test(arguments: [(LineCap.butt, 0.0), (LineCap.square, 1.0), (LineCap.round, 0.0)])
    func capsAddWhatTheyShould(test: (LineCap, Double)) throws {
        let (cap, extra) = test
        let w = 4.0, length = 30.0
        let (sum, _) = try drawnArea { $0.drawLine(from: Point(10.3, 20.6), to: Point(10.3 + length, 20.6), width: w, color: .black, cap: cap) }
        var expected = length * w + extra * w * w
        if cap == .round { expected += Double.pi * w * w / 4 }
        #expect(abs(sum - expected) / expected < 0.005, "\(cap): \(sum) vs \(expected)")
    }

    @Test(arguments: [LineJoin.miter, .round, .bevel])
    func joinsFillTheCorner(join: LineJoin) throws {
        // An L of two 20 px legs, 4 px wide, butt caps: the corner square 2×2 outside is added by a
        // miter, a quarter disc by a round join and a triangle by a bevel.
        let w = 4.0
        let (sum, _) = try drawnArea {
            $0.strokePolyline([Point(10, 10), Point(30, 10), Point(30, 30)], style: StrokeStyle(width: w, join: join), color: .black)
        }
        // Two 20 × 4 legs overlapping in the inner 2 × 2 square.
        let core = 20 * w * 2 - (w / 2) * (w / 2)
        let outer: Double
        switch join {
        case .miter: outer = (w / 2) * (w / 2)
        case .round: outer = Double.pi * (w / 2) * (w / 2) / 4
        case .bevel: outer = (w / 2) * (w / 2) / 2
        }
        #expect(abs(sum - (core + outer)) < 0.1, "\(join): \(sum) vs \(core + outer)")
    }

    @Test func curvesAreFlattenedWithinTolerance() {
        var path = Path()
        path.move(to: Point(0, 0))
        path.cubic(to: Point(100, 0), control1: Point(30, 80), control2: Point(70, -80))
        path.quad(to: Point(200, 0), control: Point(150, 120))
        let points = path.flattened(tolerance: 0.1)[0].points
        #expect(points.first == Point(0, 0))
        #expect(points.last == Point(200, 0))
        // Every chord midpoint lies within 0.1 px of the curve, sampled densely.
        func cubic(_ t: Double) -> Point {
            let u = 1 - t
            return Point(0, 0) * (u * u * u) + Point(30, 80) * (3 * u * u * t) + Point(70, -80) * (3 * u * t * t) + Point(100, 0) * (t * t * t)
        }
        let samples = (0...4000).map { cubic(Double($0) / 4000) }
        for (a, b) in zip(points, points.dropFirst()) where b.x <= 100 {
            let mid = (a + b) * 0.5
            let nearest = samples.map { ($0 - mid).length }.min() ?? 0
            #expect(nearest <= 0.1 + 0.02)
        }
    }

    @Test func nonFiniteInputDrawsNothingAndNeverCrashes() throws {
        let (sum, _) = try drawnArea {
            $0.fillCircle(center: Point(.nan, 3), radius: 4, color: .black)
            $0.fillCircle(center: Point(3, 3), radius: .infinity, color: .black)
            $0.fillCircle(center: Point(3, 3), radius: -2, color: .black)
            $0.fillPolygon([Point(1, 1), Point(.infinity, 5)], color: .black)
            $0.strokeCircle(center: Point(9, 9), radius: 3, width: .nan, color: .black)
            $0.strokePolyline([Point(1, 1)], style: StrokeStyle(width: 3), color: .black)
            $0.fillRect(x0: -1e300, y0: -1e300, x1: 1e300, y1: 3, color: RGBA8(0, 0, 0, 0))
        }
        #expect(sum == 0)
        let (huge, _) = try drawnArea(width: 8, height: 8) { $0.fillRect(x0: -1e300, y0: -1e300, x1: 1e300, y1: 1e300, color: .black) }
        #expect(abs(huge - 64) < 1e-9)
    }

    @Test func snappingFollowsMatplotlib() throws {
        let canvas = try Canvas(width: 10, height: 10)
        // Odd widths go to pixel centres, even widths to pixel edges.
        #expect(canvas.snapped(Point(3.2, 4.7), lineWidth: 1.11) == Point(3.5, 5.5))
        #expect(canvas.snapped(Point(3.2, 4.7), lineWidth: 2) == Point(3, 5))
        var c = canvas
        c.drawLine(from: Point(1.2, 4.7), to: Point(8.9, 4.7), width: 1, color: .black, snap: true)
        let cov = coverage(of: c)
        #expect(cov[5 * 10 + 3] == 1 && cov[4 * 10 + 3] == 0 && cov[6 * 10 + 3] == 0)
    }

    @Test func compositingKeepsStraightAlpha() throws {
        var canvas = try Canvas(width: 2, height: 1, background: .clear)
        canvas.fillRect(x0: 0, y0: 0, x1: 1, y1: 1, color: RGBA8(255, 0, 0, 128))
        #expect(canvas.image[0, 0] == RGBA8(255, 0, 0, 128))
        canvas.fillRect(x0: 0, y0: 0, x1: 1, y1: 1, color: RGBA8(0, 0, 255, 128))
        let p = canvas.image[0, 0]
        #expect(p.a == 192)
        #expect(abs(Int(p.r) - 85) <= 1 && abs(Int(p.b) - 170) <= 1)
        #expect(canvas.image[1, 0] == .clear)
    }

    @Test func imageFillAndCrop() throws {
        var image = try Image(width: 5, height: 4, fill: .white)
        image.fill(RGBA8(1, 2, 3, 4), in: PixelRect(x0: 1, y0: 1, x1: 3, y1: 9))
        #expect(image[1, 1] == RGBA8(1, 2, 3, 4) && image[2, 3] == RGBA8(1, 2, 3, 4))
        #expect(image[0, 1] == .white && image[3, 1] == .white && image[1, 0] == .white)
        let crop = try image.cropped(to: PixelRect(x0: 1, y0: 1, x1: 3, y1: 4))
        #expect(crop.width == 2 && crop.height == 3 && crop[1, 2] == RGBA8(1, 2, 3, 4))
        #expect(throws: RasterError.self) { try image.cropped(to: PixelRect(x0: 9, y0: 9, x1: 10, y1: 10)) }
        #expect(throws: ImageError.self) { try Image(width: 0, height: 3) }
    }
}

@Suite struct RobustnessTests {
    /// Extreme, tiny and non-finite coordinates from a seeded stream never trap and never leave [0, 1].
    @Test func extremeCoordinatesNeverCrash() throws {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let scales: [Double] = [1e-300, 1e-9, 1, 40, 1e6, 1e150, 1e300, .greatestFiniteMagnitude]
        for _ in 0..<400 {
            let points = (0..<5).map { _ -> Point in
                let s = scales[Int(next() * Double(scales.count))]
                return Point((next() - 0.3) * s, (next() - 0.3) * s)
            }
            var canvas = try Canvas(width: 16, height: 12)
            canvas.fillPolygon(points, color: RGBA8(0, 0, 0, 200))
            canvas.fill(.polygon(points), color: .black, rule: .evenOdd)
            canvas.strokePolyline(points, style: StrokeStyle(width: 3, cap: .round, join: .round), color: .black)
            canvas.fillCircle(center: points[0], radius: abs(points[1].x), color: .black)
            #expect(canvas.image.pixels.count == 16 * 12 * 4)
        }
    }
}

@Suite struct ImageViewTests {
    @Test func viewSharesPixelsWithinItsRectangle() throws {
        var image = try Image(width: 6, height: 5, fill: .white)
        image[4, 3] = RGBA8(9, 8, 7, 6)
        let view = try image.view(PixelRect(x0: 2, y0: 1, x1: 40, y1: 4))
        #expect(view.width == 4 && view.height == 3)
        #expect(view[2, 2] == RGBA8(9, 8, 7, 6))
        #expect(Array(view.row(2)[(view.row(2).startIndex + 8)...].prefix(4)) == [9, 8, 7, 6])
        #expect(try view.copy()[2, 2] == RGBA8(9, 8, 7, 6))
        #expect(throws: RasterError.self) { try image.view(PixelRect(x0: 6, y0: 0, x1: 9, y1: 2)) }
    }
}

@Suite struct FontThreadingTests {
    /// One font drawn from many tasks at once gives the same pixels as drawn alone.
    @Test func oneFontServesManyThreads() async throws {
        let font = try Font.dejaVuSans()
        func render(_ i: Int) throws -> [UInt8] {
            var canvas = try Canvas(width: 80, height: 30)
            try canvas.drawText("\(i % 7).\(i % 5) −\(i % 3)", at: Point(40.3, 15.6), font: font,
                                points: 8 + Double(i % 4), dpi: 100, color: .black,
                                horizontal: .center, vertical: .center, rotation: i % 2 == 0 ? .horizontal : .vertical)
            return canvas.image.pixels
        }
        let alone = try (0..<24).map(render)
        let together = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for i in 0..<24 { group.addTask { (i, try render(i)) } }
            var out = [[UInt8]](repeating: [], count: 24)
            for try await (i, pixels) in group { out[i] = pixels }
            return out
        }
        #expect(alone == together)
        #expect(alone.allSatisfy { $0.contains { $0 < 255 } })
    }
}

@Suite struct PixelRectTests {
    @Test func roundingFollowsAggsClipBox() {
        #expect(PixelRect.rounding(minX: 125.0, minY: 54.0, maxX: 477.3, maxY: 400.5) == PixelRect(x0: 125, y0: 54, x1: 477, y1: 401))
        #expect(PixelRect.rounding(minX: .nan, minY: 0, maxX: 1, maxY: 1).isEmpty)
        #expect(PixelRect.enclosing(minX: 0.2, minY: -0.5, maxX: 3.0, maxY: 3.01) == PixelRect(x0: 0, y0: -1, x1: 3, y1: 4))
        #expect(PixelRect(x: 1, y: 2, width: 3, height: 4).intersection(PixelRect(x0: 3, y0: 0, x1: 9, y1: 3)) == PixelRect(x0: 3, y0: 2, x1: 4, y1: 3))
    }
}
