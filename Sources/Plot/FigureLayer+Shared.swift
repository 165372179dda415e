import Foundation
import Raster

extension FigureLayer {
    /// A `FigureLayer` shared by the threads that render an animation's frames: the axes of a figure that
    /// no frame changes (the data panels), drawn on first use, so that a frame draws only the axes that change.
    ///
    /// A frame drawn over the layer is the full render bit for bit, or is drawn in full (`FigureLayer` says
    /// why and when). The layer is built with the first caller's font and canvas tolerance; a caller whose
    /// font or tolerance draws differently gets full renders. After the first frame that had to be drawn in
    /// full (panels crowded so that a changing one's ink reaches a fixed one's), every frame is drawn in full
    /// straight away: such a frame costs its changing axes twice, and its neighbours would likely repeat it.
    public final class Shared: @unchecked Sendable {
        private let figure: Figure
        private let kept: [Int]
        private let lock = NSLock()
        /// Built on first use; guarded by `lock`.
        private var layer: FigureLayer?
        /// Set once a frame could not use the layer; guarded by `lock`.
        private var refused = false

        /// A layer of the axes of `figure` at `kept`; with none kept there is nothing to gain, and every frame
        /// is drawn in full.
        public init(figure: Figure, keeping kept: [Int]) {
            self.figure = figure
            self.kept = kept
            self.refused = kept.isEmpty
        }

        /// Draws `frameFigure` — `figure` with only the other axes changed — into `canvas`.
        ///
        /// - Returns: whether the layer was used (false: drawn in full).
        /// - Throws: as `Figure.render(into:font:)`.
        @discardableResult
        public func render(_ frameFigure: Figure, into canvas: inout Canvas, font: Font?) throws -> Bool {
            guard let layer = try layer(tolerance: canvas.tolerance, font: font) else {
                try frameFigure.render(into: &canvas, font: font)
                return false
            }
            let used = try frameFigure.render(into: &canvas, font: font, over: layer)
            if !used { lock.withLock { refused = true } }
            return used
        }

        /// The layer, built on first use; nil once refused.
        private func layer(tolerance: Double, font: Font?) throws -> FigureLayer? {
            lock.lock()
            defer { lock.unlock() }
            guard !refused else { return nil }
            if let layer { return layer }
            let made = try FigureLayer(figure: figure, keeping: kept, font: font, tolerance: tolerance)
            layer = made
            return made
        }
    }
}
