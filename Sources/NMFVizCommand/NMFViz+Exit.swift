import ArgumentParser
import Foundation
import Animation
import Codecs
import NMF
import Plot
import Raster

/// How the command ends: one line on stderr and an exit code a script can act on.
///
/// 0 success (and `--help`); 1 bad input (data, CSV, files, sizes: the modules' own errors);
/// 2 bad usage (unknown options, bad values, failed validation), where ArgumentParser alone would
/// use 64.
extension NMFViz {
    static let badInput: Int32 = 1
    static let badUsage: Int32 = 2

    /// Parses the arguments, runs the chosen subcommand, and exits.
    static func runAndExit(arguments: [String]? = nil) -> Never {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        // `nmfviz --help` explains the default command's options, which is what people run.
        if arguments == ["--help"] || arguments == ["-h"] {
            print(helpMessage(for: Render.self))
            print("\nOther commands: nmfviz factorize (the snapshots as JSON); see 'nmfviz help factorize'.")
            Foundation.exit(0)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exitWithUsageError(error)
        }
        if let complaint = RepeatedOptions.complaint(arguments) {
            fail("\(complaint) (see 'nmfviz help')", code: badUsage)
        }
        do {
            var mutable = command
            try mutable.run()
            Foundation.exit(0)
        } catch {
            if isBadInput(error) { fail(describe(error), code: badInput) }
            exitWithUsageError(error)
        }
    }

    /// The modules' own errors are about the input (data, files, sizes); anything else that escapes a
    /// command is about how it was called.
    static func isBadInput(_ error: any Error) -> Bool {
        error is NMFError || error is AnimationError || error is CodecsError || error is PlotError
            || error is RasterError || error is StandardStreams.WriteFailure
    }

    /// An error in one line, with the library's field names replaced by the command's flags.
    static func describe(_ error: any Error) -> String {
        if let error = error as? NMFError { return error.description(naming: flag) }
        guard let error = error as? AnimationError else { return "\(error)" }
        return error.description(naming: flag)
    }

    /// The flag that sets a parameter of the library's `NMFConfiguration`.
    static func flag(for parameter: NMFError.Parameter) -> String {
        switch parameter {
        case .beta: return "--beta"
        case .alphaW: return "--alpha-w"
        case .alphaH: return "--alpha-h"
        case .l1Ratio: return "--l1-ratio"
        case .tolerance: return "--tol"
        case .maximumIterations: return "--max-iter"
        case .batchSize: return "--batch-size"
        case .forgetFactor: return "--forget-factor"
        case .freshRestartsMaximumIterations: return "--fresh-restarts-max-iter"
        case .transformMaximumIterations: return "--transform-max-iter"
        case .maximumNoImprovement: return "--max-no-improvement"
        }
    }

    /// The flag that sets a field of the library's `Visualization`.
    static func flag(for field: AnimationError.Field) -> String {
        switch field {
        case .output: return "--output"
        case .frameCount: return "--frames"
        case .frameStep: return "--every"
        case .iteration: return "--iteration"
        case .rank: return "--rank"
        case .samples: return "--samples"
        case .columns: return "--columns"
        case .panels: return "--panels"
        case .filmstrip: return "--filmstrip"
        case .figureSize: return "--size"
        case .title: return "--title"
        case .comparison: return "--compare"
        case .points: return "--points"
        }
    }

    /// Help and version requests exit cleanly through ArgumentParser; real usage errors get one line and 2.
    static func exitWithUsageError(_ error: Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            exit(withError: error)
        }
        let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        fail("\(message) (see 'nmfviz help')", code: badUsage)
    }

    /// `text` with control and invisible format characters written as `\u{…}`, cut after 500 scalars.
    /// Text the modules already escaped (`NMFError.printable`) passes through unchanged.
    static func terminalSafe(_ text: String) -> String {
        var out = ""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == 500 {
                out += "…"
                break
            }
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || scalar.properties.generalCategory == .format {
                out += "\\u{\(String(v, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Prints one line and exits. The message may quote what the user typed (ArgumentParser quotes
    /// arguments raw), so control characters are escaped and the line is cut at 500 characters: an
    /// ANSI escape in an argument must not reach the terminal.
    static func fail(_ message: String, code: Int32) -> Never {
        StandardStreams.writeLine("nmfviz: error: \(terminalSafe(message))")
        Foundation.exit(code)
    }
}
