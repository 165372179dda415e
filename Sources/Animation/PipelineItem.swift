/// What the pipeline renders: a sample frame for the sink (see `FrameSink.sampleCount`), or a frame.
enum PipelineItem: Sendable {
    case sample(Frame)
    case frame(Frame)
}
