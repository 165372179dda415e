import Animation
import NMF

/// What the HTML player takes from the run recorded for its frames: each run's losses and, with
/// `--embed-snapshots`, the first run's snapshots as `nmfviz factorize`'s JSON, through the last
/// iteration shown.
final class HTMLRun {
    private let last: Int
    private var document: SnapshotJSONWriter.Document?
    /// Per run, its losses after iterations 0, 1, … through the last shown (or its own end).
    private(set) var losses: [[Double]] = []
    /// The embedded document, once `finish` has run; nil without `--embed-snapshots`.
    private(set) var snapshotsJSON: String?

    /// Collects the runs shown through iteration `last`, embedding the first run, of `embedding`, if given.
    init(embedding: NMFConfiguration?, last: Int) {
        self.last = last
        document = embedding.map { SnapshotJSONWriter.Document(writer: SnapshotJSONWriter(configuration: $0)) }
    }

    /// One snapshot of the recording, as it is made.
    func observe(run: Int, _ snapshot: Snapshot) {
        if run == 0, snapshot.iteration <= last { document?.add(snapshot) }
    }

    /// Takes the losses from the finished recording and closes the document.
    func finish(_ recording: FrameRecording?) {
        losses = (recording?.losses ?? []).map { Array($0.prefix(last + 1)) }
        snapshotsJSON = document?.finish()
        document = nil
    }
}
