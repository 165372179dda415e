import Foundation

/// matplotlib's `LogFormatterSciNotation` for base 10: decades as 10ˣ, and — only when the view spans at
/// most one decade — selected minor ticks as c×10ˣ.
///
/// matplotlib decides which coefficients get a label from the view (`LogFormatter.set_locs` with
/// `minor_thresholds = (1, 0.4)`): more than one power of ten crossed → only powers of ten; else more
/// than 0.4 decades → 1, 2, 3, 4, 6; else all of 1…9.
public struct LogFormatter: Sendable, Hashable {
    let labelledCoefficients: Set<Int>

    /// The formatter for a view from `lower` to `upper` (positive, either order); the view decides
    /// which minor coefficients get a label.
    public init(lower: Double, upper: Double) {
        let lmin = log10(min(lower, upper)), lmax = log10(max(lower, upper))
        // Powers of ten crossed; nextafter counts a lower limit exactly on a decade as crossed.
        let crossed = lmax.rounded(.down) - lmin.nextDown.rounded(.down)
        let decades = abs(lmax - lmin)
        if !(crossed <= 1) {
            labelledCoefficients = [1]
        } else if decades > 0.4 {
            // round(geomspace(1, 10, 6)) = 1, 2, 3, 4, 6, 10.
            labelledCoefficients = [1, 2, 3, 4, 6, 10]
        } else {
            labelledCoefficients = Set(1...10)
        }
    }

    /// The label of a tick, empty for unlabelled minor ticks.
    public func label(for value: Double) -> TickLabel {
        guard value > 0, value.isFinite else { return TickLabel("") }
        var fx = log10(value)
        let isDecade = Self.isCloseToInteger(fx)
        let exponent = isDecade ? fx.rounded(.toNearestOrEven) : fx.rounded(.down)
        let coefficient = Int(pow(10, fx - exponent).rounded(.toNearestOrEven))
        guard labelledCoefficients.contains(coefficient) else { return TickLabel("") }
        if isDecade {
            fx = fx.rounded(.toNearestOrEven)
            return TickLabel("10", exponent: ScalarFormatter.fixMinus(String(Int(fx))))
        }
        var c = pow(10, fx - exponent)
        if Self.isCloseToInteger(c) { c = c.rounded(.toNearestOrEven) }
        return TickLabel(String(format: "%g", c) + "×10",
                         exponent: ScalarFormatter.fixMinus(String(Int(exponent))))
    }

    /// Python's `math.isclose(x, round(x))` (relative tolerance 1e-9), matplotlib's `_is_close_to_int`.
    static func isCloseToInteger(_ x: Double) -> Bool {
        let r = x.rounded(.toNearestOrEven)
        return abs(x - r) <= 1e-9 * max(abs(x), abs(r))
    }
}
