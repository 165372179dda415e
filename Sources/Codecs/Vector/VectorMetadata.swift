#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an SVG or PDF says about itself: the program, a title, the parameters that made it (as the
/// PNG tEXt chunks carry them), and a date only when one is asked for.
///
/// Output is deterministic: no timestamp is written unless `SOURCE_DATE_EPOCH` is set, as
/// reproducible-build tools expect (https://reproducible-builds.org/specs/source-date-epoch/).
public struct VectorMetadata: Sendable, Equatable {
    /// The program, e.g. "nmfviz".
    public var software: String
    /// The document title (SVG `<title>`, PDF /Title), e.g. "NMF learning, iteration 10".
    public var title: String
    /// The parameters, e.g. "data=cos2 rank=2 …" (SVG `<desc>`, PDF /Subject).
    public var description: String
    /// Seconds since 1970 in UTC; nil writes no date.
    public var date: Int?

    /// Metadata for one document; the date defaults to `SOURCE_DATE_EPOCH`, so none is written unless
    /// it is set.
    public init(software: String = "nmfviz", title: String = "", description: String = "",
                date: Int? = VectorMetadata.sourceDateEpoch()) {
        self.software = software
        self.title = title
        self.description = description
        self.date = date
    }

    /// `SOURCE_DATE_EPOCH` when it holds a whole number of seconds (0 … 253402300799), else nil.
    public static func sourceDateEpoch() -> Int? {
        guard let raw = getenv("SOURCE_DATE_EPOCH"), let value = Int(String(cString: raw)),
              value >= 0, value <= 253_402_300_799 else { return nil }
        return value
    }

    /// The civil date and time of `date` in UTC: year, month, day, hour, minute, second.
    static func civil(_ seconds: Int) -> (Int, Int, Int, Int, Int, Int) {
        // Howard Hinnant's days_from_civil inverse.
        let days = seconds / 86_400, rest = seconds % 86_400
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// ISO 8601 in UTC ("2026-12-02T00:00:00Z"), for SVG's Dublin Core date.
    var isoDate: String? {
        date.map {
            let (y, mo, d, h, mi, s) = Self.civil($0)
            return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))Z"
        }
    }

    /// PDF's date string ("D:20261202000000Z").
    var pdfDate: String? {
        date.map {
            let (y, mo, d, h, mi, s) = Self.civil($0)
            return "D:\(pad(y, 4))\(pad(mo, 2))\(pad(d, 2))\(pad(h, 2))\(pad(mi, 2))\(pad(s, 2))Z"
        }
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}
