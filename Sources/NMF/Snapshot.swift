/// The state of a factorization after one iteration (0 = the initialization).
///
/// W and H are values: keeping a snapshot keeps its matrices, dropping it lets the solver reuse their
/// storage. The reconstruction Ŷ = WH is computed only when asked for.
public struct Snapshot: Sendable, Equatable {
    /// 0 for the starting matrices, t after t iterations.
    public let iteration: Int
    /// m×k weights.
    public let w: Matrix
    /// k×n components: each row is a basis vector in data space.
    public let h: Matrix
    /// The configured loss of (W, H) against the data.
    public let loss: Double

    /// A snapshot of `w` (m×k) and `h` (k×n) after `iteration` iterations, with their `loss`; nothing is checked.
    public init(iteration: Int, w: Matrix, h: Matrix, loss: Double) {
        self.iteration = iteration
        self.w = w
        self.h = h
        self.loss = loss
    }

    /// Ŷ = WH (m×n).
    public func reconstruction() -> Matrix {
        var out = Matrix(validRows: w.rows, columns: h.columns, values: [Double](repeating: 0, count: w.rows * h.columns))
        Matrix.times(w, h, into: &out)
        return out
    }
}
