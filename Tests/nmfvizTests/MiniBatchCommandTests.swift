import Foundation
import Testing
@testable import NMFVizCommand

/// `--solver minibatch` and MiniBatchNMF's options through the command: the JSON under scikit-learn's
/// names (`batch_size`, `forget_factor`, `fresh_restarts`, `n_iter` in passes, `n_steps`), one line
/// naming the flag for a bad value, and `--compare` with its parameters.
@Suite struct MiniBatchCommandTests {
    @Test func factorizeRecordsTheMiniBatchParametersAndCountsPasses() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // 80 points in batches of 16: 5 steps a pass; max_iter 3 passes stops at step 15.
        let result = try runner.run(["factorize", "--solver", "minibatch", "--batch-size", "16", "--forget-factor", "1",
                                     "--fresh-restarts", "--max-iter", "3", "--iterations", "100", "--no-data",
                                     "--output", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["solver"] as? String == "minibatch" && json["batch_size"] as? Int == 16)
        #expect(json["forget_factor"] as? Double == 1 && json["fresh_restarts"] as? Bool == true)
        #expect(json["fresh_restarts_max_iter"] as? Int == 30 && json["transform_max_iter"] is NSNull)
        #expect(json["max_no_improvement"] is NSNull)
        #expect(json["n_iter"] as? Int == 3 && json["n_steps"] as? Int == 15 && json["stopped"] as? String == "max_iter")
        #expect((json["snapshots"] as? [Any])?.count == 16)

        // A batch larger than the data is all of it (scikit-learn clips it), even one beyond Int.
        let huge = try runner.run(["factorize", "--solver", "minibatch", "--batch-size", "100000000000000000000",
                                   "--max-iter", "4", "--iterations", "100", "--no-data", "--output", "-"])
        #expect(huge.status == 0, "\(huge.stderr)")
        let hugeJSON = try #require(try JSONSerialization.jsonObject(with: Data(huge.stdout.utf8)) as? [String: Any])
        #expect(hugeJSON["n_iter"] as? Int == 4 && hugeJSON["n_steps"] as? Int == 4)

        // The other solvers' JSON has no minibatch keys.
        let mu = try runner.run(["factorize", "--iterations", "2", "--no-data", "--output", "-"])
        #expect(!mu.stdout.contains("batch_size") && !mu.stdout.contains("n_steps"))
    }

    @Test(arguments: [
        (["--batch-size", "0"], "nmfviz: error: --batch-size = 0 is invalid: it must be a whole number ≥ 1 (see 'nmfviz help')\n"),
        (["--batch-size", "-5"], "nmfviz: error: --batch-size = -5 is invalid: it must be a whole number ≥ 1 (see 'nmfviz help')\n"),
        (["--batch-size", "1e20"], "nmfviz: error: The value '1e20' is invalid for '--batch-size <batch-size>': not a whole number (scikit-learn's batch_size takes integers ≥ 1) (see 'nmfviz help')\n"),
        (["--forget-factor", "nan"], "nmfviz: error: --forget-factor = nan is invalid: it must be between 0 and 1 (see 'nmfviz help')\n"),
        (["--forget-factor", "-1"], "nmfviz: error: --forget-factor = -1.0 is invalid: it must be between 0 and 1 (see 'nmfviz help')\n"),
        (["--forget-factor", "2"], "nmfviz: error: --forget-factor = 2.0 is invalid: it must be between 0 and 1 (see 'nmfviz help')\n"),
        (["--fresh-restarts-max-iter", "0"], "nmfviz: error: --fresh-restarts-max-iter = 0 is invalid: it must be a whole number ≥ 1 (see 'nmfviz help')\n"),
        (["--transform-max-iter", "-1"], "nmfviz: error: --transform-max-iter = -1 is invalid: it must be a whole number ≥ 1 (see 'nmfviz help')\n"),
        (["--max-no-improvement", "0"], "nmfviz: error: --max-no-improvement = 0 is invalid: it must be a whole number ≥ 1 (see 'nmfviz help')\n"),
        (["--compare", "batch_size=16,64"], "nmfviz: error: --compare batch_size=16,64 needs --solver minibatch: batch_size is a parameter of scikit-learn's MiniBatchNMF, which --solver mu does not read (see 'nmfviz help')\n"),
    ])
    func badValuesNameTheirFlag(arguments: [String], message: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let command = arguments.first == "--compare" ? ["render", "--output", "out.png"] : ["factorize", "--output", "out.json"]
        let result = try runner.run(command + ["--solver", arguments.first == "--compare" ? "mu" : "minibatch"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message)
        #expect(runner.contents().isEmpty)
    }

    @Test func renderComparesBatchSizesAndSolvers() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let sizes = try runner.run(["render", "--solver", "minibatch", "--compare", "batch_size=8,80",
                                    "--iteration", "12", "--output", "sizes.png"])
        #expect(sizes.status == 0, "\(sizes.stderr)")
        let solvers = try runner.run(["render", "--compare", "solver=mu,minibatch", "--batch-size", "16",
                                      "--iteration", "12", "--output", "solvers.png"])
        #expect(solvers.status == 0, "\(solvers.stderr)")
        #expect(runner.contents() == ["sizes.png", "solvers.png"])
        #expect(try Render.parse(["--solver", "minibatch", "--batch-size", "16", "--fresh-restarts"]).parameterComment()
            == "data=cos2 rank=2 loss=frobenius solver=minibatch init=article seed=32 batch_size=16 forget_factor=0.7 fresh_restarts=True fresh_restarts_max_iter=30")
    }
}
