/// The data → pixel map of one axis: limits, scale and the pixel span they occupy.
///
/// For the x axis the pixel span runs left → right; for the y axis it runs from the bottom edge of the
/// axes box upwards, i.e. towards smaller image y, which `pixelStart > pixelEnd` expresses. Inverted
/// limits (lower > upper) simply flip the direction, as in matplotlib.
public struct AxisMapping: Sendable, Hashable {
    /// The data value at `pixelStart` (matplotlib's lower view limit; may exceed `upper` on an inverted axis).
    public let lower: Double
    /// The data value at `pixelEnd`.
    public let upper: Double
    /// Linear or logarithmic: the space in which data values are spaced evenly in pixels.
    public let scale: AxisScale
    /// Pixel coordinate of `lower`.
    public let pixelStart: Double
    /// Pixel coordinate of `upper`.
    public let pixelEnd: Double

    // Precomputed so that mapping a point is one multiply-add.
    @usableFromInline let offset: Double
    @usableFromInline let factor: Double

    /// A map of data [lower, upper] on `scale` onto pixels [pixelStart, pixelEnd].
    ///
    /// - Throws: `PlotError.invalidLimits` for non-finite or equal limits, limits whose span is not a
    ///   finite number, or non-positive limits on a log axis.
    public init(lower: Double, upper: Double, scale: AxisScale, pixelStart: Double, pixelEnd: Double,
                axisName: String = "axis") throws {
        let a = scale.forward(lower)
        let b = scale.forward(upper)
        // The span must be finite too (1e308 − (−1e308) is not), and so must the scale factor.
        guard a.isFinite, b.isFinite, a != b, (b - a).isFinite,
              ((pixelEnd - pixelStart) / (b - a)).isFinite else {
            throw PlotError.invalidLimits(axis: axisName, lower: lower, upper: upper)
        }
        self.lower = lower
        self.upper = upper
        self.scale = scale
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
        self.factor = (pixelEnd - pixelStart) / (b - a)
        self.offset = pixelStart - a * factor
    }

    /// The pixel coordinate of a data value (not clamped; −∞/NaN for values a log axis cannot show).
    @inlinable
    public func pixel(_ value: Double) -> Double {
        switch scale {
        case .linear: return offset + value * factor
        case .log: return offset + scale.forward(value) * factor
        }
    }

    /// Whether a value lies within the limits (inclusive, whatever their order), with matplotlib's
    /// relative slack of 1e-10 of the span so that ticks computed in floating point at the edges count.
    public func contains(_ value: Double) -> Bool {
        let a = scale.forward(lower), b = scale.forward(upper)
        let v = scale.forward(value)
        let lo = min(a, b), hi = max(a, b)
        let slack = (hi - lo) * 1e-10
        return v >= lo - slack && v <= hi + slack
    }
}
