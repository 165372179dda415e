/// The project's colour quantizer: weighted median cut in RGB, refined by k-means.
///
/// Input is a histogram of opaque colours (each distinct colour with its pixel count); output is at
/// most `maximumColors` palette entries. When the histogram has no more colours than that, the palette
/// is the colours themselves, so quantization is exact. Otherwise:
/// 1. Median cut: repeatedly split the box with the largest weighted squared error, along its axis
///    of largest weighted variance, at the weighted median — so many-pixel colours (backgrounds,
///    marker fills) get their own entries and rare anti-aliasing shades share.
/// 2. K-means (Lloyd) for a few rounds from the box means, weighted by pixel count: this lowers the
///    total squared RGB error that median cut's axis-aligned cuts leave.
/// Median cut stops early once the palette is good enough: when the pixel-weighted mean squared
/// error per RGB channel (each colour against its box's mean) is at most `targetMSE`. Fewer entries
/// make a smaller GIF (LZW finds more repeats), so the palette is as small as the quality asks.
/// A cluster holding a single distinct colour keeps that colour exactly. Everything is deterministic:
/// ties break by index, sorts are stable by construction.
struct Quantizer {
    /// At most this many entries (1…256).
    var maximumColors: Int
    /// Stop splitting once the mean squared error per channel is this low (0: always use every entry).
    var targetMSE: Double = 0
    /// Lloyd rounds after median cut.
    var refinementRounds: Int = 4

    /// A palette for `colors` (packed `r | g << 8 | b << 16 | a << 24`, all opaque) with pixel counts `weights`.
    ///
    /// With a `targetMSE`, median cut stops when its boxes' error reaches it; k-means and nearest
    /// matching then do better than the box means, so the palette is rebuilt once with fewer entries,
    /// chosen from median cut's error curve scaled by the improvement just measured. The result lands
    /// near the target instead of 2–3 dB above it.
    func palette(colors: [UInt32], weights: [Float]) -> [UInt32] {
        guard colors.count > maximumColors else { return colors }
        return palette(colors: colors, weights: weights, points: colors.map { ColorPoint(packed: $0) })
    }

    /// `palette(colors:weights:)` with the colours already as points (`points[i]` is `colors[i]`), for
    /// callers that quantize the same histogram several times.
    func palette(colors: [UInt32], weights: [Float], points: [ColorPoint]) -> [UInt32] {
        guard colors.count > maximumColors else { return colors }
        return palette(of: MedianCut(points: points, colors: colors, weights: weights))
    }

    /// `palette(colors:weights:)` for the histogram `cut` was made from, reusing its splits and the
    /// k-means results it remembers: callers that try several targets on one histogram pay for the
    /// sorting once.
    func palette(of cut: MedianCut) -> [UInt32] {
        let (colors, weights) = (cut.colors, cut.weights)
        guard colors.count > maximumColors else { return colors }
        let totalWeight = weights.reduce(0) { $0 + Double($1) }
        let targetError = targetMSE * 3 * totalWeight
        let (boxes, curve) = cut.boxes(limit: maximumColors, targetError: targetError)
        var (palette, error) = refined(boxes, cut: cut)
        if targetError > 0, let reached = curve.last, reached > 0, error < targetError {
            let ratio = error / reached
            if let count = curve.firstIndex(where: { $0 * ratio <= targetError }).map({ $0 + 1 }), count < boxes.count {
                let fewer = cut.boxes(limit: count, targetError: 0).boxes
                palette = refined(fewer, cut: cut).palette
            }
        }
        return palette
    }

    /// `refine` of median cut's first `boxes.count` boxes, remembered in `cut` per count and rounds.
    private func refined(_ boxes: [[Int]], cut: MedianCut) -> (palette: [UInt32], error: Double) {
        let key = SIMD2(boxes.count, refinementRounds)
        if let known = cut.refined[key] { return known }
        let result = refine(boxes, points: cut.points, colors: cut.colors, weights: cut.weights)
        cut.refined[key] = result
        return result
    }

    /// K-means from the boxes' means; returns the palette and its weighted squared RGB error.
    ///
    /// Each round accumulates the clusters' weighted sums in one pass over the points, in index order:
    /// the same additions in the same order as summing each cluster's members, without building
    /// member lists.
    private func refine(_ boxes: [[Int]], points: [ColorPoint], colors: [UInt32], weights: [Float]) -> (palette: [UInt32], error: Double) {
        let clusterCount = boxes.count
        var centroids = boxes.map { centroid(of: $0, points: points, weights: weights) }
        var assignment = [Int](repeating: 0, count: points.count)
        for (k, box) in boxes.enumerated() {
            for i in box { assignment[i] = k }
        }
        var sums = [SIMD4<Double>](repeating: .zero, count: clusterCount)
        var sizes = [Int](repeating: 0, count: clusterCount)
        var firsts = [Int](repeating: -1, count: clusterCount)
        for round in 0..<refinementRounds {
            var changed = round == 0
            for i in sums.indices {
                sums[i] = .zero
                sizes[i] = 0
                firsts[i] = -1
            }
            // `NearestColor.nearest`'s answers, for all points at once (see NearestScan).
            if NearestScan.assign(points, to: centroids, assignment: &assignment) { changed = true }
            for i in points.indices {
                let c = assignment[i]
                let wi = Double(weights[i])
                let point = points[i]
                sums[c] += SIMD4(Double(point.x) * wi, Double(point.y) * wi, Double(point.z) * wi, wi)
                sizes[c] += 1
                if firsts[c] < 0 { firsts[c] = i }
            }
            for k in centroids.indices where sizes[k] > 0 {
                let sum = sums[k]
                centroids[k] = sum.w > 0
                    ? ColorPoint(x: Float(sum.x / sum.w), y: Float(sum.y / sum.w), z: Float(sum.z / sum.w))
                    : points[firsts[k]]
            }
            if !changed { break }
        }
        if refinementRounds == 0 {
            for (k, box) in boxes.enumerated() {
                sizes[k] = box.count
                firsts[k] = box.first ?? -1
            }
        }
        var entries = [UInt32](repeating: 0, count: clusterCount)
        for k in centroids.indices where sizes[k] > 0 {
            entries[k] = sizes[k] == 1 ? colors[firsts[k]] | 0xFF00_0000 : centroids[k].packed
        }
        // Exact: every term is an integer (squared distance × pixel count) far below 2^53.
        var error: Double = 0
        for i in points.indices {
            let entry = entries[assignment[i]], color = colors[i]
            let dr = Int(color & 0xFF) - Int(entry & 0xFF)
            let dg = Int((color >> 8) & 0xFF) - Int((entry >> 8) & 0xFF)
            let db = Int((color >> 16) & 0xFF) - Int((entry >> 16) & 0xFF)
            error += Double(dr * dr + dg * dg + db * db) * Double(weights[i])
        }
        var palette: [UInt32] = []
        palette.reserveCapacity(clusterCount)
        for k in centroids.indices where sizes[k] > 0 { palette.append(entries[k]) }
        return (palette, error)
    }

    private func centroid(of members: [Int], points: [ColorPoint], weights: [Float]) -> ColorPoint {
        var l: Double = 0, a: Double = 0, b: Double = 0, w: Double = 0
        for i in members {
            let wi = Double(weights[i])
            l += Double(points[i].x) * wi
            a += Double(points[i].y) * wi
            b += Double(points[i].z) * wi
            w += wi
        }
        guard w > 0 else { return points[members[0]] }
        return ColorPoint(x: Float(l / w), y: Float(a / w), z: Float(b / w))
    }
}
