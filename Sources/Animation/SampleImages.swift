import Foundation
import Raster

/// The sample frames' images, kept until the same frame comes up in the animation.
///
/// A sink's samples (`FrameSink.sampleCount`) are frames of the schedule, and rendering is a pure
/// function of the frame, so the animation takes a sample's image instead of rendering it again: at
/// 100,000 points the samples were a third of the run. At most `sampleCount` images are held, whatever
/// the number of frames. A frame whose sample is still being rendered on another worker is rendered
/// again, which gives the same pixels.
final class SampleImages: @unchecked Sendable {
    private let lock = NSLock()
    private var images: [Int: Image] = [:]

    /// Keeps `image` for the frame at `iteration`.
    func store(_ image: Image, iteration: Int) {
        lock.lock()
        defer { lock.unlock() }
        images[iteration] = image
    }

    /// The image kept for `iteration`, which is then forgotten; nil when there is none.
    func take(iteration: Int) -> Image? {
        lock.lock()
        defer { lock.unlock() }
        return images.removeValue(forKey: iteration)
    }
}
