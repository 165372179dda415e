import Foundation
import Raster
import Testing
@testable import Codecs

/// The promise of `GIFOptions.bounds`, checked on what a viewer shows: every frame decoded with giflib,
/// composited, and compared with the true frame by `FrameFidelity`.
@Suite struct GIFFidelityTests {
    /// A frame of `plotFrame`'s animation whose discs never settle: they drift on a slow circle, so
    /// pixels change by a few levels at a time for thousands of frames and any error kept by stale
    /// pixels would pile up.
    static func wanderingFrame(_ t: Int, width: Int = 120, height: Int = 80) throws -> Image {
        var image = try Image(width: width, height: height)
        var rng = SplitMix64(seed: 11)
        TestImages.line(&image, from: (5, Double(height) - 6), to: (Double(width) - 5, Double(height) - 6), width: 1.1, color: .black)
        for _ in 0..<10 {
            let u = Double.random(in: 0...1, using: &rng)
            let v = Double.random(in: 0...1, using: &rng)
            let phase = Double.random(in: 0...(2 * Double.pi), using: &rng)
            let angle = phase + Double(t) * 0.013
            let x = 12 + u * Double(width - 24) + 6 * cos(angle)
            let y = 12 + v * Double(height - 30) + 4 * sin(angle)
            TestImages.disc(&image, cx: x, cy: y, radius: 5.4, fill: TestImages.jet(min(1, max(0, x / Double(width)))))
        }
        return image
    }

    /// Writes `frame(0..<count)` as a GIF and checks every composited frame against the true one;
    /// `plotColors` are declared to the writer, and `plotColorError` is the largest channel error of
    /// any pixel whose true colour is one of them.
    private static func expectWithinBounds(count: Int, options: GIFOptions = GIFOptions(), plotColors: [RGBA8] = [],
                                           frame: (Int) throws -> Image) throws -> (bytes: Int, worst: FrameFidelity) {
        try expectWithinBoundsAndPlotColors(count: count, options: options, plotColors: plotColors, frame: frame).result
    }

    /// `expectWithinBounds`, also measuring the plot colours' error; with `declaring` false the
    /// colours are measured but not given to the writer.
    private static func expectWithinBoundsAndPlotColors(
        count: Int, options: GIFOptions = GIFOptions(), plotColors: [RGBA8], declaring: Bool = true,
        frame: (Int) throws -> Image
    ) throws -> (result: (bytes: Int, worst: FrameFidelity), plotColorError: Int) {
        let folder = try TestImages.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/fidelity.gif"
        let first = try frame(0)
        let writer = try GIFWriter(path: path, width: first.width, height: first.height, options: options)
        try writer.useGlobalPalette(from: [first, try frame(count / 2), try frame(count - 1)], plotColors: declaring ? plotColors : [])
        for t in 0..<count { try writer.add(try frame(t), delayMilliseconds: 40) }
        try writer.finish()
        var worst = FrameFidelity(psnr: .infinity, p999: 0, maximum: 0, ghosts: 0)
        var decoded = 0
        var plotColorError = 0
        _ = try GIFPlayback(path: path) { i, shown in
            let truth = options.matted(try frame(i))
            let fidelity = FrameFidelity(shown: shown, truth: truth)
            plotColorError = max(plotColorError, PlotColorFidelity(shown: shown, truth: truth, colors: plotColors).maximum)
            #expect(fidelity.isWithin(options.bounds), "frame \(i): \(fidelity)")
            worst.psnr = min(worst.psnr, fidelity.psnr)
            worst.p999 = max(worst.p999, fidelity.p999)
            worst.maximum = max(worst.maximum, fidelity.maximum)
            worst.ghosts = max(worst.ghosts, fidelity.ghosts)
            decoded += 1
        }
        #expect(decoded == count)
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return ((bytes, worst), plotColorError)
    }

    /// Forty discs whose faces drift through a colormap's entries as they move (as the article's
    /// reconstructed points do), with a black line: far more colours than a palette holds.
    static func driftingColormapFrame(_ t: Int, colormap: Colormap) throws -> Image {
        let width = 200, height = 120
        var image = try Image(width: width, height: height)
        var rng = SplitMix64(seed: 5)
        TestImages.line(&image, from: (5, Double(height) - 6), to: (Double(width) - 5, Double(height) - 6), width: 3.2, color: .black)
        for _ in 0..<40 {
            let u = Double.random(in: 0...1, using: &rng)
            let v = Double.random(in: 0...1, using: &rng)
            let x = 10 + u * Double(width - 20) + 0.6 * Double(t) * (v - 0.5)
            let y = 10 + v * Double(height - 30)
            TestImages.disc(&image, cx: x, cy: y, radius: 5.4, fill: colormap.color(at: min(1, max(0, x / Double(width)))))
        }
        return image
    }

