import CZlib
import Foundation
import Raster
import Testing
@testable import Codecs

@Suite struct VectorWriterTests {
    @Test(arguments: [(0.0, "0"), (0.5, ".5"), (-0.25, "-.25"), (12.0, "12"), (12.345, "12.35"), (-0.004, "0"),
                      (1e-9, "0"), (100.1, "100.1"), (0.05, ".05"), (-7.0, "-7"), (.nan, "0"), (.infinity, "0")])
    func numbersAreShortAndNeverExponents(value: Double, text: String) {
        var out = VectorText()
        out.number(value)
        #expect(String(decoding: out.bytes, as: UTF8.self) == text)
    }

    @Test func numbersKeepTheirDecimals() {
        var out = VectorText()
        out.number(0.006781684027777778, decimals: 6)
        out.byte(UInt8(ascii: " "))
        out.number(1234567.891, decimals: 3)
        #expect(String(decoding: out.bytes, as: UTF8.self) == ".006782 1234567.891")
    }

    /// A small drawing with every kind of element, on either surface.
    static func draw(on surface: inout some DrawingSurface) throws {
        surface.clear(RGBA8(250, 250, 250), in: nil)
        surface.fillCircle(center: Point(20, 20), radius: 5.38, color: RGBA8(0, 0, 255), clip: PixelRect(x0: 0, y0: 0, x1: 50, y1: 50))
        surface.strokeCircle(center: Point(20, 20), radius: 5.38, width: 0.139, color: .black, clip: PixelRect(x0: 0, y0: 0, x1: 50, y1: 50))
        surface.fillPolygon([Point(1, 1), Point(30, 5), Point(10, 40)], color: RGBA8(200, 0, 0, 128), clip: nil)
        surface.strokePolyline([Point(5, 45), Point(60, 45)], style: StrokeStyle(width: 1.11, cap: .square), color: .black, clip: nil)
        try surface.drawText("0.5 −1", at: Point(40, 30), font: try Font.dejaVuSans(), points: 10, dpi: 100, color: .black)
        var image = try Image(width: 2, height: 2)
        image[1, 0] = .black
        surface.drawImage(image, in: PixelRect(x0: 60, y0: 0, x1: 80, y1: 20), clip: nil)
    }

