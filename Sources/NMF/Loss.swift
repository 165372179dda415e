/// The objective the solver minimizes and reports.
///
/// - `frobenius`: ‖Y − WH‖²_F, the article's loss (not halved, unlike scikit-learn's).
/// - `kullbackLeibler`: the generalized KL divergence Σ y·log(y/ŷ) − y + ŷ, computed as scikit-learn
///   does: entries with y ≤ ε contribute only ŷ, and ŷ is clamped below at ε (ε = float32's eps).
public enum Loss: String, Sendable, Equatable, CaseIterable {
    case frobenius
    case kullbackLeibler = "kl"

    /// The command-line and JSON name: `frobenius` or `kl`.
    public var name: String { rawValue }
}

/// The update rule that drives the iterations.
///
/// - `multiplicative`: Lee & Seung's multiplicative updates for the chosen loss, W first, then H
///   with the new W.
/// - `hals`: cyclic coordinate descent on the Frobenius loss (hierarchical ALS), as scikit-learn's
///   default `solver='cd'` without shuffling or regularization. Frobenius only.
public enum SolverKind: String, Sendable, Equatable, CaseIterable {
    case multiplicative = "mu"
    case hals

    /// The command-line and JSON name: `mu` or `hals`.
    public var name: String { rawValue }

    /// Whether this solver minimizes `loss`: the one place of the rule that HALS is Frobenius only
    /// (`NMFConfiguration` enforces it; front ends ask it to phrase their own messages).
    public func minimizes(_ loss: Loss) -> Bool {
        self == .multiplicative || loss == .frobenius
    }
}
