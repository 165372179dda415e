import ArgumentParser
import NMF

/// `nmfviz factorize`: runs the solver and writes every snapshot as JSON.
struct Factorize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the NMF solver and write W, H and the loss of every iteration as JSON.",
        discussion: """
            The JSON holds the data, the options and one entry per iteration 0…N: \
            {"data": [[…]], "rank": 2, "loss": "frobenius", "solver": "mu", "init": "article", "seed": 32, \
            "snapshots": [{"iteration": 0, "loss": 377.73…, "W": [[…]], "H": [[…]]}, …]}.
            """)

    @OptionGroup var options: SolverOptions

    /// More iterations than this are surely a typo, and would take hours on large data.
    static let maximumIterations = 1_000_000

    @Option(help: "The number of iterations N: the output holds iterations 0…N.")
    var iterations = 50

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the JSON; - for standard output.",
                                                    valueName: "file"))
    var output = "-"

    func validate() throws {
        guard (1...Self.maximumIterations).contains(iterations) else {
            throw ValidationError("--iterations must be between 1 and \(Self.maximumIterations), got \(iterations)")
        }
    }

    func run() throws {
        let configuration = try options.makeConfiguration()
        let solver = try NMFSolver(configuration)
        let writer = SnapshotJSONWriter(configuration: configuration)
        try AtomicTextOutput.write(to: output) { sink in
            try writer.write(solver.makeSnapshots(iterations: iterations), to: sink)
        }
    }
}
