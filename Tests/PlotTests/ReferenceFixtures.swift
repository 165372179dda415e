import Foundation

/// The JSON written by Scripts/fixtures/plot_reference.py, decoded for the tests.
///
/// Geometry is in image pixels (y down), as Plot uses it.
enum ReferenceFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(name)))
    }

    struct Layout: Decodable {
        struct Subplots: Decodable {
            var width: Double, height: Double, rows: Int, columns: Int, boxes: [[Double]]
        }
        struct Ticks: Decodable {
            var figure: [Double], limits: [Double], axisLengthPx: [Double]
            var x: [TickPair], y: [TickPair]
            var xOffset: String, yOffset: String
        }
        struct Log: Decodable {
            var limits: [Double], major: [TickPair], minor: [Double], minorLabels: [String]
        }
        var subplots: [Subplots]
        var ticks: [Ticks]
        var log: [Log]
        var quiverWidths: [[Double]]
    }

    /// A `[value, label]` pair.
    struct TickPair: Decodable {
        var value: Double, label: String
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            value = try c.decode(Double.self)
            label = try c.decode(String.self)
        }
    }

    struct Tick: Decodable {
        var value: Double, pixel: Double, label: String
        var labelBox: [Double]?
    }

    struct TextBox: Decodable {
        var text: String, box: [Double]
    }

    struct LegendGeometry: Decodable {
        var box: [Double]
        var texts: [TextBox]
    }

    struct AxesGeometry: Decodable {
        var box: [Double], xlim: [Double], ylim: [Double], xscale: String, yscale: String
        var xticks: [Tick], yticks: [Tick]
        var yminor: [Tick]?
        var title: TextBox?, xlabel: TextBox?, ylabel: TextBox?
        var texts: [TextBox]?
    }

    struct ScatterGeometry: Decodable {
        var centres: [Double], radii: [Double], faceRGBA8: [Int], edgeWidthPt: Double
    }

    struct QuiverGeometry: Decodable {
        var polygons: [[Double]], widthPx: Double
    }

    struct FigureSize: Decodable {
        var width: Double, height: Double, dpi: Double
    }

    /// One reference figure: its data (which keys are present depends on the figure) and geometry.
    struct Figure: Decodable {
        var figure: FigureSize
        var axes: [AxesGeometry]
        var scatter: [ScatterGeometry]?
        var quiver: [QuiverGeometry]?
        var iterations: Int?
        var fontSize: Double?
        var curves: [[Double]]?
        var legends: [LegendGeometry]?
        var X: [Double]?, Y: [Double]?, W: [Double]?, H: [Double]?
        var x: [Double]?, y: [Double]?, c: [Double]?, u: [Double]?, v: [Double]?
        /// x and y limits (lower, upper, lower, upper) of a figure that sets them from its data.
        var limits: [Double]?
        /// The arrows' on-screen lengths in shaft widths before the minimum length (components).
        var arrowLengths: [Double]?
        /// The strings of a text figure, and per panel the indices of its title, x and y label.
        var texts: [String]?, panels: [[Int]]?
    }
}