    /// Declared plot colours are shown within the background's bound in every frame, even those the
    /// markers reach only between the samples; undeclared, the palette leaves some further off.
    @Test func declaredPlotColorsStayWithinTheBackgroundBound() throws {
        let jet = try Colormap(named: "jet")
        let declared = jet.table + [.black]
        let frame = { (t: Int) in try Self.driftingColormapFrame(t, colormap: jet) }
        let (_, withColors) = try Self.expectWithinBoundsAndPlotColors(count: 40, plotColors: declared, frame: frame)
        #expect(withColors <= GIFOptions.Bounds.standard.background, "\(withColors)")
        // The same animation with nothing declared: the bound above is the declaration's doing.
        let (_, undeclared) = try Self.expectWithinBoundsAndPlotColors(count: 40, plotColors: declared, declaring: false, frame: frame)
        #expect(undeclared > GIFOptions.Bounds.standard.background, "\(undeclared)")
    }

    /// `PlotColorFidelity` looks only at pixels of the listed colours, and counts what it says.
    @Test func plotColorFidelityCountsOnlyTheListedColours() throws {
        var truth = try Image(width: 10, height: 2)
        for x in 0..<4 { truth[x, 0] = RGBA8(200, 10, 10) }
        truth[5, 0] = RGBA8(0, 0, 255)
        var shown = truth
        shown[0, 0] = RGBA8(196, 10, 10)
        shown[1, 0] = RGBA8(203, 10, 10)
        shown[5, 0] = RGBA8(0, 0, 200)
        shown[9, 1] = RGBA8(0, 0, 0)
        let f = PlotColorFidelity(shown: shown, truth: truth, colors: [RGBA8(200, 10, 10)])
        #expect(f == PlotColorFidelity(pixels: 4, maximum: 4, beyond: 1))
        #expect(PlotColorFidelity(shown: truth, truth: truth, colors: [RGBA8(200, 10, 10)]).maximum == 0)
    }

    /// 2,000 frames of slow drift: the last frames are as faithful as the first.
    @Test func noErrorAccumulatesOver2000Frames() throws {
        // Drawn once (2,000 × 38 KB): encoding and checking both read them.
        let frames = try (0..<2000).map { try Self.wanderingFrame($0) }
        let (_, worst) = try Self.expectWithinBounds(count: frames.count) { frames[$0] }
        #expect(worst.ghosts == 0)
    }

    @Test func thePlotAnimationIsWithinTheBoundsAtEveryQuality() throws {
        var sizes: [Int] = []
        // (Quality 100 promises exact frames, which these, with thousands of colours, cannot be.)
        for quality in [90, 70, 40] {
            let options = GIFOptions(quality: quality)
            let (bytes, _) = try Self.expectWithinBounds(count: 40, options: options) { try TestImages.plotFrame($0) }
            sizes.append(bytes)
        }
        // Lower quality, smaller file.
        #expect(sizes == sizes.sorted(by: >), "\(sizes)")
    }

    /// Pixels that return to the background after a marker passed are repainted exactly enough:
    /// a disc sweeping across a white canvas leaves no trail.
    @Test func aSweepingMarkerLeavesNoTrail() throws {
        let (_, worst) = try Self.expectWithinBounds(count: 120) { t in
            var image = try Image(width: 200, height: 60)
            TestImages.disc(&image, cx: 10 + 1.37 * Double(t), cy: 30 + 8 * sin(Double(t) / 9), radius: 7, fill: TestImages.jet(0.8))
            return image
        }
        #expect(worst.ghosts == 0)
    }

    @Test func aMatteBlendsPartlyTransparentEdgesAndKeepsTheRestTransparent() throws {
        var image = try Image(width: 4, height: 1, fill: .clear)
        image[1, 0] = RGBA8(255, 255, 255, 128)
        image[2, 0] = RGBA8(200, 100, 0, 255)
        image[3, 0] = RGBA8(0, 0, 0, 10)
        let options = GIFOptions(matte: RGBA8(30, 30, 30))
        let matted = options.matted(image)
        #expect(matted[0, 0] == .clear)
        #expect(matted[1, 0] == RGBA8(143, 143, 143))
        #expect(matted[2, 0] == RGBA8(200, 100, 0))
        #expect(matted[3, 0] == RGBA8(29, 29, 29))
        #expect(options.matted(matted) == matted)
        #expect(GIFOptions().matted(image) == image)
    }

    /// `FrameFidelity` counts what it says: a pixel of background off by 4 levels is a ghost, by 3 not;
    /// transparent against opaque is 255 levels off.
    @Test func fidelityCountsGhostsAndPercentiles() throws {
        let truth = try Image(width: 100, height: 20)
        var shown = truth
        shown[0, 0] = RGBA8(251, 255, 255)
        shown[1, 0] = RGBA8(252, 255, 255)
        shown[2, 0] = .clear
        let f = FrameFidelity(shown: shown, truth: truth)
        #expect(f.ghosts == 2)
        #expect(f.maximum == 255)
        #expect(f.p999 == 3)
        #expect(FrameFidelity(shown: truth, truth: truth).psnr == .infinity)
        // More than 0.1 % of the pixels off: the percentile sees it.
        for x in 0..<10 { shown[x, 5] = RGBA8(235, 255, 255) }
        #expect(FrameFidelity(shown: shown, truth: truth).p999 == 20)
    }
}
