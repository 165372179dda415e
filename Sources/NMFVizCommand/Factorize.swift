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
        let writer = try SnapshotJSONWriter(configuration: configuration, every: every, includesData: !noData)
        try AtomicTextOutput.write(to: output) { sink in
            try writer.write(solver.makeSnapshots(iterations: iterations), to: sink)
        }
    }

    /// Refuses, before any work, JSON that the output's file system has no room for.
    ///
    /// Each number takes at most about 24 characters ("0.39298318563728973, "); the data are
    /// written once (unless `--no-data`), W and H once per written iteration (0, every, …
    /// and the last).
    func checkSpace(for configuration: NMFConfiguration) throws {
        guard output != "-" else { return }
        let data = configuration.data
        let written = Double(iterations / every + 1 + (iterations % every == 0 ? 0 : 1))
        let numbers = written * Double(configuration.rank) * Double(data.rows + data.columns)
            + (noData ? 0 : Double(data.rows) * Double(data.columns))
        let estimate = numbers * 24
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
