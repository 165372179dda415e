import Raster

// The PDF page writer. The content stream starts with one transformation, `72/dpi 0 0 −72/dpi 0 H cm`,
// after which everything is in the figure's pixels with y down, as on the raster canvas: the page is
// the figure's size in points and the geometry is the raster's. What it writes, and why:
//
// - Paths with m/l/c/h (quadratic curves raised to cubics) filled with f or f*; strokes with the
//   raster's width, caps and joins. Colours with rg/RG, set only when they change. A horizontal or
//   vertical segment with butt or projecting caps (spines, ticks) is written as the rectangle its
//   stroke covers, filled, so that poppler does not snap it to whole pixels (`coveredRectangle`).
// - Alpha through ExtGState (/ca for fills, /CA for strokes), shared by every page of a document.
// - Markers and glyphs as Form XObjects drawn once and placed with `1 0 0 1 x y cm … Do`: a scatter of
//   80 points and a figure's tick labels then cost one small form per marker size and per glyph, and
//   ~40 bytes per use before compression. Glyphs are their unhinted outlines, pre-scaled to the size
//   (matplotlib's `pdf.fonttype` 3 draws glyphs from procedures too; no font is embedded).
// - Clips as `re W n` inside q … Q, consecutive operations under one clip sharing one q … Q.
// - Images as /DeviceRGB image XObjects with /Interpolate false (and an /SMask when not opaque).
// - Every stream Flate-compressed (zlib), on the worker thread that drew the page.

/// Something a PDF page refers to by name: shared between pages of one document when equal.
enum PDFResource: Hashable, Sendable {
    /// An ExtGState setting the fill alpha (ca) or stroke alpha (CA), 0…255.
    case fillAlpha(UInt8)
    case strokeAlpha(UInt8)
    /// A form XObject: its bounding box (in its own units) and its compressed content.
    case form(bbox: [Double], content: [UInt8])
    /// An image XObject: compressed RGB samples, and compressed alpha samples when not opaque.
    case image(width: Int, height: Int, rgb: [UInt8], alpha: [UInt8]?)

    var category: String {
        switch self {
        case .fillAlpha, .strokeAlpha: return "ExtGState"
        case .form, .image: return "XObject"
        }
    }
}

/// One drawn page: its size in points, its compressed content stream, and the resources it names
/// `/R0`, `/R1`, … in order.
public struct PDFPage: Sendable {
    /// Page width in points (1 pt = 1/72 in).
    public let widthPoints: Double
    /// Page height in points (1 pt = 1/72 in).
    public let heightPoints: Double
    let content: [UInt8]
    let resources: [PDFResource]
}

/// A drawing surface that writes one PDF page; `page()` gives it to a `PDFDocument`.
public struct PDFSurface: DrawingSurface {
    /// Width of the figure in pixels, the unit of everything drawn.
    public let width: Int
    /// Height of the figure in pixels.
    public let height: Int
    /// Pixels per inch of the figure (72 if the one given was not positive and finite): fixes the page
    /// size in points.
    public let dotsPerInch: Double

    private var content = VectorText()
    private var resources: [PDFResource] = []
    private var names: [PDFResource: Int] = [:]
    /// Forms by what they draw, so that a key is turned into a form (and compressed) once.
    private var circleForms: [CircleKey: Int] = [:]
    private var glyphForms: [GlyphKey: Int] = [:]
    private var state = GraphicsState()
    /// The clip of the open q … Q, if one is open.
    private var group: PixelRect?
    private var markers = MarkerPairing()

    private struct GraphicsState {
        var fill: RGBA8?
        var stroke: RGBA8?
        var fillAlpha: UInt8? = 255
        var strokeAlpha: UInt8? = 255
        var lineWidth: Double?
        var cap: LineCap?
        var join: LineJoin?
    }

    private struct CircleKey: Hashable {
        let radius: Double
        let width: Double
        let filled: Bool
        let stroked: Bool
        /// The edge's colour when the form paints the edge itself, as a filled ring.
        let ring: RGBA8?
        /// Whether the face is opaque, so the form paints the edge as a disk under a smaller face disk.
        let opaqueFace: Bool
    }

