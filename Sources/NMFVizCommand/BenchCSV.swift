import ArgumentParser
import Foundation
import NMF

/// `nmfviz bench-csv FILE` (hidden): times `CSVReader.read` and prints the median as JSON.
///
/// Each run reads the whole file (open, read, parse, build the matrix), what `render` pays before
/// the solver starts. With `--dump`, the values are also written as raw little-endian doubles, row by
/// row, so that Scripts/bench can compare them bit for bit with numpy's `loadtxt`.
struct BenchCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-csv",
        abstract: "Time reading a CSV file (median seconds, as one JSON line).",
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("The CSV file to read.", valueName: "path"))
    var file: String

    @Option(help: "Timed reads; the median is printed.")
    var repeats = 5

    @Option(help: ArgumentHelp("Write the values read as raw little-endian doubles here.", valueName: "path"))
    var dump: String?

    func validate() throws {
        guard (1...1000).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 1000") }
    }

    func run() throws {
        var samples: [Double] = []
        var matrix: Matrix?
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            matrix = try CSVReader.read(path: file)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        guard let matrix else { return }
        if let dump {
            let bytes = matrix.values.withUnsafeBytes { Data($0) }
            try bytes.write(to: URL(fileURLWithPath: dump))
        }
        samples.sort()
        var load = [0.0, 0.0, 0.0]
        let loads = getloadavg(&load, 3)
        let fields: [String] = [
            "\"rows\": \(matrix.rows)", "\"columns\": \(matrix.columns)", "\"repeats\": \(repeats)",
            "\"median_s\": \(samples[samples.count / 2])", "\"min_s\": \(samples[0])",
            "\"load_average_1min\": \(loads > 0 ? load[0] : -1)",
        ]
        print("{" + fields.joined(separator: ", ") + "}")
    }
}
