import Foundation

/// The dense kernels behind every matrix product of the solvers.
///
/// Design: each kernel works on raw row-major buffers whose sizes the caller has checked once
/// (the preconditions are stated per kernel), then runs a register-blocked loop over `SIMD4<Double>`
/// lanes with no bounds checks or branches in the body. Large products are split over cores with
/// `DispatchQueue.concurrentPerform` by *output* rows or columns, never by the summation index, and
/// every output element is summed in the same order whichever block or thread computes it, so the
/// results are bit-identical for any number of threads. Each kernel has a plain twin in the tests.
///
/// Measured (release, 2 cores, 2000×1000 data, k = 20, medians of 41 runs on a shared machine):
/// Y·Hᵀ ≈ 2.0 ms, so one Frobenius MU iteration ≈ 4.4 ms against numpy/OpenBLAS's 2.4 ms. The
/// inner loops already run at the throughput of the baseline x86-64 target (SSE2: separate 2-wide
/// multiplies and adds, no FMA); building with `-Xswiftc -target-cpu -Xswiftc haswell` gave ≈ 3.4 ms.
/// Large factorizations therefore hand their big products to the system BLAS when there is one
/// (`ProductEngine`, `CBLAS`); these kernels serve small data, every product when `NMFVIZ_BLAS=0`,
/// and machines without a BLAS.
enum MatrixKernels {
    typealias Source = UnsafeBufferPointer<Double>
    typealias Target = UnsafeMutableBufferPointer<Double>

    /// Below this many multiply-adds a product runs on the calling thread: dispatch costs more.
    static let parallelWorkThreshold = 1 << 17

