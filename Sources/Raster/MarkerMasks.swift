// Coverage masks of one circle marker (a disc and its edge ring) at each sub-pixel offset.
//
// A scatter of many markers of one radius and edge width draws the same two shapes again and again,
// differing only in colour and in where they fall inside a pixel. So the shapes are rasterized once
// per offset, on a grid of 1/`steps` px (16: a centre moves by at most 1/32 px), by the same
// rasterizer and circle polygons as `Canvas.fillRing`, and each marker is then a copy of two masks
// blended with its colours. Measured on 100,000 markers of the article's size (r = 5.4 px, edge
// 0.14 px) at 1000×450: about 10× less time than rasterizing each marker, the masks themselves
// (256 × 2 small rasterizations) under 2 ms. The exact path stays for few markers, where masks would
// not pay and where the article's pictures are pinned byte for byte.

/// The face and edge coverage of one marker shape at every sub-pixel offset, made on first use.
struct MarkerMasks {
    /// Sub-pixel positions per pixel along each axis.
    static let steps = 16

    let radius: Double
    let edgeWidth: Double
    /// Side of each square mask in pixels.
    let side: Int
    /// Pixels from the mask's top-left corner to the pixel that holds the centre.
    let margin: Int
    private(set) var face: [Float]
    private(set) var edge: [Float]
    /// Per mask and row, the first and one-past-last column with any coverage (face or edge).
    private(set) var spans: [Int32]
    /// Per mask and row, a run of columns that an opaque face covers whole with no edge blended over it: there
    /// a marker sets the pixel to its face colour whatever was below (coverage ≥ 1 − 10⁻⁴ rounds so).
    private(set) var interiors: [Int32]
    private var made: [Bool]

    /// Largest radius (with the edge) drawn through masks; bigger markers are few enough per frame.
    static let maximumReach = 24.0

    /// Masks for markers of `radius` with an edge ring `edgeWidth` wide (0: no edge), or nil when
    /// the shape is too large for masks to pay.
    init?(radius: Double, edgeWidth: Double) {
        guard radius > 0, radius.isFinite, edgeWidth >= 0, edgeWidth.isFinite else { return nil }
        let outer = radius + edgeWidth / 2
        let reach = outer * CircleWalker(radius: outer, clockwise: true).radiusScale
        guard reach <= MarkerMasks.maximumReach else { return nil }
        self.radius = radius
        self.edgeWidth = edgeWidth
        margin = Int(reach.rounded(.up)) + 1
        side = 2 * margin + 2
        let count = MarkerMasks.steps * MarkerMasks.steps
        face = [Float](repeating: 0, count: count * side * side)
        edge = edgeWidth > 0 ? [Float](repeating: 0, count: count * side * side) : []
        spans = [Int32](repeating: 0, count: count * side * 2)
        interiors = [Int32](repeating: 0, count: count * side * 2)
        made = [Bool](repeating: false, count: count)
    }

    /// Makes mask `index` (= fy · steps + fx) if it is not made yet.
    mutating func prepare(_ index: Int, rasterizer: inout CoverageRasterizer, walkers: inout CircleWalkerCache) {
        guard !made[index] else { return }
        made[index] = true
        let steps = Double(MarkerMasks.steps)
        let center = Point(Double(margin) + Double(index % MarkerMasks.steps) / steps,
                           Double(margin) + Double(index / MarkerMasks.steps) / steps)
        let box = PixelRect(x0: 0, y0: 0, x1: side, y1: side)
        let area = side * side
        let faceCoverage = MarkerMasks.ring(center: center, outer: radius, inner: 0, box: box,
                                            rasterizer: &rasterizer, walkers: &walkers)
        face.replaceSubrange(index * area..<(index + 1) * area, with: faceCoverage)
        var edgeCoverage: [Float] = []
        if edgeWidth > 0 {
            edgeCoverage = MarkerMasks.ring(center: center, outer: radius + edgeWidth / 2, inner: radius - edgeWidth / 2,
                                            box: box, rasterizer: &rasterizer, walkers: &walkers)
            edge.replaceSubrange(index * area..<(index + 1) * area, with: edgeCoverage)
        }
        for row in 0..<side {
            var first = side, last = 0
            for column in 0..<side {
                let i = row * side + column
                if faceCoverage[i] > 0 || (!edgeCoverage.isEmpty && edgeCoverage[i] > 0) {
                    first = min(first, column)
                    last = column + 1
                }
            }
            spans[(index * side + row) * 2] = Int32(first < last ? first : 0)
            spans[(index * side + row) * 2 + 1] = Int32(first < last ? last : 0)
            func whole(_ column: Int) -> Bool {
                let i = row * side + column
                return faceCoverage[i] >= 1 - 1e-4 && (edgeCoverage.isEmpty || edgeCoverage[i] <= 0.5 / 255)
            }
            var start = 0
            while start < side && !whole(start) { start += 1 }
            var end = start
            while end < side && whole(end) { end += 1 }
            interiors[(index * side + row) * 2] = Int32(start)
            interiors[(index * side + row) * 2 + 1] = Int32(end)
        }
    }

    /// The coverage of the ring between `inner` and `outer` (a disc for inner ≤ 0) in `box`, as
    /// `Canvas.fillRing` rasterizes it.
    private static func ring(center: Point, outer: Double, inner: Double, box: PixelRect,
                             rasterizer: inout CoverageRasterizer, walkers: inout CircleWalkerCache) -> [Float] {
        let outerWalker = walkers.walker(radius: outer, clockwise: true)
        let innerWalker = inner > 0 ? walkers.walker(radius: inner, clockwise: false) : nil
        rasterizer.reset(bounds: box)
        rasterizer.accumulate { sink in
            outerWalker.addCircle(to: sink, center: center, radius: outer)
            innerWalker?.addCircle(to: sink, center: center, radius: inner)
        }
        return rasterizer.coverage(rule: .nonZero)
    }
}
