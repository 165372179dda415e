/// Turns frame durations into GIF delays (centiseconds) without drift.
///
/// GIF stores each delay in 1/100 s. Rounding every frame on its own makes 30 fps play at 33.3 fps;
/// instead each frame's delay is the number of centisecond boundaries its end passes since its start,
/// counted on the running total, so the rounding error is carried forward: 30 fps gives
/// 3, 3, 4, 3, 3, 4 … cs. A running total within 1 µs below a boundary counts as reaching it, so
/// that `.seconds(1) / 30`, truncated to attoseconds, still lands on whole centiseconds every 3 frames.
struct FrameClock {
    private(set) var elapsed: Duration = .zero

    /// The delay, in centiseconds, of a frame lasting `duration` that starts now; advances the clock.
    mutating func delay(for duration: Duration) -> Int {
        let start = FrameClock.centiseconds(elapsed)
        elapsed += duration
        return FrameClock.centiseconds(elapsed) - start
    }

    /// Whole centiseconds in `t` (t ≥ 0), with the 1 µs allowance.
    static func centiseconds(_ t: Duration) -> Int {
        let (seconds, attoseconds) = t.components
        return Int(seconds) * 100 + Int((attoseconds + 1_000_000_000_000) / 10_000_000_000_000_000)
    }
}
