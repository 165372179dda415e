import Plot
import Testing
@testable import Animation

/// Issue 18: image data follow the dark theme, and colormaps whose darkest colours vanish on a dark
/// background are named (a pure function of the style, tested without drawing).
struct ColormapContrastTests {
    static func style(dark: Bool, colormap: String? = nil, transparent: Bool = false) -> SceneStyle {
        var style = SceneStyle()
        style.theme = dark ? .dark : .matplotlib
        if transparent { style.theme = style.theme.withTransparentBackground }
        style.colormap = colormap
        return style
    }

    @Test func imageDataFollowTheTheme() {
        #expect(Self.style(dark: false).imageColormapName == "gray_r")
        #expect(Self.style(dark: true).imageColormapName == "gray")
        #expect(Self.style(dark: true, transparent: true).imageColormapName == "gray")
        #expect(Self.style(dark: true, colormap: "gray_r").imageColormapName == "gray_r")
        #expect(Self.style(dark: true).pointColormapName == "jet")
    }

    @Test(arguments: [
        (false, nil as String?, false, false), (false, "viridis", false, false), (false, nil, true, false),
        (true, "viridis", false, true), (true, "viridis", true, true), (true, nil, false, true),
        (true, "magma", true, false), (true, "magma", false, true), (true, "gray_r", true, true), (true, nil, true, false),
        (true, "Greens", false, false), (true, "Blues", true, false), (true, "Reds", false, false),
    ])
    func warnsOnlyWhenTheDarkestColoursVanish(dark: Bool, colormap: String?, images: Bool, warns: Bool) throws {
        let warning = try Self.style(dark: dark, colormap: colormap).colormapWarning(images: images)
        #expect((warning != nil) == warns, "\(warning ?? "no warning")")
        if let warning { #expect(warning.contains(colormap ?? (images ? "gray" : "jet"))) }
    }

    @Test func contrastIsWCAGs() {
        #expect(abs(SceneStyle.contrast(.black, .white) - 21) < 1e-9)
        #expect(SceneStyle.contrast(.black, .black) == 1)
    }

    @Test func unknownColormapThrows() {
        #expect(throws: (any Error).self) { try Self.style(dark: true, colormap: "nope").colormapWarning(images: false) }
    }
}
