import Foundation

/// One kind of plot in a `PanelScene` row.
///
/// The names are those of `nmfviz --panels`, so that the command and the library speak alike.
public enum Panel: String, Sendable, CaseIterable {
    /// The data points, coloured by their first plotted coordinate (the article's left panel).
    case data
    /// Ŷ = WH with the basis vectors as arrows, titled with the iteration (the article's right panel).
    case reconstruction
    /// The loss at every iteration so far on a log axis, the current iteration marked.
    case loss

    /// Reads a comma-separated list such as `data,reconstruction,loss`, keeping its order.
    ///
    /// - Throws: `AnimationError.badValue(.panels, …)` for an empty list, an unknown name or a name given twice.
    public static func list(_ text: String) throws -> [Panel] {
        var panels: [Panel] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let panel = Panel(rawValue: name) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw AnimationError.badValue(
                    .panels, given: "",
                    reason: name.isEmpty ? "an empty panel name in '\(text)' (known: \(known))"
                                         : "unknown panel '\(name)' (known: \(known))")
            }
            guard !panels.contains(panel) else {
                throw AnimationError.badValue(.panels, given: "", reason: "the panel '\(name)' is listed twice in '\(text)'")
            }
            panels.append(panel)
        }
        return panels
    }
}
