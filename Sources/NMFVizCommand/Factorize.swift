import Animation
import ArgumentParser
import Codecs
import NMF
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `nmfviz factorize`: runs the solver and writes every snapshot as JSON.
struct Factorize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the NMF solver and write W, H and the loss of every iteration as JSON.",
        discussion: """
            The JSON holds the data, the options and one entry per iteration 0…N (with --every n: 0, n, 2n, … \
            and N; with --no-data, "data": null): \
            {"data": [[…]], "rank": 2, "loss": "frobenius", "solver": "mu", "init": "article", "seed": 32, \
            "snapshots": [{"iteration": 0, "loss": 377.73…, "W": [[…]], "H": [[…]]}, …]}.
            """)

    @OptionGroup var options: SolverOptions

    /// More iterations than this are surely a typo, and would take hours on large data.
    static let maximumIterations = 1_000_000

    @Option(parsing: .unconditional, help: "The number of iterations N: the output holds iterations 0…N.")
    var iterations = 50

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the JSON; - for standard output.",
                                                    valueName: "file"))
    var output = "-"

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Write every n-th iteration only: 0, n, 2n, … and the last (default 1: all), e.g. --every 10.",
        valueName: "n"))
    var every = 1

    // One flag rather than an --omit list: the JSON holds no reconstruction (it is W·H, which a
    // reader computes), so the data are the one part that can be left out.
    @Flag(name: .customLong("no-data"), help: "Leave the data out (\"data\": null); a notebook that has them need not read them again.")
    var noData = false

    /// What `--format` writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, npz
    }

    @Option(help: ArgumentHelp(
        "json (default) or npz: numpy's archive of iteration, loss, W (n×rows×k), H (n×k×columns) and data arrays for np.load (default npz for an --output ending in .npz), e.g. --format npz.",
        valueName: "json|npz"))
    var format: Format?

    /// The format written: `--format`, else npz for a .npz output, else JSON.
    var effectiveFormat: Format { format ?? (output.lowercased().hasSuffix(".npz") ? .npz : .json) }

    func validate() throws {
        guard (1...Self.maximumIterations).contains(iterations) else {
            throw ValidationError("--iterations must be between 1 and \(Self.maximumIterations), got \(iterations)")
        }
        guard (1...Self.maximumIterations).contains(every) else {
            throw ValidationError("--every must be between 1 and \(Self.maximumIterations), not \(every)")
        }
        if output != "-" { try SameFileCheck.refuse(data: options.data, output: output) }
    }

    func run() throws {
        let configuration = try options.makeConfiguration()
        try checkSpace(for: configuration)
        let solver = try NMFSolver(configuration)
        if effectiveFormat == .npz {
            let writer = try SnapshotNPZWriter(configuration: configuration, every: every, includesData: !noData)
            try AtomicTextOutput.writeBytes(to: output) { sink in
                try writer.write(iterations: iterations, to: sink)
            }
            return
        }
        let writer = try SnapshotJSONWriter(configuration: configuration, every: every, includesData: !noData)
        try AtomicTextOutput.writeBuffers(to: output) { sink in
            try writer.write(solver.makeSnapshots(iterations: iterations), bytes: sink)
        }
    }

    /// Refuses, before any work, JSON that the output's file system has no room for.
    ///
    /// Each number takes at most about 24 characters in JSON, 8 bytes in an .npz ("0.39298318563728973, "); the data are
    /// written once (unless `--no-data`), W and H once per written iteration (0, every, …
    /// and the last).
    func checkSpace(for configuration: NMFConfiguration) throws {
        let data = configuration.data
        if effectiveFormat == .npz {
            // An .npz has no zip64 records: refused before the run rather than after it.
            let written = Double(iterations / every + 2)
            let bytes = written * Double(configuration.rank) * Double(data.rows + data.columns) * 8
                + Double(data.rows) * Double(data.columns) * 8
            guard bytes < 4_000_000_000 else {
                throw ValidationError("--format npz: \(Int(written)) snapshots of W \(data.rows)×\(configuration.rank) and H \(configuration.rank)×\(data.columns) would be 4 GB or more; write fewer with --every")
            }
        }
        guard output != "-" else { return }
        let written = Double(iterations / every + 1 + (iterations % every == 0 ? 0 : 1))
        let numbers = written * Double(configuration.rank) * Double(data.rows + data.columns)
            + (noData ? 0 : Double(data.rows) * Double(data.columns))
        let estimate = numbers * (effectiveFormat == .npz ? 8 : 24)
        var info = statvfs()
        let folder = OutputPath.folder(of: output)
        // Pseudo file systems (/proc) report no blocks at all: nothing to compare with.
        guard statvfs(folder, &info) == 0, info.f_blocks > 0 else { return }
        let free = Double(info.f_bavail) * Double(info.f_frsize)
        if estimate > free {
            throw AnimationError.outOfSpace(
                path: output, what: "the JSON of \(Int(written)) snapshots (W \(data.rows)×\(configuration.rank), H \(configuration.rank)×\(data.columns))",
                needed: estimate, available: free)
        }
    }
}
