/// Everything a factorization run needs, validated once.
///
/// The initializer checks what would otherwise fail deep inside the iterations: a rank below 1,
/// negative or non-finite data, all-zero data, HALS with a loss other than Frobenius, an SVD-based
/// initialization with rank > min(m, n), custom matrices of the wrong shape.
public struct NMFConfiguration: Sendable {
    /// The data matrix Y (m×n), non-negative and finite.
    public let data: Matrix
    /// The number of components k.
    public let rank: Int
    public let loss: Loss
    public let solver: SolverKind
    public let initialization: Initialization

    /// The most numbers W and H may hold together: 2²⁷ doubles, 1 GiB (each solver keeps a few such
    /// buffers).
    public static let maximumFactorValues = 1 << 27

    /// The largest rank for m×n data: W, H and the k×k products (WᵀW, HHᵀ) within `maximumFactorValues`.
    public static func maximumRank(rows: Int, columns: Int) -> Int {
        let bySize = maximumFactorValues / max(1, rows + columns)
        let byGram = Int(Double(maximumFactorValues).squareRoot())
        return min(bySize, byGram)
    }

    /// Validates and stores a configuration.
    ///
    /// - Throws: `NMFError.invalidRank`, `.rankTooLargeForMemory`, `.invalidValue`, `.allZeroData`, `.unsupportedCombination`,
    ///   `.rankTooLargeForInitialization`, or `.shapeMismatch` for custom matrices.
    public init(data: Matrix, rank: Int = 2, loss: Loss = .frobenius, solver: SolverKind = .multiplicative,
                initialization: Initialization = .article(seed: 32)) throws {
        guard rank >= 1 else { throw NMFError.invalidRank(rank) }
        // A typo in the rank must not ask for terabytes (the allocation would abort the process).
        let (_, overflow) = data.rows.addingReportingOverflow(data.columns)
        guard !overflow, rank <= Self.maximumRank(rows: data.rows, columns: data.columns) else {
            throw NMFError.rankTooLargeForMemory(rank: rank, rows: data.rows, columns: data.columns)
        }
        try data.validateNonNegative(name: "Y")
        guard data.values.contains(where: { $0 > 0 }) else { throw NMFError.allZeroData(source: "Y") }
        guard solver.minimizes(loss) else {
            throw NMFError.unsupportedCombination("solver '\(solver.name)' minimizes the Frobenius loss only; use the multiplicative updates for '\(loss.name)'")
        }
        switch initialization {
        case .nndsvd, .nndsvda, .nndsvdar:
            guard rank <= min(data.rows, data.columns) else {
                throw NMFError.rankTooLargeForInitialization(rank: rank, rows: data.rows, columns: data.columns,
                                                             initialization: initialization.name)
            }
        case let .custom(w, h):
            guard w.rows == data.rows, w.columns == rank else {
                throw NMFError.shapeMismatch(what: "custom W", expected: "\(data.rows)×\(rank)", actual: "\(w.rows)×\(w.columns)")
            }
            guard h.rows == rank, h.columns == data.columns else {
                throw NMFError.shapeMismatch(what: "custom H", expected: "\(rank)×\(data.columns)", actual: "\(h.rows)×\(h.columns)")
            }
        case .article, .random:
            break
        }
        self.data = data
        self.rank = rank
        self.loss = loss
        self.solver = solver
        self.initialization = initialization
    }
}
