import Foundation

/// matplotlib's `ScalarFormatter` at its defaults: the fewest decimals that tell the ticks apart, an offset
/// ("+1.5") when the ticks sit far from zero, and a power of ten ("1e6") outside 10⁻⁵…10⁶.
///
/// Like matplotlib it looks at all the locator's ticks at once: `init(ticks:lower:upper:)` plays the part
/// of `set_locs`, then `label(for:)` is `__call__`. Labels use the Unicode minus (`axes.unicode_minus`).
public struct ScalarFormatter: Sendable, Hashable {
    /// Subtracted from each tick before formatting (0 when unused).
    public private(set) var offset: Double = 0
    /// The power of ten the ticks are divided by (0 when unused).
    public private(set) var orderOfMagnitude: Int = 0
    /// Digits after the decimal point.
    public private(set) var decimals: Int = 1
    private var hasTicks: Bool

    /// matplotlib's `axes.formatter.limits` and `axes.formatter.offset_threshold`.
    static let powerLimits = (-5, 6)
    static let offsetThreshold = 4

    /// A formatter for the labels of `ticks` in the view [lower, upper].
    ///
    /// - Parameters:
    ///   - ticks: every tick the locator returned (also those just outside the view, as matplotlib passes them).
    ///   - lower: the view's lower limit.
    ///   - upper: the view's upper limit.
    public init(ticks: [Double], lower: Double, upper: Double) {
        hasTicks = !ticks.isEmpty
        guard hasTicks else { return }
        let vmin = min(lower, upper), vmax = max(lower, upper)
        let visible = ticks.filter { $0 >= vmin && $0 <= vmax }
        offset = Self.computeOffset(visible)
        orderOfMagnitude = Self.orderOfMagnitude(visible, offset: offset, vmin: vmin, vmax: vmax)
        decimals = Self.decimals(ticks, offset: offset, order: orderOfMagnitude, vmin: lower, vmax: upper)
    }

    /// The label of one tick.
    public func label(for value: Double) -> TickLabel {
        guard hasTicks else { return TickLabel("") }
        var x = Self.scaled(value - offset, byPowerOfTen: orderOfMagnitude)
        if abs(x) < 1e-8 { x = 0 }
        return TickLabel(Self.fixMinus(String(format: "%1.\(decimals)f", x)))
    }

    /// The text matplotlib prints at the end of the axis ("1e6", "+1.5", "1e−3+1.5"), or "" when none.
    public var offsetText: String {
        guard hasTicks, orderOfMagnitude != 0 || offset != 0 else { return "" }
        var offsetString = ""
        if offset != 0 {
            offsetString = Self.formatData(offset)
            if offset > 0 { offsetString = "+" + offsetString }
        }
        let sci = orderOfMagnitude != 0 ? "1e\(orderOfMagnitude)" : ""
        return Self.fixMinus(sci + offsetString)
    }

    /// x / 10^e as matplotlib divides, except where 10^e is 0 or subnormal (e < −307, only for
    /// subnormal data, where matplotlib itself fails): there x is scaled up in two exact-enough steps,
    /// so that the labels stay numbers instead of becoming "inf".
    static func scaled(_ x: Double, byPowerOfTen e: Int) -> Double {
        guard e < -307 else { return x / pow(10, Double(e)) }
        let half = -e / 2
        return x * pow(10, Double(half)) * pow(10, Double(-e - half))
    }

    static func fixMinus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }

    /// `ScalarFormatter._compute_offset`.
    static func computeOffset(_ locs: [Double]) -> Double {
        guard let lmin = locs.min(), let lmax = locs.max() else { return 0 }
        if lmin == lmax || (lmin <= 0 && 0 <= lmax) { return 0 }
        let absMin = min(abs(lmin), abs(lmax)), absMax = max(abs(lmin), abs(lmax))
        let sign = copysign(1.0, lmin)
        let oomMax = log10(absMax).rounded(.up)
        func fd(_ x: Double, _ oom: Double) -> Double { PythonMath.floorDiv(x, pow(10, oom)) }
        var oom = oomMax
        while fd(absMin, oom) == fd(absMax, oom) { oom -= 1 }
        oom += 1
        if (absMax - absMin) / pow(10, oom) <= 1e-2 {
            oom = oomMax
            while !(fd(absMax, oom) - fd(absMin, oom) > 1) { oom -= 1 }
            oom += 1
        }
        let n = Double(offsetThreshold - 1)
        return fd(absMax, oom) >= pow(10, n) ? sign * fd(absMax, oom) * pow(10, oom) : 0
    }

    /// `ScalarFormatter._set_order_of_magnitude`.
    static func orderOfMagnitude(_ locs: [Double], offset: Double, vmin: Double, vmax: Double) -> Int {
        guard !locs.isEmpty else { return 0 }
        let oom: Int
        if offset != 0 {
            oom = PythonMath.decimalExponent(vmax - vmin)
        } else {
            let val = locs.map { abs($0) }.max() ?? 0
            oom = PythonMath.decimalExponent(val)
        }
        return (oom <= powerLimits.0 || oom >= powerLimits.1) ? oom : 0
    }

    /// `ScalarFormatter._set_format`: the decimals needed so that no tick is rounded by more than
    /// 1/1000 of the tick range.
    static func decimals(_ ticks: [Double], offset: Double, order: Int, vmin: Double, vmax: Double) -> Int {
        let all = ticks.count < 2 ? ticks + [vmin, vmax] : ticks
        var locs = all.map { scaled($0 - offset, byPowerOfTen: order) }
        var range = (locs.max() ?? 0) - (locs.min() ?? 0)
        if range == 0 { range = locs.map { abs($0) }.max() ?? 0 }
        if range == 0 { range = 1 }
        if ticks.count < 2 { locs.removeLast(2) }
        let rangeOom = PythonMath.decimalExponent(range)
        var sigfigs = max(0, 3 - rangeOom)
        let thresh = 1e-3 * pow(10, Double(rangeOom))
        while sigfigs >= 0 {
            let worst = locs.map { abs($0 - PythonMath.npRound($0, decimals: sigfigs)) }.max() ?? 0
            if worst < thresh { sigfigs -= 1 } else { break }
        }
        return sigfigs + 1
    }

    /// `ScalarFormatter.format_data` without mathtext: "1.5", "2e6", "1.25e−3".
    static func formatData(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "−inf" : "inf" }
        let e = PythonMath.decimalExponent(value)
        let s = PythonMath.npRound(scaled(value, byPowerOfTen: e), decimals: 10)
        let significand = s.truncatingRemainder(dividingBy: 1) == 0 && abs(s) < 1e15
            ? String(format: "%.0f", s) : String(format: "%1.10g", s)
        return e == 0 ? significand : "\(significand)e\(e)"
    }
}
