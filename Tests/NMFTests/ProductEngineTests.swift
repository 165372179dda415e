import Foundation
import Testing
@testable import NMF

/// The system BLAS path against the Swift kernels, the fixtures, and the choice between them.
///
/// The tests that call BLAS run when a BLAS with `cblas_dgemm` is installed (Scripts/setup adds
/// OpenBLAS where it can) and `NMFVIZ_BLAS` is not `0`; the rest run everywhere.
struct ProductEngineTests {
    static let blas = CBLAS.shared
    /// Every product on BLAS, however small, so that small shapes exercise it.
    static let everythingOnBLAS = blas.map { ProductEngine(blas: $0, minimumWork: 1) }

    /// (m, k, n): 1×1, odd sizes, and sizes where BLAS switches kernels or threads.
    static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (1, 3, 1), (3, 2, 5), (7, 5, 9), (13, 11, 31),
                                            (80, 2, 2), (300, 20, 257), (1000, 16, 64),
                                            // Tall and narrow (a 1,000,000 × 10 CSV, cut): Aᵀ·D sums over row blocks.
                                            (200_000, 5, 10), (50_000, 16, 16)]

    static func agree(_ a: Matrix, _ b: Matrix, inner: Int) -> Bool {
        // Both sum `inner` products of values of magnitude ≲ 4 (normal draws), in different orders.
        let tolerance = 64 * Double(inner) * Double.ulpOfOne
        return a.rows == b.rows && a.columns == b.columns
            && zip(a.values, b.values).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test(.enabled(if: blas != nil), arguments: shapes.indices)
    func blasProductsMatchSwiftKernels(shape: Int) throws {
        let engine = try #require(Self.everythingOnBLAS)
        let (m, k, n) = Self.shapes[shape]
        let r = MatrixKernelTests.randomMatrix
        let a = r(m, k, 21), b = r(k, n, 22), c = r(m, n, 23), d = r(m, n, 24)

        var product = try Matrix(rows: m, columns: n)
        engine.times(a, b, into: &product)
        #expect(Self.agree(product, try a.times(b), inner: k), "A·B \(m)×\(k)×\(n)")

        var right = try Matrix(rows: m, columns: k)
        engine.timesTransposed(c, b, into: &right)
        #expect(Self.agree(right, try c.timesTransposed(b), inner: n), "C·Bᵀ")

        var left = try Matrix(rows: k, columns: n)
        engine.transposeTimes(a, d, into: &left)
        #expect(Self.agree(left, try a.transposeTimes(d), inner: m), "Aᵀ·D")
    }

    /// BLAS rounds some elements differently when a product is cut differently, so the cut must be
    /// a function of the sizes alone (never of the core count); the pieces still agree to rounding.
    @Test(.enabled(if: blas != nil), arguments: [3, 8])
    func blasPiecesAgreeWithOneCall(pieces: Int) throws {
        let blas = try #require(Self.blas)
        let (m, n, k) = (301, 203, 13)
        let r = MatrixKernelTests.randomMatrix
        let y = r(m, n, 25), h = r(k, n, 26)
        var whole = [Double](repeating: 0, count: m * k), split = whole
        y.values.withUnsafeBufferPointer { py in
            h.values.withUnsafeBufferPointer { ph in
                guard let yp = py.baseAddress, let hp = ph.baseAddress else { return }
                whole.withUnsafeMutableBufferPointer { po in
                    guard let o = po.baseAddress else { return }
                    blas.timesTransposed(yp, hp, m: m, n: n, k: k, into: o)
                }
                split.withUnsafeMutableBufferPointer { po in
                    guard let o = po.baseAddress else { return }
                    MatrixKernels.forEachRange(count: m, pieces: pieces) { rows, _ in
                        blas.timesTransposed(yp + rows.lowerBound * n, hp, m: rows.count, n: n, k: k,
                                                into: o + rows.lowerBound * k)
                    }
                }
            }
        }
        let tolerance = 64 * Double(n) * Double.ulpOfOne
        #expect(zip(split, whole).allSatisfy { abs($0 - $1) <= tolerance })
    }

    @Test func workSaturatesInsteadOfTrapping() {
        #expect(ProductEngine.work(2000, 1000, 20) == 40_000_000)
        #expect(ProductEngine.work(1 << 40, 1 << 20, 4) == 1 << 62)
        #expect(ProductEngine.work(1 << 40, 1 << 20, 8) == Int.max)
        #expect(ProductEngine.work(1 << 30, 1 << 30, 1 << 10) == Int.max)
    }

    @Test func piecesDependOnSizesOnly() {
        #expect(ProductEngine.pieces(work: 1797 * 64 * 16) == 1)  // digits: one call
        #expect(ProductEngine.pieces(work: 2000 * 1000 * 20) == 19)
        #expect(ProductEngine.pieces(work: 1 << 40) == ProductEngine.maximumPieces)
        #expect(ProductEngine.pieces(work: 0) == 1)
    }

    @Test func smallProductsStayOnSwiftKernels() throws {
        let engine = ProductEngine(blas: Self.blas, minimumWork: 1000)
        #expect(engine.blasFor(10, 10, 9) == nil)
        #expect(ProductEngine.swiftOnly.blasFor(5000, 5000, 5000) == nil)
        if Self.blas != nil {
            #expect(engine.blasFor(10, 10, 10) != nil)
            // Sizes past Int32 cannot go through the 32-bit CBLAS interface.
            #expect(engine.blasFor(1 << 31, 1, 1) == nil)
        }
    }

    /// The article's 80×2 run must never reach BLAS: its snapshots are the Swift kernels' on every
    /// machine, for any number of cores.
    @Test func articleSizeStaysOnSwiftKernels() {
        #expect(ProductEngine.automatic(m: 80, n: 2, k: 2).blas == nil)
        #expect(ProductEngine.automatic(m: 1797, n: 64, k: 2).blas == nil)
        #expect(NMFSolver.blasLibrary(rows: 80, columns: 2, rank: 2) == nil)
        if let blas = Self.blas {
            #expect(ProductEngine.automatic(m: 2000, n: 1000, k: 20).blas?.libraryName == blas.libraryName)
            #expect(NMFSolver.blasLibrary(rows: 2000, columns: 1000, rank: 20) == blas.libraryName)
        }
    }

    @Test func environmentSwitchTurnsBLASOff() {
        #expect(!CBLAS.isAllowed(by: ["NMFVIZ_BLAS": "0"]))
        #expect(!CBLAS.isAllowed(by: ["NMFVIZ_BLAS": " 0 "]))
        #expect(CBLAS.isAllowed(by: ["NMFVIZ_BLAS": "1"]))
        #expect(CBLAS.isAllowed(by: [:]))
        if ProcessInfo.processInfo.environment["NMFVIZ_BLAS"] == "0" {
            #expect(CBLAS.shared == nil)
        }
    }

    /// OpenBLAS is told the kernel family the CPU's flags allow (it fell back to SSE3 kernels on an
    /// AVX-512 machine it did not know); a family the user chose wins, and the variable is gone after.
    @Test func openBLASGetsTheKernelsTheCPUAllows() throws {
        let avx512: Set<Substring> = ["sse2", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        let avx2: Set<Substring> = ["sse2", "avx", "avx2", "fma"]
        #if arch(x86_64)
        #expect(CBLAS.openBLASCoreType(cpuFlags: avx512) == "SkylakeX")
        #expect(CBLAS.openBLASCoreType(cpuFlags: avx512.subtracting(["avx512vl"])) == "Haswell")
        #expect(CBLAS.openBLASCoreType(cpuFlags: avx2) == "Haswell")
        #expect(CBLAS.openBLASCoreType(cpuFlags: avx2.subtracting(["fma"])) == nil)
        #endif
        #expect(CBLAS.openBLASCoreType(cpuFlags: []) == nil)

        let info = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(UUID().uuidString)")
        let text = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma\n\nprocessor\t: 1\nflags\t\t: fpu\n"
        try text.write(to: info, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: info) }
        #expect(CBLAS.cpuFlags(cpuinfo: info.path) == ["fpu", "sse2", "avx2", "fma"])
        #expect(CBLAS.cpuFlags(cpuinfo: "/nonexistent/cpuinfo").isEmpty)

        let variable = "NMFVIZ_TEST_CORETYPE"
        func seen() -> String? { getenv(variable).map { String(cString: $0) } }
        #expect(CBLAS.withEnvironment(variable, setTo: "Haswell", overriding: false) { seen() } == "Haswell")
        #expect(seen() == nil)
        setenv(variable, "Zen", 1)
        defer { unsetenv(variable) }
        #expect(CBLAS.withEnvironment(variable, setTo: "Haswell", overriding: false) { seen() } == "Zen")
        #expect(seen() == "Zen")
    }

    @Test func missingLibrariesGiveNoBLAS() {
        let before = getenv("OPENBLAS_NUM_THREADS").map { String(cString: $0) }
        #expect(CBLAS.load(candidates: ["libnmfviz-no-such-blas.so.9", "/nonexistent/libblas.so"]) == nil)
        // Loading sets OPENBLAS_NUM_THREADS only while it runs.
        #expect(getenv("OPENBLAS_NUM_THREADS").map { String(cString: $0) } == before)
    }

    /// The article's run with every product on BLAS and the Gram loss still matches numpy's replay.
    @Test(.enabled(if: blas != nil))
    func articleRunOnBLASMatchesNumpy() throws {
        let engine = try #require(Self.everythingOnBLAS)
        let fixture = try Fixture.article()
        let solver = try NMFSolver(NMFConfiguration(data: try Matrix(rowArrays: fixture.x)))
        let run = SolverRun(solver: solver, engine: engine, gramLoss: true, iterations: 50)
        for (t, loss) in run.losses.enumerated() {
            #expect(abs(loss - fixture.losses[t]) <= 1e-10 * fixture.losses[t], "loss at \(t)")
        }
        let last = try #require(fixture.steps["50"])
        #expect(relativeError(run.w, try last.w()) <= 1e-10)
        #expect(relativeError(run.h, try last.h()) <= 1e-10)
    }

    /// MU (Frobenius and KL) and HALS on data large enough for the automatic BLAS path: both engines
    /// follow the same trajectory up to rounding.
    @Test(.enabled(if: blas != nil), arguments: [(Loss.frobenius, SolverKind.multiplicative),
                                                 (.kullbackLeibler, .multiplicative), (.frobenius, .hals)])
    func blasAndSwiftRunsAgree(loss: Loss, solver kind: SolverKind) throws {
        let data = try uniformMatrix(rows: 360, columns: 300, seed: 3)
        let configuration = try NMFConfiguration(data: data, rank: 10, loss: loss, solver: kind,
                                                 initialization: .random(seed: 5))
        let solver = try NMFSolver(configuration)
        #expect(ProductEngine.automatic(m: 360, n: 300, k: 10).blas != nil)
        let onBLAS = SolverRun(solver: solver, engine: .automatic(m: 360, n: 300, k: 10), gramLoss: nil, iterations: 15)
        let onSwift = SolverRun(solver: solver, engine: .swiftOnly, gramLoss: nil, iterations: 15)
        #expect(relativeError(onBLAS.w, onSwift.w, floor: 1e-3) <= 1e-9)
        #expect(relativeError(onBLAS.h, onSwift.h, floor: 1e-3) <= 1e-9)
        for (a, b) in zip(onBLAS.losses, onSwift.losses) { #expect(abs(a - b) <= 1e-10 * b) }
    }
}

/// W, H after a run and the loss at every iteration, from a workspace with a chosen engine.
struct SolverRun {
    var w: Matrix
    var h: Matrix
    var losses: [Double] = []

    init(solver: NMFSolver, engine: ProductEngine, gramLoss: Bool?, iterations: Int, lossEvery: Int = 1) {
        let c = solver.configuration
        var state = makeUpdaterState(data: c.data, w: solver.initialW, h: solver.initialH, loss: c.loss,
                                       solver: c.solver, engine: engine, gramLoss: gramLoss)
        losses.append(state.currentLoss())
        for t in 1...iterations {
            state.step()
            if t % lossEvery == 0 { losses.append(state.currentLoss()) }
        }
        (w, h) = (state.w, state.h)
    }
}
