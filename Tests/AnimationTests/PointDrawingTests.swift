import Foundation
import NMF
@testable import Plot
import Raster
import Testing
@testable import Animation

/// `--points`: the parsing, the automatic switch, the sample, and the article's scene drawn as densities
/// on the axes its scatter has.
@Suite struct PointDrawingTests {
    @Test func parsesTheFourKindsAndRefusesTheRest() throws {
        #expect(try PointDrawing(parsing: "all") == .all)
        #expect(try PointDrawing(parsing: "density") == .density)
        #expect(try PointDrawing(parsing: "auto") == .automatic)
        #expect(try PointDrawing(parsing: "50000") == .sample(50000))
        #expect(try PointDrawing(parsing: "007") == .sample(7))
        let refused: [(String, String)] = [
            ("0", "the points 0: a number of rows must be at least 1"),
            ("-1", "the points -1: must be all, density, auto or a whole number of rows such as 50000"),
            ("1e30", "the points 1e30: must be all, density, auto or a whole number of rows such as 50000"),
            ("densityx", "the points densityx: must be all, density, auto or a whole number of rows such as 50000"),
            ("99999999999999999999", "the points 99999999999999999999: a number of rows must be at most \(Int.max)"),
            ("", "the points: must be all, density, auto or a whole number of rows such as 50000"),
            (" 5", "the points  5: must be all, density, auto or a whole number of rows such as 50000"),
            ("+5", "the points +5: must be all, density, auto or a whole number of rows such as 50000"),
            ("Density", "the points Density: must be all, density, auto or a whole number of rows such as 50000"),
            ("５", "the points ５: must be all, density, auto or a whole number of rows such as 50000"),
        ]
        for (text, message) in refused {
            do {
                _ = try PointDrawing(parsing: text)
                Issue.record("'\(text)' was accepted")
            } catch let error as AnimationError {
                #expect(error.description == message)
            }
        }
    }

    @Test func automaticSwitchesPastTheThresholdOnly() {
        let threshold = PointDrawing.densityThreshold
        #expect(threshold == 200_000)
        #expect(PointDrawing.automatic.resolved(rows: threshold) == .markers)
        #expect(PointDrawing.automatic.resolved(rows: threshold + 1) == .density)
        #expect(PointDrawing.automatic.switchesToDensity(rows: threshold + 1))
        #expect(!PointDrawing.automatic.switchesToDensity(rows: threshold))
        #expect(!PointDrawing.density.switchesToDensity(rows: 10 * threshold))  // chosen, not switched
        #expect(PointDrawing.all.resolved(rows: 10 * threshold) == .markers)
        #expect(PointDrawing.density.resolved(rows: 80) == .density)
        #expect(PointDrawing.sample(80).resolved(rows: 80) == .markers)
        #expect(PointDrawing.sample(Int.max).resolved(rows: 80) == .markers)
    }

    @Test func theSampleIsDeterministicAscendingAndExact() {
        for (n, rows) in [(1, 2), (7, 10), (500, 10_000), (9_999, 10_000), (50_000, 1_000_000)] {
            let sample = PointDrawing.sampleRows(n, of: rows)
            #expect(sample.count == n)
            #expect(zip(sample, sample.dropFirst()).allSatisfy { $0 < $1 })
            #expect(sample.first.map { $0 >= 0 } == true && sample.last.map { $0 < rows } == true)
            #expect(sample == PointDrawing.sampleRows(n, of: rows))
        }
        #expect(PointDrawing.sampleRows(5, of: 100) != PointDrawing.sampleRows(5, of: 100, seed: 20))
        // Spread over the rows, not bunched at the start: each decile holds about a tenth.
        let sample = PointDrawing.sampleRows(50_000, of: 1_000_000)
        for decile in 0..<10 {
            let inside = sample.filter { $0 / 100_000 == decile }.count
            #expect(abs(inside - 5000) < 300, "decile \(decile): \(inside)")
        }
    }

    /// 3000 noisy points on the article's curve, as a matrix.
    static func data() throws -> Matrix {
        var random = NumpyRandom(seed: 5)
        var values: [Double] = []
        for _ in 0..<3000 {
            let x = random.randomSample() * 4 + 0.2
            values += [x, cos(x) * cos(x) + 1 + 0.3 * random.randomSample()]
        }
        return try Matrix(rows: 3000, columns: 2, values: values)
    }

    static func scene(_ points: PointDrawing, data: Matrix) throws -> ArticleScene {
        var style = ArticleScene.Style()
        style.points = points
        return try ArticleScene(data: data, bounds: .init(xLimits: (0, 4.5), yLimits: (0, 3.3), colorRange: (0, 4)), style: style)
    }

    @Test func theArticleSceneAsDensitiesHasItsScatterAxes() throws {
        let data = try Self.data()
        let solver = try NMFSolver(NMFConfiguration(data: data))
        let snapshot = try #require(Array(solver.makeSnapshots(iterations: 3)).last)
        let markers = try Self.scene(.all, data: data).figure(for: snapshot)
        let density = try Self.scene(.density, data: data).figure(for: snapshot)
        for i in 0..<2 {
            guard case .density(let d)? = density.axes[i].artists.first else {
                Issue.record("axes \(i) has no density first")
                continue
            }
            #expect(d.x.count == 3000)
            guard case .scatter(let s)? = markers.axes[i].artists.first else {
                Issue.record("axes \(i) has no scatter first")
                continue
            }
            // The same points: the data's, and WH's two columns (to rounding, as summed per row).
            #expect(zip(d.x, s.x).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
            #expect(zip(d.y, s.y).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
        }
        let a = try markers.layouts(), b = try density.layouts()
        for (p, q) in zip(a, b) {
            #expect(p.x == q.x && p.y == q.y && p.xTicks == q.xTicks && p.yTicks == q.yTicks)
        }
        // Outside the axes' clip boxes the two pictures are the same.
        let p = try markers.render(), q = try density.render()
        func r(_ v: Double) -> Int { Int((v + 0.5).rounded(.down)) }
        let boxes = b.map { (x: r($0.box.x0)..<r($0.box.x1), y: r($0.box.y0)..<r($0.box.y1)) }
        var outside = 0, inside = 0
        for row in 0..<p.height {
            for column in 0..<p.width where p[column, row] != q[column, row] {
                if boxes.contains(where: { $0.x.contains(column) && $0.y.contains(row) }) { inside += 1 } else { outside += 1 }
            }
        }
        #expect(outside == 0)
        #expect(inside > 1000)
    }

    @Test func aSampleShowsTheSameRowsInBothPanels() throws {
        let data = try Self.data()
        let solver = try NMFSolver(NMFConfiguration(data: data))
        let snapshot = try #require(Array(solver.makeSnapshots(iterations: 2)).last)
        let figure = try Self.scene(.sample(100), data: data).figure(for: snapshot)
        let rows = PointDrawing.sampleRows(100, of: 3000)
        let full = snapshot.reconstruction()
        guard case .scatter(let left)? = figure.axes[0].artists.first,
              case .scatter(let right)? = figure.axes[1].artists.first else {
            Issue.record("no scatters")
            return
        }
        #expect(left.x == rows.map { data[$0, 0] } && left.y == rows.map { data[$0, 1] })
        #expect(zip(right.x, rows.map { full[$0, 0] }).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
        #expect(right.x.count == 100)
    }
}
