import NMF
import Raster

/// Where the basis-images scene puts things: a grid of the k basis images on the left; on the right a row
/// of data images above a row of their reconstructions; the title across the top.
///
/// A pure function of the figure's size in pixels, its pixels per point, k, the number of samples and the
/// image shape, so it is tested without drawing. Every tile has the image's aspect ratio. When a tile can
/// be at least one pixel per image pixel, that scale is rounded down to a whole number, so each image
/// pixel is a crisp block of equal size; smaller tiles sample the image (nearest neighbour).
///
/// Proportions, in units of a tile's longer side m: gaps between tiles m/8, a gutter of m between the
/// grid and the samples, m/4 between the data row and the reconstruction row. Text bands are sized in
/// points (titles 12 pt, labels 10 pt) so they scale with the dpi like matplotlib's text. Both blocks are
/// centred in the space below the title.
package struct BasisImagesLayout: Sendable, Equatable {
    /// Columns and rows of the basis grid: ⌈√k⌉ columns, as many rows as needed, filled row by row.
    package let gridColumns: Int
    package let gridRows: Int
    /// Size of every tile in pixels.
    package let tileWidth: Int
    package let tileHeight: Int
    /// Basis image j (row j of H) at grid row j / gridColumns, column j % gridColumns.
    package let basisTiles: [PixelRect]
    /// The data rows shown, left to right.
    package let sampleTiles: [PixelRect]
    /// Their reconstructions, each under its data row.
    package let reconstructionTiles: [PixelRect]
    /// The centre of the title band.
    package let titleCenter: Point
    /// Baseline-left anchors of the labels above the grid, the data row and the reconstruction row.
    package let basisLabel: Point
    package let sampleLabel: Point
    package let reconstructionLabel: Point

    /// Lays out `rank` basis tiles and `samples` data/reconstruction pairs of `shape` images.
    ///
    /// - Throws: `AnimationError.notPositive` for a rank or sample count below 1;
    ///   `AnimationError.badFigureSize` when the tiles would be smaller than a pixel.
    package init(width: Int, height: Int, pixelsPerPoint: Double, rank: Int, samples: Int, shape: ImageShape) throws {
        guard rank >= 1 else { throw AnimationError.notPositive(.rank, value: rank) }
        guard samples >= 1 else { throw AnimationError.notPositive(.samples, value: samples) }
        var columns = 1
        while columns * columns < rank { columns += 1 }
        let rows = (rank + columns - 1) / columns

        let titleBand = Int((12 * pixelsPerPoint * 2.4).rounded(.up))
        let labelBand = Int((10 * pixelsPerPoint * 1.6).rounded(.up))
        let marginX = Int((0.04 * Double(width)).rounded())
        let marginBottom = Int((0.04 * Double(height)).rounded())
        let availableWidth = Double(width - 2 * marginX)
        let availableHeight = Double(height - titleBand - marginBottom)

        // Each constraint is linear in m, the tile's longer side.
        let longSide = Double(max(shape.width, shape.height))
        let aspectW = Double(shape.width) / longSide
        let aspectH = Double(shape.height) / longSide
        let across = Double(columns + samples) * aspectW + Double(columns + samples - 2) / 8 + 1
        let gridDown = Double(rows) * aspectH + Double(rows - 1) / 8
        let pairDown = 2 * aspectH + 0.25
        let m = min(availableWidth / across,
                    (availableHeight - Double(labelBand)) / gridDown,
                    (availableHeight - Double(2 * labelBand)) / pairDown)
        var unit = m / longSide
        if unit >= 1 { unit = unit.rounded(.down) }
        let tileWidth = Int((unit * Double(shape.width)).rounded())
        let tileHeight = Int((unit * Double(shape.height)).rounded())
        guard m.isFinite, tileWidth >= 1, tileHeight >= 1 else {
            throw AnimationError.badFigureSize(
                "a \(width)×\(height) px figure is too small for \(rank) basis images and \(samples) samples; "
                    + "make the figure larger (its size, dpi or scale)")
        }
        let tileLong = max(tileWidth, tileHeight)
        let gap = max(1, Int((Double(tileLong) / 8).rounded()))
        let gutter = tileLong
        let pairGap = max(1, Int((Double(tileLong) / 4).rounded()))

        let gridWidth = columns * tileWidth + (columns - 1) * gap
        let rowWidth = samples * tileWidth + (samples - 1) * gap
        let left = (width - (gridWidth + gutter + rowWidth)) / 2
        let gridHeight = labelBand + rows * tileHeight + (rows - 1) * gap
        let pairHeight = 2 * labelBand + 2 * tileHeight + pairGap
        let gridTop = titleBand + (Int(availableHeight) - gridHeight) / 2
        let pairTop = titleBand + (Int(availableHeight) - pairHeight) / 2
        let right = left + gridWidth + gutter

        self.gridColumns = columns
        self.gridRows = rows
        self.tileWidth = tileWidth
        self.tileHeight = tileHeight
        self.basisTiles = (0..<rank).map { j in
            PixelRect(x: left + (j % columns) * (tileWidth + gap), y: gridTop + labelBand + (j / columns) * (tileHeight + gap),
                      width: tileWidth, height: tileHeight)
        }
        let sampleY = pairTop + labelBand
        let reconstructionY = sampleY + tileHeight + pairGap + labelBand
        self.sampleTiles = (0..<samples).map {
            PixelRect(x: right + $0 * (tileWidth + gap), y: sampleY, width: tileWidth, height: tileHeight)
        }
        self.reconstructionTiles = (0..<samples).map {
            PixelRect(x: right + $0 * (tileWidth + gap), y: reconstructionY, width: tileWidth, height: tileHeight)
        }
        // Labels sit on a baseline 0.3 of their band above the tiles, leaving room for descenders.
        let labelLift = Double(labelBand) * 0.3
        self.titleCenter = Point(Double(width) / 2, Double(titleBand) * 0.55)
        self.basisLabel = Point(Double(left), Double(gridTop + labelBand) - labelLift)
        self.sampleLabel = Point(Double(right), Double(sampleY) - labelLift)
        self.reconstructionLabel = Point(Double(right), Double(reconstructionY) - labelLift)
    }
}
