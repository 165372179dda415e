import Foundation

/// Writes a run as JSON for notebooks and other tools, one snapshot at a time.
///
/// Shape: `{"data": [[…], …], "rank": 2, "loss": "frobenius", "solver": "mu", "init": "article",
/// "seed": 32, "beta_loss": "frobenius", "alpha_W": 0, "alpha_H": "same", "l1_ratio": 0, "tol": null,
/// "max_iter": null, "shuffle": false, "random_state": null,
/// "snapshots": [{"iteration": 0, "loss": 377.73…, "W": [[…], …], "H": [[…], …]}, …],
/// "n_iter": 50, "stopped": "iterations"}`.
/// `seed` is `null` for initializations that draw nothing; the parameters after it carry
/// scikit-learn's names and values (`beta_loss` a string for β = 2, 1, 0, else the number; `tol` and
/// `max_iter` null when not set; `random_state` the shuffle's, null without shuffling). `n_iter` is
/// the last iteration written and `stopped` why the run ended (`StopReason`: "iterations",
/// "converged" or "max_iter"; null when the snapshots came from elsewhere). Doubles are written in Swift's shortest
/// round-trip form, so a reader gets back exactly the same bits. A minibatch run (`solver` "minibatch")
/// also records `MiniBatchNMF`'s own parameters after `random_state` (`batch_size`, `forget_factor`,
/// `fresh_restarts`, `fresh_restarts_max_iter`, `transform_max_iter`, `max_no_improvement`; null
/// when not set), and its footer scikit-learn's `n_iter` (passes over the data, ⌈steps / steps per
/// pass⌉) and `n_steps` (the last iteration: one iteration is one minibatch step). The text is produced in pieces
/// (header, one piece per snapshot, footer) so a long run never holds its whole document in memory.
///
/// A long run can be thinned: `every` keeps iterations 0, every, 2·every, … and the last one (where
/// the run ended), and `includesData` false writes `"data": null` (a notebook that has the data
/// already need not read them again). The shape is otherwise the same, so readers need no change.
public struct SnapshotJSONWriter: Sendable {
    /// The run written in the header: its data and scikit-learn's parameters.
    public let configuration: NMFConfiguration
    /// The step between the iterations written (1: all); the last iteration is always written.
    public let every: Int
    /// Whether the header holds the data (`"data": null` when not).
    public let includesData: Bool

    /// A writer for runs of `configuration`: every iteration, and the data.
    public init(configuration: NMFConfiguration) {
        self.configuration = configuration
        self.every = 1
        self.includesData = true
    }

    /// Writes iterations 0, `every`, 2·`every`, … and the last, with or without the data.
    ///
    /// - Throws: `NMFError.unsupportedCombination` for a step below 1.
    public init(configuration: NMFConfiguration, every: Int, includesData: Bool) throws(NMFError) {
        guard every >= 1 else {
            throw .unsupportedCombination("the step between written snapshots must be at least 1, not \(every)")
        }
        self.configuration = configuration
        self.every = every
        self.includesData = includesData
    }

    /// Writes the whole document for `snapshots`, handing each piece to `sink` as it is ready.
    public func write<S: Sequence>(_ snapshots: S, to sink: (String) throws -> Void) rethrows
        where S.Element == Snapshot {
        try sink(header())
        var thinning = Thinning(every: every)
        for snapshot in snapshots { try thinning.take(snapshot) { try sink(Self.piece($0, first: $1)) } }
        try thinning.finish { try sink(Self.piece($0, first: $1)) }
        try sink(footer(iterations: thinning.last, stopped: nil))
    }

    /// Writes the whole document for a solver's run, stopping at the first snapshot that is not finite.
    ///
    /// - Throws: `NMFError.nonFiniteResult` from the snapshots (the document is then incomplete, and
    ///   the caller must not keep it), or what `sink` throws.
    public func write(_ snapshots: SnapshotSequence, to sink: (String) throws -> Void) throws {
        try sink(header())
        var iterator = snapshots.makeIterator()
        var thinning = Thinning(every: every)
        while let snapshot = try iterator.nextSnapshot() {
            try thinning.take(snapshot) { try sink(Self.piece($0, first: $1)) }
        }
        try thinning.finish { try sink(Self.piece($0, first: $1)) }
        try sink(footer(iterations: thinning.last, stopped: iterator.stopReason))
    }

