import NMF
import Raster
import Testing
@testable import Animation

/// The basis images at several iterations in one still.
@Suite struct BasisImagesFilmstripTests {
    @Test func panelsWrapPastSixAndEachTileShowsItsIterationsRow() throws {
        let (data, _) = try BasisImagesSceneTests.digitsSnapshot(iterations: 0)
        let solver = try NMFSolver(NMFConfiguration(data: data, rank: 16, initialization: .nndsvda))
        let iterations = [0, 1, 2, 3, 4, 5, 6, 2]
        let strip = try BasisImagesFilmstrip(shape: .digits, rank: 16, iterations: iterations)
        // 0.3 in at 100 dpi is 30 px, 3.75 px per image pixel, rounded down to 3: 24 px tiles.
        #expect(strip.tileWidth == 24 && strip.tileHeight == 24)
        let panel = strip.tiles(panel: 1)[0].x0 - strip.tiles(panel: 0)[0].x0
        #expect(strip.width == 6 * panel)
        #expect(strip.tiles(panel: 6)[0].x0 == strip.tiles(panel: 0)[0].x0)
        #expect(strip.tiles(panel: 6)[0].y0 > strip.tiles(panel: 0)[15].y1)

        let image = try strip.image(solver: solver)
        #expect(image.width == strip.width && image.height == strip.height)
        let snapshots = Array(solver.makeSnapshots(iterations: 6))
        let gray = try Colormap(named: "gray_r")
        for (panel, iteration) in iterations.enumerated() {
            let h = snapshots[iteration].h
            for (k, rect) in strip.tiles(panel: panel).enumerated() {
                let peak = h.rowArray(k).max() ?? 1
                for index in [0, 19, 36, 63] {
                    let (x, y) = BasisImagesSceneTests.center(of: index, in: rect, shape: .digits)
                    #expect(image[x, y] == gray.color(at: h[k, index] / peak), "panel \(panel), tile \(k)")
                }
            }
        }
    }

    @Test func badListsAreErrors() throws {
        #expect(throws: AnimationError.self) { try BasisImagesFilmstrip(shape: .digits, rank: 4, iterations: []) }
        #expect(throws: AnimationError.badValue(.filmstrip, given: "-1", reason: "iterations start at 0")) {
            try BasisImagesFilmstrip(shape: .digits, rank: 4, iterations: [0, -1])
        }
        #expect(throws: AnimationError.self) {
            try BasisImagesFilmstrip(shape: .digits, rank: 4, iterations: Array(0..<37))
        }
    }
}
