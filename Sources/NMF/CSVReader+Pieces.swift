import Foundation

/// Reading the data lines of a large file on several cores.
///
/// Design: once the first data line has fixed the separator and the row length, the rest of the
/// bytes are cut at line ends into one piece per core, and each piece runs `Rows.fastLine` over its
/// lines with its own value buffer. The pieces are joined in order, so the matrix is the one the
/// sequential loop builds, value for value. A piece stops at the first line the fast path does not
/// take (a comment, quotes, anything wrong); then everything before that line is kept, and the
/// sequential loop goes on from it with the right line number, so every error is reported exactly as
/// before. Small files stay on one thread: starting threads costs more than their lines.
///
/// Measured (400,000 × 10, 36 MB, `Scripts/bench --csv`): see the README's CSV table.
extension CSVReader {
    /// Below this many remaining bytes the lines are read on the calling thread.
    static let pieceThreshold = 1 << 22

    /// What one piece read: its values (after those it was given), its rows and lines, and where it
    /// stopped if it did not reach its end.
    struct Piece {
        var values = [Double]()
        var rows = 0
        var lines = 0
        var stopped: UnsafePointer<UInt8>?
    }

    /// Reads the lines in `start..<end` in pieces when that pays (or in `requested` pieces: tests),
    /// adding them to `rows`.
    ///
    /// Returns nil when every line was read (`lineNumber` is then the last line's), or the start of
    /// the first line the fast path did not take, with `lineNumber` one before it, for the
    /// sequential loop to read.
    ///
    /// Precondition: `rows` has read its first data line; `start..<end` lies in one buffer and starts a line.
    static func readInPieces(_ rows: inout Rows, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>,
                             rowBytes: Int, pieces requested: Int?, lineNumber: inout Int) -> UnsafePointer<UInt8>? {
        lineNumber -= 1  // the pieces (or the sequential loop) count the current line again
        let total = end - start
        let count = requested ?? (total < pieceThreshold ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8))
        if count <= 1 { return start }
        // Cut after a line end, so every piece starts a line (a `\\r\\n` is never cut in two).
        var bounds = [start]
        for index in 1..<count {
            var q = max(bounds[bounds.count - 1], start + total * index / count)
            while q < end && q.pointee != 0x0A { q += 1 }
            if q < end { q += 1 }
            bounds.append(q)
        }
        bounds.append(end)
        // The first piece goes on in the values read so far (moved, so that they are not copied).
        var pieces = [Piece](repeating: Piece(), count: count)
        swap(&pieces[0].values, &rows.values)
        let template = rows
        pieces.withUnsafeMutableBufferPointer { results in
            let shared = UncheckedSendableBox((results, bounds))
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let (results, bounds) = shared.value
                var values = [Double]()
                swap(&values, &results[index].values)
                results[index] = readPiece(from: bounds[index], to: bounds[index + 1], like: template,
                                           values: values, rowBytes: rowBytes)
            }
        }
        swap(&rows.values, &pieces[0].values)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { rows.values.append(contentsOf: piece.values) }
            rows.count += piece.rows
            lineNumber += piece.lines
            if let stopped = piece.stopped {
                lineNumber -= 1  // the sequential loop counts the line it goes on with
                return stopped
            }
        }
        return nil
    }

    /// The lines in `start..<end` that the fast path takes, as `template`'s continuation would read
    /// them, appended to `values`.
    static func readPiece(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, like template: Rows,
                          values: [Double], rowBytes: Int) -> Piece {
        var rows = Rows(path: template.path)
        rows.values = values
        let first = values.count
        rows.separator = template.separator
        rows.columns = template.columns
        rows.count = 1  // the fast path reads only after a first data row
        rows.sawFirstLine = true
        // Room at the first rows' length, with a margin; the array grows if the rows get shorter.
        rows.values.reserveCapacity(first + template.columns * ((end - start) / max(1, rowBytes) + 2) * 5 / 4)
        var piece = Piece()
        var p = start
        while p < end {
            piece.lines += 1
            guard let lineEnd = rows.fastLine(p, end) else {
                piece.stopped = p
                break
            }
            if lineEnd == end { break }
            p = lineEnd + 1
            if lineEnd.pointee == 0x0D && p < end && p.pointee == 0x0A { p += 1 }
        }
        piece.rows = rows.count - 1
        piece.values = rows.values
        return piece
    }
}
