/// How the data and reconstruction panels draw their rows (`--points all|N|density`).
///
/// A scatter stops saying anything long before it stops costing: at the default size a panel's axes
/// hold ~130,000 pixels and each marker (60 pt², ~11 px across at 100 dpi) covers ~90 of them, so at
/// `densityThreshold` (200,000) rows every pixel lies under ~140 markers on average and shows only
/// the last one drawn. Past it, `automatic` draws a density instead: a 2-D histogram over the panel's
/// pixels, log-shaded with the point colormap (Plot's `Density`), on the same axes.
public enum PointDrawing: Sendable, Hashable {
    /// Markers up to `densityThreshold` rows, a density beyond (the default).
    case automatic
    /// A marker for every row, however many.
    case all
    /// Markers for a fixed subset of `n` rows (all rows when there are no more than `n`), the same rows
    /// in every panel and frame: selection sampling (Knuth's Algorithm S) driven by SplitMix64 from
    /// `sampleSeed`, so the rows depend only on `n` and the row count, and stay in data order.
    case sample(Int)
    /// A density, however few rows.
    case density

    /// Past this many rows `automatic` draws a density (see the type).
    public static let densityThreshold = 200_000
    /// The seed of `sample`'s stream.
    public static let sampleSeed: UInt64 = 19

    /// What a panel of `rows` rows shows.
    public enum Resolved: Sendable, Equatable {
        /// Every row as a marker.
        case markers
        /// These rows (ascending indices) as markers.
        case sample([Int])
        /// Every row in a density.
        case density
    }

    /// What this choice draws for `rows` rows.
    public func resolved(rows: Int) -> Resolved {
        switch self {
        case .automatic: return switchesToDensity(rows: rows) ? .density : .markers
        case .all: return .markers
        case .density: return .density
        case .sample(let n): return n >= rows ? .markers : .sample(Self.sampleRows(n, of: rows))
        }
    }

    /// Whether `automatic` draws `rows` rows as a density (the command says so on stderr).
    public func switchesToDensity(rows: Int) -> Bool {
        self == .automatic && rows > Self.densityThreshold
    }

    /// `n` of the indices 0..<rows, ascending, chosen by Algorithm S: row i is taken with probability
    /// (still needed) / (rows left), from SplitMix64's doubles in [0, 1).
    public static func sampleRows(_ n: Int, of rows: Int, seed: UInt64 = sampleSeed) -> [Int] {
        guard n > 0 else { return [] }
        guard n < rows else { return Array(0..<max(0, rows)) }
        var state = seed
        var chosen: [Int] = []
        chosen.reserveCapacity(n)
        for i in 0..<rows where chosen.count < n {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let u = Double(z >> 11) * 0x1p-53
            if Double(rows - i) * u < Double(n - chosen.count) { chosen.append(i) }
        }
        return chosen
    }

    /// Reads `all`, `density`, `auto` or a whole number of rows from 1 up.
    ///
    /// - Throws: `AnimationError.badValue(.points, …)` naming what is accepted.
    public init(parsing text: String) throws {
        switch text {
        case "auto": self = .automatic
        case "all": self = .all
        case "density": self = .density
        default:
            let digits = !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            guard digits, let n = Int(text) else {
                throw AnimationError.badValue(.points, given: Self.quoted(text), reason: digits
                    ? "a number of rows must be at most \(Int.max)"
                    : "must be all, density, auto or a whole number of rows such as 50000")
            }
            guard n >= 1 else {
                throw AnimationError.badValue(.points, given: Self.quoted(text), reason: "a number of rows must be at least 1")
            }
            self = .sample(n)
        }
    }

    private static func quoted(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
