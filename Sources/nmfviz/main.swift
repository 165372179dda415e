import ArgumentParser

/// The `nmfviz` command: the root of the subcommands.
struct NMFViz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmfviz",
        abstract: "Animate the learning of a Non-negative Matrix Factorization.",
        subcommands: [Render.self, Factorize.self, BenchSolver.self, BenchEncoder.self],
        defaultSubcommand: Render.self)
}

MallocTuning.apply()
NMFViz.runAndExit()
