import Testing
@testable import NMF

/// The blocked SIMD kernels against plain triple loops, on edge shapes and on sizes that run in parallel.
struct MatrixKernelTests {
    /// Shapes (m, k, n) covering 1×1, odd sizes, remainders of the 2×2, 4- and 8-wide blocks, and
    /// one product large enough for `concurrentPerform`.
    static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (1, 3, 1), (2, 1, 7), (3, 2, 5), (5, 3, 8), (7, 5, 9),
                                            (9, 4, 17), (16, 8, 16), (13, 11, 31), (300, 20, 257)]

    /// Aᵀ·B summed the way the kernel promises: rows in chunks, each chunk's sum added to the total.
    static func plainChunkedTransposeProduct(_ a: Matrix, _ b: Matrix, chunk: Int) -> Matrix {
        var out = [Double](repeating: 0, count: a.columns * b.columns)
        for t in 0..<a.columns {
            for j in 0..<b.columns {
                var total = 0.0
                for start in stride(from: 0, to: a.rows, by: chunk) {
                    var s = 0.0
                    for i in start..<min(a.rows, start + chunk) { s += a[i, t] * b[i, j] }
                    total = start == 0 ? s : total + s
                }
                out[t * b.columns + j] = total
            }
        }
        return Matrix(validRows: a.columns, columns: b.columns, values: out)
    }

    static func plainProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
        var out = [Double](repeating: 0, count: a.rows * b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var s = 0.0
                for t in 0..<a.columns { s += a[i, t] * b[t, j] }
                out[i * b.columns + j] = s
            }
        }
        return Matrix(validRows: a.rows, columns: b.columns, values: out)
    }

    static func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt32) -> Matrix {
        var random = NumpyRandom(seed: seed)
        return Matrix(validRows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in random.normal() })
    }

    @Test(arguments: shapes.indices)
    func productEqualsPlainLoop(shape: Int) throws {
        let (m, k, n) = Self.shapes[shape]
        let a = Self.randomMatrix(m, k, seed: 1), b = Self.randomMatrix(k, n, seed: 2)
        // Same summation order (t ascending) as the plain loop: bit-identical.
        #expect(try a.times(b) == Self.plainProduct(a, b))
    }

    @Test(arguments: shapes.indices)
    func transposeLeftProductEqualsPlainLoop(shape: Int) throws {
        let (m, k, n) = Self.shapes[shape]
        let a = Self.randomMatrix(m, k, seed: 3), b = Self.randomMatrix(m, n, seed: 4)
        let chunk = MatrixKernels.transposeTimesRowChunk
        #expect(try a.transposeTimes(b) == Self.plainChunkedTransposeProduct(a, b, chunk: chunk))
        if m <= chunk {
            #expect(try a.transposeTimes(b) == Self.plainProduct(a.transposed(), b))
        }
    }

    @Test(arguments: shapes.indices)
    func transposeRightProductMatchesPlainLoop(shape: Int) throws {
        let (m, k, n) = Self.shapes[shape]
        let a = Self.randomMatrix(m, n, seed: 5), b = Self.randomMatrix(k, n, seed: 6)
        let fast = try a.timesTransposed(b)
        let plain = Self.plainProduct(a, b.transposed())
        // The dot products sum 4 lanes then the tail: a different order, so rounding-level differences.
        let scale = Double(n).squareRoot() * 1e-15 * 8
        let worst = zip(fast.values, plain.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= scale)
        #expect(fast.rows == m && fast.columns == k)
    }

    /// Each output row must come out the same whichever piece of a parallel split computes it: the
    /// 300-row products run in parallel, single rows run serially.
    @Test func parallelRowsEqualSerialRows() throws {
        let a = Self.randomMatrix(300, 257, seed: 7), b = Self.randomMatrix(20, 257, seed: 8)
        let c = Self.randomMatrix(300, 20, seed: 9)
        let whole = try a.timesTransposed(b)
        let product = try c.times(b)
        for i in [0, 1, 2, 77, 150, 298, 299] {
            let row = try Matrix(rows: 1, columns: 257, values: a.rowArray(i))
            #expect(try row.timesTransposed(b).values == whole.rowArray(i), "row \(i) of A·Bᵀ")
            let crow = try Matrix(rows: 1, columns: 20, values: c.rowArray(i))
            #expect(try crow.times(b).values == product.rowArray(i), "row \(i) of C·B")
        }
    }

    @Test(arguments: [(1, 1, 1), (7, 3, 5), (300, 20, 257)])
    func fusedSquaredDistanceMatchesPlainSum(m: Int, k: Int, n: Int) throws {
        let y = Self.randomMatrix(m, n, seed: 10), w = Self.randomMatrix(m, k, seed: 11)
        let h = Self.randomMatrix(k, n, seed: 12)
        let fused = makeUpdaterState(data: y, w: w, h: h, loss: .frobenius, solver: .multiplicative)
        var state = fused
        let product = Self.plainProduct(w, h)
        var plain = 0.0
        for index in 0..<y.values.count { plain += (y.values[index] - product.values[index]) * (y.values[index] - product.values[index]) }
        #expect(abs(state.currentLoss() - plain) <= 1e-12 * plain)
    }

    @Test func productsCheckShapes() throws {
        let a = try Matrix(rows: 2, columns: 3), b = try Matrix(rows: 2, columns: 3)
        #expect(throws: NMFError.self) { try a.times(b) }
        #expect(try a.timesTransposed(b).rows == 2)
        #expect(try a.transposeTimes(b).rows == 3)
        #expect(throws: NMFError.invalidDimensions(rows: 0, columns: 3)) { try Matrix(rows: 0, columns: 3) }
        #expect(throws: NMFError.valueCountMismatch(rows: 2, columns: 2, count: 3)) { try Matrix(rows: 2, columns: 2, values: [1, 2, 3]) }
        #expect(throws: NMFError.self) { try Matrix(rowArrays: [[1, 2], [3]]) }
    }

    @Test func pairwiseMeanMatchesNumpysOrder() throws {
        // 0.1 repeated 1000 times: `np.full(1000, 0.1).mean()` is 0.10000000000000002 (numpy 2.4.6),
        // while a left-to-right sum gives 0.09999999999999859; the pairwise order must reproduce numpy's.
        let matrix = try Matrix(rows: 1000, columns: 1, repeating: 0.1)
        #expect(matrix.mean == 0.10000000000000002)
        #expect(matrix.values.reduce(0, +) / 1000 != matrix.mean)
    }
}
