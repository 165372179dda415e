import Testing
@testable import Plot

/// Limits at the ends of the Double range: ticks and labels without a trap, or a clear error.
@Suite struct ExtremeLimitsTests {
    /// The smallest subnormal, written so that the compiler does not warn about the literal.
    static let tiny = Double.leastNonzeroMagnitude

    static let limits: [(Double, Double)] = [
        (0, 1e308), (-1e308, 1e308), (tiny * 2e4, tiny * 4e4), (0, tiny), (1e300, 1.0000001e300),
        (-Double.greatestFiniteMagnitude, 0), (0, .infinity), (.nan, 1), (1, 1),
    ]

    @Test(arguments: limits)
    func layoutEitherDrawsOrRefuses(lower: Double, upper: Double) {
        var axes = Axes(box: PixelBox(x0: 100, y0: 50, x1: 500, y1: 400))
        axes.xLimits = (lower, upper)
        axes.yLimits = (lower, upper)
        do {
            let layout = try AxesLayout(axes: axes, pixelsPerPoint: 100.0 / 72)
            for tick in layout.xTicks + layout.yTicks {
                #expect(tick.value.isFinite && tick.pixel.isFinite)
            }
        } catch let error as PlotError {
            guard case .invalidLimits = error else {
                Issue.record("unexpected \(error)")
                return
            }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [0.0, -0.0, .infinity, -.infinity, .nan, tiny, .greatestFiniteMagnitude, -1e-300])
    func formatDataNeverTraps(value: Double) {
        let text = ScalarFormatter.formatData(value)
        #expect(!text.isEmpty)
        if value.isFinite {  // a number, not "inf" from an underflowing power of ten
            #expect(!text.contains("inf") && !text.contains("nan") && text.contains { $0.isNumber }, "\(value): \(text)")
        }
        #expect(PythonMath.decimalExponent(value) >= -324 && PythonMath.decimalExponent(value) <= 308)
    }

    @Test(arguments: [[0.0, 1e308], [-1e308, 1e308], [tiny, tiny * 2]])
    func labelsForExtremeTicks(ticks: [Double]) {
        let formatter = ScalarFormatter(ticks: ticks, lower: ticks[0], upper: ticks[1])
        let labels = ticks.map { formatter.label(for: $0).text }
        // Told apart, and numbers: no "nan" or "inf" from an overflowing scale or offset.
        #expect(Set(labels).count == ticks.count, "\(ticks): \(labels)")
        for text in labels + [formatter.offsetText] {
            #expect(!text.lowercased().contains("nan") && !text.lowercased().contains("inf"), "\(ticks): \(text)")
        }
        for text in labels { #expect(text.contains { $0.isNumber }, "\(ticks): \(text)") }
    }
}
