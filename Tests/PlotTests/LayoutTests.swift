import Foundation
import Testing
@testable import Plot

@Suite struct LayoutTests {
    let layout = try! ReferenceFixtures.load(ReferenceFixtures.Layout.self, "layout.json")

    @Test func subplotBoxesMatchMatplotlib() throws {
        for case_ in layout.subplots {
            let boxes = try SubplotParameters.matplotlib.boxes(
                rows: case_.rows, columns: case_.columns, width: case_.width * 100, height: case_.height * 100)
            #expect(boxes.count == case_.boxes.count)
            for (box, expected) in zip(boxes, case_.boxes) {
                #expect(abs(box.x0 - expected[0]) < 1e-3 && abs(box.y0 - expected[1]) < 1e-3)
                #expect(abs(box.x1 - expected[2]) < 1e-3 && abs(box.y1 - expected[3]) < 1e-3)
            }
        }
    }

    @Test func articleAxesBoxesAreTheDocumentedOnes() throws {
        let boxes = try SubplotParameters.matplotlib.boxes(rows: 1, columns: 2, width: 1000, height: 450)
        #expect(abs(boxes[0].x0 - 125.0) < 1e-9 && abs(boxes[0].x1 - 477.2727) < 1e-4)
        #expect(abs(boxes[1].x0 - 547.7273) < 1e-4 && abs(boxes[1].x1 - 900.0) < 1e-9)
        #expect(abs(boxes[0].y0 - 54.0) < 1e-9 && abs(boxes[0].y1 - 400.5) < 1e-9)
    }

    @Test func emptyGridThrows() {
        #expect(throws: PlotError.invalidSubplotGrid(rows: 0, columns: 2)) {
            try SubplotParameters.matplotlib.boxes(rows: 0, columns: 2, width: 100, height: 100)
        }
    }

    @Test func quiverDefaultWidthMatchesMatplotlib() {
        for pair in layout.quiverWidths {
            let w = QuiverGeometry.defaultShaftWidth(count: Int(pair[0]), axesWidth: 1)
            #expect(abs(w - pair[1]) < 1e-12, "N = \(pair[0])")
        }
    }

    @Test func snappingPutsOddStrokesOnPixelCentres() {
        #expect(PixelSnapping.snap(125.0, strokeWidth: 1.11) == 125.5)
        #expect(PixelSnapping.snap(400.5, strokeWidth: 1.11) == 401.5)
        #expect(PixelSnapping.snap(477.27, strokeWidth: 1.11) == 477.5)
        #expect(PixelSnapping.snap(400.5, strokeWidth: 2.22) == 401.0)
        #expect(PixelSnapping.markerAnchor(359.85) == 360)
    }
}
