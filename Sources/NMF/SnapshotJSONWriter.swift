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
/// round-trip form, so a reader gets back exactly the same bits. The text is produced in pieces
/// (header, one piece per snapshot, footer) so a long run never holds its whole document in memory.
public struct SnapshotJSONWriter: Sendable {
    /// The run written in the header: its data and scikit-learn's parameters.
    public let configuration: NMFConfiguration

    /// A writer for runs of `configuration`.
    public init(configuration: NMFConfiguration) {
        self.configuration = configuration
    }

    /// Writes the whole document for `snapshots`, handing each piece to `sink` as it is ready.
    public func write<S: Sequence>(_ snapshots: S, to sink: (String) throws -> Void) rethrows
        where S.Element == Snapshot {
        try sink(header())
        var first = true
        var last = 0
        for snapshot in snapshots {
            try sink((first ? "\n" : ",\n") + SnapshotJSONWriter.encode(snapshot))
            first = false
            last = snapshot.iteration
        }
        try sink(SnapshotJSONWriter.footer(iterations: last, stopped: nil))
    }

    /// Writes the whole document for a solver's run, stopping at the first snapshot that is not finite.
    ///
    /// - Throws: `NMFError.nonFiniteResult` from the snapshots (the document is then incomplete, and
    ///   the caller must not keep it), or what `sink` throws.
    public func write(_ snapshots: SnapshotSequence, to sink: (String) throws -> Void) throws {
        try sink(header())
        var iterator = snapshots.makeIterator()
        var first = true
        var last = 0
        while let snapshot = try iterator.nextSnapshot() {
            try sink((first ? "\n" : ",\n") + SnapshotJSONWriter.encode(snapshot))
            first = false
            last = snapshot.iteration
        }
        try sink(SnapshotJSONWriter.footer(iterations: last, stopped: iterator.stopReason))
    }

    /// The whole document as one string (for small runs and tests).
    public func document<S: Sequence>(_ snapshots: S) -> String where S.Element == Snapshot {
        var text = ""
        write(snapshots) { text += $0 }
        return text
    }

    /// Everything before the first snapshot.
    public func header() -> String {
        let c = configuration
        let seed: String = c.initialization.seed.map(String.init) ?? "null"
        let alphaH: String = c.alphaH.map(SnapshotJSONWriter.encode) ?? "\"same\""
        let tol: String = c.tolerance.map(SnapshotJSONWriter.encode) ?? "null"
        let maxIter: String = c.maximumIterations.map(String.init) ?? "null"
        let randomState: String = c.shuffle ? String(c.randomState) : "null"
        var text = "{\"data\": \(SnapshotJSONWriter.encode(c.data)), \"rank\": \(c.rank), "
        text += "\"loss\": \"\(c.loss.name)\", \"solver\": \"\(c.solver.name)\", "
        text += "\"init\": \"\(c.initialization.name)\", \"seed\": \(seed), "
        text += "\"beta_loss\": \(c.loss.sklearnJSON), \"alpha_W\": \(SnapshotJSONWriter.encode(c.alphaW)), "
        text += "\"alpha_H\": \(alphaH), \"l1_ratio\": \(SnapshotJSONWriter.encode(c.l1Ratio)), "
        text += "\"tol\": \(tol), \"max_iter\": \(maxIter), \"shuffle\": \(c.shuffle), "
        text += "\"random_state\": \(randomState), \"snapshots\": ["
        return text
    }

    /// Everything after the last snapshot: the last iteration and why the run ended.
    public static func footer(iterations: Int, stopped: StopReason?) -> String {
        "\n], \"n_iter\": \(iterations), \"stopped\": \(stopped.map { "\"\($0.rawValue)\"" } ?? "null")}\n"
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