    /// How many pieces a parallel loop is cut into: a few per core so uneven cores even out.
    static let parallelPieces = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)

    /// Runs `body(range, piece)` over `0..<count` cut into contiguous ranges, in parallel when `work`
    /// is large; `piece` (below `parallelPieces`) numbers the range, for per-piece scratch space.
    ///
    /// The ranges only decide *who* computes an output; kernels must not let them change *how*.
    static func forEachRange(count: Int, work: Int, _ body: (Range<Int>, Int) -> Void) {
        forEachRange(count: count, pieces: work >= parallelWorkThreshold ? parallelPieces : 1, body)
    }

    /// Runs `body(range, piece)` over `0..<count` cut into `min(pieces, count)` contiguous ranges,
    /// in parallel when there are several.
    static func forEachRange(count: Int, pieces requested: Int, _ body: (Range<Int>, Int) -> Void) {
        let pieces = min(requested, count)
        if pieces <= 1 {
            body(0..<count, 0)
            return
        }
        // The kernels hand disjoint output ranges to the pieces, which makes sharing `body` (and the
        // raw pointers it captures) across threads safe although the compiler cannot prove it.
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendableBox(escapable)
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                shared.value((count * piece / pieces)..<(count * (piece + 1) / pieces), piece)
            }
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    /// Sums the lanes in a fixed order, so a dot product never depends on which blocking computed it.
    @inline(__always)
    static func lanes(_ v: SIMD4<Double>) -> Double {
        (v[0] + v[1]) + (v[2] + v[3])
    }

    // MARK: - A · Bᵀ

    /// `out (m×k) = A (m×n) · Bᵀ`, where B is k×n: every output is a dot product of two contiguous rows.
    ///
    /// Precondition: `a.count ≥ m·n`, `b.count ≥ k·n`, `out.count ≥ m·k`, all sizes ≥ 1.
    /// Each dot product accumulates 4 lanes over j in steps of 4, sums the lanes, then adds the tail.
    static func timesTransposed(_ a: Source, _ b: Source, m: Int, n: Int, k: Int, into out: Target) {
        assert(m >= 1 && n >= 1 && k >= 1 && a.count >= m * n && b.count >= k * n && out.count >= m * k)
        guard let pa = a.baseAddress, let pb = b.baseAddress, let po = out.baseAddress else { return }
        let n4 = n & ~3
        forEachRange(count: m, work: m * n * k) { rowRange, _ in
            var i = rowRange.lowerBound
            while i < rowRange.upperBound {
                let twoRows = i + 1 < rowRange.upperBound
                let a0 = pa + i * n, a1 = twoRows ? pa + (i + 1) * n : a0
                var t = 0
                while t < k {
                    let twoCols = t + 1 < k
                    let b0 = pb + t * n, b1 = twoCols ? pb + (t + 1) * n : b0
                    var s00 = SIMD4<Double>(), s01 = SIMD4<Double>()
                    var s10 = SIMD4<Double>(), s11 = SIMD4<Double>()
                    var j = 0
                    while j < n4 {
                        let x0 = load(a0 + j), x1 = load(a1 + j)
                        let y0 = load(b0 + j), y1 = load(b1 + j)
                        s00 += x0 * y0
                        s01 += x0 * y1
                        s10 += x1 * y0
                        s11 += x1 * y1
                        j += 4
                    }
                    var r00 = lanes(s00), r01 = lanes(s01), r10 = lanes(s10), r11 = lanes(s11)
                    while j < n {
                        r00 += a0[j] * b0[j]
                        r01 += a0[j] * b1[j]
                        r10 += a1[j] * b0[j]
                        r11 += a1[j] * b1[j]
                        j += 1
                    }
                    po[i * k + t] = r00
                    if twoCols { po[i * k + t + 1] = r01 }
                    if twoRows {
                        po[(i + 1) * k + t] = r10
                        if twoCols { po[(i + 1) * k + t + 1] = r11 }
                    }
                    t += 2
                }
                i += 2
            }
        }
    }

    // MARK: - A · B

    /// `out (m×n) = A (m×k) · B (k×n)`, each output row built as Σₜ a[i,t] · B[t, :].
    ///
    /// Precondition: `a.count ≥ m·k`, `b.count ≥ k·n`, `out.count ≥ m·n`, all sizes ≥ 1.
    /// Every element is summed over t in ascending order, in whichever lane it lands.
    static func times(_ a: Source, _ b: Source, m: Int, k: Int, n: Int, into out: Target) {
        assert(m >= 1 && n >= 1 && k >= 1 && a.count >= m * k && b.count >= k * n && out.count >= m * n)
        guard let pa = a.baseAddress, let pb = b.baseAddress, let po = out.baseAddress else { return }
        forEachRange(count: m, work: m * n * k) { rowRange, _ in
            for i in rowRange {
                productRow(pa + i * k, pb, k: k, n: n, into: po + i * n)
            }
        }
    }

    /// One row of A · B: `out[j] = Σₜ arow[t] · b[t·n + j]` for j in 0..<n.
    @inline(__always)
    static func productRow(_ arow: UnsafePointer<Double>, _ pb: UnsafePointer<Double>, k: Int, n: Int,
                           into out: UnsafeMutablePointer<Double>) {
        let n8 = n & ~7
        var j = 0
        while j < n8 {
            var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
            var brow = pb + j
            for t in 0..<k {
                let w = SIMD4<Double>(repeating: arow[t])
                s0 += w * load(brow)
                s1 += w * load(brow + 4)
                brow += n
            }
            store(s0, out + j)
            store(s1, out + j + 4)
            j += 8
        }
        while j < n {
            var s = 0.0
            for t in 0..<k { s += arow[t] * pb[t * n + j] }
            out[j] = s
            j += 1
        }
    }

    // MARK: - Aᵀ · B

    /// Rows of B summed in one pass before the partial sums meet the output: 128 rows × 8 columns
    /// of B (8 KB) stay in L1 while every pair of t reuses them.
    static let transposeTimesRowChunk = 128

    /// `out (k×n) = Aᵀ · B` for A (m×k) and B (m×n): out[t, j] = Σᵢ a[i,t] · b[i,j].
    ///
    /// Precondition: `a.count ≥ m·k`, `b.count ≥ m·n`, `out.count ≥ k·n`, all sizes ≥ 1.
    /// Split over output columns in blocks of 8. Within a block, rows are taken in chunks of
    /// `transposeTimesRowChunk`: each chunk's sum runs over i ascending and is then added to the
    /// output, chunk after chunk, so the order per element is fixed whatever the threads.
    static func transposeTimes(_ a: Source, _ b: Source, m: Int, k: Int, n: Int, into out: Target) {
        assert(m >= 1 && n >= 1 && k >= 1 && a.count >= m * k && b.count >= m * n && out.count >= k * n)
        guard let pa = a.baseAddress, let pb = b.baseAddress, let po = out.baseAddress else { return }
        let blocks = (n + 7) / 8
        let chunk = transposeTimesRowChunk
        forEachRange(count: blocks, work: m * n * k) { blockRange, _ in
            for block in blockRange {
                let j0 = block * 8
                let width = min(8, n - j0)
                var i0 = 0
                while i0 < m {
                    let i1 = min(m, i0 + chunk)
                    let first = i0 == 0
                    var t = 0
                    while t < k {
                        if width == 8 && t + 1 < k {
                            var s00 = SIMD4<Double>(), s01 = SIMD4<Double>()
                            var s10 = SIMD4<Double>(), s11 = SIMD4<Double>()
                            for i in i0..<i1 {
                                let brow = pb + i * n + j0
                                let y0 = load(brow), y1 = load(brow + 4)
                                let w0 = SIMD4<Double>(repeating: pa[i * k + t])
                                let w1 = SIMD4<Double>(repeating: pa[i * k + t + 1])
                                s00 += w0 * y0
                                s01 += w0 * y1
                                s10 += w1 * y0
                                s11 += w1 * y1
                            }
                            let o0 = po + t * n + j0, o1 = po + (t + 1) * n + j0
                            if first {
                                store(s00, o0); store(s01, o0 + 4); store(s10, o1); store(s11, o1 + 4)
                            } else {
                                store(load(o0) + s00, o0)
                                store(load(o0 + 4) + s01, o0 + 4)
                                store(load(o1) + s10, o1)
                                store(load(o1 + 4) + s11, o1 + 4)
                            }
                            t += 2
                        } else {
                            for j in j0..<(j0 + width) {
                                var s = 0.0
                                for i in i0..<i1 { s += pa[i * k + t] * pb[i * n + j] }
                                po[t * n + j] = first ? s : po[t * n + j] + s
                            }
                            t += 1
                        }
                    }
                    i0 = i1
                }
            }
        }
    }

    // MARK: - Fused losses

    /// ‖Y − A·B‖²_F for Y (m×n), A (m×k), B (k×n) without storing A·B.
    ///
    /// Precondition: sizes as for `multiply`; `scratch.count ≥ parallelPieces · n` and
    /// `rowSums.count ≥ m`. Row sums are added in row order, so the total is thread-independent.
    static func squaredDistance(_ y: Source, _ a: Source, _ b: Source, m: Int, k: Int, n: Int,
                                scratch: Target, rowSums: Target) -> Double {
        assert(m >= 1 && n >= 1 && k >= 1 && y.count >= m * n && a.count >= m * k && b.count >= k * n)
        assert(scratch.count >= parallelPieces * n && rowSums.count >= m)
        guard let py = y.baseAddress, let pa = a.baseAddress, let pb = b.baseAddress,
              let ps = scratch.baseAddress, let pr = rowSums.baseAddress else { return 0 }
        let n4 = n & ~3
        forEachRange(count: m, work: m * n * k) { rowRange, piece in
            let row = ps + piece * n
            for i in rowRange {
                productRow(pa + i * k, pb, k: k, n: n, into: row)
                let yrow = py + i * n
                var s = SIMD4<Double>()
                var j = 0
                while j < n4 {
                    let d = load(yrow + j) - load(row + j)
                    s += d * d
                    j += 4
                }
                var total = lanes(s)
                while j < n {
                    let d = yrow[j] - row[j]
                    total += d * d
                    j += 1
                }
                pr[i] = total
            }
        }
        var sum = 0.0
        for i in 0..<m { sum += pr[i] }
        return sum
    }

    // MARK: - Small helpers

    /// Σ a[i]·b[i] over the shorter of the two, in four lanes summed in a fixed order, then the tail.
    static func innerProduct(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return 0 }
                let count = min(pa.count, pb.count)
                let count4 = count & ~3
                var s = SIMD4<Double>()
                var j = 0
                while j < count4 {
                    s += load(x + j) * load(y + j)
                    j += 4
                }
                var total = lanes(s)
                while j < count {
                    total += x[j] * y[j]
                    j += 1
                }
                return total
            }
        }
    }

    /// Σ a[i]², as `innerProduct(a, a)`.
    static func squaredNorm(_ a: [Double]) -> Double {
        innerProduct(a, a)
    }

    /// `dst (columns×rows) = srcᵀ` for a row-major `src` of rows×columns.
    static func transpose(_ src: Source, rows: Int, columns: Int, into dst: Target) {
        guard let ps = src.baseAddress, let pd = dst.baseAddress else { return }
        for i in 0..<rows {
            for j in 0..<columns { pd[j * rows + i] = ps[i * columns + j] }
        }
    }
}

/// Carries a value the kernels share across `concurrentPerform` threads; see `forEachRange`.
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
