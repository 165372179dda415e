import NMF
import Raster

/// What one frame of an animation shows: the current snapshot of each run (one run, or two side by side
/// for a comparison), and each run's loss at every iteration so far (for loss curves).
public struct Frame: Sendable {
    /// One snapshot per run, all at the same iteration.
    public let snapshots: [Snapshot]
    /// Per run, the loss after iterations 0…`iteration` (every iteration, not only those shown as frames).
    public let losses: [[Double]]

    /// A frame of `snapshots` (one per run) with each run's `losses` so far.
    public init(snapshots: [Snapshot], losses: [[Double]]) {
        self.snapshots = snapshots
        self.losses = losses
    }

    /// The iteration shown (that of the first run's snapshot).
    public var iteration: Int { snapshots.first?.iteration ?? 0 }
}

/// A picture of a frame: the article's two panels, a loss curve, basis images…
///
/// A scene is built once for the whole animation (limits, colour ranges and layout fixed up front, so
/// nothing jumps between frames) and then renders frame after frame, possibly on several threads at once:
/// `render` must be a pure function of the frame.
public protocol Scene: Sendable {
    /// The image size in pixels.
    var pixelSize: (width: Int, height: Int) { get }

    /// Draws `frame` into `canvas`, which has `pixelSize`; its previous content is not used.
    ///
    /// The raster path: a scene may reuse what does not change between frames (`FigureLayer.Shared`).
    func render(_ frame: Frame, into canvas: inout Canvas, font: Font?) throws

    /// Draws `frame` on any surface of `pixelSize` (an SVG or PDF page), as shapes, glyphs and images;
    /// on a canvas it gives the pixels of `render(_:into:font:)`.
    func draw(_ frame: Frame, on surface: inout some DrawingSurface, font: Font) throws

    /// The colours the scene draws as its own, opaque (a colormap's entries for marker faces, the
    /// text, arrow and line colours), for a GIF to give them palette entries first (see
    /// `GIFWriter.useGlobalPalette(from:plotColors:)`); empty by default.
    var plotColors: [RGBA8] { get }
}

// MARK: - Default implementations

extension Scene {
    /// None declared.
    public var plotColors: [RGBA8] { [] }

    /// Renders the frame into pixels and draws them as one image: any scene reaches a vector surface,
    /// rasterized, until it draws itself.
    public func draw(_ frame: Frame, on surface: inout some DrawingSurface, font: Font) throws {
        let (width, height) = pixelSize
        var canvas = try Canvas(width: width, height: height)
        try render(frame, into: &canvas, font: font)
        surface.clear(.clear, in: nil)
        surface.drawImage(canvas.image, in: PixelRect(x: 0, y: 0, width: width, height: height), clip: nil)
    }
}
