import Animation
import ArgumentParser
import Foundation
import NMF
import Plot

extension Render {
    /// `--xlabel` / `--ylabel` values read as `[panel=]text`: the panel named before the first `=`
    /// (data, reconstruction or loss), or else both point panels (data and reconstruction).
    static func axisLabels(_ values: [String]) -> [Panel: String] {
        var labels: [Panel: String] = [:]
        for value in values {
            if let equals = value.firstIndex(of: "="), let panel = Panel(rawValue: String(value[..<equals])) {
                labels[panel] = String(value[value.index(after: equals)...])
            } else {
                labels[.data] = value
                labels[.reconstruction] = value
            }
        }
        return labels
    }

    /// `--legend`, read: matplotlib's location names, with hyphens or spaces.
    func legendLocation() throws -> Legend.Location {
        guard let legendOption else { return .best }
        guard let location = Legend.Location(rawValue: legendOption.lowercased().replacingOccurrences(of: "-", with: " ")) else {
            let known = Legend.Location.allCases.map { $0.rawValue.replacingOccurrences(of: " ", with: "-") }
            throw ValidationError("--legend must be one of \(known.joined(separator: ", ")), not '\(legendOption)'")
        }
        return location
    }

    /// The names of a CSV file's columns (its header), which label the point panels' axes; nil for the
    /// built-in data sets and for files without a header.
    ///
    /// - Throws: `NMFError` when the file cannot be read (it was read once already, so rarely).
    func columnNames() throws -> [String]? {
        let data = solverOptions.data
        guard !Dataset.builtInNames.contains(data), data != DigitsDataset.name else { return nil }
        return try CSVReader.header(path: data)
    }
}