    private struct GlyphKey: Hashable {
        let index: UInt32
        let a: Double, b: Double, c: Double, d: Double
    }

    /// An empty page of `width` × `height` pixels at `dotsPerInch`.
    public init(width: Int, height: Int, dotsPerInch: Double) {
        self.width = width
        self.height = height
        self.dotsPerInch = dotsPerInch > 0 && dotsPerInch.isFinite ? dotsPerInch : 72
    }

    var pointsPerPixel: Double { 72 / dotsPerInch }

    // MARK: - The primitive

    /// Writes the path with m/l/c/h and fills it with f (nonzero) or f* (even-odd).
    public mutating func fill(_ path: Path, color: RGBA8, rule: FillRule, clip: PixelRect?) {
        guard color.a > 0, !path.elements.isEmpty, enter(clip) else { return }
        setFill(color)
        Self.pathOperators(path, into: &content)
        content.append(rule == .evenOdd ? "f*\n" : "f\n")
    }

    // MARK: - Overrides with PDF's own operators

    /// Writes the path stroked with PDF's own operator (S), with the style's width, cap and join; a
    /// single horizontal or vertical segment with butt or projecting caps (spines, ticks, grid lines) is
    /// written as the rectangle that stroke covers, filled.
    public mutating func stroke(_ path: Path, style: StrokeStyle, color: RGBA8, clip: PixelRect?) {
        guard color.a > 0, style.width > 0, style.width.isFinite, !path.elements.isEmpty, enter(clip) else { return }
        if let box = Self.coveredRectangle(path, style: style) {
            setFill(color)
            Self.unsnappedRectangle(box, into: &content)
            content.append("f\n")
            return
        }
        setStroke(color)
        if state.lineWidth != style.width {
            content.number(style.width, decimals: 3)
            content.append(" w\n")
            state.lineWidth = style.width
        }
        if state.cap != style.cap {
            content.append(style.cap == .butt ? "0 J\n" : style.cap == .round ? "1 J\n" : "2 J\n")
            state.cap = style.cap
        }
        if state.join != style.join {
            content.append(style.join == .miter ? "0 j\n" : style.join == .round ? "1 j\n" : "2 j\n")
            state.join = style.join
        }
        Self.pathOperators(path, into: &content)
        content.append("S\n")
    }

    /// Holds the disc back until the next operation, so that an edge of the same circle that follows
    /// is drawn with it as one marker form.
    public mutating func fillCircle(center: Point, radius: Double, color: RGBA8, clip: PixelRect?) {
        if let face = markers.face(center: center, radius: radius, color: color, clip: clip) { circle(face) }
    }

    /// Draws the circle's edge as a marker form, together with the face just filled when it is the same
    /// circle under the same clip.
    public mutating func strokeCircle(center: Point, radius: Double, width: Double, color: RGBA8, clip: PixelRect?) {
        for marker in markers.edge(center: center, radius: radius, width: width, color: color, clip: clip) {
            circle(marker)
        }
    }

    /// Writes the rectangle with re and fills it.
    public mutating func fillRect(x0: Double, y0: Double, x1: Double, y1: Double, color: RGBA8, clip: PixelRect?) {
        guard color.a > 0, enter(clip) else { return }
        setFill(color)
        rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
        content.append(" re f\n")
    }

    /// The whole surface: everything drawn so far is dropped and the background painted (nothing for a
    /// transparent one). A rectangle: painted (a transparent colour cannot erase what is under it).
    public mutating func clear(_ color: RGBA8, in area: PixelRect?) {
        if let area {
            let r = area.intersection(bounds)
            guard !r.isEmpty, color.a > 0, enter(nil) else { return }
            setFill(color)
            rect(x: Double(r.x0), y: Double(r.y0), width: Double(r.width), height: Double(r.height))
            content.append(" re f\n")
            return
        }
        content = VectorText()
        resources = []
        names = [:]
        circleForms = [:]
        glyphForms = [:]
        state = GraphicsState()
        group = nil
        markers.reset()
        if color.a > 0 { clear(color, in: bounds) }
    }

