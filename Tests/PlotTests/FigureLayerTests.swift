import Raster
import Testing
@testable import Plot

/// Frames drawn over a `FigureLayer` are the full render, and the layer is refused whenever that is not
/// certain.
@Suite struct FigureLayerTests {
    /// Points from a seeded stream (SplitMix64), so that every run draws the same figure.
    static func points(_ count: Int, seed: UInt64) -> (x: [Double], y: [Double]) {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        let x = (0..<count).map { _ in next() * 4 }
        return (x, x.map { _ in next() * 3 })
    }

    /// Two panels side by side: a fixed scatter on the left; the right one is empty in the base.
    static func base(theme: Theme = .matplotlib) throws -> Figure {
        var figure = try Figure(widthInches: 8, heightInches: 4, dpi: 100, theme: theme)
        try figure.addSubplots(rows: 1, columns: 2)
        let p = points(40, seed: 1)
        try figure.axes[0].scatter(x: p.x, y: p.y, size: 60, colors: [RGBA8(30, 120, 200, 180)], edgeWidth: 0.5)
        figure.axes[0].title = "data"
        figure.axes[1].xLimits = (0, 4)
        figure.axes[1].yLimits = (0, 3)
        return figure
    }

    /// The base with frame `t`'s artists in axes 1.
    static func frame(_ t: Int, from base: Figure) throws -> Figure {
        var figure = base
        let p = points(40, seed: UInt64(100 + t))
        try figure.axes[1].scatter(x: p.x, y: p.y, size: 60, colors: [RGBA8(200, 60, 30, 200)], edgeWidth: 0.5)
        try figure.axes[1].quiver(x: [0], y: [0], u: [p.x[0]], v: [p.y[0]])
        figure.axes[1].title = "\(t)"
        return figure
    }

    @Test func framesOverTheLayerAreFullRenders() throws {
        for theme in [Theme.matplotlib, .dark.withTransparentBackground] {
            let base = try Self.base(theme: theme)
            let layer = try FigureLayer(figure: base, keeping: [0])
            var canvas = try Canvas(width: base.pixelWidth, height: base.pixelHeight)
            for t in 0..<4 {
                let figure = try Self.frame(t, from: base)
                #expect(try figure.render(into: &canvas, over: layer))
                #expect(canvas.image == (try figure.render()))
            }
        }
    }

    /// The layer holds the background and the kept axes, and its ink rectangle bounds what they drew.
    @Test func layerIsTheKeptAxesOverTheBackground() throws {
        let base = try Self.base()
        let layer = try FigureLayer(figure: base, keeping: [0, 0, 7])
        var onlyKept = base
        onlyKept.axes[1] = Axes(box: PixelBox(x0: -10, y0: -10, x1: -5, y1: -5))
        onlyKept.axes[1].xLimits = (0, 1)
        onlyKept.axes[1].yLimits = (0, 1)
        let full = try onlyKept.render()
        #expect(layer.image == full)
        #expect(!layer.ink.isEmpty)
        for y in 0..<full.height {
            for x in 0..<full.width where full[x, y] != base.theme.figureBackground {
                #expect(x >= layer.ink.x0 && x < layer.ink.x1 && y >= layer.ink.y0 && y < layer.ink.y1)
            }
        }
    }

    /// Axes drawn over the kept one: its pixels are composited in order, so the layer is refused.
    @Test func overlappingAxesFallBack() throws {
        let base = try Self.base()
        var figure = base
        let inset = figure.addAxes(box: PixelBox(x0: 150, y0: 100, x1: 300, y1: 250))
        try figure.axes[inset].line(x: [0, 1], y: [0, 1], color: RGBA8(0, 0, 0, 128))
        let layer = try FigureLayer(figure: base, keeping: [0])
        var canvas = try Canvas(width: base.pixelWidth, height: base.pixelHeight)
        #expect(try !figure.render(into: &canvas, over: layer))
        #expect(canvas.image == (try figure.render()))
    }

    /// A text reaching from the changing axes into the kept one.
    @Test func inkReachingIntoTheKeptAxesFallsBack() throws {
        let base = try Self.base()
        var figure = try Self.frame(3, from: base)
        try figure.axes[1].text("a long note drawn across both panels", x: -3, y: 1.5, size: 14)
        let layer = try FigureLayer(figure: base, keeping: [0])
        var canvas = try Canvas(width: base.pixelWidth, height: base.pixelHeight)
        #expect(try !figure.render(into: &canvas, over: layer))
        #expect(canvas.image == (try figure.render()))
    }

    /// Changed kept axes, another theme, tolerance or size: drawn in full.
    @Test func mismatchesFallBack() throws {
        let base = try Self.base()
        let layer = try FigureLayer(figure: base, keeping: [0])
        var canvas = try Canvas(width: base.pixelWidth, height: base.pixelHeight)

        var changed = try Self.frame(1, from: base)
        changed.axes[0].title = "other data"
        #expect(try !changed.render(into: &canvas, over: layer))
        #expect(canvas.image == (try changed.render()))

        // A NaN point (skipped when drawn) in kept axes built twice: NaN ≠ NaN, so refused, and still right.
        func withNaN() throws -> Figure {
            var figure = try Self.base()
            try figure.axes[0].scatter(x: [.nan], y: [1], colors: [.black])
            return figure
        }
        let nanLayer = try FigureLayer(figure: try withNaN(), keeping: [0])
        let nan = try Self.frame(1, from: try withNaN())
        #expect(try !nan.render(into: &canvas, over: nanLayer))
        #expect(canvas.image == (try nan.render()))

        var themed = try Self.frame(1, from: base)
        themed.theme = .dark
        #expect(try !themed.render(into: &canvas, over: layer))
        #expect(canvas.image == (try themed.render()))

        var coarse = try Canvas(width: base.pixelWidth, height: base.pixelHeight)
        coarse.tolerance = 0.5
        let frame = try Self.frame(1, from: base)
        #expect(try !frame.render(into: &coarse, over: layer))

        var small = try Canvas(width: 10, height: 10)
        #expect(throws: PlotError.self) { try frame.render(into: &small, over: layer) }
        #expect(try !frame.render(into: &canvas, over: nil))
        #expect(canvas.image == (try frame.render()))
    }
}
