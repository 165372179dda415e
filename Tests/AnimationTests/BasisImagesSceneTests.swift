import NMF
import Raster
import Testing
@testable import Animation

/// The rendered basis-images scene against the snapshot it shows.
@Suite struct BasisImagesSceneTests {
    /// The first 200 digits factorized with the digits' defaults (k = 16, nndsvda) for a few iterations:
    /// a real snapshot, small enough to be quick in a debug build.
    static func digitsSnapshot(iterations: Int = 3) throws -> (data: Matrix, snapshot: Snapshot) {
        let (all, _) = try DigitsDataset.load()
        let data = try Matrix(rows: 200, columns: 64, values: Array(all.values[0..<(200 * 64)]))
        let configuration = try NMFConfiguration(data: data, rank: 16, initialization: .nndsvda)
        let snapshots = Array(try NMFSolver(configuration).makeSnapshots(iterations: iterations))
        return (data, snapshots[iterations])
    }

    static func render(_ scene: BasisImagesScene, _ snapshot: Snapshot, font: Font? = nil) throws -> Image {
        var canvas = try Canvas(width: scene.pixelSize.width, height: scene.pixelSize.height)
        try scene.render(Frame(snapshots: [snapshot], losses: [[snapshot.loss]]), into: &canvas, font: font)
        return canvas.image
    }

    /// The frame pixel at the centre of image pixel `index` of a tile.
    static func center(of index: Int, in rect: PixelRect, shape: ImageShape) -> (Int, Int) {
        let (row, column) = (index / shape.width, index % shape.width)
        return (rect.x0 + (2 * column + 1) * rect.width / (2 * shape.width),
                rect.y0 + (2 * row + 1) * rect.height / (2 * shape.height))
    }

    @Test(arguments: ["gray", "gray_r"])
    func eachTilesExtremePixelIsItsRowsLargestEntry(_ colormap: String) throws {
        let (data, snapshot) = try Self.digitsSnapshot()
        var style = BasisImagesScene.Style()
        style.colormap = colormap
        let scene = try BasisImagesScene(data: data, shape: .digits, rank: 16, style: style)
        let image = try Self.render(scene, snapshot)
        let h = snapshot.h
        for (k, rect) in scene.layout.basisTiles.enumerated() {
            // gray draws the largest value brightest; gray_r darkest.
            var best = (value: colormap == "gray" ? -1 : 256, x: 0, y: 0)
            for y in rect.y0..<rect.y1 {
                for x in rect.x0..<rect.x1 {
                    let v = Int(image[x, y].r)
                    if colormap == "gray" ? v > best.value : v < best.value { best = (v, x, y) }
                }
            }
            let column = (best.x - rect.x0) * 8 / rect.width
            let row = (best.y - rect.y0) * 8 / rect.height
            let rowMax = h.rowArray(k).max() ?? 0
            #expect(rowMax > 0)
            #expect(h[k, row * 8 + column] == rowMax, "tile \(k): extreme pixel at image (\(row), \(column))")
        }
    }

    @Test func basisTilesShowTheirRowScaledToItsMaximum() throws {
        let (data, snapshot) = try Self.digitsSnapshot()
        let scene = try BasisImagesScene(data: data, shape: .digits, rank: 16)
        let image = try Self.render(scene, snapshot)
        let gray = try Colormap(named: "gray_r")
        let h = snapshot.h
        for (k, rect) in scene.layout.basisTiles.enumerated() {
            let peak = h.rowArray(k).max() ?? 1
            for index in 0..<64 {
                let (x, y) = Self.center(of: index, in: rect, shape: .digits)
                #expect(image[x, y] == gray.color(at: h[k, index] / peak), "tile \(k), pixel \(index)")
            }
            // Framed in black, with the white background just outside the frame.
            #expect(image[rect.x0 - 1, rect.y0 + 5] == .black)
            #expect(image[rect.x1, rect.y1 - 5] == .black)
            #expect(image[rect.x0 - 2, rect.y0 + 5] == .white)
        }
    }

    @Test func samplesAndReconstructionsShareTheDataRowsScale() throws {
        let (data, snapshot) = try Self.digitsSnapshot()
        let scene = try BasisImagesScene(data: data, shape: .digits, rank: 16, samples: [0, 7, 199])
        let image = try Self.render(scene, snapshot)
        let gray = try Colormap(named: "gray_r")
        let yHat = snapshot.reconstruction()
        for (i, row) in scene.sampleRows.enumerated() {
            let peak = data.rowArray(row).max() ?? 1
            for index in 0..<64 {
                let (x, y) = Self.center(of: index, in: scene.layout.sampleTiles[i], shape: .digits)
                #expect(image[x, y] == gray.color(at: data[row, index] / peak))
                let (rx, ry) = Self.center(of: index, in: scene.layout.reconstructionTiles[i], shape: .digits)
                // The scene sums WH's row in its own order: allow one step of the table for the last bit.
                let expected = Colormap.index(for: yHat[row, index] / peak) ?? 0
                let shown = 255 - Int(image[rx, ry].r)  // gray_r: entry i is 255 − i
                #expect(abs(shown - expected) <= 1, "sample \(row), pixel \(index)")
            }
        }
    }

    @Test func theTitleGivesTheIterationAndTheLoss() throws {
        let (data, snapshot) = try Self.digitsSnapshot()
        let scene = try BasisImagesScene(data: data, shape: .digits, rank: 16)
        let withText = try Self.render(scene, snapshot, font: try Font.dejaVuSans())
        let band = PixelRect(x0: 0, y0: 0, x1: withText.width, y1: scene.layout.basisTiles[0].y0 - 30)
        var dark = 0
        for y in band.y0..<band.y1 { for x in band.x0..<band.x1 where withText[x, y].r < 128 { dark += 1 } }
        #expect(dark > 100)
        #expect(scene.title(for: snapshot)
                == "iteration 3, loss " + String(format: "%.4g", snapshot.loss))
    }

    @Test func rowsThatAreNotImagesOfTheShapeAreRefused() throws {
        let data = try Matrix(rows: 3, columns: 10, repeating: 1)
        #expect(throws: NMFError.imageShapeMismatch(source: "data.csv", shape: "8x8", pixels: 64, columns: 10)) {
            try BasisImagesScene(data: data, shape: .digits, rank: 2, source: "data.csv")
        }
        let images = try Matrix(rows: 3, columns: 64, repeating: 1)
        #expect(throws: AnimationError.self) {
            try BasisImagesScene(data: images, shape: .digits, rank: 2, samples: [0, 3])
        }
    }
}
