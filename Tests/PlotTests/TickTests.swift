import Foundation
import Testing
@testable import Plot

@Suite struct TickTests {
    let layout = try! ReferenceFixtures.load(ReferenceFixtures.Layout.self, "layout.json")

    /// The ticks matplotlib draws: the locator's values inside the view, with the formatter's labels.
    func visibleTicks(lower: Double, upper: Double, lengthPx: Double, isX: Bool)
        -> (ticks: [(Double, String)], offset: String) {
        let locator = MaxNLocator.auto(axisLengthPoints: lengthPx * 72 / 100, labelSizePoints: 10, isXAxis: isX)
        let all = locator.ticks(lower, upper)
        let formatter = ScalarFormatter(ticks: all, lower: lower, upper: upper)
        let lo = min(lower, upper), hi = max(lower, upper), slack = (hi - lo) * 1e-10
        let inside = all.filter { $0 >= lo - slack && $0 <= hi + slack }
        return (inside.map { ($0, formatter.label(for: $0).text) }, formatter.offsetText)
    }

    @Test func autoLocatorAndScalarFormatterMatchMatplotlib() {
        for case_ in layout.ticks {
            let lo = case_.limits[0], hi = case_.limits[1]
            for (isX, expected, offset, length) in [(true, case_.x, case_.xOffset, case_.axisLengthPx[0]),
                                                    (false, case_.y, case_.yOffset, case_.axisLengthPx[1])] {
                let got = visibleTicks(lower: lo, upper: hi, lengthPx: length, isX: isX)
                #expect(got.ticks.count == expected.count, "\(case_.limits) \(isX ? "x" : "y")")
                for (g, e) in zip(got.ticks, expected) {
                    #expect(abs(g.0 - e.value) <= 1e-9 * max(1, abs(e.value)), "\(case_.limits)")
                    #expect(g.1 == e.label, "\(case_.limits)")
                }
                #expect(got.offset == offset, "\(case_.limits)")
            }
        }
    }

    @Test func articlePanelsGetTheArticleTicks() {
        let x = visibleTicks(lower: 0, upper: 4.5, lengthPx: 352.27, isX: true)
        #expect(x.ticks.map(\.1) == ["0", "1", "2", "3", "4"])
        let y = visibleTicks(lower: 0, upper: 3.3, lengthPx: 346.5, isX: false)
        #expect(y.ticks.map(\.1) == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0"])
    }

    @Test func logLocatorAndFormatterMatchMatplotlib() {
        for case_ in layout.log {
            let lo = case_.limits[0], hi = case_.limits[1]
            let mapping = try! AxisMapping(lower: lo, upper: hi, scale: .log, pixelStart: 356, pixelEnd: 48)
            let locator = LogLocator.auto(axisLengthPoints: 308 * 0.72, labelSizePoints: 10, isXAxis: false)
            let formatter = LogFormatter(lower: lo, upper: hi)
            let major = locator.majorTicks(lo, hi).filter { mapping.contains($0) }
            #expect(major.count == case_.major.count, "\(case_.limits)")
            for (g, e) in zip(major, case_.major) {
                #expect(abs(g - e.value) <= 1e-9 * e.value)
                #expect(formatter.label(for: g).matplotlibText == e.label)
            }
            let minor = locator.minorTicks(lo, hi).filter { mapping.contains($0) }
            #expect(minor.count == case_.minor.count, "\(case_.limits)")
            for (g, e) in zip(minor, case_.minor) {
                #expect(abs(g - e) <= 1e-9 * e)
            }
            #expect(minor.map { formatter.label(for: $0).matplotlibText } == case_.minorLabels, "\(case_.limits)")
        }
    }

    @Test func autoscaleAddsFivePercent() throws {
        let lin = try #require(AutoscaleRule.limits(minimum: 0, maximum: 10, scale: .linear))
        #expect(abs(lin.0 + 0.5) < 1e-12 && abs(lin.1 - 10.5) < 1e-12)
        let single = try #require(AutoscaleRule.limits(minimum: 2, maximum: 2, scale: .linear))
        #expect(abs(single.0 - 1.89) < 1e-12 && abs(single.1 - 2.11) < 1e-12)
        let log = try #require(AutoscaleRule.limits(minimum: 0.3930, maximum: 377.7, scale: .log))
        #expect(abs(log10(log.0) - (log10(0.3930) - 0.05 * (log10(377.7) - log10(0.3930)))) < 1e-12)
        #expect(AutoscaleRule.limits(minimum: -1, maximum: 5, scale: .log) == nil)
    }

    @Test func pythonDivmodFollowsCPython() {
        #expect(PythonMath.divmod(-0.1, 0.5) == (-1.0, 0.4))
        #expect(PythonMath.divmod(1.0, 0.1).quotient == 9.0)
        #expect(PythonMath.floorDiv(-3.7, 1) == -4)
    }
}
