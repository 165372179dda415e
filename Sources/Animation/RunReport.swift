/// What a run did: the files written, the number of frames, and where the time went.
public struct RunReport: Sendable {
    /// The files written, as the sink's `finish` returned them.
    public let paths: [String]
    /// The number of frames handed to the sink.
    public let frames: Int
    /// Where the time went, stage by stage.
    public let timings: StageTimings
}
