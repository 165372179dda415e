import Raster

// The SVG writer. The document's user units are the figure's pixels (viewBox 0 0 W H) and its size is
// given in points (W·72/dpi pt), so the SVG rendered at the PNG's dpi lands on the PNG's pixel grid and
// every layout, tick, marker and arrow has the raster's geometry. What it writes, and why:
//
// - Paths as <path> with absolute commands and 2-decimal numbers (0.01 px); strokes as SVG strokes with
//   the same caps and joins; markers as <circle>, the face and the edge of one marker in one element.
// - Text as glyph outlines (matplotlib's svg.fonttype = 'path'): each glyph's unhinted outline is defined
//   once per size and rotation in <defs>, pre-scaled to pixels, and placed with <use x y>: no font is
//   needed where the file is opened, and a figure's few dozen distinct glyphs cost their outline once.
// - Clips as <clipPath> rectangles, consecutive elements under one clip grouped in one <g>.
// - Images as embedded PNGs with `image-rendering: pixelated` (and SVG 1.1's optimizeSpeed), so that
//   8×8 digits stay crisp blocks.
// - SVG 1.1 with xlink:href, which librsvg, browsers and Inkscape all read.

/// A drawing surface that writes SVG: one figure, as shapes, glyph outlines and images.
public struct SVGSurface: DrawingSurface {
    /// Width of the figure in pixels: the viewBox's width.
    public let width: Int
    /// Height of the figure in pixels: the viewBox's height.
    public let height: Int
    /// Pixels per inch of the figure: fixes the size in points.
    public let dotsPerInch: Double

    private var body = VectorText()
    private var defs = VectorText(capacity: 8192)
    private var glyphIDs: [GlyphKey: Int] = [:]
    private var clipIDs: [PixelRect: Int] = [:]
    /// The clip of the open <g>, if one is open.
    private var group: PixelRect?
    /// A marker face waiting to learn whether an edge of the same circle follows.
    private var markers = MarkerPairing()
    private let encoder = PNGEncoder()

    private struct GlyphKey: Hashable {
        let index: UInt32
        let a: Double, b: Double, c: Double, d: Double
    }

    /// An empty surface of `width` × `height` pixels at `dotsPerInch`.
    public init(width: Int, height: Int, dotsPerInch: Double) {
        self.width = width
        self.height = height
        self.dotsPerInch = dotsPerInch > 0 && dotsPerInch.isFinite ? dotsPerInch : 72
    }

    // MARK: - The primitive

    /// Writes the path as a `<path>`, with `fill-rule="evenodd"` for even-odd.
    public mutating func fill(_ path: Path, color: RGBA8, rule: FillRule, clip: PixelRect?) {
        guard color.a > 0, !path.elements.isEmpty, enter(clip) else { return }
        body.append("<path d=\"")
        Self.pathData(path, into: &body)
        body.append("\"")
        paint("fill", color)
        if rule == .evenOdd { body.append(" fill-rule=\"evenodd\"") }
        body.append("/>\n")
    }

    // MARK: - Overrides with SVG's own elements

    /// Writes the path as a stroked `<path>` with the style's width, cap and join.
    public mutating func stroke(_ path: Path, style: StrokeStyle, color: RGBA8, clip: PixelRect?) {
        guard color.a > 0, style.width > 0, style.width.isFinite, !path.elements.isEmpty, enter(clip) else { return }
        body.append("<path d=\"")
        Self.pathData(path, into: &body)
        body.append("\" fill=\"none\"")
        paint("stroke", color)
        strokeAttributes(width: style.width)
        switch style.cap {
        case .butt: break
        case .square: body.append(" stroke-linecap=\"square\"")
        case .round: body.append(" stroke-linecap=\"round\"")
        }
        switch style.join {
        case .miter: break
        case .round: body.append(" stroke-linejoin=\"round\"")
        case .bevel: body.append(" stroke-linejoin=\"bevel\"")
        }
        body.append("/>\n")
    }

    /// Holds the disc back until the next operation, so that an edge of the same circle that follows
    /// goes into the same `<circle>`.
    public mutating func fillCircle(center: Point, radius: Double, color: RGBA8, clip: PixelRect?) {
        if let face = markers.face(center: center, radius: radius, color: color, clip: clip) { circle(face) }
    }

    /// Writes the circle's edge as a stroked `<circle>`, filled with the face just drawn when it is the
    /// same circle under the same clip.
    public mutating func strokeCircle(center: Point, radius: Double, width: Double, color: RGBA8, clip: PixelRect?) {
        for marker in markers.edge(center: center, radius: radius, width: width, color: color, clip: clip) {
            circle(marker)
        }
    }

