/// The leading singular triplets of a matrix, as the NNDSVD initializations need them.
///
/// Method: the eigenvectors of the Gram matrix of the smaller side (AᵀA or AAᵀ) by cyclic Jacobi
/// rotations, then the other side's vectors as A v / σ. When the smaller side is large, the Jacobi
/// step runs on a Rayleigh–Ritz projection after block subspace iteration (like scikit-learn's
/// randomized SVD, but from a fixed seed so the result is deterministic). Squaring the matrix costs
/// accuracy only in the *smallest* singular values, which NNDSVD does not rely on. Singular vectors
/// have an arbitrary sign; NNDSVD is insensitive to it.
struct TruncatedSVD {
    /// m×k left singular vectors (columns), zero where σ = 0.
    let u: Matrix
    /// k singular values, descending.
    let s: [Double]
    /// k×n right singular vectors (rows), zero where σ = 0.
    let vt: Matrix

    /// Gram matrices up to this side are diagonalized whole; larger ones go through subspace iteration.
    static let fullEigenLimit = 200

    /// Computes the `k` leading singular triplets of `a`; requires 1 ≤ k ≤ min(a.rows, a.columns).
    init(_ a: Matrix, k: Int) {
        let (m, n) = (a.rows, a.columns)
        let tall = m >= n
        // The Gram matrix of the smaller side: its eigenvectors are V (tall) or U (wide).
        let gram: Matrix
        if tall {
            var g = Matrix(validRows: n, columns: n, values: [Double](repeating: 0, count: n * n))
            Matrix.transposeTimes(a, a, into: &g)
            gram = g
        } else {
            var g = Matrix(validRows: m, columns: m, values: [Double](repeating: 0, count: m * m))
            Matrix.timesTransposed(a, a, into: &g)
            gram = g
        }
        let (values, vectors) = TruncatedSVD.leadingEigenpairs(of: gram, count: k)
        let sigma = values.map { max($0, 0).squareRoot() }
        // Singular values this far below the largest are rounding noise of the squared matrix.
        let cutoff = (sigma.first ?? 0) * 1e-10
        let d = gram.rows
        var near = vectors  // d×k: the known side's vectors as columns
        var far = Matrix(validRows: tall ? m : n, columns: k,
                         values: [Double](repeating: 0, count: (tall ? m : n) * k))
        if tall {
            Matrix.times(a, vectors, into: &far)  // A V: m×k
        } else {
            Matrix.transposeTimes(a, vectors, into: &far)  // Aᵀ U: n×k
        }
        for c in 0..<k {
            let keep = sigma[c] > cutoff
            for r in 0..<far.rows { far[r, c] = keep ? far[r, c] / sigma[c] : 0 }
            if !keep { for r in 0..<d { near[r, c] = 0 } }
        }
        u = tall ? far : near
        vt = (tall ? near : far).transposed()
        s = sigma
    }

    /// The `count` largest eigenvalues (descending) of the symmetric `g` and their eigenvectors as columns.
    static func leadingEigenpairs(of g: Matrix, count: Int) -> ([Double], Matrix) {
        let d = g.rows
        if d <= fullEigenLimit {
            let (values, vectors) = jacobiEigen(g)
            return (Array(values.prefix(count)), takeColumns(vectors, count))
        }
        // Block subspace iteration on a few more vectors than asked, then Rayleigh–Ritz.
        let p = min(d, count + 10)
        var random = NumpyRandom(seed: 0)
        var q = Matrix(validRows: d, columns: p, values: (0..<(d * p)).map { _ in random.standardNormal() })
        orthonormalizeColumns(&q)
        var z = q
        for _ in 0..<20 {
            Matrix.times(g, q, into: &z)
            q = z
            orthonormalizeColumns(&q)
        }
        Matrix.times(g, q, into: &z)
        var small = Matrix(validRows: p, columns: p, values: [Double](repeating: 0, count: p * p))
        Matrix.transposeTimes(q, z, into: &small)
        let (values, ritz) = jacobiEigen(small)
        var vectors = Matrix(validRows: d, columns: p, values: [Double](repeating: 0, count: d * p))
        Matrix.times(q, ritz, into: &vectors)
        return (Array(values.prefix(count)), takeColumns(vectors, count))
    }

    /// The first `count` columns of `a`.
    static func takeColumns(_ a: Matrix, _ count: Int) -> Matrix {
        var values = [Double]()
        values.reserveCapacity(a.rows * count)
        for r in 0..<a.rows { values.append(contentsOf: a.values[(r * a.columns)..<(r * a.columns + count)]) }
        return Matrix(validRows: a.rows, columns: count, values: values)
    }

    /// Modified Gram–Schmidt, twice for stability; a column that vanishes is left at zero.
    static func orthonormalizeColumns(_ q: inout Matrix) {
        let (d, p) = (q.rows, q.columns)
        for _ in 0..<2 {
            for c in 0..<p {
                for prior in 0..<c {
                    var dot = 0.0
                    for r in 0..<d { dot += q[r, prior] * q[r, c] }
                    for r in 0..<d { q[r, c] -= dot * q[r, prior] }
                }
                var norm = 0.0
                for r in 0..<d { norm += q[r, c] * q[r, c] }
                norm = norm.squareRoot()
                for r in 0..<d { q[r, c] = norm > 0 ? q[r, c] / norm : 0 }
            }
        }
    }

    /// All eigenpairs of a symmetric matrix by cyclic Jacobi rotations, eigenvalues descending.
    ///
    /// Each rotation zeroes one off-diagonal pair; sweeps stop when the off-diagonal mass is below
    /// rounding level relative to the whole matrix (or after 100 sweeps, far more than ever needed).
    static func jacobiEigen(_ g: Matrix) -> ([Double], Matrix) {
        let d = g.rows
        var a = g.values
        var v = [Double](repeating: 0, count: d * d)
        for i in 0..<d { v[i * d + i] = 1 }
        let total = a.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<d { for q in (p + 1)..<max(p + 1, d) { off += a[p * d + q] * a[p * d + q] } }
            if off <= total * 1e-32 || off == 0 { break }
            for p in 0..<(d - 1) {
                for q in (p + 1)..<d {
                    let apq = a[p * d + q]
                    if apq == 0 { continue }
                    let theta = (a[q * d + q] - a[p * d + p]) / (2 * apq)
                    let t = abs(theta) > 1e150
                        ? 0.5 / theta
                        : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for r in 0..<d {
                        let arp = a[r * d + p], arq = a[r * d + q]
                        a[r * d + p] = c * arp - s * arq
                        a[r * d + q] = s * arp + c * arq
                    }
                    for r in 0..<d {
                        let apr = a[p * d + r], aqr = a[q * d + r]
                        a[p * d + r] = c * apr - s * aqr
                        a[q * d + r] = s * apr + c * aqr
                    }
                    for r in 0..<d {
                        let vrp = v[r * d + p], vrq = v[r * d + q]
                        v[r * d + p] = c * vrp - s * vrq
                        v[r * d + q] = s * vrp + c * vrq
                    }
                }
            }
        }
        let order = (0..<d).sorted { a[$0 * d + $0] > a[$1 * d + $1] }
        let values = order.map { a[$0 * d + $0] }
        var sorted = [Double](repeating: 0, count: d * d)
        for (newColumn, oldColumn) in order.enumerated() {
            for r in 0..<d { sorted[r * d + newColumn] = v[r * d + oldColumn] }
        }
        return (values, Matrix(validRows: d, columns: d, values: sorted))
    }
}
