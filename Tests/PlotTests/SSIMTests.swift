import Codecs
import Foundation
import Raster
import Testing
import TestSupport

/// The SSIM used to judge figures agrees with scikit-image on images both can build.
@Suite struct SSIMTests {
    struct Expected: Decodable {
        var articleVsRolled3Rows: Double
        var articleVsRolled1Column: Double
        var articleVsInverted: Double
        var articleIteration10VsIteration40: Double
    }

    /// `np.roll`: pixel (x, y) of the result is pixel (x − dx, y − dy) of the source, wrapping around.
    func rolled(_ image: Image, dx: Int, dy: Int) throws -> Image {
        var out = try Image(width: image.width, height: image.height)
        for y in 0..<image.height {
            for x in 0..<image.width {
                out[x, y] = image[(x - dx + image.width) % image.width, (y - dy + image.height) % image.height]
            }
        }
        return out
    }

    @Test func matchesScikitImage() throws {
        let expected = try ReferenceFixtures.load(Expected.self, "ssim.json")
        let article = try PNGReader().read(path: ReferenceFixtures.url("article.png").path)
        #expect(article.width == 1000 && article.height == 450)
        let same = try #require(SSIM.similarity(article, article))
        #expect(abs(same - 1) < 1e-12)
        let rows = try #require(SSIM.similarity(article, try rolled(article, dx: 0, dy: 3)))
        #expect(abs(rows - expected.articleVsRolled3Rows) < 1e-9)
        let column = try #require(SSIM.similarity(article, try rolled(article, dx: 1, dy: 0)))
        #expect(abs(column - expected.articleVsRolled1Column) < 1e-9)
        var inverted = article
        inverted.withUnsafeMutablePixels { bytes in
            for i in bytes.indices where i % 4 != 3 { bytes[i] = 255 - bytes[i] }
        }
        let inv = try #require(SSIM.similarity(article, inverted))
        #expect(abs(inv - expected.articleVsInverted) < 1e-9)
    }
}
