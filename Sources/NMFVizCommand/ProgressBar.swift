import Foundation

/// Progress on stderr while frames are made: a bar with frames done/total and the time left, redrawn at
/// most ten times a second, and only when stderr is a terminal (nothing is drawn into a log or a pipe).
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drewSomething = false

    init(total: Int, quiet: Bool) {
        self.total = max(1, total)
        self.enabled = !quiet && isatty(STDERR_FILENO) == 1
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
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drewSomething = true
    }

    /// Clears the bar so that the summary line starts on a clean line.
    func finish() {
        guard enabled, drewSomething else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
