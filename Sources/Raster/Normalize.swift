/// Linear normalization of data values to [0, 1], like matplotlib's `Normalize(vmin, vmax)`.
///
/// v ↦ (v − vmin) / (vmax − vmin), not clipped (the colormap handles values outside [0, 1]).
/// When vmin = vmax every value maps to 0, as in matplotlib.
public struct Normalize: Sendable, Hashable {
    /// The data value that maps to 0.
    public let vmin: Double
    /// The data value that maps to 1.
    public let vmax: Double

    /// A linear map of [vmin, vmax] onto [0, 1].
    ///
    /// - Throws: `RasterError.invalidNormalization` unless both limits are finite and vmin ≤ vmax.
    public init(vmin: Double, vmax: Double) throws(RasterError) {
        guard vmin.isFinite, vmax.isFinite, vmin <= vmax else {
            throw RasterError.invalidNormalization(vmin: vmin, vmax: vmax)
        }
        self.vmin = vmin
        self.vmax = vmax
    }

    /// The normalized value of `v` (NaN stays NaN).
    public func callAsFunction(_ v: Double) -> Double {
        vmax == vmin ? 0 : (v - vmin) / (vmax - vmin)
    }
}
