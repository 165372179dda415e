import Testing
@testable import Raster

/// `Canvas.inkBounds` holds every pixel a drawing call changes (what `FigureLayer` relies on).
@Suite struct InkBoundsTests {
    /// Draws `draw` on a grey canvas and checks that every changed pixel lies in the ink bounds.
    static func check(_ name: String, _ draw: (inout Canvas) throws -> Void) throws {
        var canvas = try Canvas(width: 80, height: 60, background: RGBA8(128, 128, 128, 200))
        let before = canvas.image
        try draw(&canvas)
        let ink = canvas.inkBounds
        var changed = 0
        for y in 0..<60 {
            for x in 0..<80 where canvas.image[x, y] != before[x, y] {
                changed += 1
                #expect(x >= ink.x0 && x < ink.x1 && y >= ink.y0 && y < ink.y1, "\(name): (\(x), \(y)) outside \(ink)")
            }
        }
        #expect(changed > 0, "\(name) drew nothing")
    }

    @Test func everyKindOfCallStaysInsideItsInk() throws {
        let red = RGBA8(220, 20, 20, 160)
        try Self.check("circle") { $0.fillCircle(center: Point(20.3, 30.7), radius: 7.2, color: red) }
        try Self.check("ring clipped") {
            $0.strokeCircle(center: Point(75, 5), radius: 9, width: 1.3, color: red, clip: PixelRect(x0: 60, y0: 0, x1: 80, y1: 8))
        }
        try Self.check("polygon") { $0.fillPolygon([Point(-5, 3), Point(40, 12.5), Point(10, 58.2)], color: red) }
        try Self.check("stroke") {
            $0.strokePolyline([Point(5.5, 5.5), Point(70.2, 40.9)], style: StrokeStyle(width: 2.5, cap: .square), color: red)
        }
        try Self.check("clear") { $0.clear(.white, in: PixelRect(x0: 70, y0: 50, x1: 90, y1: 70)) }
        try Self.check("text") {
            try $0.drawText("Ink 49", at: Point(40, 30), font: try Font.dejaVuSans(), points: 12, dpi: 100, color: .black,
                            horizontal: .center, vertical: .center)
        }
    }

    @Test func boundsGrowUntilReset() throws {
        var canvas = try Canvas(width: 50, height: 50)
        #expect(canvas.inkBounds.isEmpty)
        canvas.fillCircle(center: Point(10, 10), radius: 3, color: .black)
        let first = canvas.inkBounds
        canvas.fillCircle(center: Point(40, 40), radius: 3, color: .black)
        // Each disc of radius 3 inks the 8×8 pixels around its centre: (6…14) and then (36…44).
        #expect(first == PixelRect(x0: 6, y0: 6, x1: 14, y1: 14))
        #expect(canvas.inkBounds == first.union(PixelRect(x0: 36, y0: 36, x1: 44, y1: 44)))
        #expect(canvas.inkBounds.intersects(first))
        canvas.inkBounds = .empty
        canvas.fillCircle(center: Point(40, 40), radius: 3, color: RGBA8(0, 0, 0, 0))
        #expect(canvas.inkBounds.isEmpty, "a transparent colour draws nothing")
        #expect(!PixelRect(x0: 0, y0: 0, x1: 5, y1: 5).intersects(PixelRect(x0: 5, y0: 0, x1: 9, y1: 5)))
    }

    @Test func facesFromTheSameBytesDrawAlike() throws {
        let a = try Font.dejaVuSans(), b = try Font.dejaVuSans()
        #expect(a.drawsLike(a) && a.drawsLike(b) && b.drawsLike(a))
        var p = try Canvas(width: 60, height: 20), q = try Canvas(width: 60, height: 20)
        try p.drawText("x 4.5", at: Point(3, 15), font: a, points: 10, dpi: 100, color: .black)
        try q.drawText("x 4.5", at: Point(3, 15), font: b, points: 10, dpi: 100, color: .black)
        #expect(p.image == q.image)
    }
}
