import Foundation

/// matplotlib's `MaxNLocator`: evenly spaced "nice" ticks, at most `bins + 1` of them inside the limits.
///
/// `AutoLocator`, matplotlib's default for linear axes, is this locator with steps 1, 2, 2.5, 5, 10 and a bin
/// count from the axis length (`bins(axisLengthPoints:labelSizePoints:isXAxis:)`). The algorithm is
/// `MaxNLocator._raw_ticks` step for step — scale to a power of ten, take the smallest step of the
/// staircase that is at least (vmax − vmin)/bins, and fall back to smaller steps until at least
/// `minimumTicks` ticks land inside — so the same limits give the same ticks as matplotlib.
public struct MaxNLocator: Sendable, Hashable {
    /// The maximum number of intervals between ticks, at least 1 (matplotlib's `nbins`).
    public var bins: Int
    /// The acceptable step multiples of a power of ten, increasing, starting at 1 and ending at 10.
    public var steps: [Double]
    /// The fewest ticks that must fall inside the limits, at least 1 (matplotlib's `min_n_ticks`).
    public var minimumTicks: Int

    /// A locator aiming at `bins` intervals whose width is one of `steps` times a power of ten.
    ///
    /// - Parameters:
    ///   - bins: the maximum number of intervals (clamped to at least 1).
    ///   - steps: acceptable multiples of a power of ten, increasing within [1, 10].
    ///   - minimumTicks: relax the bin limit until this many ticks fall within the limits.
    public init(bins: Int, steps: [Double] = [1, 2, 2.5, 5, 10], minimumTicks: Int = 2) {
        self.bins = max(1, bins)
        var s = steps.filter { $0 >= 1 && $0 <= 10 }.sorted()
        if s.first != 1 { s.insert(1, at: 0) }
        if s.last != 10 { s.append(10) }
        self.steps = s
        self.minimumTicks = max(1, minimumTicks)
    }

    /// matplotlib's AutoLocator for an axis of the given length: bins = ⌊length / (3 × label size)⌋ on x,
    /// ⌊length / (2 × label size)⌋ on y, clamped to 1…9 (`XAxis/YAxis.get_tick_space`).
    public static func auto(axisLengthPoints: Double, labelSizePoints: Double, isXAxis: Bool) -> MaxNLocator {
        MaxNLocator(bins: bins(axisLengthPoints: axisLengthPoints, labelSizePoints: labelSizePoints, isXAxis: isXAxis))
    }

    /// The bin count AutoLocator uses for an axis this long.
    public static func bins(axisLengthPoints: Double, labelSizePoints: Double, isXAxis: Bool) -> Int {
        let size = labelSizePoints * (isXAxis ? 3 : 2)
        guard size > 0, axisLengthPoints.isFinite else { return 9 }
        let n = (axisLengthPoints / size).rounded(.down)
        return Int(min(9, max(1, n)))
    }

    /// Tick values covering [vmin, vmax] (either order), including one beyond each end as matplotlib does;
    /// callers keep the ones inside the view.
    public func ticks(_ a: Double, _ b: Double) -> [Double] {
        let (vmin, vmax) = PythonMath.nonsingular(a, b, expander: 1e-13, tiny: 1e-14)
        let (scale, offset) = Self.scaleRange(vmin, vmax, bins)
        let lo = vmin - offset, hi = vmax - offset
        // The extended staircase: 0.1 × steps (without 10), steps, 10 × the second step.
        var ladder = steps.dropLast().map { 0.1 * $0 } + steps
        ladder.append(10 * steps[1])
        let candidates = ladder.map { $0 * scale }
        let rawStep = (hi - lo) / Double(bins)
        let firstLarge = candidates.firstIndex { $0 >= rawStep } ?? (candidates.count - 1)
        let edge = EdgeInteger(offset: abs(offset))
        var ticks: [Double] = []
        for step in candidates[...firstLarge].reversed() {
            let bestMin = PythonMath.floorDiv(lo, step) * step
            let low = edge.le(lo - bestMin, step: step)
            let high = edge.ge(hi - bestMin, step: step)
            ticks = []
            var k = low
            while k <= high {
                ticks.append(k * step + bestMin)
                k += 1
            }
            let inside = ticks.reduce(0) { $0 + (($1 <= hi && $1 >= lo) ? 1 : 0) }
            if inside >= minimumTicks { break }
        }
        return ticks.map { $0 + offset }
    }

    /// matplotlib's `scale_range`: the power of ten of (range / n), and an offset when the values sit far
    /// from zero compared to their spread.
    static func scaleRange(_ vmin: Double, _ vmax: Double, _ n: Int) -> (scale: Double, offset: Double) {
        let dv = abs(vmax - vmin)
        let meanv = (vmax + vmin) / 2
        var offset = 0.0
        if !(abs(meanv) / dv < 100) {
            offset = copysign(pow(10, log10(abs(meanv)).rounded(.down)), meanv)
        }
        let scale = pow(10, log10(dv / Double(n)).rounded(.down))
        return (scale, offset)
    }

    /// matplotlib's `_Edge_integer`: multiples of a step with tolerance for floating-point error.
    struct EdgeInteger {
        let offset: Double

        func closeTo(_ ms: Double, _ edge: Double, step: Double) -> Bool {
            var tol = 1e-10
            if offset > 0 {
                let digits = log10(offset / step)
                tol = min(0.4999, max(1e-10, pow(10, digits - 12)))
            }
            return abs(ms - edge) < tol
        }

        /// The largest n with n × step ≤ x.
        func le(_ x: Double, step: Double) -> Double {
            let (d, m) = PythonMath.divmod(x, step)
            return closeTo(m / step, 1, step: step) ? d + 1 : d
        }

        /// The smallest n with n × step ≥ x.
        func ge(_ x: Double, step: Double) -> Double {
            let (d, m) = PythonMath.divmod(x, step)
            return closeTo(m / step, 0, step: step) ? d : d + 1
        }
    }
}
