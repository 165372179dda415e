import Testing
@testable import Plot

/// `Figure.tightSubplotParameters` against matplotlib's `fig.tight_layout()` (tight.json).
@Suite struct TightLayoutTests {
    struct Case: Decodable {
        struct Panel: Decodable { var log: Bool }
        var width: Double, height: Double, rows: Int, columns: Int, fontSize: Double
        var panels: [Panel]
        var parameters: [Double]
    }

    /// The fixture's grid: linear panels with the article's limits, log panels with a loss's, all
    /// titled and labelled.
    static func figure(_ c: Case) throws -> Figure {
        var figure = try Figure(widthInches: c.width, heightInches: c.height, dpi: 100,
                                theme: try Theme.matplotlib.withFontSize(c.fontSize))
        try figure.addSubplots(rows: c.rows, columns: c.columns)
        for (i, panel) in c.panels.enumerated() {
            figure.axes[i].xLimits = (0, panel.log ? 50 : 4.5)
            if panel.log {
                figure.axes[i].yScale = .log
                figure.axes[i].yLimits = (1e-2, 1e3)
            } else {
                figure.axes[i].yLimits = (0, 3.3)
            }
            figure.axes[i].title = panel.log ? "loss: 0.393" : "iteration 12"
            figure.axes[i].xLabel = panel.log ? "iteration" : "height (cm)"
            figure.axes[i].yLabel = panel.log ? "loss" : "weight (kg)"
        }
        return figure
    }

    @Test func theParametersAreMatplotlibs() throws {
        let cases = try ReferenceFixtures.load([Case].self, "tight.json")
        #expect(cases.count == 4)
        for c in cases {
            let p = try Self.figure(c).tightSubplotParameters(rows: c.rows, columns: c.columns)
            let want = c.parameters
            let widthPx = c.width * 100, heightPx = c.height * 100
            // Measured: equal to matplotlib's within 3e-16 (the same text boxes, the same arithmetic).
            let what = "\(c.rows)×\(c.columns) at \(c.fontSize) pt"
            #expect(abs(p.left - want[0]) * widthPx < 1e-9, "\(what) left \(p.left) vs \(want[0])")
            #expect(abs(p.right - want[1]) * widthPx < 1e-9, "\(what) right \(p.right) vs \(want[1])")
            #expect(abs(p.bottom - want[2]) * heightPx < 1e-9, "\(what) bottom \(p.bottom) vs \(want[2])")
            #expect(abs(p.top - want[3]) * heightPx < 1e-9, "\(what) top \(p.top) vs \(want[3])")
            #expect(abs(p.wspace - want[4]) < 1e-9, "\(what) wspace \(p.wspace) vs \(want[4])")
            #expect(abs(p.hspace - want[5]) < 1e-9, "\(what) hspace \(p.hspace) vs \(want[5])")
        }
    }

    @Test func textThatCannotFitIsAnError() throws {
        var figure = try Figure(widthInches: 1, heightInches: 1, dpi: 100, theme: try Theme.matplotlib.withFontSize(40))
        try figure.addSubplots(rows: 1, columns: 2)
        figure.axes[0].yLabel = "a long label"
        figure.axes[1].yLabel = "a long label"
        #expect(throws: PlotError.textDoesNotFit(rows: 1, columns: 2)) {
            try figure.tightSubplotParameters(rows: 1, columns: 2)
        }
        #expect(throws: PlotError.invalidSubplotGrid(rows: 2, columns: 2)) {
            try figure.tightSubplotParameters(rows: 2, columns: 2)
        }
    }
}