    @Test func svgIsDeterministicWellFormedAndSizedInPoints() throws {
        func make() throws -> [UInt8] {
            var svg = SVGSurface(width: 100, height: 50, dotsPerInch: 200)
            try Self.draw(on: &svg)
            return svg.document(metadata: VectorMetadata(title: "t & <u>", description: "data=cos2", date: nil))
        }
        let a = try make(), b = try make()
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.contains("width=\"36pt\" height=\"18pt\" viewBox=\"0 0 100 50\""))
        #expect(text.contains("<title>t &amp; &lt;u&gt;</title>") && text.contains("<desc>data=cos2</desc>"))
        #expect(!text.contains("dc:date"))
        #expect(text.contains("image-rendering:pixelated"))
        // One <circle> for the face and the edge of the marker.
        #expect(text.components(separatedBy: "<circle").count == 2)
    }

    /// The decompressed content of every form on a page.
    static func forms(of page: PDFPage) throws -> [String] {
        try page.resources.compactMap { resource -> String? in
            guard case .form(_, let packed) = resource else { return nil }
            var size = uLong(1 << 16)
            var out = [UInt8](repeating: 0, count: Int(size))
            let code = out.withUnsafeMutableBufferPointer { target in
                packed.withUnsafeBufferPointer { uncompress(target.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
            }
            try #require(code == Z_OK, "zlib \(code)")
            return String(decoding: out.prefix(Int(size)), as: UTF8.self)
        }
    }

    /// A marker's edge under an opaque face is two nested disks (edge r + w/2, then face r − w/2), which
    /// poppler and PDFium do not darken as they darken a 0.14 px ring; under a translucent face the edge
    /// stays the ring between r − w/2 and r + w/2, since the edge's disk would show through the face.
    @Test(arguments: [(UInt8(255), true), (UInt8(128), false)])
    func markerEdgesUnderOpaqueFacesAreNestedDisks(faceAlpha: UInt8, nested: Bool) throws {
        var surface = PDFSurface(width: 40, height: 40, dotsPerInch: 100)
        surface.fillCircle(center: Point(20, 20), radius: 5.38, color: RGBA8(0, 0, 255, faceAlpha), clip: nil)
        surface.strokeCircle(center: Point(20, 20), radius: 5.38, width: 0.14, color: .black, clip: nil)
        let forms = try Self.forms(of: try surface.page())
        let marker = try #require(forms.first)
        #expect(forms.count == 1)
        #expect(marker.hasPrefix("q 0 0 0 rg\n5.45 0 m") == nested, "\(marker)")
        #expect(marker.contains("f*") == !nested, "\(marker)")
        #expect(marker.contains("5.31 0 m"), "the inner radius r − w/2 in either case: \(marker)")
    }

    /// The page's content stream, inflated.
    static func content(of page: PDFPage) throws -> String {
        var size = uLong(1 << 20)
        var out = [UInt8](repeating: 0, count: Int(size))
        let code = out.withUnsafeMutableBufferPointer { target in
            page.content.withUnsafeBufferPointer { uncompress(target.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
        }
        try #require(code == Z_OK, "zlib \(code)")
        return String(decoding: out.prefix(Int(size)), as: UTF8.self)
    }

    /// A horizontal or vertical segment with butt or projecting caps is the rectangle its stroke covers,
    /// filled, with a fifth point on its top edge so that poppler does not snap it to whole pixels; a
    /// round cap, a diagonal or a polyline stays a stroke.
    @Test func straightAxisAlignedStrokesAreFilledRectangles() throws {
        var surface = PDFSurface(width: 100, height: 100, dotsPerInch: 100)
        let red = RGBA8(255, 0, 0, 128)
        surface.strokePolyline([Point(60.5, 240.5), Point(60.5, 245.5)], style: StrokeStyle(width: 1.111), color: red, clip: nil)
        surface.strokePolyline([Point(260.5, 45.5), Point(60.5, 45.5)], style: StrokeStyle(width: 1.111, cap: .square),
                               color: .black, clip: nil)
        surface.strokePolyline([Point(10, 10), Point(20, 10)], style: StrokeStyle(width: 1, cap: .round), color: .black, clip: nil)
        surface.strokePolyline([Point(10, 10), Point(20, 20)], style: StrokeStyle(width: 1), color: .black, clip: nil)
        surface.strokePolyline([Point(10, 10), Point(20, 10), Point(20, 20)], style: StrokeStyle(width: 1), color: .black, clip: nil)
        let text = try Self.content(of: try surface.page())
        // The tick: x 60.5 ± 0.5555, butt ends at y 240.5 and 245.5, in the fill colour and fill alpha.
        #expect(text.contains("1 0 0 rg\n59.945 240.5 m\n60.5 240.5 l\n61.056 240.5 l\n61.056 245.5 l\n59.945 245.5 l\nh\nf\n"),
                "\(text)")
        // The spine: projecting caps reach half the width past both ends.
        #expect(text.contains("59.945 44.945 m\n160.5 44.945 l\n261.056 44.945 l\n261.056 46.056 l\n59.945 46.056 l\nh\nf\n"),
                "\(text)")
        #expect(text.components(separatedBy: "\nS\n").count == 4, "three strokes stay strokes: \(text)")
        #expect(text.contains("1 J\n0 j\n10 10 m\n20 10 l\nS"))
        #expect(!text.contains(" re f"), "a four-point rectangle is what poppler snaps")
    }

    /// A face waits for the edge of the same circle and clip; any other call draws it alone first.
    @Test func markerFacesPairWithTheirEdges() {
        var pairing = MarkerPairing()
        let c = Point(3, 4), clip = PixelRect(x0: 0, y0: 0, x1: 9, y1: 9)
        #expect(pairing.face(center: c, radius: 2, color: .black, clip: clip) == nil)
        let both = pairing.edge(center: c, radius: 2, width: 0.5, color: .white, clip: clip)
        #expect(both.count == 1 && both[0].fill == .black && both[0].stroke == .white && both[0].width == 0.5)
        _ = pairing.face(center: c, radius: 2, color: .black, clip: clip)
        let apart = pairing.edge(center: c, radius: 2, width: 0.5, color: .white, clip: nil)
        #expect(apart.count == 2 && apart[0].stroke == nil && apart[1].fill == nil, "another clip: face, then edge")
        _ = pairing.face(center: c, radius: 2, color: .black, clip: clip)
        let first = pairing.face(center: Point(5, 5), radius: 2, color: .white, clip: clip)
        #expect(first?.center == c && first?.fill == .black, "a second face draws the first alone")
        #expect(pairing.flush()?.center == Point(5, 5))
        #expect(pairing.flush() == nil)
    }

    @Test func pdfHasAValidCrossReferenceTable() throws {
        var page = PDFSurface(width: 100, height: 50, dotsPerInch: 100)
        try Self.draw(on: &page)
        let document = PDFDocument()
        let drawn = try page.page()
        document.add(drawn)
        document.add(drawn)
        let bytes = document.finish(metadata: VectorMetadata(title: "t", description: "d (x)", date: 0))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.4\n"))
        #expect(text.contains("/Count 2 ") && text.contains("/MediaBox [0 0 72 36]"))
        #expect(text.contains("/CreationDate (D:19700101000000Z)") && text.contains("/Subject (d \\(x\\))"))
        #expect(text.contains("/Interpolate false"), "a 2×2 image in 20 px (10× enlarged) is embedded, not smoothed")
        // Shared resources: a second equal page adds no form of its own.
        let one = String(decoding: PDFDocument.single(drawn, metadata: VectorMetadata(date: nil)), as: UTF8.self)
        #expect(one.components(separatedBy: "/Subtype /Form").count == text.components(separatedBy: "/Subtype /Form").count)
        #expect(!one.contains("CreationDate"))
        // Every xref entry points at its "n 0 obj".
        let xref = try #require(text.range(of: "\nxref\n"))
        let lines = text[xref.upperBound...].split(separator: "\n")
        let count = try #require(Int(lines[0].split(separator: " ")[1]))
        for n in 1..<count {
            let offset = try #require(Int(lines[1 + n].prefix(10)))
            let object = Array(bytes[offset..<min(bytes.count, offset + 12)])
            #expect(String(decoding: object, as: UTF8.self).hasPrefix("\(n) 0 obj"))
        }
    }

    @Test func dateFromSourceDateEpoch() {
        #expect(VectorMetadata.civil(0) == (1970, 1, 1, 0, 0, 0))
        #expect(VectorMetadata.civil(1_764_633_600) == (2025, 12, 2, 0, 0, 0))
        #expect(VectorMetadata(date: 951_782_400).pdfDate == "D:20000229000000Z")
        #expect(VectorMetadata(date: 86_399).isoDate == "1970-01-01T23:59:59Z")
    }

    @Test func pdfStringsEscapeOrUseUTF16() {
        #expect(PDFDocument.string("a(b)\\") == "(a\\(b\\)\\\\)")
        #expect(PDFDocument.string("é") == "<FEFF00E9>")
    }
}
