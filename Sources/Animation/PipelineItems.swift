/// The samples, then the frames, one at a time: the frames are taken from the solver only as the
/// pipeline asks for them (joining the two with `+` would build an array of every frame first, each
/// holding its loss history: memory growing with the square of the frame count).
struct PipelineItems<Frames: IteratorProtocol<Frame>>: Sequence, IteratorProtocol {
    private var samples: IndexingIterator<[Frame]>
    private var frames: Frames

    init(samples: [Frame], frames: Frames) {
        self.samples = samples.makeIterator()
        self.frames = frames
    }

    mutating func next() -> PipelineItem? {
        if let sample = samples.next() { return .sample(sample) }
        return frames.next().map { .frame($0) }
    }
}
