import Foundation
import Testing
@testable import Animation

@Suite struct LossBoundsTests {
    @Test func coversEveryRunWithMatplotlibsMargins() throws {
        let fixture = try TeachFixture.load()
        let bounds = LossBounds.covering(losses: [fixture.mu_losses], lastIteration: 49)
        #expect(PanelSceneTests.close([bounds.xLimits.lower, bounds.xLimits.upper], fixture.panels.xlim, 1e-12))
        #expect(PanelSceneTests.close([bounds.yLimits.lower, bounds.yLimits.upper], fixture.panels.ylim, 1e-9))
    }

    @Test func leavesOutWhatALogAxisCannotShow() {
        let bounds = LossBounds.covering(losses: [[100, 0, -3, .nan, .infinity, 1]], lastIteration: 5)
        let span = 2 * 0.05
        #expect(abs(log10(bounds.yLimits.lower) - (0 - span)) < 1e-12)
        #expect(abs(log10(bounds.yLimits.upper) - (2 + span)) < 1e-12)
        let empty = LossBounds.covering(losses: [[0, 0]], lastIteration: 1)
        #expect(empty.yLimits == (1, 10))
    }

    @Test func curveSkipsUndrawableLosses() {
        let curve = PanelArtists.curve([4, 0, 2, .nan, 1])
        #expect(curve.x == [0, 2, 4])
        #expect(curve.y == [4, 2, 1])
    }

    @Test func panelListKeepsItsOrder() throws {
        #expect(try Panel.list("loss,data") == [.loss, .data])
        #expect(try Panel.list("data, reconstruction ,loss") == [.data, .reconstruction, .loss])
        #expect(throws: AnimationError.badValue(.panels, given: "", reason: "unknown panel 'basis' (known: data, reconstruction, loss)")) {
            try Panel.list("data,basis")
        }
        #expect(throws: AnimationError.badValue(.panels, given: "", reason: "the panel 'data' is listed twice in 'data,data'")) {
            try Panel.list("data,data")
        }
        #expect(throws: AnimationError.self) { try Panel.list("") }
    }
}
