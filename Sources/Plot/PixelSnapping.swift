import Foundation

/// Where Agg puts axis-aligned strokes and markers that matplotlib snaps (spines, tick marks).
///
/// matplotlib's `PathSnapper` moves each vertex of a rectilinear path to `floor(v + ½) + s`, where s is ½
/// when the stroke width rounds to an odd number of pixels (so a 1 px line covers one whole pixel) and 0
/// otherwise. `draw_markers` also rounds the marker's anchor to a whole pixel before adding its snapped
/// outline. Both in image coordinates (y down), which is what Agg sees after matplotlib's flip.
package enum PixelSnapping {
    /// The snap offset s for a stroke `width` pixels wide.
    package static func offset(strokeWidth width: Double) -> Double {
        Int(width.rounded(.toNearestOrAwayFromZero)) % 2 == 1 ? 0.5 : 0
    }

    /// A snapped coordinate: `floor(v + ½) + s`.
    package static func snap(_ v: Double, strokeWidth: Double) -> Double {
        (v + 0.5).rounded(.down) + offset(strokeWidth: strokeWidth)
    }

    /// The anchor of a snapped marker: `floor(v + ½)`.
    package static func markerAnchor(_ v: Double) -> Double {
        (v + 0.5).rounded(.down)
    }
}
