import NMF
import Plot

extension ArticleScene.Bounds {
    /// Bounds that hold everything an animation will show, so that nothing jumps between frames: the data,
    /// every reconstruction, every arrow tip and the origin the arrows start from, widened by matplotlib's
    /// 5 % margins; the colour range spans the plotted x of the data and of every reconstruction.
    ///
    /// The solver is deterministic, so the caller runs it once here and again for the frames: the second
    /// run costs as much as the first, far less than drawing.
    ///
    /// - Throws: `AnimationError.badValue(.columns, …)` unless both columns exist in `data`.
    public static func covering<S: Sequence>(data: Matrix, snapshots: S, columns: (x: Int, y: Int)) throws -> Self
    where S.Element == Snapshot {
        try ArticleScene.check(columns: columns, of: data)
        var x = Extent()
        var y = Extent()
        var color = Extent()
        x.add(0)
        y.add(0)
        for r in 0..<data.rows {
            x.add(data[r, columns.x])
            y.add(data[r, columns.y])
            color.add(data[r, columns.x])
        }
        for snapshot in snapshots {
            let yHat = snapshot.reconstruction()
            for r in 0..<yHat.rows {
                x.add(yHat[r, columns.x])
                y.add(yHat[r, columns.y])
                color.add(yHat[r, columns.x])
            }
            for k in 0..<snapshot.h.rows {
                x.add(snapshot.h[k, columns.x])
                y.add(snapshot.h[k, columns.y])
            }
        }
        let xLimits = AutoscaleRule.limits(minimum: x.lower, maximum: x.upper, scale: .linear) ?? (0, 1)
        let yLimits = AutoscaleRule.limits(minimum: y.lower, maximum: y.upper, scale: .linear) ?? (0, 1)
        // A constant colour column still needs a non-empty range for the normalization.
        let colorRange = color.lower < color.upper ? (color.lower, color.upper) : (color.lower - 0.5, color.lower + 0.5)
        return Self(xLimits: xLimits, yLimits: yLimits, colorRange: colorRange)
    }
}

/// The smallest and largest finite values seen.
private struct Extent {
    var lower = Double.infinity
    var upper = -Double.infinity

    mutating func add(_ v: Double) {
        guard v.isFinite else { return }
        lower = min(lower, v)
        upper = max(upper, v)
    }
}
