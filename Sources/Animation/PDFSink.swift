import Codecs
import Raster

/// Frames as PDF: one multi-page file with a page per frame (what PDF viewers and beamer's `animate`
/// package step through), or one file per frame named by a `FramePattern`.
///
/// Each page is drawn by the scene onto a `PDFSurface` and compressed on a worker thread
/// (`drawFrame`). For one file, pages are appended in order on the calling thread — resources equal
/// between pages (glyphs, marker forms, the data tiles) written once — and the file is written
/// atomically by `finish`; for a pattern, each frame is a whole document, staged and renamed into place
/// together with the others (`FrameFiles`).
public final class PDFSink: FrameSink {
    /// One document's pages, or a whole file per frame.
    public enum Prepared: Sendable {
        /// A page of the one document, appended by `add` in order.
        case page(PDFPage)
        /// A whole one-page PDF, the file of one frame of a pattern.
        case file([UInt8])
    }

    private let path: String?
    private let files: FrameFiles?
    private let dotsPerInch: Double
    private let metadata: VectorMetadata
    private var document: PDFDocument? = PDFDocument()
    private var createdFolders: [String]

    /// One PDF at `path` with a page per frame added (one page for a still).
    ///
    /// - Parameters:
    ///   - path: the PDF to write (renamed into place by `finish`).
    ///   - dotsPerInch: the figure's pixels per inch (dpi × scale): it sets the page size in points.
    ///   - metadata: the document information.
    public init(document path: String, dotsPerInch: Double, metadata: VectorMetadata) throws {
        self.path = path
        self.files = nil
        self.dotsPerInch = dotsPerInch
        self.metadata = metadata
        self.createdFolders = try OutputFolders.create(OutputPath.folder(of: path), for: path)
    }

    /// One single-page PDF per frame, named by `pattern` from the frame's iteration.
    public init(pattern: FramePattern, dotsPerInch: Double, metadata: VectorMetadata) throws {
        self.path = nil
        self.files = try FrameFiles(pattern: pattern)
        self.dotsPerInch = dotsPerInch
        self.metadata = metadata
        self.createdFolders = []
    }

    /// Pixels given to the sink (not by the animator, which uses `drawFrame`) become one image page.
    public var prepare: @Sendable (Image) throws -> Prepared {
        let dpi = dotsPerInch, metadata = metadata, single = files != nil
        return { image in
            var surface = PDFSurface(width: image.width, height: image.height, dotsPerInch: dpi)
            surface.drawImage(image, in: surface.bounds, clip: nil)
            let page = try surface.page()
            return single ? .file(PDFDocument.single(page, metadata: metadata)) : .page(page)
        }
    }

    /// Draws the scene's frame onto a `PDFSurface` and compresses the page; in pattern mode, a whole
    /// one-page document titled with the iteration.
    public var drawFrame: (@Sendable (any Scene, Frame, Font) throws -> Prepared)? {
        let dpi = dotsPerInch, metadata = metadata, single = files != nil
        return { scene, frame, font in
            let (width, height) = scene.pixelSize
            var surface = PDFSurface(width: width, height: height, dotsPerInch: dpi)
            try scene.draw(frame, on: &surface, font: font)
            let page = try surface.page()
            return single ? .file(PDFDocument.single(page, metadata: metadata.titled(iteration: frame.iteration, of: frame)))
                : .page(page)
        }
    }

    /// Appends the page to the document, or stages the file under the pattern's name for `iteration`.
    ///
    /// - Throws: `CodecsError.writerClosed` after `finish` or `cancel`, or for a prepared frame of the
    ///   other mode; `CodecsError` if staging fails.
    public func add(_ frame: Prepared, iteration: Int) throws {
        switch frame {
        case .file(let bytes):
            guard let files else { throw CodecsError.writerClosed(path: path ?? "PDF") }
            try files.write(bytes, iteration: iteration)
        case .page(let page):
            guard let document else { throw CodecsError.writerClosed(path: path ?? "PDF") }
            document.add(page)
        }
    }

    /// Writes the document atomically, or renames the staged files into place, and returns their paths.
    ///
    /// - Throws: `CodecsError.noFrames` for a document without pages, `.writerClosed` when called twice,
    ///   or the write's error (after which nothing is left).
    public func finish() throws -> [String] {
        if let files { return try files.commit() }
        guard let path, let document else { throw CodecsError.writerClosed(path: path ?? "PDF") }
        self.document = nil
        guard document.pageCount > 0 else { throw CodecsError.noFrames(path: path) }
        do {
            try AtomicFile.write(document.finish(metadata: metadata), to: path)
        } catch {
            cancel()
            throw error
        }
        OutputFolders.keep(createdFolders)
        createdFolders = []
        return [path]
    }

    /// Drops the document, removes staged files and the folders created for them.
    public func cancel() {
        document = nil
        files?.discard()
        OutputFolders.remove(createdFolders)
        createdFolders = []
    }
}
