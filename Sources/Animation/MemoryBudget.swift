import Foundation
import NMF

/// How much memory a run needs and how much the process may use, so that a request too large is
/// refused before anything is allocated rather than killed half-way.
///
/// The per-pixel costs were measured (peak resident set, `/usr/bin/time -f %M`, 6 frames at
/// 1920×1080 and 3840×2160, one and two jobs): a GIF holds ~17 bytes a pixel whatever the jobs
/// (the frame on screen, the previous one, stale marks, indices, the palette samples) plus ~15 a
/// pixel for each render thread (its canvas and the frames in flight); PNG frames ~3 plus ~8 a
/// thread. The estimate adds a quarter for safety and 256 MB for the process itself (address
/// space: thread stacks, the runtime, malloc's arenas).
public enum MemoryBudget {
    /// What the process may use: the smallest of the address-space and data limits (`ulimit -v`,
    /// `ulimit -d`), the cgroup's memory limit, and the physical memory (`ProcessMemory.available`).
    public static var available: Int { ProcessMemory.available }

    /// The bytes a run of `width` × `height` frames with `jobs` render threads needs, estimated.
    public static func estimate(width: Int, height: Int, jobs: Int, gif: Bool) -> Double {
        let pixels = Double(width) * Double(height)
        let perPixel = gif ? 17 + 15 * Double(jobs) : 3 + 8 * Double(jobs)
        return pixels * perPixel * 1.25 + 256e6
    }

    /// The most render threads (up to `jobs`) whose run fits in `available` bytes.
    ///
    /// - Throws: `AnimationError.outOfMemory` with the estimate when even one does not fit.
    public static func jobs(upTo jobs: Int, width: Int, height: Int, gif: Bool,
                            available: Int = MemoryBudget.available) throws -> Int {
        var n = max(1, jobs)
        while n > 1 && estimate(width: width, height: height, jobs: n, gif: gif) > Double(available) { n -= 1 }
        let needed = estimate(width: width, height: height, jobs: n, gif: gif)
        guard needed <= Double(available) else {
            throw AnimationError.outOfMemory(
                what: "\(width)×\(height) px \(gif ? "GIF frames" : "frames")", needed: needed, available: Double(available))
        }
        return n
    }

    /// Bytes as a person reads them: "1.5 GB", "300 MB".
    public static func format(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }
}
