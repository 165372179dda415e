import NMF
import Plot
import Raster

/// A scene that always shows the same picture — a figure, or a strip of basis images — so that stills
/// made outside an animation (filmstrips) reach every sink, vector ones included, through
/// `FrameSink.writeStill`.
public struct StillScene: Scene {
    private enum Content: Sendable {
        case figure(Figure)
        case basisImages(BasisImagesFilmstrip, [Snapshot])
    }

    private let content: Content

    /// Any figure, e.g. `Filmstrip.figure(for:)`.
    public init(figure: Figure) {
        content = .figure(figure)
    }

    /// The basis images of `snapshots`, in order, as `strip` draws them.
    public init(strip: BasisImagesFilmstrip, snapshots: [Snapshot]) {
        content = .basisImages(strip, snapshots)
    }

    /// The figure's pixel size, or the strip's.
    public var pixelSize: (width: Int, height: Int) {
        switch content {
        case .figure(let figure): return (figure.pixelWidth, figure.pixelHeight)
        case .basisImages(let strip, _): return (strip.width, strip.height)
        }
    }

    /// The picture (the frame is not used).
    public func render(_ frame: Frame, into canvas: inout Canvas, font: Font?) throws {
        switch content {
        case .figure(let figure): try figure.render(into: &canvas, font: font)
        case .basisImages(let strip, let snapshots):
            canvas.clip = nil
            canvas.clear(strip.style.theme.figureBackground)
            try strip.draw(snapshots, on: &canvas, font: font)
        }
    }

    /// The picture as shapes, glyphs and images (the frame is not used).
    public func draw(_ frame: Frame, on surface: inout some DrawingSurface, font: Font) throws {
        switch content {
        case .figure(let figure): try figure.draw(on: &surface, font: font)
        case .basisImages(let strip, let snapshots):
            surface.clear(strip.style.theme.figureBackground, in: nil)
            try strip.draw(snapshots, on: &surface, font: font)
        }
    }
}
