import CDejaVu
import Foundation
import Testing
@testable import Raster

@Suite struct TextTests {
    let font: Font

    init() throws { font = try Font.dejaVuSans() }

    @Test func measurementsMatchMatplotlib() throws {
        let records = try fixtureRecords("text.txt").filter { $0.first == "measure" }
        #expect(records.count > 40)
        for r in records {
            let points = try #require(Double(r[1])), dpi = try #require(Double(r[2]))
            let text = hexString(r[3])
            let m = try font.measure(text, points: points, dpi: dpi)
            let expected = r[4...6].compactMap(Double.init)
            #expect(abs(m.width - expected[0]) <= 1.0 / 64, "width of '\(text)' at \(points) pt \(dpi) dpi")
            #expect(abs(m.height - expected[1]) <= 1.0 / 64, "height of '\(text)' at \(points) pt \(dpi) dpi")
            #expect(abs(m.descent - expected[2]) <= 1.0 / 64, "descent of '\(text)' at \(points) pt \(dpi) dpi")
            let xs = try font.glyphPositions(text, points: points, dpi: dpi).map(\.x)
            let expectedXs = r.dropFirst(7).compactMap(Double.init)
            #expect(xs.count == expectedXs.count)
            for (x, e) in zip(xs, expectedXs) { #expect(abs(x - e) <= 1.0 / 64, "pen x in '\(text)'") }
        }
    }

    /// Renders each fixture case and compares the ink box and every pixel with matplotlib's.
    @Test func drawnTextMatchesMatplotlibPixels() throws {
        let records = try fixtureRecords("text.txt").filter { $0.first == "draw" }
        #expect(records.count >= 10)
        for r in records {
            let text = hexString(r[1])
            let points = try #require(Double(r[2]))
            let anchor = Point(try #require(Double(r[3])), try #require(Double(r[4])))
            let ha: HorizontalAlignment = r[5] == "left" ? .left : (r[5] == "right" ? .right : .center)
            let va: VerticalAlignment = ["baseline": .baseline, "top": .top, "bottom": .bottom][r[6]] ?? .center
            let rotation: TextRotation = r[7] == "90" ? .vertical : .horizontal
            let box = r[8...11].compactMap(Int.init)
            let expected = hexBytes(r[12])
            var canvas = try Canvas(width: 200, height: 100)
            try canvas.drawText(text, at: anchor, font: font, points: points, dpi: 100, color: .black,
                                horizontal: ha, vertical: va, rotation: rotation)
            let ink = inkBox(canvas.image)
            #expect(ink == box, "ink box of '\(text)'")
            var worst = 0
            for y in box[1]..<box[3] {
                for x in box[0]..<box[2] {
                    let mine = 255 - Int(canvas.image[x, y].r)
                    let theirs = Int(expected[(y - box[1]) * (box[2] - box[0]) + (x - box[0])])
                    worst = max(worst, abs(mine - theirs))
                }
            }
            // Identical today (worst 0); a little slack for other FreeType builds.
            #expect(worst <= 4, "largest pixel difference for '\(text)': \(worst)")
        }
    }

    @Test func inkHeightOfTickLabelMatchesMatplotlib() throws {
        // The check: "0.5" at 10 pt and 100 dpi, drawn, is as tall as matplotlib draws it.
        let record = try #require(try fixtureRecords("text.txt").first { $0.first == "draw" && $0[1] == "302e35" })
        let matplotlibHeight = try #require(Int(record[11])) - (try #require(Int(record[9])))
        var canvas = try Canvas(width: 200, height: 100)
        try canvas.drawText("0.5", at: Point(40, 50), font: font, points: 10, dpi: 100, color: .black)
        let box = inkBox(canvas.image)
        #expect(abs((box[3] - box[1]) - matplotlibHeight) <= 1)
    }

    @Test func embeddedFontIsMatplotlibsDejaVuSans() throws {
        // Compiled into the binary, so nothing is looked up on disk at run time.
        #expect(font.familyName == "DejaVu Sans")
        let asset = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Assets/DejaVuSans.ttf").standardizedFileURL
        let bytes = try Data(contentsOf: asset)
        #expect(bytes.count == Int(nmfviz_dejavu_sans_size))
        #expect(bytes.elementsEqual(UnsafeBufferPointer(start: nmfviz_dejavu_sans_bytes(), count: bytes.count)))
    }

    @Test func lineMetricsMatchMatplotlibsTextLayout() throws {
        let records = try fixtureRecords("text.txt").filter { $0.first == "linemetrics" }
        #expect(records.count == 3)
        for r in records {
            let v = r.dropFirst().compactMap(Double.init)
            let line = font.lineMetrics(points: v[0], dpi: v[1])
            #expect(abs(line.ascent - v[2]) < 1e-9 && abs(line.descent - v[3]) < 1e-9 && abs(line.lineGap - v[4]) < 1e-9)
        }
    }

    @Test func badSizesThrowInsteadOfCrashing() throws {
        #expect(throws: RasterError.self) { try font.measure("1", points: 0, dpi: 100) }
        #expect(throws: RasterError.self) { try font.measure("1", points: .nan, dpi: 100) }
        var canvas = try Canvas(width: 10, height: 10)
        #expect(throws: RasterError.self) {
            try canvas.drawText("1", at: Point(1, 1), font: font, points: 10, dpi: -3, color: .black)
        }
    }

    @Test func drawingFarOutsideTheImageIsClippedSafely() throws {
        var canvas = try Canvas(width: 20, height: 20)
        try canvas.drawText("0.5", at: Point(-1e7, 1e7), font: font, points: 10, dpi: 100, color: .black)
        try canvas.drawText("0.5", at: Point(15, 5), font: font, points: 10, dpi: 100, color: .black)
        #expect(canvas.image.pixels.contains { $0 < 255 })
    }
}

/// [x0, y0, x1, y1) of the pixels that are not white.
func inkBox(_ image: Image) -> [Int] {
    var x0 = Int.max, y0 = Int.max, x1 = Int.min, y1 = Int.min
    for y in 0..<image.height {
        for x in 0..<image.width where image[x, y].r < 255 {
            x0 = min(x0, x); y0 = min(y0, y); x1 = max(x1, x + 1); y1 = max(y1, y + 1)
        }
    }
    return [x0, y0, x1, y1]
}
