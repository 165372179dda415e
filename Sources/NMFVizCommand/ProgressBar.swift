import Animation
import Foundation

/// Progress on stderr while frames are made: a bar with frames done/total and the time left, redrawn at
/// most ten times a second, and only when stderr is a terminal (nothing is drawn into a log or a pipe).
final class ProgressBar: ProgressReporter {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    /// Whether a bar is on the terminal's current line (any error line clears it first).
    nonisolated(unsafe) private static var isDrawn = false

    init(total: Int, quiet: Bool) {
        self.total = max(1, total)
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    func framesDone(_ done: Int, of total: Int) -> ProgressDecision {
        update(done: done)
        return .proceed
    }

    /// Records that `done` frames are finished; redraws if a tenth of a second has passed.
    func update(done: Int) {
        guard enabled else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let width = 30
        let filled = min(width, width * done / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var line = "\r\(bar) \(done)/\(total) frames"
        if done > 0 && done < total {
            let left = elapsed / Double(done) * Double(total - done)
            line += String(format: ", %.1f s left", left)
        }
        StandardStreams.writeRaw(line + "\u{1B}[K")
        Self.isDrawn = true
    }

    /// Clears the bar so that the summary line starts on a clean line.
    func finish() {
        Self.clearIfDrawn()
    }

    /// Clears the bar's line if a bar is drawn on it.
    static func clearIfDrawn() {
        guard isDrawn else { return }
        isDrawn = false
        StandardStreams.writeRaw("\r\u{1B}[K")
    }
}
