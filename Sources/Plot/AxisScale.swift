import Foundation

/// How data values are spaced along an axis.
public enum AxisScale: Sendable, Hashable {
    /// Equal steps of data are equal steps of pixels.
    case linear
    /// Equal ratios of data are equal steps of pixels (base 10); values must be positive.
    case log

    /// The value in the space where the axis is linear (identity, or log10).
    ///
    /// Non-positive values on a log axis map to −∞, which the drawing code treats as "not drawable".
    @inlinable
    public func forward(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : -.infinity
        }
    }

    /// The inverse of `forward`.
    @inlinable
    public func inverse(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log: return pow(10, value)
        }
    }
}
