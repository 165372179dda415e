import Raster

/// Where an animation's frames go, strictly in order.
///
/// A frame is first `prepare`d on a worker thread — the expensive, per-frame work such as PNG
/// compression, which must be a pure function of the image so that output never depends on threading —
/// then handed to `add` on the calling thread, in order. `finish` completes the output; `cancel`
/// removes everything written so far, so that a failed run leaves nothing behind.
public protocol FrameSink: AnyObject {
    /// What `prepare` (or `drawFrame`) makes of a frame and `add` takes: PNG bytes, an image, a PDF page.
    associatedtype Prepared: Sendable

    /// The per-frame work that may run on any thread.
    var prepare: @Sendable (Image) throws -> Prepared { get }

    /// Takes the next frame, which shows `iteration`.
    func add(_ frame: Prepared, iteration: Int) throws

    /// Completes the output and returns the paths written.
    func finish() throws -> [String]

    /// Abandons the output, removing what was written. Safe to call more than once.
    func cancel()

    /// How many frames, spread evenly over the animation, the sink wants to see before the first `add`
    /// (a GIF chooses its global palette from them); 0 for none.
    var sampleCount: Int { get }

    /// Receives the sample frames, in order, before the first `add`.
    func useSamples(_ images: [Image]) throws

    /// Receives the sample frames and the scene's own colours (`Scene.plotColors`), before the first
    /// `add`; by default `useSamples(_:)` alone.
    func useSamples(_ images: [Image], plotColors: [RGBA8]) throws

    /// Whether `add` is the slow, serial stage (a GIF quantizes each frame against the last), so
    /// that the render workers should yield the processor to the thread calling it; false when the
    /// per-frame work is in `prepare` (PNG compression).
    var consumesHeavily: Bool { get }

    /// Time the sink spent in named stages of its own (a GIF: quantize, encode), for `--timings`.
    /// `inline` stages ran within `add` and `finish` on the calling thread, the others on a thread of
    /// the sink's own; the rest of `add` and `finish` is reported as writing.
    var stageTimes: [SinkStage] { get }

    /// For sinks that draw a frame themselves instead of taking its pixels (SVG, PDF): the scene, the
    /// frame and a font in, the prepared frame out, on a worker thread. nil (the default): the
    /// animator renders pixels and hands them to `prepare`.
    var drawFrame: (@Sendable (any Scene, Frame, Font) throws -> Prepared)? { get }
}

// MARK: - Default implementations

extension FrameSink {
    /// No samples.
    public var sampleCount: Int { 0 }

    /// Ignores the samples.
    public func useSamples(_ images: [Image]) throws {}

    /// Hands the samples to `useSamples(_:)`; the colours are ignored.
    public func useSamples(_ images: [Image], plotColors: [RGBA8]) throws { try useSamples(images) }

    /// False: the work is in `prepare`.
    public var consumesHeavily: Bool { false }

    /// No stages of the sink's own.
    public var stageTimes: [SinkStage] { [] }

    /// nil: the animator renders pixels and hands them to `prepare`.
    public var drawFrame: (@Sendable (any Scene, Frame, Font) throws -> Prepared)? { nil }

    /// Writes one still of `scene` showing `frame` (a filmstrip, a figure) and finishes: drawn by the
    /// sink when it draws (vector), else rendered to pixels. On any error the sink is cancelled.
    ///
    /// - Returns: the paths written.
    @discardableResult
    public func writeStill(_ scene: some Scene, frame: Frame, font: Font) throws -> [String] {
        do {
            let prepared: Prepared
            if let drawFrame {
                prepared = try drawFrame(scene, frame, font)
            } else {
                var canvas = try Canvas(width: scene.pixelSize.width, height: scene.pixelSize.height)
                try scene.render(frame, into: &canvas, font: font)
                prepared = try prepare(canvas.image)
            }
            try add(prepared, iteration: frame.iteration)
            return try finish()
        } catch {
            cancel()
            throw error
        }
    }
}

/// A named stage of a sink's work and the time it took.
public struct SinkStage: Sendable {
    /// What `--timings` calls the stage, e.g. "quantize".
    public let name: String
    /// The time spent in the stage so far.
    public let time: Duration
    /// Whether it ran on the calling thread, inside `add` and `finish`.
    public let inline: Bool

    /// A stage called `name` that took `time`; `inline` if it ran on the calling thread.
    public init(name: String, time: Duration, inline: Bool) {
        self.name = name
        self.time = time
        self.inline = inline
    }
}
