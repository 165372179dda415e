import CDigits
import Codecs
import Foundation
import NMF

/// The 8×8 hand-written digits that NMF is taught with: 1797 images, pixel values 0–16, labels 0–9.
///
/// The UCI ML "Optical Recognition of Handwritten Digits" test set (Alpaydin & Kaynak, CC BY 4.0), as
/// scikit-learn ships it (`load_digits`). It is compiled into the binary as a 65×1797 greyscale PNG
/// (Assets/digits.png, from Scripts/fixtures/digits_asset.py): one image per row, the 64 pixel values
/// stored as they are in columns 0–63 and the label in column 64. It lives here rather than in `NMF`
/// because decoding needs Codecs' PNG reader, and `NMF` imports Foundation only.
public enum DigitsDataset {
    /// The name `--data` knows it by.
    public static let name = "digits"

    /// Number of images and pixels per image.
    public static let rows = 1797
    /// Pixels per image (8 × 8), the data's column count.
    public static let columns = 64

    /// The images (1797×64, values 0–16, row-major 8×8 each) and their labels.
    ///
    /// Rows 0–9 are the digits 0–9 in order, which makes the first rows good examples to show.
    ///
    /// - Throws: `CodecsError` or `NMFError.shapeMismatch` only if the embedded file is damaged.
    public static func load() throws -> (images: Matrix, labels: [Int]) {
        let data = Data(bytes: nmfviz_digits_png_bytes(), count: nmfviz_digits_png_size)
        let table = try PNGReader().decode(data, path: "the built-in digits")
        guard table.width == columns + 1, table.height == rows else {
            throw NMFError.shapeMismatch(what: "the built-in digits image", expected: "\(columns + 1)×\(rows)",
                                         actual: "\(table.width)×\(table.height)")
        }
        var values = [Double]()
        values.reserveCapacity(rows * columns)
        var labels = [Int]()
        labels.reserveCapacity(rows)
        // Grey decodes to equal R, G and B: the red channel holds the stored value.
        for y in 0..<rows {
            let start = y * table.width * 4
            for x in 0..<columns {
                values.append(Double(table.pixels[start + 4 * x]))
            }
            labels.append(Int(table.pixels[start + 4 * columns]))
        }
        return (try Matrix(rows: rows, columns: columns, values: values), labels)
    }
}
