import Foundation
import Testing
@testable import NMFVizCommand

/// scikit-learn's parameters through the command: the JSON under scikit-learn's names, the early end
/// of a run, and one line naming the flag for a bad value.
@Suite struct SolverParameterCommandTests {
    /// The files say which parameters made them: β instead of the loss's name when --beta is given, and
    /// scikit-learn's names for the regularization and stopping rules only when they are set.
    @Test func theCommentNamesScikitLearnsParameters() throws {
        #expect(try Render.parse([]).parameterComment() == "data=cos2 rank=2 loss=frobenius solver=mu init=article seed=32")
        let comment = try Render.parse(["--beta", "0.5", "--alpha-w", "0.1", "--l1-ratio", "0.5", "--tol", "0.001",
                                        "--max-iter", "30"]).parameterComment()
        #expect(comment == "data=cos2 rank=2 beta=0.5 solver=mu init=article seed=32 alpha_W=0.1 l1_ratio=0.5 tol=0.001 max_iter=30")
    }

    @Test func factorizeRecordsTheParametersAndWhyItStopped() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["factorize", "--beta", "1.5", "--alpha-w", "0.01", "--l1-ratio", "0.5",
                                     "--tol", "1e-3", "--iterations", "1000", "--output", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["beta_loss"] as? Double == 1.5 && json["alpha_W"] as? Double == 0.01)
        #expect(json["alpha_H"] as? String == "same" && json["l1_ratio"] as? Double == 0.5)
        #expect(json["tol"] as? Double == 1e-3 && json["stopped"] as? String == "converged")
        let iterations = try #require(json["n_iter"] as? Int)
        #expect(iterations % 10 == 0 && iterations < 1000)
        #expect((json["snapshots"] as? [Any])?.count == iterations + 1)

        let capped = try runner.run(["factorize", "--solver", "hals", "--shuffle", "--max-iter", "7", "--output", "-"])
        let cappedJSON = try #require(try JSONSerialization.jsonObject(with: Data(capped.stdout.utf8)) as? [String: Any])
        #expect(cappedJSON["n_iter"] as? Int == 7 && cappedJSON["stopped"] as? String == "max_iter")
        #expect(cappedJSON["shuffle"] as? Bool == true && cappedJSON["random_state"] as? Int == 32)
    }

    @Test(arguments: [
        (["--alpha-w", "-1"], "nmfviz: error: --alpha-w = -1.0 is invalid: it must be a finite number ≥ 0 (see 'nmfviz help')\n"),
        (["--l1-ratio", "2"], "nmfviz: error: --l1-ratio = 2.0 is invalid: it must be between 0 and 1 (see 'nmfviz help')\n"),
        (["--max-iter", "0"], "nmfviz: error: --max-iter = 0 is invalid: it must be at least 1 (see 'nmfviz help')\n"),
        (["--beta", "inf"], "nmfviz: error: --beta = inf is invalid: it must be a finite number (see 'nmfviz help')\n"),
        (["--solver", "hals", "--loss", "itakura-saito"],
         "nmfviz: error: --solver hals minimizes the Frobenius loss only; use --solver mu with --loss itakura-saito (see 'nmfviz help')\n"),
    ])
    func badValuesNameTheirFlag(arguments: [String], message: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["factorize", "--output", "out.json"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message)
        #expect(runner.contents().isEmpty)
    }

    @Test func itakuraSaitoRefusesTheDigitsZeros() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(["factorize", "--data", "digits", "--loss", "itakura-saito", "--output", "out.json"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("nmfviz: error: Y[0, 0] = 0: the β-divergence with β = 0.0 ≤ 0 needs data without zeros"))
        #expect(runner.contents().isEmpty)
    }
}