    /// Places each glyph's unhinted outline as a form shared by every use of that glyph at that size.
    ///
    /// - Throws: `RasterError.freeType` if a glyph's outline cannot be loaded.
    public mutating func drawGlyphRun(_ run: GlyphRun, color: RGBA8, clip: PixelRect?) throws(RasterError) {
        guard run.origin.isFinite, color.a > 0 else { return }
        var uses: [(name: Int, x: Double, y: Double)] = []
        for placement in run.placements {
            let t = placement.transform
            let key = GlyphKey(index: placement.glyph, a: t.a, b: t.b, c: t.c, d: t.d)
            let name: Int
            if let known = glyphForms[key] {
                name = known
            } else {
                let outline = try run.font.outline(glyph: placement.glyph)
                guard !outline.elements.isEmpty else { continue }
                let shape = outline.applying(AffineTransform(a: t.a, b: t.b, c: t.c, d: t.d, tx: 0, ty: 0))
                var body = VectorText(capacity: 1024)
                Self.pathOperators(shape, into: &body)
                body.append("f\n")
                guard let form = Self.form(body.bytes, bbox: Self.box(of: shape)) else { continue }
                name = resource(form)
                glyphForms[key] = name
            }
            uses.append((name, t.tx, t.ty))
        }
        guard !uses.isEmpty, enter(clip) else { return }
        setFill(color)
        for use in uses { place(resource: use.name, x: use.x, y: use.y) }
    }

