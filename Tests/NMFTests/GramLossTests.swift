import Testing
@testable import NMF

/// The Frobenius loss through Gram matrices against the direct sum, and the products it shares.
struct GramLossTests {
    @Test(arguments: [(1, 1, 1), (7, 3, 5), (80, 2, 2), (300, 20, 257)])
    func gramLossMatchesDirectSum(m: Int, k: Int, n: Int) throws {
        let y = try uniformMatrix(rows: m, columns: n, seed: 40)
        let w = try uniformMatrix(rows: m, columns: k, seed: 41), h = try uniformMatrix(rows: k, columns: n, seed: 42)
        var gram = MultiplicativeFrobeniusState(data: y, w: w, h: h,
                                                engine: .swiftOnly, gramLoss: true)
        var direct = MultiplicativeFrobeniusState(data: y, w: w, h: h,
                                                  engine: .swiftOnly, gramLoss: false)
        let expected = direct.currentLoss()
        let viaGram = gram.products.gramLoss(w, h)
        #expect(viaGram != nil && viaGram == gram.currentLoss())
        #expect(abs(gram.currentLoss() - expected) <= 1e-11 * expected)
    }

    /// An exact factorization: the identity would return rounding noise, so the direct sum answers.
    @Test func exactFitFallsBackToDirectSum() throws {
        let w = try uniformMatrix(rows: 50, columns: 3, seed: 43), h = try uniformMatrix(rows: 3, columns: 40, seed: 44)
        let y = try w.times(h)
        var state = MultiplicativeFrobeniusState(data: y, w: w, h: h,
                                                 engine: .swiftOnly, gramLoss: true)
        #expect(state.products.gramLoss(w, h) == nil)
        var direct = MultiplicativeFrobeniusState(data: y, w: w, h: h,
                                                  engine: .swiftOnly, gramLoss: false)
        #expect(state.currentLoss() == direct.currentLoss())
        #expect(state.currentLoss() < 1e-20)
    }

    /// The products the loss leaves for the next step are the ones the step would compute: asking for
    /// the loss every iteration, every third, or never changes no bit of W and H.
    @Test(arguments: [SolverKind.multiplicative, .hals])
    func sharedProductsLeaveTheTrajectoryUnchanged(solver kind: SolverKind) throws {
        let data = try uniformMatrix(rows: 120, columns: 90, seed: 45)
        let solver = try NMFSolver(NMFConfiguration(data: data, rank: 6, solver: kind, initialization: .random(seed: 1)))
        let everyTime = SolverRun(solver: solver, engine: .swiftOnly, gramLoss: true, iterations: 12)
        let everyThird = SolverRun(solver: solver, engine: .swiftOnly, gramLoss: true, iterations: 12, lossEvery: 3)
        let direct = SolverRun(solver: solver, engine: .swiftOnly, gramLoss: false, iterations: 12)
        #expect(everyTime.w == direct.w && everyTime.h == direct.h)
        #expect(everyThird.w == direct.w && everyThird.h == direct.h)
        #expect(everyThird.losses.count == 5)
        for (t, loss) in everyTime.losses.enumerated() {
            #expect(abs(loss - direct.losses[t]) <= 1e-11 * direct.losses[t], "loss at \(t)")
        }
        #expect(everyThird.losses[4] == everyTime.losses[12])
    }

    /// The 4-lane inner product against a plain left-to-right sum, on lengths around the lane width.
    @Test(arguments: [0, 1, 3, 4, 5, 8, 11, 1000])
    func innerProductMatchesPlainSum(count: Int) {
        var random = NumpyRandom(seed: 49)
        let a = (0..<count).map { _ in random.normal() }, b = (0..<count).map { _ in random.normal() }
        var plain = 0.0, magnitude = 0.0
        for i in 0..<count {
            plain += a[i] * b[i]
            magnitude += abs(a[i] * b[i])
        }
        let fast = MatrixKernels.innerProduct(a, b)
        #expect(abs(fast - plain) <= 4 * Double(max(count, 1)) * Double.ulpOfOne * magnitude)
        if count < 4 { #expect(fast == plain) }
        #expect(MatrixKernels.squaredNorm(a) == MatrixKernels.innerProduct(a, a))
        #expect(MatrixKernels.innerProduct(a, Array(b.prefix(count / 2))) == MatrixKernels.innerProduct(
            Array(a.prefix(count / 2)), Array(b.prefix(count / 2))))
    }

    /// The large-data switch: the Gram loss from `gramLossWorkThreshold` multiply-adds on, Frobenius only (the KL state has no Frobenius workspace).
    @Test func gramLossIsChosenBySize() throws {
        let small = try uniformMatrix(rows: 80, columns: 2, seed: 46)
        let w = try uniformMatrix(rows: 80, columns: 2, seed: 47)
        #expect(!FrobeniusWorkspace(data: small, rank: w.columns, engine: .automatic(m: 80, n: 2, k: 2), gramLoss: nil).usesGramLoss)
        let large = try Matrix(rows: 1024, columns: 128, repeating: 1)
        let wl = try Matrix(rows: 1024, columns: 8, repeating: 1), hl = try Matrix(rows: 8, columns: 128, repeating: 1)
        #expect(FrobeniusWorkspace(data: large, rank: wl.columns, engine: .automatic(m: 1024, n: 128, k: 8), gramLoss: nil).usesGramLoss)
        #expect(makeUpdaterState(data: large, w: wl, h: hl, loss: .frobenius, solver: .hals) is HALSState)
        #expect(makeUpdaterState(data: large, w: wl, h: hl, loss: .kullbackLeibler, solver: .multiplicative) is MultiplicativeKLState)
    }
}
