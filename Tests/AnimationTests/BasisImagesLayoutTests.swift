import NMF
import Raster
import Testing
@testable import Animation

/// Where the tiles go, without drawing.
@Suite struct BasisImagesLayoutTests {
    /// The default digits figure: 10×4.5 in at 100 dpi, k = 16, 6 samples.
    static func defaultLayout() throws -> BasisImagesLayout {
        try BasisImagesLayout(width: 1000, height: 450, pixelsPerPoint: 100.0 / 72, rank: 16, samples: 6,
                              shape: .digits)
    }

    @Test func theDefaultFigureHasSixteenTilesOfSeventyTwoPixels() throws {
        let layout = try Self.defaultLayout()
        // Width is the binding constraint: 4 + 6 tiles, 8 gaps of m/8 and a gutter of m in 1000 − 2·40 px,
        // so m ≤ 920 / 12 ≈ 76.7 px, 9.58 px per image pixel, rounded down to 9: 72 px tiles, 9 px gaps.
        #expect(layout.gridColumns == 4 && layout.gridRows == 4)
        #expect(layout.basisTiles.count == 16)
        #expect(layout.tileWidth == 72 && layout.tileHeight == 72)
        for rect in layout.basisTiles + layout.sampleTiles + layout.reconstructionTiles {
            #expect(rect.width == 72 && rect.height == 72)
        }
        #expect(layout.basisTiles[1].x0 - layout.basisTiles[0].x1 == 9)
        #expect(layout.basisTiles[4].y0 - layout.basisTiles[0].y1 == 9)
    }

    @Test func theDefaultFiguresTilesAreCentredBelowTheTitle() throws {
        let layout = try Self.defaultLayout()
        // Bands: title ⌈12 pt · 2.4⌉ = 40 px, labels ⌈10 pt · 1.6⌉ = 23 px; margins 40 px across, 18 px below,
        // leaving 392 px of height. Grid 4·72 + 3·9 = 315 px wide, gutter 72, samples 6·72 + 5·9 = 477:
        // 864 px centred in 1000 starts at 68. The grid block (23 + 315 px) is centred in 392 px from y 40:
        // 27 px down, its first tiles at 40 + 27 + 23 = 90. The data/reconstruction block is 2·23 + 2·72 + 18
        // = 208 px: 92 px down, data tiles at 155, reconstructions at 155 + 72 + 18 + 23 = 268, from x 455.
        #expect(layout.basisTiles[0] == PixelRect(x: 68, y: 90, width: 72, height: 72))
        #expect(layout.basisTiles[15] == PixelRect(x: 68 + 3 * 81, y: 90 + 3 * 81, width: 72, height: 72))
        #expect(layout.sampleTiles[0] == PixelRect(x: 455, y: 155, width: 72, height: 72))
        #expect(layout.sampleTiles[5] == PixelRect(x: 455 + 5 * 81, y: 155, width: 72, height: 72))
        #expect(layout.reconstructionTiles[0] == PixelRect(x: 455, y: 268, width: 72, height: 72))
    }

    @Test func basisTilesFillTheGridRowByRow() throws {
        let layout = try Self.defaultLayout()
        let tiles = layout.basisTiles
        for (j, rect) in tiles.enumerated() {
            #expect(rect.x0 == tiles[j % 4].x0, "tile \(j) column")
            #expect(rect.y0 == tiles[(j / 4) * 4].y0, "tile \(j) row")
        }
        #expect(Set(tiles.map(\.x0)).count == 4)
        #expect(Set(tiles.map(\.y0)).count == 4)
        #expect(tiles[0].x0 < tiles[1].x0 && tiles[0].y0 < tiles[4].y0)
    }

    @Test func nothingOverlapsAndEverythingIsInside() throws {
        for (width, height, scale) in [(1000, 450, 1.0), (2000, 900, 2.0), (640, 480, 1.0), (300, 900, 1.0)] {
            let layout = try BasisImagesLayout(width: width, height: height, pixelsPerPoint: 100 * scale / 72,
                                               rank: 16, samples: 6, shape: .digits)
            let all = layout.basisTiles + layout.sampleTiles + layout.reconstructionTiles
            let frame = PixelRect(x0: 0, y0: 0, x1: width, y1: height)
            for (i, a) in all.enumerated() {
                // One pixel of border around each tile must fit too.
                #expect(PixelRect(x0: a.x0 - 1, y0: a.y0 - 1, x1: a.x1 + 1, y1: a.y1 + 1).intersection(frame)
                        == PixelRect(x0: a.x0 - 1, y0: a.y0 - 1, x1: a.x1 + 1, y1: a.y1 + 1))
                for b in all[(i + 1)...] {
                    #expect(a.intersection(b).isEmpty, "\(a) overlaps \(b) in \(width)×\(height)")
                }
            }
        }
    }

    @Test func samplesSitRightOfTheGridWithTheirReconstructionsBelow() throws {
        let layout = try Self.defaultLayout()
        let gridRight = layout.basisTiles.map(\.x1).max() ?? 0
        for (sample, reconstruction) in zip(layout.sampleTiles, layout.reconstructionTiles) {
            #expect(sample.x0 > gridRight)
            #expect(reconstruction.x0 == sample.x0)
            #expect(reconstruction.y0 > sample.y1)
        }
        #expect(layout.titleCenter.y < Double(layout.basisTiles[0].y0))
    }

    @Test func aRankThatIsNotASquareLeavesTheLastRowShort() throws {
        let layout = try BasisImagesLayout(width: 1000, height: 450, pixelsPerPoint: 100.0 / 72, rank: 5,
                                           samples: 6, shape: .digits)
        #expect(layout.gridColumns == 3 && layout.gridRows == 2)
        #expect(layout.basisTiles.count == 5)
        #expect(layout.basisTiles[3].x0 == layout.basisTiles[0].x0)
        #expect(layout.basisTiles[3].y0 > layout.basisTiles[0].y0)
    }

    @Test func nonSquareImagesKeepTheirAspect() throws {
        let shape = try ImageShape(height: 6, width: 12)
        let layout = try BasisImagesLayout(width: 1000, height: 450, pixelsPerPoint: 100.0 / 72, rank: 4,
                                           samples: 3, shape: shape)
        #expect(layout.tileWidth == 2 * layout.tileHeight)
    }

    @Test func aTinyFigureIsAnError() throws {
        #expect(throws: AnimationError.self) {
            try BasisImagesLayout(width: 20, height: 20, pixelsPerPoint: 100.0 / 72, rank: 16, samples: 6,
                                  shape: .digits)
        }
        #expect(throws: AnimationError.notPositive(.rank, value: 0)) {
            try BasisImagesLayout(width: 1000, height: 450, pixelsPerPoint: 1, rank: 0, samples: 6, shape: .digits)
        }
    }
}
