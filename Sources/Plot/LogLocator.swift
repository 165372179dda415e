import Foundation

/// matplotlib's `LogLocator` (base 10) at its defaults: decade ticks for the major locator, 2…9 × each
/// decade for the minor one, both with `numticks='auto'`.
///
/// The stride between labelled decades follows matplotlib 3.11's rule (the largest number of decades, at
/// most `requested`, that can actually be drawn, then the largest stride giving that many). Minor ticks
/// appear only when every decade is ticked and fewer than 10 decades are visible.
public struct LogLocator: Sendable, Hashable {
    /// The tick budget: `get_tick_space()` of the axis, clamped to 2…9.
    public var requested: Int

    /// A locator with a tick budget of `requested`, clamped to 2…9.
    public init(requested: Int) {
        self.requested = min(9, max(2, requested))
    }

    /// The locator for an axis of the given length (same tick space as `MaxNLocator.bins`, clamped 2…9).
    public static func auto(axisLengthPoints: Double, labelSizePoints: Double, isXAxis: Bool) -> LogLocator {
        LogLocator(requested: MaxNLocator.bins(
            axisLengthPoints: axisLengthPoints, labelSizePoints: labelSizePoints, isXAxis: isXAxis))
    }

    /// Major ticks (powers of ten) for limits [a, b] (positive, either order), with one beyond each end.
    public func majorTicks(_ a: Double, _ b: Double) -> [Double] {
        guard let plan = plan(a, b) else { return [] }
        return plan.decades.map { pow(10, Double($0)) }
    }

    /// Minor ticks (2…9 × 10ᵏ) for limits [a, b], empty when matplotlib shows none.
    ///
    /// When the view holds at most one major-or-minor tick matplotlib falls back to AutoLocator; so does this.
    public func minorTicks(_ a: Double, _ b: Double) -> [Double] {
        guard let plan = plan(a, b), plan.available < 10 else { return [] }
        let vmin = min(a, b), vmax = max(a, b)
        var ticks: [Double] = []
        if plan.stride == 1 || plan.available <= 1 {
            for decade in (plan.emin - 1)...plan.emax {
                for sub in 2...9 { ticks.append(Double(sub) * pow(10, Double(decade))) }
            }
        }
        if plan.stride == 1 {
            let inside = ticks.reduce(0) { $0 + (($1 >= vmin && $1 <= vmax) ? 1 : 0) }
            if plan.decades.count - 2 + inside <= 1 {
                return MaxNLocator(bins: 9).ticks(vmin, vmax)
            }
        }
        return ticks
    }

    struct Plan {
        var decades: [Int]
        var stride: Int
        var emin: Int
        var emax: Int
        var available: Int
    }

    /// The decades matplotlib ticks and the stride between them (`LogLocator.tick_values`).
    func plan(_ a: Double, _ b: Double) -> Plan? {
        guard a > 0, b > 0, a.isFinite, b.isFinite else { return nil }
        let efmin = log10(min(a, b)), efmax = log10(max(a, b))
        let emin = Int(efmin.rounded(.up)), emax = Int(efmax.rounded(.down))
        let available = emax - emin + 1
        var nRequest = requested
        var stride = available / (nRequest + 1) + 1
        let nr = Int((Double(available) / Double(stride)).rounded(.up))
        if nr <= nRequest { nRequest = nr }
        let decades: [Int]
        if nRequest <= 0 {
            decades = [emin - 1, emax + 1]
            stride = decades[1] - decades[0]
        } else if nRequest == 1 {
            let mid = Int(((efmin + efmax) / 2).rounded(.toNearestOrEven))
            stride = max(mid - (emin - 1), (emax + 1) - mid)
            decades = [mid - stride, mid, mid + stride]
        } else {
            stride = (available - 1) / (nRequest - 1)
            if Double(stride) < Double(available) / Double(nRequest) {
                stride = available / nRequest
            }
            let olo = max(available - stride * nRequest, 0)
            let ohi = min(available - stride * (nRequest - 1), stride)
            var offset = ((-emin) % stride + stride) % stride
            if !(olo <= offset && offset < ohi) { offset = olo }
            decades = Array(Swift.stride(from: emin + offset - stride, to: emax + stride + 1, by: stride))
        }
        return Plan(decades: decades, stride: stride, emin: emin, emax: emax, available: available)
    }
}
