import Codecs
import Foundation
import Raster
import Testing
@testable import Plot

/// `Density`: the pixel histogram against a plain twin, the log shading, and a density drawn on exactly
/// the axes (limits, ticks, labels) a scatter of the same points gets.
@Suite struct DensityTests {
    /// A seeded stream of doubles in [0, 1) (a 64-bit LCG), so the tests need no other module.
    struct Stream {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53
        }
    }

    /// The plain twin of `DensityGrid.counts`: a dictionary keyed by the floored pixel.
    static func plainCounts(px: [Double], py: [Double], in rect: PixelRect) -> [UInt32] {
        var bins: [Int: UInt32] = [:]
        for (x, y) in zip(px, py) where x.isFinite && y.isFinite {
            let column = x.rounded(.down), row = y.rounded(.down)
            guard column >= Double(rect.x0), column < Double(rect.x1), row >= Double(rect.y0), row < Double(rect.y1) else {
                continue
            }
            bins[(Int(row) - rect.y0) * rect.width + (Int(column) - rect.x0), default: 0] += 1
        }
        return (0..<(rect.width * rect.height)).map { bins[$0] ?? 0 }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func countsEqualAPlainCountingTwin(seed: UInt64) {
        var random = Stream(state: seed)
        let rect = PixelRect(x0: 37, y0: 11, x1: 37 + 61, y1: 11 + 23)
        var px: [Double] = [], py: [Double] = []
        for _ in 0..<50_000 {
            // Most inside, some outside on every side, a few clustered to make large counts.
            let cluster = random.next() < 0.2
            px.append(cluster ? 50.5 : 30 + random.next() * 75)
            py.append(cluster ? 20.25 : 5 + random.next() * 35)
        }
        // Edges and values that must count nowhere (or exactly at the first pixel).
        px += [37, 98, 97.999999, .nan, .infinity, -.infinity, 1e300, -1e300, 37.0.nextDown, 50]
        py += [11, 20, 33.999999, 20, 20, 20, 20, 20, 20, .nan]
        let fast = DensityGrid.counts(px: px, py: py, in: rect)
        #expect(fast == Self.plainCounts(px: px, py: py, in: rect))
        #expect(fast.reduce(0, +) > 30_000)
        #expect(fast[0] >= 1 && fast[fast.count - 1] >= 1)
    }

    @Test func emptyAndDegenerateRectanglesCountNothing() {
        #expect(DensityGrid.counts(px: [1, 2], py: [1, 2], in: PixelRect(x0: 5, y0: 5, x1: 5, y1: 9)).isEmpty)
        #expect(DensityGrid.counts(px: [], py: [], in: PixelRect(x0: 0, y0: 0, x1: 2, y1: 2)) == [0, 0, 0, 0])
    }

    @Test func shadingIsLogOverTheNonZeroRangeAndClearWhereEmpty() throws {
        let jet = try Colormap(named: "jet")
        let counts: [UInt32] = [0, 1, 3, 100, 0, 10]
        let image = try DensityGrid.shade(counts, width: 3, colormap: jet)
        #expect(image.width == 3 && image.height == 2)
        #expect(image[0, 0] == .clear && image[1, 1] == .clear)
        #expect(image[1, 0] == jet.color(at: 0))
        #expect(image[0, 1] == jet.color(at: 1))
        let t = (log1p(3.0) - log1p(1.0)) / (log1p(100.0) - log1p(1.0))
        #expect(image[2, 0] == jet.color(at: t))
        // One count everywhere: the top colour; and counts past the table still shade.
        #expect(try DensityGrid.shade([0, 7, 7], width: 3, colormap: jet)[1, 0] == jet.color(at: 1))
        let big = try DensityGrid.shade([5000, 1, 70_000], width: 3, colormap: jet)
        #expect(big[0, 0] == jet.color(at: (log1p(5000.0) - log1p(1.0)) / (log1p(70_000.0) - log1p(1.0))))
        #expect(big[2, 0] == jet.color(at: 1))
        #expect(throws: RasterError.self) { try DensityGrid.shade([], width: 0, colormap: jet) }
        #expect(try DensityGrid.shade([0, 0, 0, 0], width: 2, colormap: jet) == Image(width: 2, height: 2, fill: .clear))
    }

    /// A figure of one autoscaled axes with these points, as a scatter or as a density.
    static func figure(density: Bool, x: [Double], y: [Double], theme: Theme = .matplotlib) throws -> Figure {
        var figure = try Figure(widthInches: 5, heightInches: 4, dpi: 100, theme: theme)
        try figure.addSubplots(rows: 1, columns: 1)
        figure.axes[0].xLabel = "x"
        figure.axes[0].yLabel = "y"
        figure.axes[0].title = "points"
        if density {
            try figure.axes[0].density(x: x, y: y, colormap: try Colormap(named: "jet"))
        } else {
            try figure.axes[0].scatter(x: x, y: y, size: 60, values: x, colormap: try Colormap(named: "jet"))
        }
        return figure
    }

    static func points(_ n: Int) -> (x: [Double], y: [Double]) {
        var random = Stream(state: 7)
        let x = (0..<n).map { _ in 0.2 + 4 * random.next() }
        let y = x.map { cos($0) * cos($0) + 1 + 0.3 * (random.next() - 0.5) }
        return (x, y)
    }

    @Test(arguments: [Theme.matplotlib, Theme.dark, Theme.matplotlib.withTransparentBackground])
    func aDensityHasTheScatterAxes(theme: Theme) throws {
        let (x, y) = Self.points(20_000)
        let scatter = try Self.figure(density: false, x: x, y: y, theme: theme)
        let density = try Self.figure(density: true, x: x, y: y, theme: theme)
        let a = try scatter.layouts()[0], b = try density.layouts()[0]
        #expect(a.x == b.x && a.y == b.y && a.box == b.box)
        #expect(a.xTicks == b.xTicks && a.yTicks == b.yTicks && a.xTicks.count >= 4)
        // Every pixel outside the axes' clip box is the same: spines, ticks, labels, title.
        let p = try scatter.render(), q = try density.render()
        // Agg's clip box, as `AxesRenderer.clip` rounds it.
        func r(_ v: Double) -> Int { Int((v + 0.5).rounded(.down)) }
        let clip = (x: r(b.box.x0)..<r(b.box.x1), y: r(b.box.y0)..<r(b.box.y1))
        var outside = 0, inside = 0, inked = 0
        for row in 0..<p.height {
            for column in 0..<p.width {
                let isInside = clip.x.contains(column) && clip.y.contains(row)
                if p[column, row] != q[column, row] { if isInside { inside += 1 } else { outside += 1 } }
                if isInside && q[column, row] != theme.axesFace { inked += 1 }
            }
        }
        #expect(outside == 0)
        #expect(inside > 1000 && inked > 1000)
    }

    @Test func aDensityIsEmbeddedAsOneCrispImageInSVGAndPDF() throws {
        let (x, y) = Self.points(5000)
        let figure = try Self.figure(density: true, x: x, y: y)
        var svg = SVGSurface(width: figure.pixelWidth, height: figure.pixelHeight, dotsPerInch: 100)
        try figure.draw(on: &svg)
        let text = String(decoding: svg.document(metadata: VectorMetadata(title: "", description: "", date: nil)), as: UTF8.self)
        #expect(text.components(separatedBy: "<image ").count == 2)
        #expect(text.contains("image-rendering:pixelated"))
        var pdf = PDFSurface(width: figure.pixelWidth, height: figure.pixelHeight, dotsPerInch: 100)
        try figure.draw(on: &pdf)
        let page = try pdf.page()
        let document = String(decoding: PDFDocument.single(page, metadata: VectorMetadata(title: "", description: "", date: nil)),
                              as: UTF8.self)
        #expect(document.contains("/Interpolate false"))
        #expect(document.contains("/SMask"))
    }

    @Test func drawImageOverKeepsWhatIsUnderTransparentPixels() throws {
        var canvas = try Canvas(width: 4, height: 1, background: RGBA8(10, 20, 30))
        var image = try Image(width: 4, height: 1)
        image[0, 0] = .clear
        image[1, 0] = RGBA8(200, 100, 0)
        image[2, 0] = RGBA8(210, 20, 30, 0)
        image[3, 0] = RGBA8(110, 20, 30, 128)
        canvas.drawImageOver(image, in: PixelRect(x0: 0, y0: 0, x1: 4, y1: 1), clip: nil)
        #expect(canvas.image[0, 0] == RGBA8(10, 20, 30) && canvas.image[2, 0] == RGBA8(10, 20, 30))
        #expect(canvas.image[1, 0] == RGBA8(200, 100, 0))
        #expect(canvas.image[3, 0] == RGBA8(60, 20, 30))
    }
}
