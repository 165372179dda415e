/// Matrix products, public and checked, plus the unchecked in-place forms the solvers use.
///
/// The public functions check shapes and allocate their result; the internal `…(into:)` forms write
/// into a caller-owned matrix of the right shape (the solver's workspace) and leave the shape checks
/// to the caller, which makes them once when it builds the workspace.
extension Matrix {
    /// `self · other`.
    ///
    /// - Throws: `NMFError.shapeMismatch` when `self.columns != other.rows`.
    public func times(_ other: Matrix) throws -> Matrix {
        guard columns == other.rows else {
            throw NMFError.shapeMismatch(what: "right factor", expected: "\(columns) rows",
                                         actual: "\(other.rows)×\(other.columns)")
        }
        var out = Matrix(validRows: rows, columns: other.columns,
                         values: [Double](repeating: 0, count: rows * other.columns))
        Matrix.times(self, other, into: &out)
        return out
    }

    /// `self · otherᵀ`.
    ///
    /// - Throws: `NMFError.shapeMismatch` when `self.columns != other.columns`.
    public func timesTransposed(_ other: Matrix) throws -> Matrix {
        guard columns == other.columns else {
            throw NMFError.shapeMismatch(what: "right factor", expected: "\(columns) columns",
                                         actual: "\(other.rows)×\(other.columns)")
        }
        var out = Matrix(validRows: rows, columns: other.rows,
                         values: [Double](repeating: 0, count: rows * other.rows))
        Matrix.timesTransposed(self, other, into: &out)
        return out
    }

    /// `selfᵀ · other`.
    ///
    /// - Throws: `NMFError.shapeMismatch` when `self.rows != other.rows`.
    public func transposeTimes(_ other: Matrix) throws -> Matrix {
        guard rows == other.rows else {
            throw NMFError.shapeMismatch(what: "right factor", expected: "\(rows) rows",
                                         actual: "\(other.rows)×\(other.columns)")
        }
        var out = Matrix(validRows: columns, columns: other.columns,
                         values: [Double](repeating: 0, count: columns * other.columns))
        Matrix.transposeTimes(self, other, into: &out)
        return out
    }

    /// `out = a · b`; shapes must already fit (a: m×k, b: k×n, out: m×n).
    static func times(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
        withBuffers(a, b, into: &out) { pa, pb, po in
            MatrixKernels.times(pa, pb, m: a.rows, k: a.columns, n: b.columns, into: po)
        }
    }

    /// `out = a · bᵀ`; shapes must already fit (a: m×n, b: k×n, out: m×k).
    static func timesTransposed(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
        withBuffers(a, b, into: &out) { pa, pb, po in
            MatrixKernels.timesTransposed(pa, pb, m: a.rows, n: a.columns, k: b.rows, into: po)
        }
    }

    /// `out = aᵀ · b`; shapes must already fit (a: m×k, b: m×n, out: k×n).
    static func transposeTimes(_ a: Matrix, _ b: Matrix, into out: inout Matrix) {
        withBuffers(a, b, into: &out) { pa, pb, po in
            MatrixKernels.transposeTimes(pa, pb, m: a.rows, k: a.columns, n: b.columns, into: po)
        }
    }

    /// Calls `body` with the values of `a`, of `b` and of `out` (writable): one place for the
    /// nesting every product needs.
    @inline(__always)
    static func withBuffers(_ a: Matrix, _ b: Matrix, into out: inout Matrix,
                            _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>,
                                     UnsafeMutableBufferPointer<Double>) -> Void) {
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                out.values.withUnsafeMutableBufferPointer { po in body(pa, pb, po) }
            }
        }
    }
}
