import Codecs
import Raster

/// Frames as SVG files named by iteration (a `FramePattern`), or one still at a fixed path.
///
/// Each frame is drawn by the scene onto an `SVGSurface` on a worker thread (`drawFrame`) — shapes,
/// glyph outlines and images, at the raster's geometry in points — and the files are staged and renamed
/// into place together by `finish`, as PNG frames are (`FrameFiles`).
public final class SVGSink: FrameSink {
    private let files: FrameFiles
    private let dotsPerInch: Double
    private let metadata: VectorMetadata

    /// SVG files named by `pattern` from each frame's iteration.
    ///
    /// - Parameters:
    ///   - pattern: how each frame's file is named from its iteration or index.
    ///   - dotsPerInch: the figure's pixels per inch (dpi × scale): it sets the size in points.
    ///   - metadata: the description written into every file; the title gets the iteration.
    public init(pattern: FramePattern, dotsPerInch: Double, metadata: VectorMetadata) throws {
        self.files = try FrameFiles(pattern: pattern)
        self.dotsPerInch = dotsPerInch
        self.metadata = metadata
    }

    /// One SVG at `path` (the sink expects a single frame).
    public init(still path: String, dotsPerInch: Double, metadata: VectorMetadata) throws {
        self.files = try FrameFiles(still: path)
        self.dotsPerInch = dotsPerInch
        self.metadata = metadata
    }

    /// Pixels given to the sink (not by the animator, which uses `drawFrame`) become one embedded image.
    public var prepare: @Sendable (Image) throws -> [UInt8] {
        let dpi = dotsPerInch, metadata = metadata
        return { image in
            var surface = SVGSurface(width: image.width, height: image.height, dotsPerInch: dpi)
            surface.drawImage(image, in: surface.bounds, clip: nil)
            return surface.document(metadata: metadata)
        }
    }

    /// Draws the scene's frame onto an `SVGSurface`: a whole document titled with the iteration.
    public var drawFrame: (@Sendable (any Scene, Frame, Font) throws -> [UInt8])? {
        let dpi = dotsPerInch, metadata = metadata
        return { scene, frame, font in
            let (width, height) = scene.pixelSize
            var surface = SVGSurface(width: width, height: height, dotsPerInch: dpi)
            try scene.draw(frame, on: &surface, font: font)
            return surface.document(metadata: metadata.titled(iteration: frame.iteration, of: frame))
        }
    }

    /// Stages the frame's SVG under a temporary name.
    public func add(_ frame: [UInt8], iteration: Int) throws {
        try files.write(frame, iteration: iteration)
    }

    /// Renames every staged file into place, removing an earlier run's files the pattern did not make
    /// again, and returns the paths.
    public func finish() throws -> [String] {
        try files.commit()
    }

    /// Removes the staged files and the folders created for them.
    public func cancel() {
        files.discard()
    }
}

extension VectorMetadata {
    /// The metadata with "iteration N" after the title, for a frame of an animation (a still made
    /// outside one, which has no snapshot, keeps its title).
    func titled(iteration: Int, of frame: Frame) -> VectorMetadata {
        guard !frame.snapshots.isEmpty else { return self }
        var copy = self
        copy.title = title.isEmpty ? "iteration \(iteration)" : "\(title), iteration \(iteration)"
        return copy
    }
}
