import Foundation
import Raster

/// The shape of matplotlib's quiver arrows, in pixels, for `angles='xy', scale_units='xy', scale=1`.
///
/// An arrow runs from its tail to its tip in pixel space; its width is the shaft width `w`. In units of
/// `w`, with L the length, the outline is (0, ½) (L−4.5, ½) (L−5, 1½) (L, 0) (L−5, −1½) (L−4.5, −½)
/// (0, −½) — headwidth 3, headlength 5, headaxislength 4.5 (`Quiver._h_arrows`). An arrow shorter than
/// the head (L < 5) is the L = 5 arrow scaled by L/5; one shorter than a shaft width (L < 1) becomes a
/// small hexagon of radius ½ around the tail, matplotlib's marker for "too short to show a direction".
package enum QuiverGeometry {
    /// matplotlib's default shaft width for `count` arrows in an axes `axesWidth` pixels wide:
    /// 0.06 × axes width / clamp(√count, 8, 25).
    package static func defaultShaftWidth(count: Int, axesWidth: Double) -> Double {
        let sn = min(25, max(8, Double(count).squareRoot()))
        return 0.06 / sn * axesWidth
    }

    /// The tip of an arrow at least `minimumLength` shaft widths long: `tip` itself when the arrow is
    /// that long already, or shorter than one shaft width (matplotlib's `minlength`: a dot, its
    /// direction unknown), else the point `minimumLength · w` from `tail` towards `tip`.
    package static func lengthened(tail: Point, tip: Point, shaftWidth w: Double, minimumLength: Double) -> Point {
        let dx = tip.x - tail.x, dy = tip.y - tail.y
        let length = (dx * dx + dy * dy).squareRoot() / w
        guard w > 0, length.isFinite, length >= 1, length < minimumLength else { return tip }
        let f = minimumLength / length
        return Point(tail.x + dx * f, tail.y + dy * f)
    }

    /// The closed outline of one arrow in pixel space (y down), first vertex at the tail.
    ///
    /// - Parameters:
    ///   - tail: the arrow's start in pixels.
    ///   - tip: where its end would be in pixels (x + u, y + v mapped through the axes).
    ///   - shaftWidth: w in pixels (positive).
    /// - Returns: 7 vertices for an arrow (index 3 is the tip), 8 for the hexagon of a too-short arrow
    ///   (as matplotlib's, whose last two repeat the first two); empty for a non-positive width or
    ///   non-finite points.
    package static func polygon(tail: Point, tip: Point, shaftWidth w: Double) -> [Point] {
        guard w > 0, w.isFinite, tail.isFinite, tip.isFinite else { return [] }
        let dx = tip.x - tail.x, dy = tip.y - tail.y
        let length = min((dx * dx + dy * dy).squareRoot() / w, 65536)
        if length < 1 {
            // Hexagon of radius ½ w at angles k·60°, k = 0…7, as matplotlib lists it (y negated: pixels run down).
            return (0..<8).map { k in
                let th = Double(k) * Double.pi / 3
                return Point(tail.x + 0.5 * w * cos(th), tail.y - 0.5 * w * sin(th))
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
        // matplotlib rotates (X, Y) by the arrow's angle in y-up display space; written in y-down pixels with
        // u = the unit direction, that is X·u + Y·(u.y, −u.x), which keeps matplotlib's vertex order.
        let norm = (dx * dx + dy * dy).squareRoot()
        let ux = dx / norm, uy = dy / norm
        let nx = uy, ny = -ux
        return shape.map { p in
            Point(tail.x + w * (p.0 * ux + p.1 * nx), tail.y + w * (p.0 * uy + p.1 * ny))
        }
    }
}
