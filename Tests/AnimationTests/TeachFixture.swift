import Foundation
import Raster

/// Tests/AnimationTests/Fixtures/teach.json, written by Scripts/fixtures/teach_reference.py (numpy,
/// scikit-learn and matplotlib). Pixel positions are in image pixels, y down.
struct TeachFixture: Decodable {
    struct Panels: Decodable {
        struct Marker: Decodable {
            var iteration: Int
            var pixel: [Double]
        }
        var figure: [Double]
        var boxes: [[Double]]
        var xlim: [Double]
        var ylim: [Double]
        var yticks: [Double]
        var markers: [Marker]
    }
    struct Compare: Decodable {
        var figure: [Double]
        var boxes: [[Double]]
        var xlim: [Double]
        var ylim: [Double]
    }
    struct Grid: Decodable {
        var figure: [Double]
        var boxes: [[Double]]
    }

    var mu_losses: [Double]
    var hals_losses: [Double]
    var panels: Panels
    var compare: Compare
    var filmstrip: Grid

    static func load() throws -> TeachFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/teach.json")
        return try JSONDecoder().decode(TeachFixture.self, from: Data(contentsOf: url))
    }
}

/// Small pixel helpers shared by the scene tests.
enum Pixels {
    /// Rec. 601 luma of a pixel, 0…255.
    static func luma(_ p: RGBA8) -> Double {
        0.299 * Double(p.r) + 0.587 * Double(p.g) + 0.114 * Double(p.b)
    }

    /// The mean position of the pixels inside a box that satisfy `match`, or nil if there are none.
    static func centroid(in image: Image, x0: Int, y0: Int, x1: Int, y1: Int,
                         where match: (RGBA8) -> Bool) -> (x: Double, y: Double, count: Int)? {
        var sx = 0.0, sy = 0.0, n = 0
        for y in max(0, y0)..<min(image.height, y1) {
            for x in max(0, x0)..<min(image.width, x1) where match(image[x, y]) {
                sx += Double(x) + 0.5
                sy += Double(y) + 0.5
                n += 1
            }
        }
        return n == 0 ? nil : (sx / Double(n), sy / Double(n), n)
    }
}
