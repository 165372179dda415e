import Foundation
import Plot
import Raster

/// The colormap against the theme's background: image data follow a dark theme (white ink on black,
/// as gray_r's black ink on white), and a colormap whose darkest colours would vanish on a dark
/// background is named, so the command can warn before drawing.
///
/// Visibility is WCAG's contrast ratio of relative luminances, (L₁ + 0.05) / (L₂ + 0.05): below
/// `minimumContrast` a colour is hard to tell from the background (jet's dark blue on black is 1.31,
/// viridis' purple 1.38; white on black 21). Only dark backgrounds are checked: on matplotlib's white
/// the colormaps' light ends (jet's yellow) are what matplotlib itself draws.
extension SceneStyle {
    /// The default colormap of image data on a dark theme: zero is black, the background, as zero is
    /// white with gray_r on a light one.
    public static let darkImageColormap = "gray"

    /// Below this contrast with the background the darkest colours count as vanishing.
    public static let minimumContrast = 1.5

    /// Whether the theme is dark (light text, as on a dark slide); a transparent figure keeps its theme.
    public var isDarkTheme: Bool { Self.luminance(theme.textColor) > 0.5 }

    /// A warning when the colormap's darkest colour nearly vanishes on a dark theme's background, or nil.
    /// It names the colormap, where its darkest colour is and the contrast; the caller says what to do.
    ///
    /// For image data a colormap whose low end is the background itself (gray on black) is not
    /// warned about: zero pixels are meant to be blank.
    ///
    /// - Parameter images: whether the scene draws image data (else points).
    /// - Throws: `RasterError` for an unknown colormap name.
    public func colormapWarning(images: Bool) throws -> String? {
        guard isDarkTheme else { return nil }
        let name = images ? imageColormapName : pointColormapName
        let table = try Colormap(named: name).table
        let background = theme.axesFace
        guard let darkest = table.indices.min(by: { Self.luminance(table[$0]) < Self.luminance(table[$1]) }) else {
            return nil
        }
        let contrast = Self.contrast(table[darkest], background)
        if images && darkest == table.startIndex && contrast < 1.1 { return nil }
        guard contrast < Self.minimumContrast else { return nil }
        let value = Double(darkest) / Double(max(1, table.count - 1))
        return "\(name)'s darkest colours (at \(String(format: "%.2f", value)), contrast "
            + "\(String(format: "%.2f", contrast)):1 with the background) nearly vanish on the dark theme"
    }

    /// WCAG's contrast ratio of two colours, 1 (the same luminance) to 21 (black and white).
    static func contrast(_ a: RGBA8, _ b: RGBA8) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// The relative luminance of an sRGB colour (WCAG 2), 0–1.
    static func luminance(_ c: RGBA8) -> Double {
        func linear(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
    }
}
