import NMF
import Raster

/// What one frame of an animation shows: the current snapshot of each run (one run, or two side by side
/// for a comparison), and each run's loss at every iteration so far (for loss curves).
public struct Frame: Sendable {
    /// One snapshot per run, all at the same iteration.
    public let snapshots: [Snapshot]
    /// Per run, the loss after iterations 0…`iteration` (every iteration, not only those shown as frames).
    public let losses: [[Double]]

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
    func render(_ frame: Frame, into canvas: inout Canvas, font: Font?) throws
}
