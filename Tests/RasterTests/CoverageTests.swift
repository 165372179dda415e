import Testing
@testable import Raster

/// Coverage of a black shape drawn on white, per pixel, in [0, 1] (from the red channel).
func coverage(of canvas: Canvas) -> [Double] {
    stride(from: 0, to: canvas.image.pixels.count, by: 4).map { 1 - Double(canvas.image.pixels[$0]) / 255 }
}

@Suite struct CoverageTests {
    @Test(arguments: [(2.25, 3.5, 9.75, 7.125), (0.1, 0.2, 0.3, 0.9), (-3.4, 5.5, 12.6, 11.0), (4.0, 4.0, 9.0, 6.0)])
    func rectangleGetsExactAreaPerPixel(rect: (Double, Double, Double, Double)) throws {
        var canvas = try Canvas(width: 16, height: 14)
        canvas.fillRect(x0: rect.0, y0: rect.1, x1: rect.2, y1: rect.3, color: .black)
        let cov = coverage(of: canvas)
        for y in 0..<14 {
            for x in 0..<16 {
                let wx = max(0, min(Double(x + 1), rect.2) - max(Double(x), rect.0))
                let wy = max(0, min(Double(y + 1), rect.3) - max(Double(y), rect.1))
                #expect(abs(cov[y * 16 + x] - wx * wy) <= 1.0 / 255 + 1e-9, "pixel \(x),\(y)")
            }
        }
    }

    @Test(arguments: [0.5, 0.75, 1.3, 2.0, 5.38, 10.0, 33.3, 75.0, 200.0])
    func filledCircleHasAreaPiRSquared(radius: Double) throws {
        let side = Int(2 * radius) + 6
        var canvas = try Canvas(width: side, height: side)
        let c = Double(side) / 2 + 0.3
        canvas.fillCircle(center: Point(c, c - 0.1), radius: radius, color: .black)
        let sum = coverage(of: canvas).reduce(0, +)
        let area = Double.pi * radius * radius
        #expect(abs(sum - area) / area < 0.005, "sum \(sum) vs \(area)")
    }
}
