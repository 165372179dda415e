import ArgumentParser
import Foundation
import NMF

/// `nmfviz bench-solver` (hidden): times the solver's iterations and prints the median as JSON.
///
/// Each timed iteration is one `next()` of the snapshot sequence, that is one update of W and H plus
/// the loss, exactly what `render` and `factorize` pay per frame. Iteration 0 (the initialization's
/// loss) is not timed. The data are a rows×columns matrix of numpy's `np.random.seed(seed); rand(rows,
/// columns)` unless `--data` names a CSV file (e.g. scikit-learn's digits written by Scripts/bench).
/// Set `NMFVIZ_BLAS=0` to time the pure-Swift kernels. With `--solver minibatch` an iteration is one
/// minibatch step (`--batch-size`), and `epoch_ms` is the median over the runs of one pass over the
/// data (the first ⌈rows / batch⌉ steps of each run, summed).
struct BenchSolver: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-solver",
        abstract: "Time the solver's iterations (median ms per iteration, as one JSON line).",
        shouldDisplay: false)

    @Option(help: "Rows m of the random data matrix.")
    var rows = 2000

    @Option(help: "Columns n of the random data matrix.")
    var columns = 1000

    @Option(help: ArgumentHelp("A CSV file to factorize instead of random data.", valueName: "path"))
    var data: String?

    @Option(help: "The number of components k.")
    var rank = 20

    @Option(help: "The update rule: mu, hals or minibatch.")
    var solver: SolverOptions.SolverName = .mu

    @Option(help: "--solver minibatch: the rows of one minibatch.")
    var batchSize = 1024

    @Option(help: "The loss: frobenius or kl.")
    var loss: SolverOptions.LossName = .frobenius

    @Option(help: "Timed iterations per run.")
    var iterations = 50

    @Option(help: "Runs, each from the same start; the median is over all their iterations.")
    var repeats = 5

    @Option(help: "The seed of the random data and of the random initialization.")
    var seed: UInt32 = 0

    func validate() throws {
        guard rows >= 1, columns >= 1 else { throw ValidationError("--rows and --columns must be at least 1") }
        guard rows.multipliedReportingOverflow(by: columns).partialValue <= 100_000_000 else {
            throw ValidationError("--rows × --columns must be at most 100000000")
        }
        guard rank >= 1 else { throw ValidationError("--rank must be at least 1, got \(rank)") }
        guard (1...100_000).contains(iterations) else { throw ValidationError("--iterations must be between 1 and 100000") }
        guard (1...1000).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 1000") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        if solver == .hals && loss == .kl {
            throw ValidationError("--solver hals minimizes the Frobenius loss only; use --solver mu with --loss kl")
        }
    }

    func run() throws {
        let matrix: Matrix
        if let data {
            matrix = try Dataset.named(data)
        } else {
            var random = NumpyRandom(seed: seed)
            matrix = try Matrix(rows: rows, columns: columns,
                                values: (0..<(rows * columns)).map { _ in random.randomSample() })
        }
        let configuration = try NMFConfiguration(data: matrix, rank: rank, loss: loss.loss, solver: solver.solver,
                                                 initialization: .random(seed: seed),
                                                 miniBatch: MiniBatchOptions(batchSize: batchSize))
        let nmf = try NMFSolver(configuration)
        var samples: [Double] = []
        samples.reserveCapacity(iterations * repeats)
        var finalLoss = 0.0
        let stepsPerPass = configuration.miniBatch.stepsPerPass(rows: matrix.rows)
        var epochs: [Double] = []
        for _ in 0..<repeats {
            var snapshots = nmf.makeSnapshots(iterations: iterations).makeIterator()
            _ = snapshots.next()
            var epoch = 0.0
            for step in 0..<iterations {
                let start = DispatchTime.now().uptimeNanoseconds
                guard let snapshot = snapshots.next() else { break }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                samples.append(elapsed)
                finalLoss = snapshot.loss
                if step < stepsPerPass { epoch += elapsed }
                if step + 1 == stepsPerPass { epochs.append(epoch) }
            }
        }
        epochs.sort()
        samples.sort()
        let median = samples.isEmpty ? 0 : samples[samples.count / 2]
        let blas = NMFSolver.blasLibrary(rows: matrix.rows, columns: matrix.columns, rank: rank)
        var load = [0.0, 0.0, 0.0]
        let loads = getloadavg(&load, 3)
        let fields: [String] = [
            "\"rows\": \(matrix.rows)", "\"columns\": \(matrix.columns)", "\"rank\": \(rank)",
            "\"solver\": \"\(solver.rawValue)\"", "\"loss\": \"\(loss.rawValue)\"",
            "\"iterations\": \(iterations)", "\"repeats\": \(repeats)",
            "\"median_ms\": \(rounded(median))", "\"min_ms\": \(rounded(samples.first ?? 0))",
            "\"blas\": " + (blas.map { "\"\($0)\"" } ?? "null"),
            "\"final_loss\": " + (finalLoss.isFinite ? "\(finalLoss)" : "null"),
            "\"load_average_1min\": \(loads > 0 ? rounded(load[0]) : -1)",
        ] + (solver == .minibatch ? ["\"batch_size\": \(batchSize)", "\"steps_per_pass\": \(stepsPerPass)",
                                     "\"epoch_ms\": " + (epochs.isEmpty ? "null" : "\(rounded(epochs[epochs.count / 2]))")] : [])
        print("{" + fields.joined(separator: ", ") + "}")
    }

    private func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}
