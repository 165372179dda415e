import Codecs
import Foundation
import Raster
import Testing
@testable import Plot

/// Plot's figures against matplotlib's renderings of the same data (Scripts/fixtures/plot_reference.py).
@Suite struct FigureFidelityTests {
    static let names = ["article", "scatter", "quiver", "logline"]

    func load(_ name: String) throws -> (fixture: ReferenceFixtures.Figure, figure: Figure, reference: Image) {
        let fixture = try ReferenceFixtures.load(ReferenceFixtures.Figure.self, name + ".json")
        let figure = try #require(try ReferenceFigures.build(name, fixture))
        let reference = try PNGReader().read(path: ReferenceFixtures.url(name + ".png").path)
        return (fixture, figure, reference)
    }

    @Test(arguments: names) func wholeImageSSIMIsAtLeast099(name: String) throws {
        let (_, figure, reference) = try load(name)
        let image = try figure.render()
        #expect(image.width == reference.width && image.height == reference.height)
        let ssim = try #require(SSIM.similarity(image, reference))
        if ProcessInfo.processInfo.environment["PLOT_DUMP"] != nil {
            try PNGEncoder().write(image, to: "/tmp/plot_\(name).png")
            print("SSIM \(name): \(ssim)")
        }
        #expect(ssim >= 0.99, "\(name): SSIM \(ssim)")
    }
}
