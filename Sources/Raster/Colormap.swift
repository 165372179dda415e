/// One of matplotlib's colormaps as its 256-entry table of 8-bit sRGB colours.
///
/// `color(at:)` follows matplotlib's indexing: v ∈ [0, 1] picks entry trunc(v · 256), with 1.0 → 255;
/// v < 0 gives entry 0 and v > 1 entry 255 (matplotlib's default under/over colours); NaN gives
/// transparent black (its default "bad" colour). jet and gray are built from their segment data
/// exactly as matplotlib's `LinearSegmentedColormap` samples them; the ColorBrewer maps from their
/// anchor colours; the perceptual maps are matplotlib's published tables (`ColormapTables`). Floats
/// become bytes by round(v · 255), as Agg converts colours.
public struct Colormap: Sendable, Hashable {
    /// The names `init(named:)` accepts.
    public static let names = [
        "jet", "viridis", "plasma", "inferno", "magma", "cividis", "gray", "gray_r", "Blues", "Reds", "Greens",
    ]

    /// The matplotlib name this colormap was made from, one of `names`.
    public let name: String
    /// Exactly 256 opaque entries.
    public let table: [RGBA8]

    /// The colormap called `name` (case-sensitive, as in matplotlib).
    ///
    /// - Throws: `RasterError.unknownColormap` listing the valid names.
    public init(named name: String) throws(RasterError) {
        guard let table = Colormap.makeTable(name) else {
            throw RasterError.unknownColormap(name: name, valid: Colormap.names)
        }
        self.name = name
        self.table = table
    }

    /// The table index matplotlib uses for `v` (nil for NaN).
    public static func index(for v: Double) -> Int? {
        if v.isNaN { return nil }
        if v <= 0 { return 0 }
        if v >= 1 { return 255 }
        return min(255, Int(v * 256))
    }

    /// The colour of `v` ∈ [0, 1] (see the type's discussion for values outside).
    public func color(at v: Double) -> RGBA8 {
        guard let i = Colormap.index(for: v) else { return .clear }
        return table[i]
    }

    /// The colour of data value `v` under `normalize`.
    public func color(for v: Double, normalize: Normalize) -> RGBA8 {
        color(at: normalize(v))
    }

    // MARK: - Building the tables

    private static func makeTable(_ name: String) -> [RGBA8]? {
        switch name {
        case "jet":
            return segmented(
                red: [(0, 0, 0), (0.35, 0, 0), (0.66, 1, 1), (0.89, 1, 1), (1, 0.5, 0.5)],
                green: [(0, 0, 0), (0.125, 0, 0), (0.375, 1, 1), (0.64, 1, 1), (0.91, 0, 0), (1, 0, 0)],
                blue: [(0, 0.5, 0.5), (0.11, 1, 1), (0.34, 1, 1), (0.65, 0, 0), (1, 0, 0)])
        case "gray":
            let ramp: [(Double, Double, Double)] = [(0, 0, 0), (1, 1, 1)]
            return segmented(red: ramp, green: ramp, blue: ramp)
        case "gray_r":
            return makeTable("gray").map { Array($0.reversed()) }
        case "Blues", "Reds", "Greens":
            guard let anchors = ColormapTables.brewer[name], anchors.count >= 2 else { return nil }
            let n = Double(anchors.count - 1)
            func channel(_ pick: ((Double, Double, Double)) -> Double) -> [(Double, Double, Double)] {
                anchors.enumerated().map { (Double($0.offset) / n, pick($0.element), pick($0.element)) }
            }
            return segmented(red: channel { $0.0 }, green: channel { $0.1 }, blue: channel { $0.2 })
        default:
            guard let hex = ColormapTables.listed[name] else { return nil }
            return decode(hex)
        }
    }

    /// matplotlib's `_create_lookup_table` for 256 entries: entry i samples x = i/255 by linear
    /// interpolation between segment points (x, y_left, y_right), first and last entries exact.
    static func lookupTable(_ segments: [(Double, Double, Double)]) -> [Double] {
        let n = 256
        let xs = segments.map { $0.0 * Double(n - 1) }
        var lut = [Double](repeating: 0, count: n)
        lut[0] = segments[0].2
        lut[n - 1] = segments[segments.count - 1].1
        for i in 1..<(n - 1) {
            let x = Double(i)
            // First segment point at or right of x (numpy's searchsorted, side 'left').
            var k = 0
            while k < xs.count && xs[k] < x { k += 1 }
            k = max(1, min(xs.count - 1, k))
            let distance = (x - xs[k - 1]) / (xs[k] - xs[k - 1])
            lut[i] = distance * (segments[k].1 - segments[k - 1].2) + segments[k - 1].2
        }
        return lut.map { min(1, max(0, $0)) }
    }

    private static func segmented(
        red: [(Double, Double, Double)], green: [(Double, Double, Double)], blue: [(Double, Double, Double)]
    ) -> [RGBA8] {
        let r = lookupTable(red), g = lookupTable(green), b = lookupTable(blue)
        return (0..<256).map { RGBA8(byte(r[$0]), byte(g[$0]), byte(b[$0])) }
    }

    /// round(v · 255) for v in [0, 1].
    static func byte(_ v: Double) -> UInt8 {
        UInt8(max(0, min(255, (v * 255 + 0.5).rounded(.down))))
    }

    private static func decode(_ hex: String) -> [RGBA8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 256 * 6 else { return nil }
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            default: return 0
            }
        }
        return (0..<256).map { i in
            let o = i * 6
            return RGBA8(
                nibble(digits[o]) << 4 | nibble(digits[o + 1]),
                nibble(digits[o + 2]) << 4 | nibble(digits[o + 3]),
                nibble(digits[o + 4]) << 4 | nibble(digits[o + 5]))
        }
    }
}
