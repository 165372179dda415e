/// Chooses, per product, between the system BLAS and the Swift kernels, for the solver's workspace.
///
/// Design: a product of at least `minimumWork` multiply-adds goes to `blas` when there is one; all
/// others, and every product when `blas` is `nil`, run on `MatrixKernels`. The article's 80×2 runs
/// never reach BLAS (see `automatic(m:n:k:)`), so their snapshots are the Swift kernels' bit for bit
/// on every machine and for any number of cores. BLAS results differ from the Swift ones only by
/// rounding (a different summation order). They do not depend on the number of cores either: the
/// engine cuts a large product into pieces by output rows or columns, how many depending only on
/// its sizes (`pieces(work:)`), and OpenBLAS computes each piece on one thread. They may differ
/// between machines whose OpenBLAS picks different kernels for the CPU, and with a BLAS other than
/// OpenBLAS that threads inside a call.
///
/// Like `Matrix.times(_:_:into:)` and its siblings, the methods leave the shape checks to the
/// caller (the solver checks once when it builds its workspace).
struct ProductEngine: Sendable {
    /// The BLAS to use for large products, or `nil` for the Swift kernels only.
    let blas: CBLAS?
    /// The smallest product (in multiply-adds) worth a BLAS call.
    let minimumWork: Int

    /// Only the Swift kernels.
    static let swiftOnly = ProductEngine(blas: nil, minimumWork: .max)

    /// Below this many multiply-adds per product of Y (m·n·k) a factorization stays on the Swift
    /// kernels entirely: small runs gain nothing from BLAS and keep machine-independent results.
    static let problemWorkThreshold = 1 << 20

    /// Products smaller than this stay on the Swift kernels even in a large factorization: the
    /// k×k Gram matrices and their products cost less than a BLAS call's thread start-up.
    static let productWorkThreshold = 1 << 16

    /// The engine for an m×n data matrix factorized with rank k: the shared system BLAS (unless
    /// `NMFVIZ_BLAS=0` or none is installed) when m·n·k reaches `problemWorkThreshold`.
    static func automatic(m: Int, n: Int, k: Int) -> ProductEngine {
        guard work(m, n, k) >= problemWorkThreshold, let blas = CBLAS.shared else { return .swiftOnly }
        return ProductEngine(blas: blas, minimumWork: productWorkThreshold)
    }

    /// The multiply-adds a BLAS call should have at least before a product is split over cores:
    /// below it, waking threads costs more than it saves (digits, 1797×64 with k = 16, ran about
    /// 25 % faster in one call than in eight pieces).
    static let workPerPiece = 1 << 21

    /// At most this many pieces per product: enough to keep any core count of a workstation busy.
    static let maximumPieces = 64

    /// How many pieces a product of `work` multiply-adds is cut into: a function of the sizes only.
    ///
    /// BLAS kernels round an output element differently depending on where it falls in a call's
    /// blocks (measured: a few elements of a 301×13 product change in the last bit when it is cut
    /// in 3 or 8 pieces), so the cut must not depend on the number of cores, or results would.
    static func pieces(work: Int) -> Int {
        max(1, min(maximumPieces, work / workPerPiece))
    }

    /// Runs `body` over `0..<count` in `pieces(work:)` contiguous ranges, in parallel when there are
    /// several. BLAS runs one thread per call (see `CBLAS.load`), so every piece is computed the same
    /// way whichever thread runs it.
    private func forEachPiece(count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        MatrixKernels.forEachRange(count: count, pieces: ProductEngine.pieces(work: work)) { range, _ in body(range) }
    }

    /// a·b·c multiply-adds, saturating at `Int.max` instead of trapping.
    static func work(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let (ab, first) = a.multipliedReportingOverflow(by: b)
        let (abc, second) = ab.multipliedReportingOverflow(by: c)
        return first || second ? Int.max : abc
    }

    /// The BLAS to use for a product of these sizes, if any.
    func blasFor(_ a: Int, _ b: Int, _ c: Int) -> CBLAS? {
        guard let blas, CBLAS.fits(a, b, c) else { return nil }
        return ProductEngine.work(a, b, c) >= minimumWork ? blas : nil
    }

