import Testing
@testable import Raster

@Suite struct MatplotlibShapeTests {
    /// The article's markers and a filled arrow drawn as matplotlib's Agg draws them (fixture image).
    @Test func markersAndArrowMatchAgg() throws {
        let records = try fixtureRecords("shapes.txt")
        let size = try #require(records.first { $0[0] == "size" }).dropFirst().compactMap { Int($0) }
        let (w, h, dpi) = (size[0], size[1], Double(size[2]))
        var canvas = try Canvas(width: w, height: h)
        let diameter = 60.0.squareRoot() * dpi / 72
        let edge = 0.1 * dpi / 72
        for r in records where r[0] == "marker" {
            let c = Point(try #require(Double(r[1])), try #require(Double(r[2])))
            let color = RGBA8(UInt8(r[3]) ?? 0, UInt8(r[4]) ?? 0, UInt8(r[5]) ?? 0)
            canvas.fillCircle(center: c, radius: diameter / 2, color: color)
            canvas.strokeCircle(center: c, radius: diameter / 2, width: edge, color: .black)
        }
        let numbers = try #require(records.first { $0[0] == "polygon" }).dropFirst().compactMap { Double($0) }
        let polygon = stride(from: 0, to: numbers.count, by: 2).map { Point(numbers[$0], numbers[$0 + 1]) }
        canvas.fillPolygon(polygon, color: .black)
        let rows = records.filter { $0[0] == "row" }.map { hexBytes($0[1]) }
        #expect(rows.count == h)
        var worst = 0, total = 0
        for y in 0..<h {
            for x in 0..<w {
                let p = canvas.image[x, y]
                for (k, mine) in [p.r, p.g, p.b].enumerated() {
                    let d = abs(Int(mine) - Int(rows[y][3 * x + k]))
                    worst = max(worst, d)
                    total += d
                }
            }
        }
        let mean = Double(total) / Double(w * h * 3)
        // Agg flattens a 5 px marker to about 16 chords (0.1 px inside the circle between vertices), ours to
        // 32 of equal area, so a few edge pixels differ by up to 15/255 (measured); the rest is identical.
        #expect(worst <= 20, "largest channel difference \(worst)")
        #expect(mean < 0.25, "mean channel difference \(mean)")
    }

    /// Snapped axis-aligned lines land on the same pixels with the same ink as matplotlib's Line2D.
    @Test func snappedLinesMatchAgg() throws {
        let records = try fixtureRecords("lines.txt")
        let size = try #require(records.first { $0[0] == "size" }).dropFirst().compactMap { Int($0) }
        var canvas = try Canvas(width: size[0], height: size[1])
        for r in records where r[0] == "line" {
            let v = r.dropFirst().compactMap { Double($0) }
            canvas.drawLine(from: Point(v[0], v[1]), to: Point(v[2], v[3]), width: v[4], color: .black, snap: true)
        }
        let rows = records.filter { $0[0] == "row" }.map { hexBytes($0[1]) }
        #expect(rows.count == size[1])
        var worst = 0
        for y in 0..<size[1] {
            for x in 0..<size[0] {
                worst = max(worst, abs(255 - Int(canvas.image[x, y].r) - Int(rows[y][x])))
            }
        }
        #expect(worst <= 2, "largest difference \(worst)")
    }
}
