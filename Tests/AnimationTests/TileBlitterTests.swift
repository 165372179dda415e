import NMF
import Raster
import Testing
@testable import Animation

/// `TileBlitter.blit` against a plain per-pixel twin, on the edge cases of scaling and clipping.
@Suite struct TileBlitterTests {
    /// The twin: every frame pixel inside both the rectangle and the image takes the colour of the image
    /// pixel its position maps to.
    static func plainBlit(_ colors: [RGBA8], shape: ImageShape, into image: inout Image, rect: PixelRect) {
        guard colors.count == shape.pixelCount else { return }
        for y in rect.y0..<max(rect.y0, rect.y1) where y >= 0 && y < image.height {
            for x in rect.x0..<max(rect.x0, rect.x1) where x >= 0 && x < image.width {
                let sx = (x - rect.x0) * shape.width / rect.width
                let sy = (y - rect.y0) * shape.height / rect.height
                image[x, y] = colors[sy * shape.width + sx]
            }
        }
    }

    /// Distinct colours, so that a pixel taken from the wrong place shows.
    static func palette(_ count: Int) -> [RGBA8] {
        (0..<count).map { (i: Int) -> RGBA8 in
            let r = UInt8(i % 251)
            let g = UInt8((i * 7) % 253)
            let b = UInt8((i * 13) % 255)
            return RGBA8(r, g, b, 255)
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var shape: (Int, Int)
        var rect: PixelRect
        var testDescription: String { "\(shape.0)x\(shape.1) into \(rect)" }
    }

    static let cases: [Case] = [
        Case(shape: (8, 8), rect: PixelRect(x: 3, y: 2, width: 16, height: 16)),   // whole blocks
        Case(shape: (8, 8), rect: PixelRect(x: 0, y: 0, width: 13, height: 11)),   // uneven blocks
        Case(shape: (8, 8), rect: PixelRect(x: 5, y: 5, width: 5, height: 3)),     // smaller than the image
        Case(shape: (8, 8), rect: PixelRect(x: -4, y: -3, width: 16, height: 16)), // off the top-left
        Case(shape: (8, 8), rect: PixelRect(x: 20, y: 15, width: 16, height: 16)), // off the bottom-right
        Case(shape: (1, 1), rect: PixelRect(x: 1, y: 1, width: 7, height: 9)),
        Case(shape: (3, 5), rect: PixelRect(x: 2, y: 4, width: 10, height: 6)),    // not square
        Case(shape: (4, 4), rect: PixelRect(x: 40, y: 40, width: 8, height: 8)),   // wholly outside
    ]

    @Test(arguments: cases)
    func matchesThePlainTwin(_ c: Case) throws {
        let shape = try ImageShape(height: c.shape.0, width: c.shape.1)
        let colors = Self.palette(shape.pixelCount)
        var fast = try Image(width: 30, height: 24, fill: .white)
        var plain = fast
        TileBlitter.blit(colors, shape: shape, into: &fast, rect: c.rect)
        Self.plainBlit(colors, shape: shape, into: &plain, rect: c.rect)
        #expect(fast == plain)
    }

    @Test func wholeBlocksRepeatEachImagePixel() throws {
        let colors = Self.palette(64)
        var image = try Image(width: 20, height: 20, fill: .white)
        TileBlitter.blit(colors, shape: .digits, into: &image, rect: PixelRect(x: 2, y: 2, width: 16, height: 16))
        // Image pixel (row 3, column 5) covers frame pixels x 12…13, y 8…9.
        for (x, y) in [(12, 8), (13, 8), (12, 9), (13, 9)] {
            #expect(image[x, y] == colors[3 * 8 + 5])
        }
        #expect(image[1, 1] == .white)
        #expect(image[18, 18] == .white)
    }

    @Test func theWrongNumberOfColoursDrawsNothing() throws {
        var image = try Image(width: 10, height: 10, fill: .white)
        let before = image
        TileBlitter.blit(Self.palette(63), shape: .digits, into: &image, rect: PixelRect(x: 0, y: 0, width: 8, height: 8))
        #expect(image == before)
    }

    @Test func coloursFollowMatplotlibsIndexing() throws {
        let gray = try Colormap(named: "gray")
        let colors = TileBlitter.colors(of: [0, 2, 4, 8, -1][...], scale: 0.25, colormap: gray)
        #expect(colors == [gray.table[0], gray.table[128], gray.table[255], gray.table[255], gray.table[0]])
    }
}
