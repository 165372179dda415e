import Foundation
import NMF
import Testing
@testable import Animation

/// `TitleFormat`: placeholders, printf-like formats, and the errors that list the known placeholders.
@Suite struct TitleFormatTests {
    static func snapshot() throws -> Snapshot {
        Snapshot(iteration: 7, w: try Matrix(rows: 2, columns: 1, values: [1, 2]),
                 h: try Matrix(rows: 1, columns: 2, values: [1, 1]), loss: 27.12966)
    }

    static func text(_ format: String, run: TitleFormat.Run = .init()) throws -> String {
        try TitleFormat(format).text(for: snapshot(), run: run) { 0.2043 }
    }

    @Test(arguments: [
        ("{iteration}", "7"),
        ("loss {loss}", "loss 27.13"),
        ("{loss:.3f} {loss:.2e} {loss:10.1f}|", "27.130 2.71e+01       27.1|"),
        ("it {iteration:03d} k={rank} {iteration:.1f}", "it 007 k=1 7.0"),
        ("{solver}/{loss_name} {relative_error:.1%}", "hals/kl 20.4%"),
        ("{relative_error}", "0.2043"),
        ("{{literal}} }", "{literal} }"),
        ("$\\hat{Y}_{k}$ at {iteration}", "$\\hat{Y}_{k}$ at 7"),
        ("cost in $ {loss:.1f}", "cost in $ 27.1"),
        ("", ""),
    ])
    func placeholdersAreFilledIn(format: String, expected: String) throws {
        #expect(try Self.text(format, run: .init(solver: .hals, loss: .kullbackLeibler)) == expected)
    }

    @Test(arguments: [
        ("{los}", "unknown placeholder {los}"),
        ("{Loss}", "unknown placeholder {Loss}"),
        ("{loss:.3q}", "{loss:.3q}: a format is [0][width][.precision] and f, e, g, %, such as {loss:.3f}"),
        ("{loss:d}", "{loss:d}: a format is"),
        ("{iteration:.2d}", "{iteration:.2d}: a format is"),
        ("{loss:.123f}", "{loss:.123f}: a format is"),
        ("{solver:>5}", "{solver:>5}: solver is text and takes no format"),
        ("step {iteration", "a '{' is not closed"),
    ])
    func badFormatsAreRefusedWithTheKnownPlaceholders(format: String, message: String) {
        #expect {
            try TitleFormat(format)
        } throws: { error in
            let text = (error as? AnimationError)?.description ?? ""
            return text.hasPrefix("the title '\(format)': ") && text.contains(message)
                && (message.contains("a format is") || message.contains("takes no format")
                    || text.contains("{iteration}, {loss}, {rank}, {solver}, {loss_name}, {relative_error}"))
        }
    }

    @Test func theRelativeErrorIsAskedForOnlyWhenUsed() throws {
        var asked = 0
        _ = try TitleFormat("{iteration} {loss}").text(for: Self.snapshot(), run: .init()) { asked += 1; return 0 }
        #expect(asked == 0)
        #expect(try TitleFormat("{relative_error}").uses(.relativeError))
    }

    @Test func theRelativeErrorIsTheFrobeniusRatio() throws {
        let data = try Matrix(rows: 2, columns: 2, values: [1, 1, 2, 3])
        // WH = [[1, 1], [2, 2]]: ‖Y − WH‖ = 1, ‖Y‖ = √15.
        let error = TitleFormat.relativeError(data: data, snapshot: try Self.snapshot())
        #expect(abs(error - 1 / 15.0.squareRoot()) < 1e-15)
    }
}
