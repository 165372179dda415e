/// What a run did: the files written, the number of frames, and where the time went.
public struct RunReport: Sendable {
    public let paths: [String]
    public let frames: Int
    public let timings: StageTimings
}