    /// An image XObject without interpolation, scaled to `rect`.
    ///
    /// Poppler smooths images enlarged less than 4× whatever /Interpolate says (and enlarged ones only
    /// at the block edges, which at 9 px a block still costs SSIM 0.03). So an image enlarged 4× or more
    /// is embedded as it is, and one enlarged 1–4× (the small tiles of a filmstrip) is drawn as one
    /// rectangle per pixel, crisp everywhere; one drawn smaller than its size is embedded.
    public mutating func drawImage(_ image: Image, in rect: PixelRect, clip: PixelRect?) {
        guard !rect.isEmpty else { return }
        let enlargement = min(rect.width / image.width, rect.height / image.height)
        if enlargement >= 1 && enlargement < 4 && image.width * image.height <= 4096 {
            drawImageAsRectangles(image, in: rect, clip: clip)
            return
        }
        guard enter(clip) else { return }
        let count = image.width * image.height
        var rgb = [UInt8](repeating: 0, count: count * 3)
        var alpha = [UInt8](repeating: 255, count: count)
        var opaque = true
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<count {
                rgb[3 * i] = p[4 * i]
                rgb[3 * i + 1] = p[4 * i + 1]
                rgb[3 * i + 2] = p[4 * i + 2]
                alpha[i] = p[4 * i + 3]
                if alpha[i] != 255 { opaque = false }
            }
        }
        guard let packed = try? Deflate.compress(rgb) else { return }
        var mask: [UInt8]?
        if !opaque {
            guard let packedAlpha = try? Deflate.compress(alpha) else { return }
            mask = packedAlpha
        }
        let name = resource(.image(width: image.width, height: image.height, rgb: packed, alpha: mask))
        // Clipped to its own rectangle: poppler lets an image spill a pixel past its right and bottom
        // edges, over what surrounds it (the frame of a tile).
        content.append("q \(rect.x0) \(rect.y0) \(rect.width) \(rect.height) re W n ")
        content.append("\(rect.width) 0 0 -\(rect.height) \(rect.x0) \(rect.y1) cm /R\(name) Do Q\n")
    }

    // MARK: - The page

    /// The page drawn so far, its content compressed.
    ///
    /// - Throws: `CodecsError.compressionFailed` if zlib fails.
    public mutating func page() throws -> PDFPage {
        flushCircle()
        _ = enter(nil)
        var stream = VectorText(capacity: content.bytes.count + 64)
        let k = pointsPerPixel
        stream.append("q ")
        stream.number(k, decimals: 6)
        stream.append(" 0 0 ")
        stream.number(-k, decimals: 6)
        stream.append(" 0 ")
        stream.number(Double(height) * k, decimals: 3)
        stream.append(" cm\n")
        stream.append(bytes: content.bytes)
        stream.append("Q\n")
        return PDFPage(widthPoints: Double(width) * k, heightPoints: Double(height) * k,
                       content: try Deflate.compress(stream.bytes), resources: resources)
    }

    // MARK: - Pieces

    /// The page-local number of `resource` (its name is /R and the number).
    private mutating func resource(_ resource: PDFResource) -> Int {
        if let known = names[resource] { return known }
        let n = resources.count
        resources.append(resource)
        names[resource] = n
        return n
    }

    /// A compressed form; nil if zlib fails (the shape is then left out).
    private static func form(_ body: [UInt8], bbox: [Double]) -> PDFResource? {
        guard let packed = try? Deflate.compress(body) else { return nil }
        return .form(bbox: bbox, content: packed)
    }

    private static func box(of path: Path) -> [Double] {
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for element in path.elements {
            let points: [Point]
            switch element {
            case let .move(p), let .line(p): points = [p]
            case let .quad(c, p): points = [c, p]
            case let .cubic(c1, c2, p): points = [c1, c2, p]
            case .close: points = []
            }
            for p in points where p.isFinite {
                x0 = min(x0, p.x); y0 = min(y0, p.y); x1 = max(x1, p.x); y1 = max(y1, p.y)
            }
        }
        guard x0 <= x1, y0 <= y1 else { return [0, 0, 0, 0] }
        return [(x0 - 1).rounded(.down), (y0 - 1).rounded(.down), (x1 + 1).rounded(.up), (y1 + 1).rounded(.up)]
    }

    private mutating func place(resource n: Int, x: Double, y: Double) {
        content.append("q 1 0 0 1 ")
        content.number(x)
        content.byte(UInt8(ascii: " "))
        content.number(y)
        content.append(" cm /R\(n) Do Q\n")
    }

    /// Moves into the q … Q of `clip`; false when the clip is empty (nothing would show).
    private mutating func enter(_ clip: PixelRect?) -> Bool {
        if let clip, clip.isEmpty { return false }
        flushCircle()
        guard clip != group else { return true }
        if group != nil {
            content.append("Q\n")
            // Q restores the state of the q: what was set inside is forgotten.
            state = GraphicsState(fill: nil, stroke: nil, fillAlpha: nil, strokeAlpha: nil)
        }
        group = clip
        guard let clip else { return true }
        content.append("q \(clip.x0) \(clip.y0) \(clip.width) \(clip.height) re W n\n")
        return true
    }

    private mutating func setFill(_ color: RGBA8) {
        setColor(color, \.fill, \.fillAlpha, alpha: .fillAlpha(color.a), operator: " rg\n")
    }

    private mutating func setStroke(_ color: RGBA8) {
        setColor(color, \.stroke, \.strokeAlpha, alpha: .strokeAlpha(color.a), operator: " RG\n")
    }

    /// Sets the fill or stroke colour (`rg`/`RG`) and its alpha (an ExtGState), each only when it changes.
    private mutating func setColor(_ color: RGBA8, _ rgb: WritableKeyPath<GraphicsState, RGBA8?>,
                                   _ alphaPath: WritableKeyPath<GraphicsState, UInt8?>, alpha: PDFResource,
                                   operator op: String) {
        if state[keyPath: alphaPath] != color.a {
            content.append("/R\(resource(alpha)) gs\n")
            state[keyPath: alphaPath] = color.a
        }
        guard state[keyPath: rgb].map({ $0.r != color.r || $0.g != color.g || $0.b != color.b }) ?? true else { return }
        Self.rgb(color, into: &content)
        content.append(op)
        state[keyPath: rgb] = color
    }

    private mutating func flushCircle() {
        if let face = markers.flush() { circle(face) }
    }

    private mutating func circle(_ m: MarkerPairing.Marker) {
        circle(m.center, m.radius, fill: m.fill, stroke: m.stroke, width: m.width, clip: m.clip)
    }

    private mutating func circle(_ center: Point, _ radius: Double, fill: RGBA8?, stroke: RGBA8?, width: Double,
                                 clip: PixelRect?) {
        guard enter(clip) else { return }
        // An opaque edge is painted by the form itself as the ring between r − w/2 and r + w/2, the
        // raster's ring: poppler strokes lines thinner than a pixel a whole pixel wide, which would make
        // the 0.1 pt marker edges of matplotlib's scatter bold.
        let ring = stroke.flatMap { $0.a == 255 && width < radius ? $0 : nil }
        // Under an opaque face the ring is painted as two nested disks instead, the edge's disk of
        // radius r + w/2 and then the face's of r − w/2: the same picture, with no feature thinner than a
        // pixel. Poppler's and PDFium's scanners darken sub-pixel rings (at least one sample per span): the
        // article still at 96 dpi in Chromium's viewer scores SSIM 0.977 against the PNG as a ring, 0.991
        // as disks; the filmstrip through pdftoppm 0.976 and 0.979. Exact-area renderers lose a little to
        // the two coverages meeting in one pixel (pdftocairo 0.997 → 0.991 on the filmstrip).
        let opaqueFace = ring != nil && (fill?.a ?? 0) == 255
        let key = CircleKey(radius: radius, width: width, filled: fill != nil, stroked: stroke != nil, ring: ring,
                            opaqueFace: opaqueFace)
        let name: Int
        if let known = circleForms[key] {
            name = known
        } else {
            var body = VectorText(capacity: 512)
            if let ring, opaqueFace {
                // q … Q inside the form keeps the face's colour, set by the caller, for the inner disk.
                body.append("q ")
                Self.rgb(ring, into: &body)
                body.append(" rg\n")
                Self.pathOperators(Self.circlePath(radius + width / 2), into: &body)
                body.append("f\nQ\n")
                Self.pathOperators(Self.circlePath(radius - width / 2), into: &body)
                body.append("f\n")
            } else if let ring {
                if fill != nil {
                    Self.pathOperators(Self.circlePath(radius), into: &body)
                    body.append("f\n")
                }
                Self.rgb(ring, into: &body)
                body.append(" rg\n")
                var path = Self.circlePath(radius + width / 2)
                path.append(Self.circlePath(radius - width / 2))
                Self.pathOperators(path, into: &body)
                body.append("f*\n")
            } else {
                if stroke != nil {
                    body.number(width, decimals: 3)
                    body.append(" w\n")
                }
                Self.pathOperators(Self.circlePath(radius), into: &body)
                body.append(fill != nil && stroke != nil ? "B\n" : fill != nil ? "f\n" : "S\n")
            }
            let reach = radius + width
            guard let form = Self.form(body.bytes, bbox: [-reach - 1, -reach - 1, reach + 1, reach + 1].map { $0.rounded(.up) })
            else { return }
            name = resource(form)
            circleForms[key] = name
        }
        if let fill { setFill(fill) }
        if let stroke {
            if ring == nil { setStroke(stroke) } else if fill == nil { setFill(stroke) }
        }
        place(resource: name, x: center.x, y: center.y)
    }

    /// The rectangle (x0, y0, x1, y1) that a stroke of `path` covers when the path is one horizontal or
    /// vertical segment and the caps are butt or projecting; nil otherwise.
    ///
    /// Why a fill: poppler's Splash rasterizer (pdftoppm, Okular, xpdf's) applies stroke adjustment always,
    /// whatever the ExtGState's /SA says (its source: "Acrobat apparently hardwires it to true"): the edges of an axis-aligned stroke are rounded to whole
    /// pixels, so a 1.11 px spine becomes exactly one pixel, without the light pixels beside it that the
    /// raster (Agg) and every exact-area renderer draw; the halo's absence costs SSIM in the flat white
    /// around every spine and tick. Filled paths are adjusted the same way only when they are a single
    /// four-point rectangle, so the rectangle is written with a fifth point (see `unsnappedRectangle`).
    /// The geometry is the stroke's own: a butt cap ends at the segment's end, a projecting one half the
    /// width beyond it.
    static func coveredRectangle(_ path: Path, style: StrokeStyle) -> (x0: Double, y0: Double, x1: Double, y1: Double)? {
        guard style.cap != .round, path.elements.count == 2, case let .move(a) = path.elements[0],
              case let .line(b) = path.elements[1], a.isFinite, b.isFinite, a != b, a.x == b.x || a.y == b.y
        else { return nil }
        let half = style.width / 2, reach = style.cap == .square ? half : 0
        if a.x == b.x {
            return (a.x - half, min(a.y, b.y) - reach, a.x + half, max(a.y, b.y) + reach)
        }
        return (min(a.x, b.x) - reach, a.y - half, max(a.x, b.x) + reach, a.y + half)
    }

    /// The rectangle as a closed path of five points, the fifth halfway along its top edge: what it
    /// covers is the rectangle's, but it is not the four-point rectangle that poppler snaps to pixels.
    /// Three decimals, as the stroke width: the edges are a stroke's centre ± half its width.
    static func unsnappedRectangle(_ r: (x0: Double, y0: Double, x1: Double, y1: Double), into text: inout VectorText) {
        let points = [(r.x0, r.y0), ((r.x0 + r.x1) / 2, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)]
        for (i, p) in points.enumerated() {
            text.number(p.0, decimals: 3)
            text.byte(UInt8(ascii: " "))
            text.number(p.1, decimals: 3)
            text.append(i == 0 ? " m\n" : " l\n")
        }
        text.append("h\n")
    }

    /// A circle of four cubic arcs around the origin.
    private static func circlePath(_ radius: Double) -> Path {
        var path = Path()
        let k = 0.5522847498307936 * radius
        path.move(to: Point(radius, 0))
        path.cubic(to: Point(0, radius), control1: Point(radius, k), control2: Point(k, radius))
        path.cubic(to: Point(-radius, 0), control1: Point(-k, radius), control2: Point(-radius, k))
        path.cubic(to: Point(0, -radius), control1: Point(-radius, -k), control2: Point(-k, -radius))
        path.cubic(to: Point(radius, 0), control1: Point(k, -radius), control2: Point(radius, -k))
        path.close()
        return path
    }

    private mutating func rect(x: Double, y: Double, width: Double, height: Double) {
        content.number(x)
        content.byte(UInt8(ascii: " "))
        content.number(y)
        content.byte(UInt8(ascii: " "))
        content.number(width)
        content.byte(UInt8(ascii: " "))
        content.number(height)
    }

    private static func rgb(_ color: RGBA8, into text: inout VectorText) {
        text.number(Double(color.r) / 255, decimals: 3)
        text.byte(UInt8(ascii: " "))
        text.number(Double(color.g) / 255, decimals: 3)
        text.byte(UInt8(ascii: " "))
        text.number(Double(color.b) / 255, decimals: 3)
    }

    /// m, l, c and h operators; a quadratic curve is written as the cubic it equals.
    static func pathOperators(_ path: Path, into text: inout VectorText) {
        func point(_ p: Point) {
            text.number(p.x)
            text.byte(UInt8(ascii: " "))
            text.number(p.y)
        }
        var last = Point(0, 0), start = Point(0, 0)
        for element in path.elements {
            switch element {
            case let .move(p):
                point(p)
                text.append(" m\n")
                last = p
                start = p
            case let .line(p):
                point(p)
                text.append(" l\n")
                last = p
            case let .quad(c, p):
                point(last + (c - last) * (2.0 / 3))
                text.byte(UInt8(ascii: " "))
                point(p + (c - p) * (2.0 / 3))
                text.byte(UInt8(ascii: " "))
                point(p)
                text.append(" c\n")
                last = p
            case let .cubic(c1, c2, p):
                point(c1)
                text.byte(UInt8(ascii: " "))
                point(c2)
                text.byte(UInt8(ascii: " "))
                point(p)
                text.append(" c\n")
                last = p
            case .close:
                text.append("h\n")
                last = start
            }
        }
    }
}
