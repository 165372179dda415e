#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Turns flattened contours into the outline polygons of their stroke, to be filled under nonzero.
//
// An open contour becomes one polygon: along one side forward, the end cap, along the other side
// back, the start cap. A closed contour becomes two loops of opposite direction (one per side), which
// under nonzero leaves the ring between them. Outer corners get the requested join; inner corners go
// to the intersection of the two offset edges when it lies within both segments (Agg's "inner
// miter") and through the vertex otherwise, which nonzero still fills as part of the stroke.

/// Builds stroke outlines from flattened contours.
enum Stroker {
    /// Outline polygons of the stroke of `contour` with `style`; empty for a non-positive width.
    static func outline(_ contour: Path.Contour, style: StrokeStyle) -> [[Point]] {
        let halfWidth = style.width / 2
        guard halfWidth > 0, halfWidth.isFinite else { return [] }
        var points = contour.points
        if contour.isClosed, points.count > 2, points.first == points.last { points.removeLast() }
        guard points.count >= 2 else { return [] }
        if contour.isClosed && points.count >= 3 {
            let forward = loop(points, halfWidth: halfWidth, style: style)
            let backward = loop(points.reversed(), halfWidth: halfWidth, style: style)
            return [forward, backward]
        }
        return [openOutline(points, halfWidth: halfWidth, style: style)]
    }

    /// Unit direction and left normal of the segment a → b (a ≠ b).
    @inline(__always)
    private static func frame(_ a: Point, _ b: Point) -> (direction: Point, normal: Point) {
        let d = b - a
        let length = d.length
        let u = length > 0 ? d * (1 / length) : Point(1, 0)
        return (u, Point(-u.y, u.x))
    }

    private static func openOutline(_ p: [Point], halfWidth hw: Double, style: StrokeStyle) -> [Point] {
        var out: [Point] = []
        let n = p.count
        let first = frame(p[0], p[1])
        let last = frame(p[n - 2], p[n - 1])
        // Side one, forward.
        out.append(p[0] + first.normal * hw)
        for i in 1..<(n - 1) {
            join(&out, p[i - 1], p[i], p[i + 1], halfWidth: hw, style: style)
        }
        out.append(p[n - 1] + last.normal * hw)
        cap(&out, at: p[n - 1], direction: last.direction, normal: last.normal, halfWidth: hw, cap: style.cap)
        // Side two, backward: the same joins seen from the other direction.
        out.append(p[n - 1] - last.normal * hw)
        if n > 2 {
            for i in stride(from: n - 2, through: 1, by: -1) {
                join(&out, p[i + 1], p[i], p[i - 1], halfWidth: hw, style: style)
            }
        }
        out.append(p[0] - first.normal * hw)
        let back = Point(-first.direction.x, -first.direction.y)
        cap(&out, at: p[0], direction: back, normal: Point(-first.normal.x, -first.normal.y), halfWidth: hw,
            cap: style.cap)
        return out
    }

    private static func loop<C: Collection>(_ points: C, halfWidth hw: Double, style: StrokeStyle) -> [Point]
    where C.Element == Point {
        let p = Array(points)
        let n = p.count
        var out: [Point] = []
        for i in 0..<n {
            join(&out, p[(i + n - 1) % n], p[i], p[(i + 1) % n], halfWidth: hw, style: style)
        }
        return out
    }

    /// Appends the cap at `point`, going from the left offset (point + normal·hw) to the right one.
    private static func cap(
        _ out: inout [Point], at point: Point, direction d: Point, normal nrm: Point, halfWidth hw: Double,
        cap: LineCap
    ) {
        switch cap {
        case .butt:
            break
        case .square:
            out.append(point + nrm * hw + d * hw)
            out.append(point - nrm * hw + d * hw)
        case .round:
            let start = atan2(nrm.y, nrm.x)
            // From +normal through +direction to −normal: the sweep sign follows the frame's handedness.
            let sweep = (nrm.x * d.y - nrm.y * d.x) > 0 ? Double.pi : -Double.pi
            arc(&out, center: point, radius: hw, from: start, sweep: sweep)
        }
    }

    /// Appends the interior points of an arc (end points excluded).
    private static func arc(_ out: inout [Point], center: Point, radius: Double, from start: Double, sweep: Double) {
        let full = Path.circleSegmentCount(radius: radius)
        let steps = max(2, Int((Double(full) * abs(sweep) / (2 * Double.pi)).rounded(.up)))
        for i in 1..<steps {
            let t = start + sweep * Double(i) / Double(steps)
            out.append(Point(center.x + radius * cos(t), center.y + radius * sin(t)))
        }
    }

    /// Appends the offset points (on the +normal side of travel) around vertex `v` between a → v → b.
    private static func join(
        _ out: inout [Point], _ a: Point, _ v: Point, _ b: Point, halfWidth hw: Double, style: StrokeStyle
    ) {
        let (da, na) = frame(a, v)
        let (db, nb) = frame(v, b)
        let pa = v + na * hw
        let pb = v + nb * hw
        let cross = da.x * db.y - da.y * db.x
        let dot = da.x * db.x + da.y * db.y
        if abs(cross) < 1e-9 && dot > 0 {
            out.append(pa)
            return
        }
        // The +normal side is inner when the path turns towards it.
        let turnsTowardSide = (db.x * na.x + db.y * na.y) > 0
        if turnsTowardSide {
            // Inner corner: the offset edges cross at v + (na + nb)·hw / (1 + cos θ).
            let sum = na + nb
            let denominator = 1 + (na.x * nb.x + na.y * nb.y)
            if denominator > 1e-6 {
                let x = v + sum * (hw / denominator)
                let along = (x - v).length
                let reach = min((v - a).length, (b - v).length)
                if along * along <= reach * reach + hw * hw {
                    out.append(x)
                    return
                }
            }
            out.append(pa)
            out.append(v)
            out.append(pb)
            return
        }
        switch style.join {
        case .bevel:
            out.append(pa)
            out.append(pb)
        case .miter:
            let sum = na + nb
            let squared = sum.x * sum.x + sum.y * sum.y
            // Miter length over half width is 2/|na + nb|.
            if squared > 1e-12 && 4 / squared <= style.miterLimit * style.miterLimit {
                out.append(pa)
                out.append(v + sum * (2 * hw / squared))
                out.append(pb)
            } else {
                out.append(pa)
                out.append(pb)
            }
        case .round:
            out.append(pa)
            let start = atan2(na.y, na.x)
            var sweep = atan2(nb.y, nb.x) - start
            // Go round the outside of the corner: the side opposite to the turn.
            if cross > 0 { while sweep < 0 { sweep += 2 * Double.pi } } else { while sweep > 0 { sweep -= 2 * Double.pi } }
            arc(&out, center: v, radius: hw, from: start, sweep: sweep)
            out.append(pb)
        }
    }
}
