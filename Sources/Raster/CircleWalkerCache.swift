/// The walkers of the last few circles drawn, by radius and direction.
///
/// A scatter draws the same three circles for every marker (the face, and the two sides of its edge
/// ring); making a walker costs an acos, a cos and two sins, which was about 5 % of rendering 10,000
/// edged markers. A walker depends only on its radius and direction, so a hit is exact.
struct CircleWalkerCache {
    private static let capacity = 4
    private var radii: [Double] = []
    private var directions: [Bool] = []
    private var walkers: [CircleWalker] = []
    private var nextSlot = 0

    /// The walker of `CircleWalker(radius:clockwise:)`, made only when not among the last few.
    mutating func walker(radius: Double, clockwise: Bool) -> CircleWalker {
        for i in radii.indices where radii[i] == radius && directions[i] == clockwise {
            return walkers[i]
        }
        let walker = CircleWalker(radius: radius, clockwise: clockwise)
        if radii.count < CircleWalkerCache.capacity {
            radii.append(radius)
            directions.append(clockwise)
            walkers.append(walker)
        } else {
            radii[nextSlot] = radius
            directions[nextSlot] = clockwise
            walkers[nextSlot] = walker
            nextSlot = (nextSlot + 1) % CircleWalkerCache.capacity
        }
        return walker
    }
}
