import ArgumentParser

/// The `nmfviz` command: the root of the subcommands.
struct NMFViz: ParsableCommand {
    /// The release this build is: the one place the version is written (`nmfviz --version`).
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nmfviz",
        abstract: "Animate the learning of a Non-negative Matrix Factorization.",
        version: "nmfviz \(version)",
        subcommands: [Render.self, Factorize.self, BenchSolver.self, BenchEncoder.self, BenchCSV.self, CheckGIF.self],
        defaultSubcommand: Render.self)
}

/// The entry points of the `nmfviz` executable and of the option parser's fuzzer.
public enum NMFVizMain {
    /// Runs `nmfviz` with the process's arguments and exits.
    public static func run() -> Never {
        // Before anything opens a file or starts a thread: closed standard streams are filled, and
        // the stopping signals are blocked here so that every later thread inherits the mask.
        StandardStreams.prepare()
        SignalHandling.install()
        MallocTuning.apply()
        NMFViz.runAndExit()
    }

    /// Parses and validates `arguments` as `nmfviz` would, without running anything.
    ///
    /// - Returns: nil when the arguments are accepted, else the one line `nmfviz` would print.
    public static func check(arguments: [String]) -> String? {
        do {
            _ = try NMFViz.parseAsRoot(arguments)
            return RepeatedOptions.complaint(arguments)
        } catch {
            return NMFViz.message(for: error)
        }
    }
}
