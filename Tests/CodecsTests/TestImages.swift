import Foundation
import Raster

/// A seeded 64-bit generator (SplitMix64) so that test images are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Procedural test pictures: anti-aliased discs and lines whose coverage is computed analytically
/// from the distance to the shape's edge (a one-pixel linear ramp), blended in sRGB like Agg does.
enum TestImages {
    /// An image of random pixels, each channel uniform in 0…255 (alpha 255 when `opaque`).
    static func noise(width: Int, height: Int, seed: UInt64, opaque: Bool) throws -> Image {
        var rng = SplitMix64(seed: seed)
        let bytes = (0..<(width * height * 4)).map { i in
            (opaque && i % 4 == 3) ? 255 : UInt8.random(in: 0...255, using: &rng)
        }
        return try Image(width: width, height: height, pixels: bytes)
    }

    /// An image whose pixels are drawn at random from `colors`.
    static func fromPalette(_ colors: [RGBA8], width: Int, height: Int, seed: UInt64) throws -> Image {
        var rng = SplitMix64(seed: seed)
        var image = try Image(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                image[x, y] = colors[Int.random(in: 0..<colors.count, using: &rng)]
            }
        }
        return image
    }

    /// Blends `color` over the pixel at (x, y) with the given coverage.
    static func blend(_ image: inout Image, _ x: Int, _ y: Int, _ color: RGBA8, coverage: Double) {
        guard coverage > 0, x >= 0, y >= 0, x < image.width, y < image.height else { return }
        let a = min(1, coverage) * Double(color.a) / 255
        let under = image[x, y]
        func mix(_ top: UInt8, _ bottom: UInt8) -> UInt8 {
            UInt8((Double(top) * a + Double(bottom) * (1 - a)).rounded())
        }
        image[x, y] = RGBA8(mix(color.r, under.r), mix(color.g, under.g), mix(color.b, under.b), 255)
    }

    /// A filled disc with a thin dark outline, like a matplotlib scatter marker.
    static func disc(_ image: inout Image, cx: Double, cy: Double, radius: Double, fill: RGBA8) {
        let x0 = Int((cx - radius - 2).rounded(.down))
        let y0 = Int((cy - radius - 2).rounded(.down))
        let x1 = Int((cx + radius + 2).rounded(.up))
        let y1 = Int((cy + radius + 2).rounded(.up))
        for y in y0...y1 {
            for x in x0...x1 {
                let d = ((Double(x) + 0.5 - cx) * (Double(x) + 0.5 - cx) + (Double(y) + 0.5 - cy) * (Double(y) + 0.5 - cy)).squareRoot()
                blend(&image, x, y, fill, coverage: radius + 0.5 - d)
                // Outline 0.14 px wide centred on the edge: coverage of a thin ring.
                blend(&image, x, y, .black, coverage: max(0, 0.14 - abs(d - radius) * 0.14))
            }
        }
    }

    /// A line segment of the given width with anti-aliased sides.
    static func line(_ image: inout Image, from a: (Double, Double), to b: (Double, Double), width: Double, color: RGBA8) {
        let minX = Int(min(a.0, b.0) - width - 1), maxX = Int(max(a.0, b.0) + width + 1)
        let minY = Int(min(a.1, b.1) - width - 1), maxY = Int(max(a.1, b.1) + width + 1)
        let dx = b.0 - a.0, dy = b.1 - a.1
        let length2 = max(dx * dx + dy * dy, 1e-9)
        for y in minY...maxY {
            for x in minX...maxX {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let t = max(0, min(1, ((px - a.0) * dx + (py - a.1) * dy) / length2))
                let qx = a.0 + t * dx - px, qy = a.1 + t * dy - py
                let d = (qx * qx + qy * qy).squareRoot()
                blend(&image, x, y, color, coverage: width / 2 + 0.5 - d)
            }
        }
    }

    /// jet-like colour for v in 0…1 (piecewise linear, enough variety for quantizer tests).
    static func jet(_ v: Double) -> RGBA8 {
        func channel(_ x: Double) -> UInt8 { UInt8((max(0, min(1, x)) * 255).rounded()) }
        return RGBA8(channel(1.5 - abs(4 * v - 3)), channel(1.5 - abs(4 * v - 2)), channel(1.5 - abs(4 * v - 1)))
    }

    /// Frame `t` of a plot-like animation: a static left panel of discs, and a right panel whose discs
    /// drift with `t`, plus two lines from the origin — the structure of the article's animation.
    static func plotFrame(_ t: Int, width: Int = 400, height: Int = 180, seed: UInt64 = 7) throws -> Image {
        var image = try Image(width: width, height: height)
        var rng = SplitMix64(seed: seed)
        let half = Double(width) / 2
        line(&image, from: (10, Double(height) - 10), to: (half - 10, Double(height) - 10), width: 1.1, color: .black)
        line(&image, from: (half + 10, Double(height) - 10), to: (Double(width) - 10, Double(height) - 10), width: 1.1, color: .black)
        for _ in 0..<30 {
            let u = Double.random(in: 0...1, using: &rng)
            let v = Double.random(in: 0...1, using: &rng)
            let drift = Double.random(in: -1...1, using: &rng)
            let x = 15 + u * (half - 30)
            let y = 15 + v * Double(height - 40)
            disc(&image, cx: x, cy: y, radius: 5.4, fill: jet(u))
            let progress = 1 - exp(-Double(t) / 8)
            let rx = half + 15 + (u + drift * 0.2 * (1 - progress)) * (half - 30) * 0.9
            let ry = y + drift * 12 * (1 - progress)
            disc(&image, cx: rx, cy: ry, radius: 5.4, fill: jet(min(1, max(0, (rx - half) / half))))
        }
        let angle = 0.3 + 0.8 * exp(-Double(t) / 10)
        line(&image, from: (half + 10, Double(height) - 10), to: (half + 10 + 120 * cos(angle), Double(height) - 10 - 120 * sin(angle)), width: 2.6, color: .black)
        return image
    }

    /// The bytes of a test fixture file, located beside this source file.
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "nmfviz-codecs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// The chunks of a PNG file, as (type, data) in file order.
func pngChunks(_ data: Data) -> [(type: String, data: [UInt8])] {
    let bytes = [UInt8](data)
    var chunks: [(type: String, data: [UInt8])] = []
    var offset = 8
    while offset + 12 <= bytes.count {
        let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
        guard offset + 12 + length <= bytes.count else { break }
        chunks.append((type, Array(bytes[(offset + 8)..<(offset + 8 + length)])))
        offset += 12 + length
    }
    return chunks
}
