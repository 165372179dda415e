import NMF
import Plot

extension ArticleScene.Bounds {
    /// Bounds that hold everything an animation will show, so that nothing jumps between frames: the data,
    /// every reconstruction, every arrow tip and the origin the arrows start from, widened by matplotlib's
    /// 5 % margins; the colour range spans the plotted x of the data and of every reconstruction.
    ///
    /// `Visualization` feeds the same extents from the run it records for the frames
    /// (`FrameRecording`), so the solver runs once.
    ///
    /// - Throws: `AnimationError.badValue(.columns, …)` unless both columns exist in `data`.
    public static func covering<S: Sequence>(data: Matrix, snapshots: S, columns: (x: Int, y: Int)) throws -> Self
    where S.Element == Snapshot {
        try ArticleScene.check(columns: columns, of: data)
        var extents = Extents(columns: columns)
        extents.add(data: data)
        for snapshot in snapshots { extents.add(snapshot) }
        return extents.bounds
    }

    /// The extents `covering` accumulates, one snapshot at a time, so that a run that is going on
    /// anyway (`FrameRecording`) can feed them; the order of the adds and merges decides which of
    /// 0 and −0 is kept, as in one pass (min keeps the first, max the last of equals).
    struct Extents {
        let columns: (x: Int, y: Int)
        private var x = Extent()
        private var y = Extent()
        private var color = Extent()

        /// Whether a reconstruction is measured by its two shown columns alone (O(rows × rank)), as the
        /// panels compute them for a sample or a density, instead of the whole product WH.
        var shownColumnsOnly = false

        /// Empty extents of those columns (checked by the caller).
        init(columns: (x: Int, y: Int)) { self.columns = columns }

        /// The origin the arrows start from, and every data point.
        mutating func add(data: Matrix) {
            x.add(0)
            y.add(0)
            for r in 0..<data.rows {
                x.add(data[r, columns.x])
                y.add(data[r, columns.y])
                color.add(data[r, columns.x])
            }
        }

        /// A snapshot's reconstruction and its arrow tips.
        mutating func add(_ snapshot: Snapshot) {
            let xs: [Double], ys: [Double]
            if shownColumnsOnly {
                (xs, ys) = PanelArtists.reconstructedColumns(snapshot, columns: columns, rows: nil)
            } else {
                let yHat = snapshot.reconstruction()
                xs = (0..<yHat.rows).map { yHat[$0, columns.x] }
                ys = (0..<yHat.rows).map { yHat[$0, columns.y] }
            }
            for r in xs.indices {
                x.add(xs[r])
                y.add(ys[r])
                color.add(xs[r])
            }
            for k in 0..<snapshot.h.rows {
                x.add(snapshot.h[k, columns.x])
                y.add(snapshot.h[k, columns.y])
            }
        }

        /// Adds what `other` saw, as if it had been added here after everything so far.
        mutating func merge(_ other: Extents) {
            x.merge(other.x)
            y.merge(other.y)
            color.merge(other.color)
        }

        /// The limits, widened by matplotlib's margins, and the colour range.
        var bounds: ArticleScene.Bounds {
            let xLimits = AutoscaleRule.limits(minimum: x.lower, maximum: x.upper, scale: .linear) ?? (0, 1)
            let yLimits = AutoscaleRule.limits(minimum: y.lower, maximum: y.upper, scale: .linear) ?? (0, 1)
            // A constant colour column still needs a non-empty range for the normalization.
            let colorRange = color.lower < color.upper
                ? (color.lower, color.upper) : (color.lower - 0.5, color.lower + 0.5)
            return ArticleScene.Bounds(xLimits: xLimits, yLimits: yLimits, colorRange: colorRange)
        }
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

    /// Both ends of `other` added after these (empty ends are infinite, so they change nothing).
    mutating func merge(_ other: Extent) {
        lower = min(lower, other.lower)
        upper = max(upper, other.upper)
    }
}
