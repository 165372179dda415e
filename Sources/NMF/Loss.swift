/// The objective the solver minimizes and reports: scikit-learn's β-divergence family (`beta_loss`).
///
/// - `frobenius` (β = 2): ‖Y − WH‖²_F, the article's loss. It is reported whole, not halved as
///   scikit-learn's `_beta_divergence` reports it (twice that value).
/// - `kullbackLeibler` (β = 1): the generalized KL divergence Σ y·log(y/ŷ) − y + ŷ.
/// - `itakuraSaito` (β = 0): Σ y/ŷ − log(y/ŷ) − 1.
/// - any other real β: Σ (y^β + (β − 1) ŷ^β − β y ŷ^(β−1)) / (β (β − 1)).
///
/// Every loss but Frobenius is reported as `_beta_divergence` computes it: entries with y ≤ ε count
/// only through Σ ŷ (or Σ ŷ^β), and ŷ is clamped below at ε where y > ε (ε = float32's eps).
/// For β ≤ 0 the data must have no zeros (scikit-learn's rule; `NMFConfiguration` refuses them).
public struct Loss: Sendable, Hashable, CustomStringConvertible {
    /// The β of the divergence: 2 Frobenius, 1 Kullback–Leibler, 0 Itakura–Saito.
    public let beta: Double

    /// ‖Y − WH‖²_F (β = 2).
    public static let frobenius = Loss(validBeta: 2)
    /// The generalized Kullback–Leibler divergence (β = 1).
    public static let kullbackLeibler = Loss(validBeta: 1)
    /// The Itakura–Saito divergence (β = 0).
    public static let itakuraSaito = Loss(validBeta: 0)

    /// The β-divergence for any finite β.
    ///
    /// - Throws: `NMFError.invalidParameter(.beta, …)` when β is NaN or infinite.
    public init(beta: Double) throws {
        guard beta.isFinite else { throw NMFError.invalidParameter(.beta, value: beta, requirement: "a finite number") }
        self.beta = beta
    }

    init(validBeta beta: Double) {
        self.beta = beta
    }

    /// The loss called `name`: `frobenius`, `kl`, `kullback-leibler` or `itakura-saito`.
    public init?(name: String) {
        switch name {
        case "frobenius": self = .frobenius
        case "kl", "kullback-leibler": self = .kullbackLeibler
        case "itakura-saito": self = .itakuraSaito
        default: return nil
        }
    }

    /// The names `init(name:)` accepts.
    public static let names = ["frobenius", "kl", "kullback-leibler", "itakura-saito"]

    /// The short name: `frobenius`, `kl`, `itakura-saito`, or `beta=β` for other values.
    public var name: String {
        switch beta {
        case 2: return "frobenius"
        case 1: return "kl"
        case 0: return "itakura-saito"
        default: return "beta=\(beta)"
        }
    }

    /// scikit-learn's `beta_loss` value in JSON: its string for β = 2, 1, 0, else the number.
    public var sklearnJSON: String {
        switch beta {
        case 2: return "\"frobenius\""
        case 1: return "\"kullback-leibler\""
        case 0: return "\"itakura-saito\""
        default: return beta.description
        }
    }

    /// The short name.
    public var description: String { name }

    /// scikit-learn's exponent γ(β) of the multiplicative updates (Févotte & Idier 2011): 1/(2 − β)
    /// below 1, 1/(β − 1) above 2, else 1.
    public var updateExponent: Double {
        if beta < 1 { return 1 / (2 - beta) }
        if beta > 2 { return 1 / (beta - 1) }
        return 1
    }
}

/// The update rule that drives the iterations.
///
/// - `multiplicative`: Lee & Seung's multiplicative updates for the chosen loss, W first, then H
///   with the new W.
/// - `hals`: cyclic coordinate descent on the Frobenius loss (hierarchical ALS), as scikit-learn's
///   `solver='cd'`, with its regularization, shuffling and violation-based stopping. Frobenius only.
/// - `minibatch`: scikit-learn's `MiniBatchNMF`: the multiplicative updates on one batch of rows at a
///   time, H averaged over the batches seen (`NMFConfiguration.miniBatch`); any β.
public enum SolverKind: String, Sendable, Equatable, CaseIterable {
    /// Lee & Seung's multiplicative updates (scikit-learn's `solver='mu'`).
    case multiplicative = "mu"
    /// Cyclic coordinate descent, Frobenius only (scikit-learn's `solver='cd'`).
    case hals
    /// scikit-learn's `MiniBatchNMF` (online multiplicative updates, one minibatch per iteration).
    case minibatch

    /// The command-line and JSON name: `mu`, `hals` or `minibatch`.
    public var name: String { rawValue }

    /// Whether this solver minimizes `loss`: the one place of the rule that HALS is Frobenius only
    /// (`NMFConfiguration` enforces it; front ends ask it to phrase their own messages).
    public func minimizes(_ loss: Loss) -> Bool {
        self != .hals || loss.beta == 2
    }
}
