import Plot
import Raster

/// The four reference figures of Scripts/fixtures/plot_reference.py, built with Plot from the same data.
enum ReferenceFigures {
    typealias Fixture = ReferenceFixtures.Figure

    /// The article's frame: data on the left, W·H with the basis vectors (rows of H) on the right.
    static func article(_ f: Fixture) throws -> Figure {
        let X = f.X ?? [], Y = f.Y ?? [], W = f.W ?? [], H = f.H ?? []
        let n = X.count
        // Ŷ = W H with W n×2 and H 2×2, row-major.
        var rx = [Double](repeating: 0, count: n), ry = rx
        for i in 0..<n {
            rx[i] = W[2 * i] * H[0] + W[2 * i + 1] * H[2]
            ry[i] = W[2 * i] * H[1] + W[2 * i + 1] * H[3]
        }
        let jet = try Colormap(named: "jet")
        var figure = try Figure(widthInches: 10, heightInches: 4.5, dpi: 100)
        try figure.addSubplots(rows: 1, columns: 2)
        for i in 0..<2 {
            figure.axes[i].xLimits = (0, 4.5)
            figure.axes[i].yLimits = (0, 3.3)
        }
        try figure.axes[0].scatter(x: X, y: Y, size: 60, colors: X.map { jet.color(at: $0 * 0.25) },
                                   edgeColor: .black, edgeWidth: 0.1)
        figure.axes[1].title = String(f.iterations ?? 0)
        try figure.axes[1].scatter(x: rx, y: ry, size: 60, colors: rx.map { jet.color(at: $0 * 0.25) },
                                   edgeColor: .black, edgeWidth: 0.1)
        try figure.axes[1].quiver(x: [0], y: [0], u: [H[0]], v: [H[1]])
        try figure.axes[1].quiver(x: [0], y: [0], u: [H[2]], v: [H[3]])
        return figure
    }

    static func scatter(_ f: Fixture) throws -> Figure {
        var figure = try Figure(widthInches: 5, heightInches: 4, dpi: 100)
        try figure.addSubplots(rows: 1, columns: 1)
        try figure.axes[0].scatter(x: f.x ?? [], y: f.y ?? [], size: 40, values: f.c ?? [],
                                   colormap: try Colormap(named: "viridis"), edgeColor: .black, edgeWidth: 0.5)
        figure.axes[0].title = "scatter"
        figure.axes[0].xLabel = "x"
        figure.axes[0].yLabel = "y"
        return figure
    }

    /// The scatter as a 16:9 slide with matplotlib's `font.size` 16.
    static func slide16(_ f: Fixture) throws -> Figure {
        var figure = try Figure(widthInches: 12.8, heightInches: 7.2, dpi: 100,
                                theme: try Theme.matplotlib.withFontSize(f.fontSize ?? 16))
        try figure.addSubplots(rows: 1, columns: 1)
        try figure.axes[0].scatter(x: f.x ?? [], y: f.y ?? [], size: 40, values: f.c ?? [],
                                   colormap: try Colormap(named: "viridis"), edgeColor: .black, edgeWidth: 0.5)
        figure.axes[0].title = "reconstruction, iteration 12"
        figure.axes[0].xLabel = "height (cm)"
        figure.axes[0].yLabel = "weight (kg)"
        return figure
    }

    static func quiver(_ f: Fixture) throws -> Figure {
        var figure = try Figure(widthInches: 5, heightInches: 4, dpi: 100)
        try figure.addSubplots(rows: 1, columns: 1)
        try figure.axes[0].quiver(x: f.x ?? [], y: f.y ?? [], u: f.u ?? [], v: f.v ?? [])
        figure.axes[0].xLimits = (0, 4)
        figure.axes[0].yLimits = (0, 3.5)
        try figure.axes[0].text("short and long arrows", x: 0.2, y: 3.1)
        return figure
    }

    static func logline(_ f: Fixture) throws -> Figure {
        var figure = try Figure(widthInches: 5, heightInches: 4, dpi: 100)
        try figure.addSubplots(rows: 1, columns: 1)
        try figure.axes[0].line(x: f.x ?? [], y: f.y ?? [], width: 1.5)
        figure.axes[0].yScale = .log
        figure.axes[0].title = "Frobenius loss"
        figure.axes[0].xLabel = "iteration"
        return figure
    }

