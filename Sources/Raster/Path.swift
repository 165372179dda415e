#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A vector path in pixel space made of sub-paths of lines and quadratic/cubic Bézier curves.
///
/// Build it with `move(to:)`, `line(to:)`, `quad(to:control:)`, `cubic(to:control1:control2:)` and
/// `close()`. A drawing command without a preceding `move(to:)` starts at the last point (or at the
/// origin for the very first one), as in most vector APIs. Filling treats every sub-path as closed;
/// stroking leaves unclosed sub-paths open.
///
/// Curves are turned into lines by `flattened(tolerance:)` before they reach the rasterizer, so the
/// rasterizer only ever sees polygons (the font-rs design).
public struct Path: Sendable, Hashable {
    /// One drawing command.
    public enum Element: Sendable, Hashable {
        /// Starts a sub-path at the point.
        case move(Point)
        /// A straight line from the current point.
        case line(Point)
        /// A quadratic Bézier curve from the current point, with one control point.
        case quad(control: Point, to: Point)
        /// A cubic Bézier curve from the current point, with two control points.
        case cubic(control1: Point, control2: Point, to: Point)
        /// Closes the sub-path with a line back to its start.
        case close
    }

    /// The commands in order.
    public private(set) var elements: [Element] = []

    /// An empty path.
    public init() {}

    /// A path from a list of elements.
    public init(elements: [Element]) {
        self.elements = elements
    }

    /// A closed polygon through `points` (nothing when fewer than two points are given).
    public static func polygon(_ points: [Point]) -> Path {
        var path = Path()
        guard points.count >= 2 else { return path }
        path.move(to: points[0])
        for p in points.dropFirst() { path.line(to: p) }
        path.close()
        return path
    }

    /// An open polyline through `points`.
    public static func polyline(_ points: [Point]) -> Path {
        var path = Path()
        guard let first = points.first else { return path }
        path.move(to: first)
        for p in points.dropFirst() { path.line(to: p) }
        return path
    }

    /// The rectangle [x0, x1] × [y0, y1] as a closed sub-path (clockwise on screen).
    public static func rectangle(x0: Double, y0: Double, x1: Double, y1: Double) -> Path {
        polygon([Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)])
    }

    /// A circle as a closed polygon with the circle's area.
    ///
    /// The vertices sit on a radius slightly larger than `radius`, chosen so that the polygon's area is
    /// exactly πr² (an inscribed polygon would always be too small); the outline stays within 0.1 px
    /// and within 0.5 % of the radius of the true circle. The vertex count is a multiple of 8, so the
    /// polygon keeps the circle's mirror symmetries. `clockwise` is on screen (y down); filling a ring
    /// needs one circle of each direction.
    public static func circle(center: Point, radius: Double, clockwise: Bool = true) -> Path {
        let points = circlePoints(center: center, radius: radius, clockwise: clockwise)
        return polygon(points)
    }

    /// The vertices used by `circle(center:radius:clockwise:)`.
    static func circlePoints(center: Point, radius: Double, clockwise: Bool) -> [Point] {
        guard radius > 0, radius.isFinite, center.isFinite else { return [] }
        let walker = CircleWalker(radius: radius, clockwise: clockwise)
        var points: [Point] = []
        points.reserveCapacity(walker.count)
        walker.forEachVertex(center: center, radius: radius) { points.append($0) }
        return points
    }

    /// Vertices for a circle of `radius`: enough that the polygon strays from the circle by less than
    /// min(0.1 px, 0.5 % of r), rounded up to a multiple of 8 so that the polygon, starting at angle 0,
    /// has the circle's mirror symmetries (left/right, up/down and across the diagonals).
    ///
    /// With the equal-area radius of `CircleWalker` the polygon crosses the circle, so its largest
    /// distance from it is about half the sagitta of an inscribed one; the sagitta bound is applied
    /// anyway, which keeps a 5 px marker at 32 vertices.
    static func circleSegmentCount(radius: Double) -> Int {
        let sagitta = min(0.1, 0.005 * radius)
        let halfAngle = acos(max(-1, 1 - sagitta / radius))
        guard halfAngle > 0 else { return 8 }
        let needed = max(8, min(4096, Int((Double.pi / halfAngle).rounded(.up))))
        return (needed + 7) / 8 * 8
    }

    /// Starts a new sub-path at `p`.
    public mutating func move(to p: Point) { elements.append(.move(p)) }
    /// A straight line from the current point to `p`.
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    /// A quadratic Bézier curve from the current point to `p` with control point `c`.
    public mutating func quad(to p: Point, control c: Point) { elements.append(.quad(control: c, to: p)) }
    /// A cubic Bézier curve from the current point to `p` with control points `c1` and `c2`.
    public mutating func cubic(to p: Point, control1 c1: Point, control2 c2: Point) {
        elements.append(.cubic(control1: c1, control2: c2, to: p))
    }
    /// Closes the current sub-path with a line back to its start.
    public mutating func close() { elements.append(.close) }

    /// Appends all sub-paths of `other`.
    public mutating func append(_ other: Path) { elements.append(contentsOf: other.elements) }

    /// One flattened sub-path: its vertices and whether it was explicitly closed.
    public struct Contour: Sendable, Hashable {
        /// The vertices in order, at least two, all finite; the closing edge of a closed contour is implicit.
        public var points: [Point]
        /// True when the sub-path ended with `close()`; stroking then joins the last vertex to the first.
        public var isClosed: Bool
    }

    /// The path as polygons: curves replaced by chords no further than `tolerance` px from the curve.
    ///
    /// The number of chords per curve comes from the bound |B''|/8n² on the distance between a curve and
    /// its uniform chords. Points that are not finite are dropped, so a NaN never reaches the rasterizer.
    public func flattened(tolerance: Double = 0.1) -> [Contour] {
        let tol = tolerance > 0 && tolerance.isFinite ? tolerance : 0.1
        var contours: [Contour] = []
        var current: [Point] = []
        var last = Point(0, 0)
        var start = Point(0, 0)

        func flush(closed: Bool) {
            if current.count >= 2 { contours.append(Contour(points: current, isClosed: closed)) }
            current = []
        }
        func add(_ p: Point) {
            guard p.isFinite else { return }
            if current.isEmpty { current.append(last) }
            if let tail = current.last, tail == p { return }
            current.append(p)
        }

        for element in elements {
            switch element {
            case let .move(p):
                flush(closed: false)
                guard p.isFinite else { continue }
                last = p
                start = p
            case let .line(p):
                add(p)
                if p.isFinite { last = p }
            case let .quad(c, p):
                let dd = (last - c * 2 + p).length
                let n = max(1, min(1000, Int((2 * dd / (8 * tol)).squareRoot().rounded(.up))))
                for i in 1...n {
                    let t = Double(i) / Double(n)
                    let u = 1 - t
                    add(last * (u * u) + c * (2 * u * t) + p * (t * t))
                }
                if p.isFinite { last = p }
            case let .cubic(c1, c2, p):
                let d1 = (last - c1 * 2 + c2).length
                let d2 = (c1 - c2 * 2 + p).length
                let n = max(1, min(1000, Int((6 * max(d1, d2) / (8 * tol)).squareRoot().rounded(.up))))
                for i in 1...n {
                    let t = Double(i) / Double(n)
                    let u = 1 - t
                    add(last * (u * u * u) + c1 * (3 * u * u * t) + c2 * (3 * u * t * t) + p * (t * t * t))
                }
                if p.isFinite { last = p }
            case .close:
                flush(closed: true)
                last = start
            }
        }
        flush(closed: false)
        return contours
    }
}
