/// An axes resolved for drawing: its limits, data → pixel maps and ticks with their labels.
///
/// Computed once per render from the `Axes` and the figure's pixels-per-point; cheap (no text is measured
/// here), and a pure function of its inputs, so the tests compare it with matplotlib directly.
public struct AxesLayout: Sendable {
    /// Where the axes sit in the figure, in pixels.
    public let box: PixelBox
    /// The x limits and their data → pixel map.
    public let x: AxisMapping
    /// The y limits and their data → pixel map (from the bottom edge upwards).
    public let y: AxisMapping
    /// The x axis's major ticks, with labels.
    public let xTicks: [Tick]
    /// The y axis's major ticks, with labels.
    public let yTicks: [Tick]
    /// The x axis's minor ticks (log axes only), unlabelled.
    public let xMinorTicks: [Tick]
    /// The y axis's minor ticks (log axes only), unlabelled.
    public let yMinorTicks: [Tick]
    /// ScalarFormatter's offset / power-of-ten text ("1e6", "+1.5"), empty when none.
    public let xOffsetText: String
    /// The y axis's offset text, as `xOffsetText`.
    public let yOffsetText: String

    /// Resolves `axes` at `pixelsPerPoint`, with tick label size `labelSizePoints` (it sets the tick budget).
    ///
    /// - Throws: `PlotError.invalidLimits` for explicit limits that cannot be shown.
    public init(axes: Axes, pixelsPerPoint: Double, labelSizePoints: Double = 10) throws {
        box = axes.box
        let (xl, xu) = try Self.limits(explicit: axes.xLimits, scale: axes.xScale, data: { axes.dataRange(x: true) }, name: "x")
        let (yl, yu) = try Self.limits(explicit: axes.yLimits, scale: axes.yScale, data: { axes.dataRange(x: false) }, name: "y")
        x = try AxisMapping(lower: xl, upper: xu, scale: axes.xScale, pixelStart: box.x0, pixelEnd: box.x1, axisName: "x")
        y = try AxisMapping(lower: yl, upper: yu, scale: axes.yScale, pixelStart: box.y1, pixelEnd: box.y0, axisName: "y")
        let xPoints = box.width / pixelsPerPoint, yPoints = box.height / pixelsPerPoint
        (xTicks, xMinorTicks, xOffsetText) = Self.ticks(x, lengthPoints: xPoints, labelSize: labelSizePoints, isX: true)
        (yTicks, yMinorTicks, yOffsetText) = Self.ticks(y, lengthPoints: yPoints, labelSize: labelSizePoints, isX: false)
    }

    /// `data` is asked only without explicit limits: it scans every point (a million a frame for big data).
    static func limits(explicit: (lower: Double, upper: Double)?, scale: AxisScale, data: () -> (Double, Double)?,
                       name: String) throws -> (Double, Double) {
        if let explicit {
            guard scale.forward(explicit.lower).isFinite, scale.forward(explicit.upper).isFinite,
                  explicit.lower != explicit.upper else {
                throw PlotError.invalidLimits(axis: name, lower: explicit.lower, upper: explicit.upper)
            }
            return explicit
        }
        if let data = data(), let l = AutoscaleRule.limits(minimum: data.0, maximum: data.1, scale: scale) { return l }
        // No data: matplotlib's empty axes show 0…1 (1…10 on a log axis).
        return scale == .log ? (1, 10) : (0, 1)
    }

    static func ticks(_ m: AxisMapping, lengthPoints: Double, labelSize: Double, isX: Bool)
        -> (major: [Tick], minor: [Tick], offset: String) {
        switch m.scale {
        case .linear:
            let all = MaxNLocator.auto(axisLengthPoints: lengthPoints, labelSizePoints: labelSize, isXAxis: isX)
                .ticks(m.lower, m.upper)
            let formatter = ScalarFormatter(ticks: all, lower: m.lower, upper: m.upper)
            let major = all.filter { m.contains($0) }.map {
                Tick(value: $0, pixel: m.pixel($0), label: formatter.label(for: $0))
            }
            return (major, [], formatter.offsetText)
        case .log:
            let locator = LogLocator.auto(axisLengthPoints: lengthPoints, labelSizePoints: labelSize, isXAxis: isX)
            let formatter = LogFormatter(lower: m.lower, upper: m.upper)
            let major = locator.majorTicks(m.lower, m.upper).filter { m.contains($0) }.map {
                Tick(value: $0, pixel: m.pixel($0), label: formatter.label(for: $0))
            }
            let minor = locator.minorTicks(m.lower, m.upper).filter { m.contains($0) }.map {
                Tick(value: $0, pixel: m.pixel($0), label: formatter.label(for: $0))
            }
            return (major, minor, "")
        }
    }
}

extension Axes {
    /// The range of the data that autoscaling looks at: scatter and quiver positions (matplotlib's
    /// collections count their offsets only) and every line vertex; text is ignored.
    func dataRange(x: Bool) -> (Double, Double)? {
        let scale = x ? xScale : yScale
        var lo = Double.infinity, hi = -Double.infinity
        func take(_ values: [Double]) {
            if let r = AutoscaleRule.range(of: values, scale: scale) {
                lo = min(lo, r.0)
                hi = max(hi, r.1)
            }
        }
        for artist in artists {
            switch artist {
            case .scatter(let s): take(x ? s.x : s.y)
            case .density(let d): take(x ? d.x : d.y)
            case .quiver(let q): take(x ? q.x : q.y)
            case .line(let l): take(x ? l.x : l.y)
            case .text: break
            }
        }
        return lo <= hi ? (lo, hi) : nil
    }
}
