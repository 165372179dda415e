/// Draws anti-aliased shapes and text into an `Image`.
///
/// Coordinates are pixels, Double, y down, (0, 0) at the top-left corner of the image; the pixel (x, y)
/// covers [x, x+1) × [y, y+1). Every fill computes the exact area of each pixel covered by the shape
/// (curves flattened to within 0.1 px) and composites the colour source-over in sRGB space with straight
/// alpha, as matplotlib's Agg backend does. Nothing is snapped to pixels unless asked (`snapped`).
///
/// Every drawing call is clipped to the image, to `clip` when set, and to the call's own `clip`
/// argument when given. A canvas owns scratch buffers that are reused between calls, so draw many
/// shapes with one canvas; it is a value type and not meant to be shared between threads — give each
/// thread its own canvas.
public struct Canvas: Sendable, DrawingSurface {
    /// The pixels drawn so far.
    public var image: Image
    /// A clip rectangle applied to every drawing call, or nil for the whole image.
    public var clip: PixelRect?
    /// Largest distance in pixels between a curve and the chords that replace it.
    public var tolerance: Double = Canvas.defaultTolerance
    /// The tolerance a new canvas starts with.
    public static let defaultTolerance = 0.1
    /// Every pixel that a call has changed since this was last set lies inside it (possibly more: it
    /// grows by each call's working rectangle, clipped). Set it to `PixelRect.empty` before drawing to
    /// learn where that drawing went — for example to prove that two groups of shapes never touch the
    /// same pixel, so that the order in which they are drawn cannot matter.
    public var inkBounds = PixelRect.empty

    var rasterizer = CoverageRasterizer()
    var circleWalkers = CircleWalkerCache()
    var markerMasks: MarkerMasks?

    /// A canvas drawing into `image`.
    public init(image: Image) {
        self.image = image
    }

    /// A canvas on a new image of the given size filled with `background`.
    ///
    /// - Throws: `ImageError.invalidSize` when a side is not positive.
    public init(width: Int, height: Int, background: RGBA8 = .white) throws(RasterError) {
        self.image = try Image(width: width, height: height, fill: background)
    }

    /// The image width in pixels.
    public var width: Int { image.width }
    /// The image height in pixels.
    public var height: Int { image.height }

    /// The whole image as a rectangle.
    public var bounds: PixelRect { PixelRect(x0: 0, y0: 0, x1: image.width, y1: image.height) }

    /// The rectangle that drawing is limited to: the image ∩ `clip` ∩ `extra`.
    func effectiveClip(_ extra: PixelRect?) -> PixelRect {
        var r = bounds
        if let clip { r = r.intersection(clip) }
        if let extra { r = r.intersection(extra) }
        return r
    }

    /// Sets every pixel to `color` (no blending), within `clip` when given (the canvas clip is ignored).
    public mutating func clear(_ color: RGBA8, in rect: PixelRect? = nil) {
        inkBounds = inkBounds.union(rect?.intersection(bounds) ?? bounds)
        image.fill(color, in: rect)
    }

    // MARK: - Paths

    /// Fills `path` with `color` under `rule`; sub-paths are closed implicitly.
    public mutating func fill(_ path: Path, color: RGBA8, rule: FillRule = .nonZero, clip: PixelRect? = nil) {
        let contours = path.flattened(tolerance: tolerance)
        fillPolygons(contours.lazy.map(\.points), color: color, rule: rule, clip: clip)
    }

    /// Strokes `path` with `style` (width centred on the path) in `color`.
    ///
    /// Overlapping parts of one stroke are covered once (nonzero union), as in Agg.
    public mutating func stroke(_ path: Path, style: StrokeStyle, color: RGBA8, clip: PixelRect? = nil) {
        var polygons: [[Point]] = []
        for contour in path.flattened(tolerance: tolerance) {
            polygons.append(contentsOf: Stroker.outline(contour, style: style))
        }
        fillPolygons(polygons, color: color, rule: .nonZero, clip: clip)
    }

    /// Strokes the open polyline through `points`.
    public mutating func strokePolyline(_ points: [Point], style: StrokeStyle, color: RGBA8, clip: PixelRect? = nil) {
        stroke(.polyline(points), style: style, color: color, clip: clip)
    }

    /// Fills the closed polygon through `points` (for example an arrow head) under nonzero.
    public mutating func fillPolygon(_ points: [Point], color: RGBA8, clip: PixelRect? = nil) {
        fillPolygons(CollectionOfOne(points), color: color, rule: .nonZero, clip: clip)
    }

    // MARK: - Shapes

    /// Fills the disc of `radius` around `center`.
    public mutating func fillCircle(center: Point, radius: Double, color: RGBA8, clip: PixelRect? = nil) {
        fillRing(center: center, outer: radius, inner: 0, color: color, clip: clip)
    }

