/// Weighted median cut of one histogram in RGB, as a log of splits that any number of boxes replays.
///
/// Median cut is greedy and deterministic: it always splits the box with the largest weighted
/// squared error, along its axis of largest weighted variance, at the weighted median. Cuts of the
/// same histogram for different limits or error targets therefore follow the same sequence of
/// splits and differ only in where they stop. This keeps that sequence (which box was split, into
/// which halves, and the boxes' total RGB error after each split) and computes it only as far as
/// any caller has asked, so a quantizer that tries several targets sorts each box once. It also
/// remembers k-means results per box count (`Quantizer` fills `refined`).
final class MedianCut {
    let points: [ColorPoint]
    let colors: [UInt32]
    let weights: [Float]
    /// `Quantizer.refine`'s results, by (box count, rounds).
    var refined: [SIMD2<Int>: (palette: [UInt32], error: Double)] = [:]

    private struct Box {
        var members: [Int]
        var error: Double
        var axis: Int
        /// Weighted squared RGB error of the members against their RGB mean.
        var rgbError: Double
    }

    /// The boxes after the last split computed so far.
    private var boxes: [Box] = []
    private var totalError: Double = 0
    /// The boxes' total RGB error after each split: `curve[n - 1]` with n boxes.
    private var curve: [Double] = []
    /// Split n replaced box `pick` by `left` and appended `right`.
    private var splits: [(pick: Int, left: [Int], right: [Int])] = []
    /// No box can be split further (every box holds a single colour or has no spread).
    private var exhausted = false

    /// - Parameters: the histogram's colours (packed, opaque), their points (`ColorPoint`) and pixel counts.
    init(points: [ColorPoint], colors: [UInt32], weights: [Float]) {
        self.points = points
        self.colors = colors
        self.weights = weights
        boxes = [makeBox(Array(points.indices))]
        totalError = boxes[0].rgbError
        curve = [totalError]
    }

    /// Splits the points into at most `limit` boxes, stopping once the boxes' weighted squared RGB
    /// error is at most `targetError`; returns each box's member indices, and the error after each
    /// split (`curve[n - 1]` with n boxes).
    func boxes(limit: Int, targetError: Double) -> (boxes: [[Int]], curve: [Double]) {
        var count = 1
        while count < limit && curve[count - 1] > targetError {
            if count == curve.count {
                guard !exhausted, splitNext() else { break }
            }
            count += 1
        }
        var members = [Array(points.indices)]
        for split in splits[..<(count - 1)] {
            members[split.pick] = split.left
            members.append(split.right)
        }
        return (members, Array(curve[..<count]))
    }

    /// Computes one more split; false when no box can be split.
    private func splitNext() -> Bool {
        var pick = -1
        for k in boxes.indices where boxes[k].error > 0 && (pick < 0 || boxes[k].error > boxes[pick].error) { pick = k }
        guard pick >= 0 else {
            exhausted = true
            return false
        }
        let box = boxes[pick]
        // Sort by (value, index) packed into one integer: the float's bits made order-preserving
        // in the high half, the index in the low half, so ties break by index.
        let sorted = box.members.map { i -> UInt64 in
            let bits = value(i, box.axis).bitPattern
            let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            return UInt64(ordered) << 32 | UInt64(i)
        }.sorted().map { Int($0 & 0xFFFF_FFFF) }
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
        let left = Array(sorted[..<cut]), right = Array(sorted[cut...])
        totalError -= box.rgbError
        boxes[pick] = makeBox(left)
        boxes.append(makeBox(right))
        totalError += boxes[pick].rgbError + boxes[boxes.count - 1].rgbError
        curve.append(totalError)
        splits.append((pick, left, right))
        return true
    }

    private func value(_ i: Int, _ axis: Int) -> Float {
        axis == 0 ? points[i].x : axis == 1 ? points[i].y : points[i].z
    }

    private func makeBox(_ members: [Int]) -> Box {
        // Scalars, not small arrays: the same sums in the same order, without allocating.
        var sum = SIMD4<Double>.zero, sum2 = SIMD4<Double>.zero
        for i in members {
            let wi = Double(weights[i])
            let v = SIMD4(Double(points[i].x), Double(points[i].y), Double(points[i].z), 1)
            sum += v * wi
            sum2 += v * v * wi
        }
        let w = sum.w
        var rgbSum = SIMD4<Double>.zero, rgbSum2: Double = 0
        for i in members {
            let wi = Double(weights[i])
            let c = colors[i]
            let r = Double(c & 0xFF), g = Double((c >> 8) & 0xFF), b = Double((c >> 16) & 0xFF)
            rgbSum += SIMD4(r, g, b, 0) * wi
            rgbSum2 += r * r * wi
            rgbSum2 += g * g * wi
            rgbSum2 += b * b * wi
        }
        let rgbError = w > 0 ? max(0, rgbSum2 - (rgbSum.x * rgbSum.x + rgbSum.y * rgbSum.y + rgbSum.z * rgbSum.z) / w) : 0
        var variances = SIMD3<Double>.zero
        if w > 0 {
            for axis in 0..<3 { variances[axis] = max(0, sum2[axis] - sum[axis] * sum[axis] / w) }
        }
        // Every channel spans 0…1: no rescaling, distance is what counts.
        let axis = variances[0] >= variances[1] ? (variances[0] >= variances[2] ? 0 : 2) : (variances[1] >= variances[2] ? 1 : 2)
        let error = members.count > 1 ? variances[0] + variances[1] + variances[2] : -1
        return Box(members: members, error: error, axis: axis, rgbError: rgbError)
    }
}
