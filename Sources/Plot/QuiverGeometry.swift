import Foundation

/// The shape of matplotlib's quiver arrows, in pixels, for `angles='xy', scale_units='xy', scale=1`.
///
/// An arrow runs from its tail to its tip in pixel space; its width is the shaft width `w`. In units of
/// `w`, with L the length, the outline is (0, ½) (L−4.5, ½) (L−5, 1½) (L, 0) (L−5, −1½) (L−4.5, −½)
/// (0, −½) — headwidth 3, headlength 5, headaxislength 4.5 (`Quiver._h_arrows`). An arrow shorter than
/// the head (L < 5) is the L = 5 arrow scaled by L/5; one shorter than a shaft width (L < 1) becomes a
/// small hexagon of radius ½ around the tail, matplotlib's marker for "too short to show a direction".
public enum QuiverGeometry {
    /// matplotlib's default shaft width for `count` arrows in an axes `axesWidth` pixels wide:
    /// 0.06 × axes width / clamp(√count, 8, 25).
    public static func defaultShaftWidth(count: Int, axesWidth: Double) -> Double {
        let sn = min(25, max(8, Double(count).squareRoot()))
        return 0.06 / sn * axesWidth
    }

    /// The closed outline of one arrow in pixel space (y down), first vertex at the tail.
    ///
    /// - Parameters:
    ///   - tail: the arrow's start in pixels.
    ///   - tip: where its end would be in pixels (x + u, y + v mapped through the axes).
    ///   - shaftWidth: w in pixels (positive).
    /// - Returns: 7 vertices for an arrow (index 3 is the tip), 8 for the hexagon of a too-short arrow
    ///   (as matplotlib's, whose last two repeat the first two).
    public static func polygon(tail: (x: Double, y: Double), tip: (x: Double, y: Double),
                               shaftWidth w: Double) -> [(x: Double, y: Double)] {
        let dx = tip.x - tail.x, dy = tip.y - tail.y
        let length = min((dx * dx + dy * dy).squareRoot() / w, 65536)
        if length < 1 {
            // Hexagon of radius ½ w: matplotlib takes angles k·60° for k = 0…7 in y-up space; in y-down
            // space the same points come out mirrored, which for a hexagon through (±½, 0) is the same set.
            return (0..<8).map { k in
                let th = Double(k) * Double.pi / 3
                return (tail.x + 0.5 * w * cos(th), tail.y - 0.5 * w * sin(th))
            }
        }
        let shape: [(Double, Double)]
        if length < 5 {
            let s = length / 5
            shape = [(0, 0.5), (0.5, 0.5), (0, 1.5), (5, 0), (0, -1.5), (0.5, -0.5), (0, -0.5)]
                .map { ($0.0 * s, $0.1 * s) }
        } else {
            let l = length
            shape = [(0, 0.5), (l - 4.5, 0.5), (l - 5, 1.5), (l, 0), (l - 5, -1.5), (l - 4.5, -0.5), (0, -0.5)]
        }
        // Rotate the unit-direction frame into pixel space: along = (dx, dy)/|d|, across = its left normal
        // in y-up terms, which in y-down pixels is (dy, −dx)/|d| mirrored — the outline is symmetric, so
        // either normal gives the same polygon up to vertex order; keep matplotlib's order.
        let norm = (dx * dx + dy * dy).squareRoot()
        let ux = dx / norm, uy = dy / norm
        let nx = uy, ny = -ux
        return shape.map { p in
            (tail.x + w * (p.0 * ux + p.1 * nx), tail.y + w * (p.0 * uy + p.1 * ny))
        }
    }
}
