#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The vertices of the polygon that stands for a circle, made by rotating a vector step by step.
///
/// The vertices lie on the equal-area radius r·√(2π / (n·sin(2π/n))): the n-gon then has exactly the
/// disc's area πr², so coverage sums, ring areas and the look of small markers do not shrink with n.
///
/// Two multiplications per vertex instead of a cos and a sin: the markers of a frame are mostly
/// circles, and trigonometry per vertex was most of their cost. Rounding drifts by about n·ε, far
/// below a 1/64 px over the few thousand vertices at most.
struct CircleWalker {
    let count: Int
    /// Vertex radius over circle radius.
    let radiusScale: Double
    private let cosStep: Double
    private let sinStep: Double

    /// Vertices for `radius` (see `Path.circleSegmentCount`), walked clockwise on screen or not.
    init(radius: Double, clockwise: Bool) {
        count = Path.circleSegmentCount(radius: radius)
        let step = (clockwise ? 2.0 : -2.0) * Double.pi / Double(count)
        cosStep = cos(step)
        sinStep = sin(step)
        let angle = 2 * Double.pi / Double(count)
        radiusScale = (angle / sin(angle)).squareRoot()
    }

    /// Calls `body` with each vertex of the circle around `center`, starting at angle 0.
    @inline(__always)
    func forEachVertex(center: Point, radius: Double, _ body: (Point) -> Void) {
        var dx = radius * radiusScale, dy = 0.0
        for _ in 0..<count {
            body(Point(center.x + dx, center.y + dy))
            let nx = dx * cosStep - dy * sinStep
            dy = dx * sinStep + dy * cosStep
            dx = nx
        }
    }

    /// Adds the closed polygon of the circle to `sink`.
    @inline(__always)
    func addCircle(to sink: LineSink, center: Point, radius: Double) {
        var first = Point(0, 0), previous = Point(0, 0), started = false
        forEachVertex(center: center, radius: radius) { p in
            if started { sink.addLine(previous, p) } else { first = p; started = true }
            previous = p
        }
        if started { sink.addLine(previous, first) }
    }
}
