import Testing
@testable import Raster

@Suite struct ImageFillTests {
    /// Filling a whole image gives it new storage; a copy made before (a frame handed on to an
    /// encoder) keeps its pixels, and the filled image holds the colour everywhere, for a grey
    /// colour (one memset) and any other.
    @Test(arguments: [RGBA8(255, 255, 255, 255), RGBA8(0, 0, 0, 0), RGBA8(12, 200, 7, 99)])
    func wholeFillLeavesCopiesAlone(color: RGBA8) throws {
        var image = try Image(width: 7, height: 5, fill: RGBA8(1, 2, 3, 4))
        image.pixels[13] = 77
        let kept = image
        image.fill(color)
        #expect(kept.pixels[13] == 77)
        #expect(kept.pixels.count == 7 * 5 * 4)
        #expect(image.pixels.count == 7 * 5 * 4)
        for i in stride(from: 0, to: image.pixels.count, by: 4) {
            #expect(Array(image.pixels[i..<(i + 4)]) == [color.r, color.g, color.b, color.a])
        }
    }

    /// A part fills only its rectangle, clipped to the image.
    @Test func partialFillStaysInsideItsRectangle() throws {
        var image = try Image(width: 6, height: 4, fill: RGBA8(0, 0, 0, 255))
        image.fill(RGBA8(9, 8, 7, 255), in: PixelRect(x: 4, y: 1, width: 5, height: 2))
        for y in 0..<4 {
            for x in 0..<6 {
                let i = 4 * (y * 6 + x)
                let inside = x >= 4 && (1..<3).contains(y)
                #expect(Array(image.pixels[i..<(i + 3)]) == (inside ? [9, 8, 7] : [0, 0, 0]))
            }
        }
    }
}