    /// Loss curves with a 'best' legend; tab10 arrows with their patches in the upper left.
    static func legend(_ f: Fixture) throws -> Figure {
        var figure = try Figure(widthInches: 10, heightInches: 4.5, dpi: 100)
        try figure.addSubplots(rows: 1, columns: 2)
        let names = ["mu", "hals", "mu, kl"]
        for (k, curve) in (f.curves ?? []).enumerated() {
            try figure.axes[0].line(x: f.x ?? [], y: curve, width: 1.5, color: ColorCycle.color(k))
        }
        figure.axes[0].yScale = .log
        figure.axes[0].xLimits = (0, 50)
        figure.axes[0].yLimits = (1e-3, 1e3)
        try figure.axes[0].legend(names.indices.map {
            Legend.Entry(names[$0], handle: .line(color: ColorCycle.color($0), widthPoints: 1.5))
        })
        figure.axes[1].xLimits = (0, 4.5)
        figure.axes[1].yLimits = (0, 3.3)
        let u = f.u ?? [], v = f.v ?? []
        for k in u.indices {
            try figure.axes[1].quiver(x: [0], y: [0], u: [u[k]], v: [v[k]], color: ColorCycle.color(k))
        }
        try figure.axes[1].legend(["h₁", "h₂", "h₃"].enumerated().map {
            Legend.Entry($0.element, handle: .patch(color: ColorCycle.color($0.offset)))
        }, location: .upperLeft)
        return figure
    }

    /// Five columns at rank 4: the reconstruction's points in their dominant component's colour, the
    /// projected arrows at least 10 shaft widths long (as nmfviz's `--color-by component`, less its
    /// arrows' outline: Agg places a quiver's edge up to half a pixel off, SSIM 0.9985 with it).
    static func components(_ f: Fixture) throws -> Figure {
        var figure = try Figure(widthInches: 5, heightInches: 4, dpi: 100)
        try figure.addSubplots(rows: 1, columns: 1)
        let l = f.limits ?? [0, 1, 0, 1]
        figure.axes[0].xLimits = (l[0], l[1])
        figure.axes[0].yLimits = (l[2], l[3])
        figure.axes[0].title = "rank 4 of 5 columns"
        figure.axes[0].xLabel = "a"
        figure.axes[0].yLabel = "b"
        try figure.axes[0].scatter(x: f.x ?? [], y: f.y ?? [], size: 60, colors: (f.c ?? []).map { ColorCycle.color(Int($0)) },
                                   edgeColor: .black, edgeWidth: 0.1)
        let u = f.u ?? [], v = f.v ?? []
        for k in u.indices {
            try figure.axes[0].quiver(x: [0], y: [0], u: [u[k]], v: [v[k]], color: ColorCycle.color(k),
                                      width: QuiverGeometry.defaultShaftWidth(count: 1, axesWidth: 1),
                                      minimumLength: 10)
        }
        try figure.axes[0].legend(["h₁", "h₂", "h₃", "h₄"].enumerated().map {
            Legend.Entry($0.element, handle: .patch(color: ColorCycle.color($0.offset)))
        }, location: .upperRight)
        return figure
    }

    /// The mathtext subset (`texts`) as the titles and axis labels of a 2×2 grid at 12 pt (`panels`
    /// names each panel's title, x label and y label).
    static func mathtextLabels(_ f: Fixture) throws -> Figure {
        var figure = try Figure(widthInches: 8, heightInches: 6, dpi: 100,
                                theme: try Theme.matplotlib.withFontSize(f.fontSize ?? 12))
        try figure.addSubplots(rows: 2, columns: 2)
        let texts = f.texts ?? []
        for (i, panel) in (f.panels ?? []).enumerated() where panel.count == 3 && panel.allSatisfy(texts.indices.contains) {
            figure.axes[i].xLimits = (0, 1)
            figure.axes[i].yLimits = (0, 1)
            figure.axes[i].title = texts[panel[0]]
            figure.axes[i].xLabel = texts[panel[1]]
            figure.axes[i].yLabel = texts[panel[2]]
        }
        return figure
    }

    /// The figure of the fixture called `name`.
    static func build(_ name: String, _ f: Fixture) throws -> Figure? {
        switch name {
        case "article": return try article(f)
        case "scatter": return try scatter(f)
        case "quiver": return try quiver(f)
        case "logline": return try logline(f)
        case "slide16": return try slide16(f)
        case "legend": return try legend(f)
        case "components": return try components(f)
        case "mathtext_labels": return try mathtextLabels(f)
        default: return nil
        }
    }
}
