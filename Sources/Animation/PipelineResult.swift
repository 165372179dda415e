import Raster

/// A rendered sample frame, or a frame prepared for the sink.
enum PipelineResult<Prepared: Sendable>: Sendable {
    case sample(Image, render: Duration)
    case frame(FrameWork<Prepared>)
}
