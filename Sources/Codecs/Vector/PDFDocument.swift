/// A PDF file being assembled from pages, in order: one page for a still, one per frame for an
/// animation that a viewer (or beamer's `animate` package) steps through.
///
/// Resources equal between pages — a glyph at one size, a marker form, an alpha state, an image (the
/// data tiles of every frame) — are written once and shared. Objects are numbered in the order they are
/// first needed, so the same pages give the same bytes; no date is written unless the metadata has one
/// (`VectorMetadata`). PDF 1.4: the first version with transparency (ExtGState alpha, soft masks).
public final class PDFDocument {
    private var out = VectorText(capacity: 1 << 16)
    /// Byte offset of each object, by object number (0 is the free list's head, 1 the catalog, 2 the pages).
    private var offsets: [Int] = [0, 0, 0]
    private var pages: [Int] = []
    private var shared: [PDFResource: Int] = [:]

    /// An empty document: the PDF 1.4 header and nothing else until pages are added.
    public init() {
        out.append("%PDF-1.4\n")
        // A comment of bytes above 127, so that tools treat the file as binary.
        out.append(bytes: [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    /// The number of pages added.
    public var pageCount: Int { pages.count }

    /// Appends `page`, writing the resources that no earlier page had.
    public func add(_ page: PDFPage) {
        var names: [String: [(Int, Int)]] = [:]
        for (local, resource) in page.resources.enumerated() {
            let number: Int
            if let known = shared[resource] {
                number = known
            } else {
                number = write(resource)
                shared[resource] = number
            }
            names[resource.category, default: []].append((local, number))
        }
        let contents = beginObject()
        out.append("<< /Length \(page.content.count) /Filter /FlateDecode >>\nstream\n")
        out.append(bytes: page.content)
        out.append("\nendstream\nendobj\n")
        let number = beginObject()
        out.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ")
        out.number(page.widthPoints, decimals: 3)
        out.byte(UInt8(ascii: " "))
        out.number(page.heightPoints, decimals: 3)
        out.append("] /Resources << /ProcSet [/PDF /ImageC]")
        for category in ["ExtGState", "XObject"] {
            guard let entries = names[category] else { continue }
            out.append(" /\(category) <<")
            for (local, object) in entries { out.append(" /R\(local) \(object) 0 R") }
            out.append(" >>")
        }
        out.append(" >> /Contents \(contents) 0 R >>\nendobj\n")
        pages.append(number)
    }

    /// The finished file: the page tree, the catalog, the document information, the cross-reference
    /// table and the trailer. The document cannot be added to afterwards.
    public func finish(metadata: VectorMetadata) -> [UInt8] {
        offsets[2] = out.bytes.count
        out.append("2 0 obj\n<< /Type /Pages /Count \(pages.count) /Kids [")
        out.append(pages.map { "\($0) 0 R" }.joined(separator: " "))
        out.append("] >>\nendobj\n")
        offsets[1] = out.bytes.count
        out.append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        let info = beginObject()
        out.append("<< /Producer \(Self.string(metadata.software)) /Creator \(Self.string(metadata.software))")
        if !metadata.title.isEmpty { out.append(" /Title \(Self.string(metadata.title))") }
        if !metadata.description.isEmpty { out.append(" /Subject \(Self.string(metadata.description))") }
        if let date = metadata.pdfDate { out.append(" /CreationDate (\(date)) /ModDate (\(date))") }
        out.append(" >>\nendobj\n")
        let xref = out.bytes.count
        out.append("xref\n0 \(offsets.count)\n0000000000 65535 f \n")
        for offset in offsets.dropFirst() {
            let digits = String(offset)
            out.append(String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n")
        }
        out.append("trailer\n<< /Size \(offsets.count) /Root 1 0 R /Info \(info) 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
        return out.bytes
    }

    /// A whole one-page document.
    public static func single(_ page: PDFPage, metadata: VectorMetadata) -> [UInt8] {
        let document = PDFDocument()
        document.add(page)
        return document.finish(metadata: metadata)
    }

    // MARK: - Objects

    /// Starts the next object; returns its number.
    private func beginObject() -> Int {
        let number = offsets.count
        offsets.append(out.bytes.count)
        out.append("\(number) 0 obj\n")
        return number
    }

    private func stream(_ dictionary: String, _ bytes: [UInt8]) {
        out.append("<< \(dictionary) /Length \(bytes.count) /Filter /FlateDecode >>\nstream\n")
        out.append(bytes: bytes)
        out.append("\nendstream\nendobj\n")
    }

    private func write(_ resource: PDFResource) -> Int {
        switch resource {
        case let .fillAlpha(a):
            let n = beginObject()
            out.append("<< /Type /ExtGState /ca ")
            out.number(Double(a) / 255, decimals: 3)
            out.append(" >>\nendobj\n")
            return n
        case let .strokeAlpha(a):
            let n = beginObject()
            out.append("<< /Type /ExtGState /CA ")
            out.number(Double(a) / 255, decimals: 3)
            out.append(" >>\nendobj\n")
            return n
        case let .form(bbox, content):
            let n = beginObject()
            var box = VectorText(capacity: 64)
            for (i, v) in bbox.enumerated() {
                if i > 0 { box.byte(UInt8(ascii: " ")) }
                box.number(v)
            }
            stream("/Type /XObject /Subtype /Form /BBox [\(String(decoding: box.bytes, as: UTF8.self))]", content)
            return n
        case let .image(width, height, rgb, alpha):
            var mask: Int?
            if let alpha {
                let m = beginObject()
                stream("/Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceGray "
                       + "/BitsPerComponent 8 /Interpolate false", alpha)
                mask = m
            }
            let n = beginObject()
            stream("/Type /XObject /Subtype /Image /Width \(width) /Height \(height) /ColorSpace /DeviceRGB "
                   + "/BitsPerComponent 8 /Interpolate false" + (mask.map { " /SMask \($0) 0 R" } ?? ""), rgb)
            return n
        }
    }

    /// A PDF text string: a literal `( … )` for printable ASCII, else UTF-16BE with a byte-order mark.
    static func string(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            var escaped = ""
            for ch in text {
                if ch == "(" || ch == ")" || ch == "\\" { escaped.append("\\") }
                escaped.append(ch)
            }
            return "(\(escaped))"
        }
        let hex = Array("0123456789ABCDEF")
        var out = "<FEFF"
        for unit in text.utf16 {
            for shift in [12, 8, 4, 0] { out.append(hex[Int(unit >> UInt16(shift)) & 15]) }
        }
        return out + ">"
    }
}
