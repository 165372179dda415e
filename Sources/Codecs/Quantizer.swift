/// The project's colour quantizer: weighted median cut in Oklab, refined by k-means.
///
/// Input is a histogram of opaque colours (each distinct colour with its pixel count); output is at
/// most `maximumColors` palette entries. When the histogram has no more colours than that, the palette
/// is the colours themselves, so quantization is exact. Otherwise:
/// 1. Median cut: repeatedly split the box with the largest weighted squared error, along its axis
///    of largest weighted variance, at the weighted median — so many-pixel colours (backgrounds,
///    marker fills) get their own entries and rare anti-aliasing shades share.
/// 2. K-means (Lloyd) for a few rounds from the box means, weighted by pixel count: this lowers the
///    total squared Oklab error that median cut's axis-aligned cuts leave.
/// A cluster holding a single distinct colour keeps that colour exactly. Everything is deterministic:
/// ties break by index, sorts are stable by construction.
struct Quantizer {
    /// At most this many entries (1…256).
    var maximumColors: Int
    /// Lloyd rounds after median cut.
    var refinementRounds: Int = 4

    /// A palette for `colors` (packed `r | g << 8 | b << 16 | a << 24`, all opaque) with pixel counts `weights`.
    func palette(colors: [UInt32], weights: [Float]) -> [UInt32] {
        guard colors.count > maximumColors else { return colors }
        let points = colors.map { Oklab(packed: $0) }
        var clusters = medianCut(points: points, weights: weights)
        var centroids = clusters.map { centroid(of: $0, points: points, weights: weights) }
        var assignment = [Int](repeating: 0, count: points.count)
        for round in 0..<refinementRounds {
            let search = NearestColor(centroids)
            var changed = round == 0
            for i in points.indices {
                let c = search.nearest(points[i])
                if c != assignment[i] { changed = true }
                assignment[i] = c
            }
            var members = [[Int]](repeating: [], count: centroids.count)
            for i in points.indices { members[assignment[i]].append(i) }
            for k in centroids.indices where !members[k].isEmpty {
                centroids[k] = centroid(of: members[k], points: points, weights: weights)
            }
            clusters = members
            if !changed { break }
        }
        var result: [UInt32] = []
        result.reserveCapacity(centroids.count)
        for k in centroids.indices where !clusters[k].isEmpty {
            result.append(clusters[k].count == 1 ? colors[clusters[k][0]] | 0xFF00_0000 : centroids[k].packed)
        }
        return result
    }

    private func centroid(of members: [Int], points: [Oklab], weights: [Float]) -> Oklab {
        var l: Double = 0, a: Double = 0, b: Double = 0, w: Double = 0
        for i in members {
            let wi = Double(weights[i])
            l += Double(points[i].l) * wi
            a += Double(points[i].a) * wi
            b += Double(points[i].b) * wi
            w += wi
        }
        guard w > 0 else { return points[members[0]] }
        return Oklab(l: Float(l / w), a: Float(a / w), b: Float(b / w))
    }

    /// Splits the points into at most `maximumColors` boxes; returns each box's member indices.
    private func medianCut(points: [Oklab], weights: [Float]) -> [[Int]] {
        struct Box {
            var members: [Int]
            var error: Double
            var axis: Int
        }
        func value(_ i: Int, _ axis: Int) -> Float {
            axis == 0 ? points[i].l : axis == 1 ? points[i].a : points[i].b
        }
        func makeBox(_ members: [Int]) -> Box {
            var sum = [Double](repeating: 0, count: 3), sum2 = [Double](repeating: 0, count: 3), w: Double = 0
            for i in members {
                let wi = Double(weights[i])
                for axis in 0..<3 {
                    let v = Double(value(i, axis))
                    sum[axis] += v * wi
                    sum2[axis] += v * v * wi
                }
                w += wi
            }
            var variances = [Double](repeating: 0, count: 3)
            if w > 0 {
                for axis in 0..<3 { variances[axis] = max(0, sum2[axis] - sum[axis] * sum[axis] / w) }
            }
            // Oklab's L spans 0…1 while a and b span about ±0.3: no rescaling, distance is what counts.
            let axis = variances[0] >= variances[1] ? (variances[0] >= variances[2] ? 0 : 2) : (variances[1] >= variances[2] ? 1 : 2)
            let error = members.count > 1 ? variances[0] + variances[1] + variances[2] : -1
            return Box(members: members, error: error, axis: axis)
        }
        var boxes = [makeBox(Array(points.indices))]
        while boxes.count < maximumColors {
            var pick = -1
            for k in boxes.indices where boxes[k].error > 0 && (pick < 0 || boxes[k].error > boxes[pick].error) { pick = k }
            guard pick >= 0 else { break }
            let box = boxes[pick]
            let sorted = box.members.sorted { (value($0, box.axis), $0) < (value($1, box.axis), $1) }
            let total = sorted.reduce(0) { $0 + Double(weights[$1]) }
            var running: Double = 0
            var cut = 1
            for (n, i) in sorted.enumerated() {
                running += Double(weights[i])
                if running >= total / 2 {
                    cut = n + 1
                    break
                }
            }
            cut = min(max(cut, 1), sorted.count - 1)
            boxes[pick] = makeBox(Array(sorted[..<cut]))
            boxes.append(makeBox(Array(sorted[cut...])))
        }
        return boxes.map(\.members)
    }
}
