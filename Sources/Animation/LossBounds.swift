import NMF
import Plot

/// The limits of a loss panel, fixed for the whole animation so that the curve grows into a still frame.
///
/// x spans iterations 0…last, y the positive losses on a log axis, both widened by matplotlib's 5 %
/// margins (`AutoscaleRule`), as `ax.semilogy(range(n), losses)` would autoscale the finished curve.
public struct LossBounds: Sendable, Equatable {
    /// The iteration axis' limits.
    public var xLimits: (lower: Double, upper: Double)
    /// The loss axis' limits, both positive (a log axis).
    public var yLimits: (lower: Double, upper: Double)

    /// Limits given as they are, `(lower, upper)` for each axis.
    public init(xLimits: (Double, Double), yLimits: (Double, Double)) {
        self.xLimits = xLimits
        self.yLimits = yLimits
    }

    /// Limits holding every run's losses at iterations 0…`lastIteration`.
    ///
    /// Losses that a log axis cannot show (zero, negative, not finite) are left out; when none is left the
    /// axis shows matplotlib's empty log range, 1…10.
    ///
    /// - Parameters:
    ///   - losses: per run, the loss after iterations 0, 1, 2, … (runs may differ in length).
    ///   - lastIteration: the last iteration the animation shows.
    public static func covering(losses: [[Double]], lastIteration: Int) -> LossBounds {
        let x = AutoscaleRule.limits(minimum: 0, maximum: Double(max(0, lastIteration)), scale: .linear) ?? (0, 1)
        let y = AutoscaleRule.range(of: losses.joined(), scale: .log)
            .flatMap { AutoscaleRule.limits(minimum: $0.0, maximum: $0.1, scale: .log) } ?? (1, 10)
        return LossBounds(xLimits: x, yLimits: y)
    }

    /// Runs each solver to `lastIteration` and covers all their losses (the solvers are deterministic, so
    /// the animation's own run later sees the same values).
    public static func covering(solvers: [NMFSolver], lastIteration: Int) -> LossBounds {
        covering(losses: solvers.map { $0.makeSnapshots(iterations: lastIteration).map(\.loss) },
                 lastIteration: lastIteration)
    }

    /// Equal when all four limits are equal (tuples are not `Equatable`).
    public static func == (a: LossBounds, b: LossBounds) -> Bool {
        a.xLimits == b.xLimits && a.yLimits == b.yLimits
    }
}
