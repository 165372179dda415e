import Foundation

/// matplotlib's autoscaling at its defaults (`axes.xmargin = axes.ymargin = 0.05`, `autolimit_mode = data`).
///
/// The data range is widened by 5 % of its span on each side — in log space on a log axis — and not
/// rounded to ticks. A single value (zero span) is first widened by 5 % of its magnitude (±0.05 for 0),
/// as `Locator.nonsingular` does.
public enum AutoscaleRule {
    /// The fraction of the data span added on each side (`axes.xmargin`, `axes.ymargin`).
    public static let margin = 0.05

    /// Limits for data spanning [minimum, maximum] on an axis of the given scale; nil when there is no
    /// drawable data (empty, not finite, or nothing positive on a log axis).
    public static func limits(minimum: Double, maximum: Double, scale: AxisScale) -> (Double, Double)? {
        guard minimum.isFinite, maximum.isFinite, minimum <= maximum else { return nil }
        switch scale {
        case .linear:
            let (lo, hi) = PythonMath.nonsingular(minimum, maximum, expander: 0.05, tiny: 1e-15)
            let d = (hi - lo) * margin
            return (lo - d, hi + d)
        case .log:
            guard minimum > 0 else { return nil }
            var a = log10(minimum), b = log10(maximum)
            if a == b {
                // LogLocator.nonsingular: one decade either way.
                a -= 1
                b += 1
            }
            let d = (b - a) * margin
            return (pow(10, a - d), pow(10, b + d))
        }
    }

    /// The smallest and largest finite (and, on a log axis, positive) values, or nil.
    public static func range<S: Sequence>(of values: S, scale: AxisScale) -> (Double, Double)? where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (scale == .linear || v > 0) {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? (lo, hi) : nil
    }
}