    /// `out = a · b` (a: m×k, b: k×n, out: m×n).
    func times(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
        guard let blas = blasFor(a.rows, a.columns, b.columns) else {
            Matrix.times(a, b, into: &out)
            return
        }
        let (m, k, n) = (a.rows, a.columns, b.columns)
        Matrix.withBuffers(a, b, into: &out) { pa, pb, po in
            guard let a = pa.baseAddress, let b = pb.baseAddress, let o = po.baseAddress else { return }
            // Rows of A and of the output, split over cores.
            forEachPiece(count: m, work: ProductEngine.work(m, k, n)) { rows in
                blas.times(a + rows.lowerBound * k, b, m: rows.count, k: k, n: n,
                              into: o + rows.lowerBound * n)
            }
        }
    }

    /// `out = a · bᵀ` (a: m×n, b: k×n, out: m×k).
    func timesTransposed(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
        guard let blas = blasFor(a.rows, a.columns, b.rows) else {
            Matrix.timesTransposed(a, b, into: &out)
            return
        }
        let (m, n, k) = (a.rows, a.columns, b.rows)
        Matrix.withBuffers(a, b, into: &out) { pa, pb, po in
            guard let a = pa.baseAddress, let b = pb.baseAddress, let o = po.baseAddress else { return }
            // Rows of A and of the output, split over cores.
            forEachPiece(count: m, work: ProductEngine.work(m, n, k)) { rows in
                blas.timesTransposed(a + rows.lowerBound * n, b, m: rows.count, n: n, k: k,
                                        into: o + rows.lowerBound * k)
            }
        }
    }

    /// `out = aᵀ · b` (a: m×k, b: m×n, out: k×n).
    func transposeTimes(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
        guard let blas = blasFor(a.rows, a.columns, b.columns) else {
            Matrix.transposeTimes(a, b, into: &out)
            return
        }
        let (m, k, n) = (a.rows, a.columns, b.columns)
        let pieces = ProductEngine.pieces(work: ProductEngine.work(m, k, n))
        if n <= ProductEngine.narrowColumns && pieces > 1 {
            tallTransposeTimes(blas, a, b, pieces: pieces, into: &out)
            return
        }
        Matrix.withBuffers(a, b, into: &out) { pa, pb, po in
            guard let a = pa.baseAddress, let b = pb.baseAddress, let o = po.baseAddress else { return }
            // Columns of B and of the output, split over cores: the sum over m stays whole.
            forEachPiece(count: n, work: ProductEngine.work(m, k, n)) { columns in
                blas.transposeTimes(a, b + columns.lowerBound, m: m, k: k, n: columns.count,
                                            ldb: n, into: o + columns.lowerBound, ldc: n)
            }
        }
    }

    /// Outputs at most this wide (n columns of B) take `tallTransposeTimes` when the product is cut.
    static let narrowColumns = 16

    /// `out = aᵀ · b` for tall, narrow operands (a 1,000,000 × 10 CSV): the sum over the m rows is
    /// cut into `pieces` contiguous row blocks, each one BLAS call into its own k×n partial, and the
    /// partials are added in block order. Cutting by output columns instead, as for wide B, would read
    /// all of A and (strided) all of B once per piece: ten passes over a 10-column Y instead of one.
    /// The cut depends only on the sizes, so the result does not depend on the number of cores.
    private func tallTransposeTimes(_ blas: CBLAS, _ a: Matrix, _ b: Matrix, pieces: Int, into out: inout Matrix) {
        let (m, k, n) = (a.rows, a.columns, b.columns)
        let blocks = min(pieces, m)
        var partials = [Double](repeating: 0, count: blocks * k * n)
        Matrix.withBuffers(a, b, into: &out) { pa, pb, po in
            guard let a = pa.baseAddress, let b = pb.baseAddress, let o = po.baseAddress else { return }
            partials.withUnsafeMutableBufferPointer { pp in
                guard let p = pp.baseAddress else { return }
                MatrixKernels.forEachRange(count: m, pieces: blocks) { rows, block in
                    blas.transposeTimes(a + rows.lowerBound * k, b + rows.lowerBound * n, m: rows.count, k: k, n: n,
                                        ldb: n, into: p + block * k * n, ldc: n)
                }
                for index in 0..<(k * n) {
                    var sum = 0.0
                    for block in 0..<blocks { sum += p[block * k * n + index] }
                    o[index] = sum
                }
            }
        }
    }
}