    /// Writes the rectangle as a `<rect>`.
    public mutating func fillRect(x0: Double, y0: Double, x1: Double, y1: Double, color: RGBA8, clip: PixelRect?) {
        guard color.a > 0, enter(clip) else { return }
        rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0), color: color)
    }

    /// The whole surface: everything drawn so far is dropped and the background painted (nothing for a
    /// transparent one). A rectangle: painted (a transparent colour cannot erase what is under it).
    public mutating func clear(_ color: RGBA8, in area: PixelRect?) {
        if let area {
            let r = area.intersection(bounds)
            guard !r.isEmpty, color.a > 0, enter(nil) else { return }
            rect(x: Double(r.x0), y: Double(r.y0), width: Double(r.width), height: Double(r.height), color: color)
            return
        }
        body = VectorText()
        defs = VectorText(capacity: 8192)
        glyphIDs = [:]
        clipIDs = [:]
        group = nil
        markers.reset()
        if color.a > 0 {
            rect(x: 0, y: 0, width: Double(width), height: Double(height), color: color)
        }
    }

    /// Defines each glyph's unhinted outline once per size and rotation in `<defs>` and places it with
    /// `<use>`.
    ///
    /// - Throws: `RasterError.freeType` if a glyph's outline cannot be loaded.
    public mutating func drawGlyphRun(_ run: GlyphRun, color: RGBA8, clip: PixelRect?) throws(RasterError) {
        guard run.origin.isFinite, color.a > 0 else { return }
        var uses: [(id: Int, x: Double, y: Double)] = []
        for placement in run.placements {
            let t = placement.transform
            let key = GlyphKey(index: placement.glyph, a: t.a, b: t.b, c: t.c, d: t.d)
            let id: Int
            if let known = glyphIDs[key] {
                id = known
            } else {
                let outline = try run.font.outline(glyph: placement.glyph)
                guard !outline.elements.isEmpty else { continue }
                id = glyphIDs.count
                glyphIDs[key] = id
                defs.append("<path id=\"g\(id)\" d=\"")
                Self.pathData(outline.applying(AffineTransform(a: t.a, b: t.b, c: t.c, d: t.d, tx: 0, ty: 0)), into: &defs)
                defs.append("\"/>\n")
            }
            uses.append((id, t.tx, t.ty))
        }
        guard !uses.isEmpty, enter(clip) else { return }
        let grouped = uses.count > 1
        if grouped {
            body.append("<g")
            paint("fill", color)
            body.append(">")
        }
        for use in uses {
            body.append("<use xlink:href=\"#g\(use.id)\" x=\"")
            body.number(use.x)
            body.append("\" y=\"")
            body.number(use.y)
            body.append("\"")
            if !grouped { paint("fill", color) }
            body.append("/>")
        }
        body.append(grouped ? "</g>\n" : "\n")
    }

    /// Embeds the image as a PNG, scaled to `rect` without smoothing.
    ///
    /// `image-rendering: pixelated` asks for that, but librsvg 2.54 smooths anyway; so an image smaller
    /// than `rect` is first enlarged by whole blocks to about `rect`'s size (`Image.enlarged`), and any
    /// renderer shows its blocks crisp at the figure's own resolution.
    public mutating func drawImage(_ image: Image, in rect: PixelRect, clip: PixelRect?) {
        guard !rect.isEmpty else { return }
        let source = image.enlarged(toFit: rect)
        guard let png = try? encoder.encodeBytes(source, path: nil), enter(clip) else { return }
        body.append("<image x=\"\(rect.x0)\" y=\"\(rect.y0)\" width=\"\(rect.width)\" height=\"\(rect.height)\"")
        body.append(" preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"")
        body.append(" xlink:href=\"data:image/png;base64,")
        body.append(bytes: Base64.encode(png))
        body.append("\"/>\n")
    }

    // MARK: - The document

    /// The SVG document of everything drawn, with `metadata` in <title>, <desc> and <metadata>.
    public mutating func document(metadata: VectorMetadata) -> [UInt8] {
        flushCircle()
        _ = enter(nil)
        var out = VectorText(capacity: body.bytes.count + defs.bytes.count + 2048)
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"")
        let k = 72 / dotsPerInch
        out.append(" width=\"")
        out.number(Double(width) * k, decimals: 3)
        out.append("pt\" height=\"")
        out.number(Double(height) * k, decimals: 3)
        out.append("pt\" viewBox=\"0 0 \(width) \(height)\">\n")
        if !metadata.title.isEmpty { out.append("<title>\(Self.escape(metadata.title))</title>\n") }
        if !metadata.description.isEmpty { out.append("<desc>\(Self.escape(metadata.description))</desc>\n") }
        out.append("<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" ")
        out.append("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Description>")
        out.append("<dc:format>image/svg+xml</dc:format><dc:creator>\(Self.escape(metadata.software))</dc:creator>")
        if !metadata.description.isEmpty { out.append("<dc:description>\(Self.escape(metadata.description))</dc:description>") }
        if let date = metadata.isoDate { out.append("<dc:date>\(date)</dc:date>") }
        out.append("</rdf:Description></rdf:RDF></metadata>\n")
        if !defs.bytes.isEmpty {
            out.append("<defs>\n")
            out.append(bytes: defs.bytes)
            out.append("</defs>\n")
        }
        out.append(bytes: body.bytes)
        out.append("</svg>\n")
        return out.bytes
    }

    /// `text` with XML's five special characters escaped, and control characters (not allowed in
    /// XML 1.0) left out.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    // MARK: - Pieces

    /// Moves into the group of `clip`; false when the clip is empty (nothing would show).
    private mutating func enter(_ clip: PixelRect?) -> Bool {
        if let clip, clip.isEmpty { return false }
        flushCircle()
        guard clip != group else { return true }
        if group != nil { body.append("</g>\n") }
        group = clip
        guard let clip else { return true }
        let id: Int
        if let known = clipIDs[clip] {
            id = known
        } else {
            id = clipIDs.count
            clipIDs[clip] = id
            defs.append("<clipPath id=\"c\(id)\"><rect x=\"\(clip.x0)\" y=\"\(clip.y0)\" width=\"\(clip.width)\" height=\"\(clip.height)\"/></clipPath>\n")
        }
        body.append("<g clip-path=\"url(#c\(id))\">\n")
        return true
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
        body.append("<circle cx=\"")
        body.number(center.x)
        body.append("\" cy=\"")
        body.number(center.y)
        body.append("\" r=\"")
        body.number(radius)
        body.append("\"")
        if let fill { paint("fill", fill) } else { body.append(" fill=\"none\"") }
        if let stroke {
            paint("stroke", stroke)
            strokeAttributes(width: width)
        }
        body.append("/>\n")
    }

    private mutating func rect(x: Double, y: Double, width: Double, height: Double, color: RGBA8) {
        body.append("<rect x=\"")
        body.number(x)
        body.append("\" y=\"")
        body.number(y)
        body.append("\" width=\"")
        body.number(width)
        body.append("\" height=\"")
        body.number(height)
        body.append("\"")
        paint("fill", color)
        body.append("/>\n")
    }

    private mutating func strokeAttributes(width: Double) {
        body.append(" stroke-width=\"")
        body.number(width, decimals: 3)
        body.append("\"")
    }

    /// ` fill="#rrggbb"` (or stroke), with an opacity attribute when not opaque.
    private mutating func paint(_ property: String, _ color: RGBA8) {
        body.append(" \(property)=\"")
        Self.hex(color, into: &body)
        body.append("\"")
        if color.a < 255 {
            body.append(" \(property)-opacity=\"")
            body.number(Double(color.a) / 255, decimals: 3)
            body.append("\"")
        }
    }

    /// `#rgb` when each channel repeats its hex digit, else `#rrggbb`.
    static func hex(_ color: RGBA8, into text: inout VectorText) {
        let digits = Array("0123456789abcdef".utf8)
        text.byte(UInt8(ascii: "#"))
        let channels = [color.r, color.g, color.b]
        if channels.allSatisfy({ $0 >> 4 == $0 & 15 }) {
            for c in channels { text.byte(digits[Int(c & 15)]) }
        } else {
            for c in channels {
                text.byte(digits[Int(c >> 4)])
                text.byte(digits[Int(c & 15)])
            }
        }
    }

    /// SVG path data, absolute commands, 2-decimal coordinates.
    private static func pathData(_ path: Path, into text: inout VectorText) {
        func point(_ p: Point) {
            text.number(p.x)
            text.byte(UInt8(ascii: " "))
            text.number(p.y)
        }
        for element in path.elements {
            switch element {
            case let .move(p):
                text.byte(UInt8(ascii: "M"))
                point(p)
            case let .line(p):
                text.byte(UInt8(ascii: "L"))
                point(p)
            case let .quad(c, p):
                text.byte(UInt8(ascii: "Q"))
                point(c)
                text.byte(UInt8(ascii: " "))
                point(p)
            case let .cubic(c1, c2, p):
                text.byte(UInt8(ascii: "C"))
                point(c1)
                text.byte(UInt8(ascii: " "))
                point(c2)
                text.byte(UInt8(ascii: " "))
                point(p)
            case .close:
                text.byte(UInt8(ascii: "Z"))
            }
        }
    }
}

/// Standard base64 (RFC 4648) with padding, for data URLs.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            out += [alphabet[n >> 18], alphabet[n >> 12 & 63], alphabet[n >> 6 & 63], alphabet[n & 63]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = Int(bytes[i]) << 16
            out += [alphabet[n >> 18], alphabet[n >> 12 & 63], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8
            out += [alphabet[n >> 18], alphabet[n >> 12 & 63], alphabet[n >> 6 & 63], UInt8(ascii: "=")]
        }
        return out
    }
}
