import Testing
@testable import Raster

@Suite struct ColormapTests {
    @Test func everyTableEntryMatchesMatplotlib() throws {
        let tables = try fixtureRecords("colormaps.txt").filter { $0.first == "table" }
        #expect(tables.count == Colormap.names.count)
        for record in tables {
            let map = try Colormap(named: record[1])
            let expected = hexBytes(record[2])
            #expect(expected.count == 768)
            for i in 0..<256 {
                let c = map.table[i]
                let e = expected[(3 * i)..<(3 * i + 3)].map(Int.init)
                let ok = abs(Int(c.r) - e[0]) <= 1 && abs(Int(c.g) - e[1]) <= 1 && abs(Int(c.b) - e[2]) <= 1
                #expect(ok, "\(record[1]) entry \(i): \(c) vs \(e)")
                #expect(c.a == 255)
            }
        }
    }

    @Test func valuesUseMatplotlibsIndexingRule() throws {
        let values = try fixtureRecords("colormaps.txt").filter { $0.first == "value" }
        #expect(values.count > 100)
        for record in values {
            let map = try Colormap(named: record[1])
            let v = try #require(Double(record[2]))
            let e = record[3...6].compactMap(Int.init)
            let c = map.color(at: v)
            let ok = abs(Int(c.r) - e[0]) <= 1 && abs(Int(c.g) - e[1]) <= 1 && abs(Int(c.b) - e[2]) <= 1
                && Int(c.a) == e[3]
            #expect(ok, "\(record[1])(\(v)) = \(c), matplotlib \(e)")
        }
    }

    @Test func jetEndsAreTheReferenceColours() throws {
        let jet = try Colormap(named: "jet")
        #expect(jet.table[0] == RGBA8(0, 0, 128))
        #expect(jet.table[255] == RGBA8(128, 0, 0))
        #expect(Colormap.index(for: 1.0) == 255)
        #expect(Colormap.index(for: 0.5) == 128)
        #expect(Colormap.index(for: -3) == 0)
        #expect(Colormap.index(for: .nan) == nil)
        #expect(jet.color(at: .nan) == .clear)
    }

    @Test func unknownNameListsTheValidNames() {
        do {
            _ = try Colormap(named: "Jet")
            Issue.record("no error for an unknown name")
        } catch {
            #expect(error == .unknownColormap(name: "Jet", valid: Colormap.names))
            #expect(error.description.contains("viridis"))
            #expect(error.description.contains("'Jet'"))
        }
    }

    @Test func normalizeMapsLimitsToZeroAndOne() throws {
        let n = try Normalize(vmin: 0, vmax: 4)
        #expect(n(0) == 0)
        #expect(n(4) == 1)
        #expect(n(1) == 0.25)
        #expect(n(5) == 1.25)
        let flat = try Normalize(vmin: 2, vmax: 2)
        #expect(flat(7) == 0)
        #expect(throws: RasterError.self) { try Normalize(vmin: 1, vmax: 0) }
        #expect(throws: RasterError.self) { try Normalize(vmin: .nan, vmax: 1) }
        let jet = try Colormap(named: "jet")
        #expect(jet.color(for: 2, normalize: n) == jet.table[128])
    }
}
