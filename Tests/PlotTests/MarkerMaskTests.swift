import Testing
import Plot
import Raster
import TestSupport

/// Many markers through `MarkerMasks` against the same markers rasterized one by one.
struct MarkerMaskTests {
    /// The article's marker (s = 60 pt², edge 0.1 pt at 100 dpi) at seeded positions over a 1000×450
    /// canvas, some of them across the clip's edges, with jet colours.
    static func markers(_ count: Int) throws -> (centers: [Point], colors: [RGBA8]) {
        var state: UInt64 = 19
        func uniform(_ low: Double, _ high: Double) -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return low + (high - low) * Double(state >> 11) / 9007199254740992
        }
        let jet = try Colormap(named: "jet")
        var centers: [Point] = []
        var colors: [RGBA8] = []
        for _ in 0..<count {
            let x = uniform(100, 500), y = uniform(30, 420)
            centers.append(Point(x, y))
            colors.append(jet.color(at: (x - 100) / 400))
        }
        return (centers, colors)
    }

    static let radius = Scatter.radius(size: 60, pixelsPerPoint: 100.0 / 72)
    static let edgeWidth = 0.1 * 100.0 / 72
    static let clip = PixelRect(x0: 125, y0: 54, x1: 477, y1: 401)

    static func draw(_ count: Int, masks: Bool, edge: RGBA8? = .black) throws -> Image {
        var canvas = try Canvas(width: 1000, height: 450)
        let (centers, colors) = try markers(count)
        if masks {
            canvas.drawCircleMarkers(centers: centers, radius: radius, faceColors: colors, edgeColor: edge,
                                     edgeWidth: edgeWidth, clip: clip)
        } else {
            canvas.drawCircleMarkersExactly(centers: centers, radius: radius, faceColors: colors, edgeColor: edge,
                                            edgeWidth: edgeWidth, clip: clip)
        }
        return canvas.image
    }

    @Test(arguments: [Canvas.markerMaskThreshold, 20_000])
    func masksAgreeWithTheExactPath(count: Int) throws {
        let fast = try Self.draw(count, masks: true), exact = try Self.draw(count, masks: false)
        #expect(fast.pixels != exact.pixels, "the masks were not used")
        let ssim = try #require(SSIM.similarity(fast, exact))
        #expect(ssim >= 0.999, "SSIM \(ssim)")
        let worst = zip(fast.pixels, exact.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 48, "largest channel difference \(worst)")
    }

    @Test func masksWithoutAnEdgeAgreeToo() throws {
        let fast = try Self.draw(5_000, masks: true, edge: nil), exact = try Self.draw(5_000, masks: false, edge: nil)
        let ssim = try #require(SSIM.similarity(fast, exact))
        #expect(ssim >= 0.999, "SSIM \(ssim)")
    }

    @Test func fewMarkersAreDrawnExactly() throws {
        let count = Canvas.markerMaskThreshold - 1
        #expect(try Self.draw(count, masks: true).pixels == Self.draw(count, masks: false).pixels)
    }

    @Test func masksStayInsideTheClip() throws {
        let image = try Self.draw(20_000, masks: true)
        var outside = 0
        for y in 0..<image.height {
            for x in 0..<image.width where !(Self.clip.x0..<Self.clip.x1).contains(x) || !(Self.clip.y0..<Self.clip.y1).contains(y) {
                if image[x, y] != .white { outside += 1 }
            }
        }
        #expect(outside == 0)
    }
}