    /// Writes the whole document for a solver's run as UTF-8 bytes, in pieces of up to about 200 KB
    /// (`sink` must not keep the buffer it is given): the export's fast path, the same text as
    /// `write(_:to:)` byte for byte, with no `String` per number. The pieces are formatted and
    /// written on the other cores while the solver computes the next snapshot (`JSONPieceWriter`):
    /// `sink` gets them in order, one call at a time, but on those threads, not the caller's; all
    /// calls are over when this returns or throws. Memory stays flat in the run's length: only the
    /// snapshots whose pieces are in flight and the one held back off the step (see `every`) are kept.
    ///
    /// - Throws: `NMFError.nonFiniteResult` from the snapshots (the document is then incomplete, and
    ///   the caller must not keep it), or what `sink` throws.
    public func write(_ snapshots: SnapshotSequence, bytes sink: @escaping (UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        try write(snapshots, bytes: sink, slots: JSONPieceWriter.slots(processors: ProcessInfo.processInfo.activeProcessorCount),
                  pieceSize: Self.pieceSize)
    }

    /// The elements formatted as one piece: about 200 KB of text, enough to make a piece's cost
    /// per byte small and few enough that the in-flight pieces stay in the caches.
    static let pieceSize = 8192

    /// `write(_:bytes:)` with `slots` pieces in flight (0: formatted one by one on this thread) of at
    /// most `pieceSize` elements each.
    func write(_ snapshots: SnapshotSequence, bytes sink: @escaping (UnsafeRawBufferPointer) throws -> Void,
               slots: Int, pieceSize: Int) throws
    {
        let out = JSONPieceWriter(slots: slots, sink: sink)
        if includesData {
            for piece in JSONPiece.split(configuration.data, lead: "{\"data\": ", trail: headerAfterData(),
                                         size: pieceSize) {
                try out.submit(piece)
            }
        } else {
            try out.submit(JSONPiece(text: "{\"data\": null" + headerAfterData()))
        }
        func emit(_ snapshot: Snapshot, first: Bool) throws {
            let lead = (first ? "\n" : ",\n") + "{\"iteration\": \(snapshot.iteration), \"loss\": "
                + Self.encode(snapshot.loss) + ", \"W\": "
            for piece in JSONPiece.split(snapshot.w, lead: lead, trail: ", \"H\": ", size: pieceSize) {
                try out.submit(piece)
            }
            for piece in JSONPiece.split(snapshot.h, lead: "", trail: "}", size: pieceSize) { try out.submit(piece) }
        }
        var iterator = snapshots.makeIterator()
        var thinning = Thinning(every: every)
        while let snapshot = try iterator.nextSnapshot() { try thinning.take(snapshot, emit: emit) }
        try thinning.finish(emit: emit)
        try out.submit(JSONPiece(text: footer(iterations: thinning.last, stopped: iterator.stopReason)))
        try out.finish()
    }

    /// One snapshot's piece of the document: its separator, then its object.
    private static func piece(_ snapshot: Snapshot, first: Bool) -> String {
        (first ? "\n" : ",\n") + encode(snapshot)
    }

    /// Chooses the snapshots on the step, and holds back the latest one off it until the next
    /// arrives, so that the run's last iteration is written whether or not it is on the step; `emit`
    /// writes one, told whether it is the first. One rule for the text and the byte paths.
    private struct Thinning {
        let every: Int
        var first = true
        var last = 0
        var pending: Snapshot?

        init(every: Int) { self.every = every }

        mutating func take(_ snapshot: Snapshot, emit: (Snapshot, Bool) throws -> Void) rethrows {
            last = snapshot.iteration
            if snapshot.iteration % every == 0 {
                pending = nil
                try emit(snapshot, first)
                first = false
            } else {
                pending = snapshot
            }
        }

        mutating func finish(emit: (Snapshot, Bool) throws -> Void) rethrows {
            if let pending { try emit(pending, first) }
            pending = nil
            first = false
        }
    }

    /// The whole document as one string (for small runs and tests).
    public func document<S: Sequence>(_ snapshots: S) -> String where S.Element == Snapshot {
        var document = Document(writer: self)
        for snapshot in snapshots { document.add(snapshot) }
        return document.finish()
    }

    /// The document as one string, built one snapshot at a time as `document(_:)` builds it from a
    /// sequence: for a run that goes on anyway for another stage (the HTML player embeds it from the
    /// run recorded for its frames), so that the solver need not run again for it.
    public struct Document: Sendable {
        private let writer: SnapshotJSONWriter
        private var thinning: Thinning
        private var text: String

        /// The header of `writer`'s document, waiting for the snapshots.
        public init(writer: SnapshotJSONWriter) {
            self.writer = writer
            thinning = Thinning(every: writer.every)
            text = writer.header()
        }

        /// Adds the run's next snapshot (written when it is on the writer's step, or held back until
        /// the next one arrives, in case it is the last).
        public mutating func add(_ snapshot: Snapshot) {
            var piece = ""
            thinning.take(snapshot) { piece = SnapshotJSONWriter.piece($0, first: $1) }
            text += piece
        }

        /// The whole document: the snapshot held back, if any, and the footer (`stopped` null, as
        /// `document(_:)` writes it).
        public mutating func finish() -> String {
            var piece = ""
            thinning.finish { piece = SnapshotJSONWriter.piece($0, first: $1) }
            text += piece + writer.footer(iterations: thinning.last, stopped: nil)
            return text
        }
    }

    /// Everything before the first snapshot.
    public func header() -> String {
        let data = includesData ? SnapshotJSONWriter.encode(configuration.data) : "null"
        return "{\"data\": \(data)" + headerAfterData()
    }

    /// The header from the comma after the data on.
    private func headerAfterData() -> String {
        let c = configuration
        let seed: String = c.initialization.seed.map(String.init) ?? "null"
        let alphaH: String = c.alphaH.map(SnapshotJSONWriter.encode) ?? "\"same\""
        let tol: String = c.tolerance.map(SnapshotJSONWriter.encode) ?? "null"
        let maxIter: String = c.maximumIterations.map(String.init) ?? "null"
        let randomState: String = c.shuffle ? String(c.randomState) : "null"
        var text = ", \"rank\": \(c.rank), "
        text += "\"loss\": \"\(c.loss.name)\", \"solver\": \"\(c.solver.name)\", "
        text += "\"init\": \"\(c.initialization.name)\", \"seed\": \(seed), "
        text += "\"beta_loss\": \(c.loss.sklearnJSON), \"alpha_W\": \(SnapshotJSONWriter.encode(c.alphaW)), "
        text += "\"alpha_H\": \(alphaH), \"l1_ratio\": \(SnapshotJSONWriter.encode(c.l1Ratio)), "
        text += "\"tol\": \(tol), \"max_iter\": \(maxIter), \"shuffle\": \(c.shuffle), "
        text += "\"random_state\": \(randomState), "
        if c.solver == .minibatch {
            let o = c.miniBatch
            text += "\"batch_size\": \(o.batchSize), \"forget_factor\": \(SnapshotJSONWriter.encode(o.forgetFactor)), "
            text += "\"fresh_restarts\": \(o.freshRestarts), \"fresh_restarts_max_iter\": \(o.freshRestartsMaximumIterations), "
            text += "\"transform_max_iter\": \(o.transformMaximumIterations.map(String.init) ?? "null"), "
            text += "\"max_no_improvement\": \(o.maximumNoImprovement.map(String.init) ?? "null"), "
        }
        text += "\"snapshots\": ["
        return text
    }

    /// The steps of one pass over the data for a minibatch run (its footer's `n_iter` counts passes);
    /// nil for the other solvers.
    var stepsPerPass: Int? {
        configuration.solver == .minibatch ? configuration.miniBatch.stepsPerPass(rows: configuration.data.rows) : nil
    }

    /// This run's footer: `footer(iterations:stopped:stepsPerPass:)` with its own steps per pass.
    func footer(iterations: Int, stopped: StopReason?) -> String {
        Self.footer(iterations: iterations, stopped: stopped, stepsPerPass: stepsPerPass)
    }

    /// Everything after the last snapshot: the last iteration and why the run ended; with
    /// `stepsPerPass` (a minibatch run), `n_iter` is the passes ⌈iterations / stepsPerPass⌉ and
    /// `n_steps` the iterations, as scikit-learn's `MiniBatchNMF` counts them.
    public static func footer(iterations: Int, stopped: StopReason?, stepsPerPass: Int? = nil) -> String {
        let stopped = stopped.map { "\"\($0.rawValue)\"" } ?? "null"
        guard let stepsPerPass, stepsPerPass >= 1 else {
            return "\n], \"n_iter\": \(iterations), \"stopped\": \(stopped)}\n"
        }
        let passes = iterations / stepsPerPass + (iterations % stepsPerPass == 0 ? 0 : 1)
        return "\n], \"n_iter\": \(passes), \"n_steps\": \(iterations), \"stopped\": \(stopped)}\n"
    }

    /// One snapshot as a JSON object.
    public static func encode(_ snapshot: Snapshot) -> String {
        "{\"iteration\": \(snapshot.iteration), \"loss\": \(encode(snapshot.loss)), "
            + "\"W\": \(encode(snapshot.w)), \"H\": \(encode(snapshot.h))}"
    }

    /// A matrix as an array of row arrays.
    public static func encode(_ matrix: Matrix) -> String {
        var text = "["
        for i in 0..<matrix.rows {
            if i > 0 { text += ", " }
            text += "["
            for j in 0..<matrix.columns {
                if j > 0 { text += ", " }
                text += encode(matrix[i, j])
            }
            text += "]"
        }
        return text + "]"
    }

    /// A double in shortest round-trip form; JSON has no NaN or infinity, so those become `null`.
    public static func encode(_ value: Double) -> String {
        value.isFinite ? value.description : "null"
    }
}