    /// Strokes the circle of `radius` around `center` with a line of `width` centred on the outline:
    /// the ring between radius − width/2 and radius + width/2 (a disc when width ≥ 2·radius).
    public mutating func strokeCircle(
        center: Point, radius: Double, width: Double, color: RGBA8, clip: PixelRect? = nil
    ) {
        guard width > 0, width.isFinite else { return }
        fillRing(center: center, outer: radius + width / 2, inner: radius - width / 2, color: color, clip: clip)
    }

    /// Fills the ring between two radii (inner ≤ 0 for a disc) straight from the circle's vertices.
    mutating func fillRing(center: Point, outer: Double, inner: Double, color: RGBA8, clip: PixelRect?) {
        guard color.a > 0, center.isFinite, outer > 0, outer.isFinite else { return }
        let outerWalker = circleWalkers.walker(radius: outer, clockwise: true)
        // The polygon's vertices lie a little outside the circle (equal-area radius).
        let reach = outer * outerWalker.radiusScale
        let region = effectiveClip(clip).intersection(PixelRect.enclosing(
            minX: center.x - reach, minY: center.y - reach, maxX: center.x + reach, maxY: center.y + reach))
        guard !region.isEmpty else { return }
        rasterizer.reset(bounds: region)
        inkBounds = inkBounds.union(region)
        let innerWalker = inner > 0 ? circleWalkers.walker(radius: inner, clockwise: false) : nil
        rasterizer.accumulate { sink in
            outerWalker.addCircle(to: sink, center: center, radius: outer)
            innerWalker?.addCircle(to: sink, center: center, radius: inner)
        }
        rasterizer.resolve(into: &image, color: color, rule: .nonZero)
    }

    /// Fills the rectangle [x0, x1] × [y0, y1] with exact coverage on its fractional edges.
    public mutating func fillRect(x0: Double, y0: Double, x1: Double, y1: Double, color: RGBA8, clip: PixelRect? = nil) {
        let rect = [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)]
        fillPolygons(CollectionOfOne(rect), color: color, rule: .nonZero, clip: clip)
    }

    /// Draws the straight line a → b with `width` and `cap`; with `snap`, both ends are first moved
    /// the way matplotlib snaps axis-aligned lines (see `snapped(_:lineWidth:)`), so that a 1 px line
    /// covers whole pixels.
    public mutating func drawLine(
        from a: Point, to b: Point, width: Double, color: RGBA8, cap: LineCap = .butt, snap: Bool = false,
        clip: PixelRect? = nil
    ) {
        let p = snap ? snapped(a, lineWidth: width) : a
        let q = snap ? snapped(b, lineWidth: width) : b
        stroke(.polyline([p, q]), style: StrokeStyle(width: width, cap: cap), color: color, clip: clip)
    }

    /// The point moved as matplotlib's Agg backend snaps vertices of axis-aligned paths.
    ///
    /// Agg snaps in its own pixel space, which like ours has y down from the top: each coordinate goes
    /// to floor(v + 0.5) + s, with s = 0.5 when the line width rounded to whole pixels is odd and 0
    /// otherwise, so odd widths sit on pixel centres and even widths on pixel edges (checked against
    /// matplotlib's rendering of Line2D in the tests).
    public func snapped(_ p: Point, lineWidth: Double) -> Point {
        let rounded = lineWidth.isFinite ? (lineWidth + 0.5).rounded(.down) : 0
        let s = Int(max(-1e9, min(1e9, rounded))) % 2 != 0 ? 0.5 : 0.0
        return Point((p.x + 0.5).rounded(.down) + s, (p.y + 0.5).rounded(.down) + s)
    }

    // MARK: - Core

    /// Fills closed polygons (given as vertex lists) with one accumulation pass.
    mutating func fillPolygons<S: Sequence>(_ polygons: S, color: RGBA8, rule: FillRule, clip: PixelRect?)
    where S.Element == [Point] {
        guard color.a > 0 else { return }
        var minX = Double.infinity, minY = Double.infinity
        var maxX = -Double.infinity, maxY = -Double.infinity
        var any = false
        // A polygon with a NaN or infinite vertex has no meaningful inside: it is left out whole
        // (dropping only its bad edges would leave it open and smear its winding along the rows).
        for polygon in polygons where polygon.count >= 2 && polygon.allSatisfy(\.isFinite) {
            for p in polygon {
                minX = min(minX, p.x); maxX = max(maxX, p.x)
                minY = min(minY, p.y); maxY = max(maxY, p.y)
                any = true
            }
        }
        guard any else { return }
        // Nothing outside the polygons' box is covered, so the box bounds the work.
        let region = effectiveClip(clip).intersection(
            PixelRect.enclosing(minX: minX, minY: minY, maxX: maxX, maxY: maxY))
        guard !region.isEmpty else { return }
        rasterizer.reset(bounds: region)
        inkBounds = inkBounds.union(region)
        rasterizer.accumulate { sink in
            for polygon in polygons where polygon.count >= 2 && polygon.allSatisfy(\.isFinite) {
                var previous = polygon[polygon.count - 1]
                for p in polygon {
                    sink.addLine(previous, p)
                    previous = p
                }
            }
        }
        rasterizer.resolve(into: &image, color: color, rule: rule)
    }
}
