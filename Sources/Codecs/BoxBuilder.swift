import Raster

/// Grows a bounding box point by point.
struct BoxBuilder {
    var x0 = Int.max, y0 = Int.max, x1 = -1, y1 = -1

    @inline(__always)
    mutating func add(x: Int, y: Int) {
        if x < x0 { x0 = x }
        if x > x1 { x1 = x }
        if y < y0 { y0 = y }
        if y > y1 { y1 = y }
    }

    var rect: PixelRect {
        y1 < 0 ? PixelRect(x: 0, y: 0, width: 0, height: 0) : PixelRect(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
    }
}

/// Turns canvas offsets into (x, y) with a division per row instead of two per pixel, for offsets
/// that mostly increase (candidate lists are in row order).
struct RowCursor {
    let width: Int
    private var y = 0
    private var rowStart = 0

    init(width: Int) {
        self.width = width
    }

    @inline(__always)
    mutating func locate(_ i: Int) -> (x: Int, y: Int) {
        if i >= rowStart + width || i < rowStart {
            y = i / width
            rowStart = y * width
        }
        return (i - rowStart, y)
    }
}
