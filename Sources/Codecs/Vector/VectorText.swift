/// A growing byte buffer for SVG and PDF text, with the short number format both accept.
///
/// Numbers are rounded to a fixed number of decimals (2 for pixel coordinates: 0.01 px is 0.007 pt at
/// 100 dpi, far below what a renderer shows), trailing zeros and a leading zero dropped (".5", "-.25",
/// "12"), and never written in exponent form, which PDF does not allow. Formatting is done by hand on
/// integers: `String(format:)` would dominate the time of writing a figure.
struct VectorText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 14) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
    }

    mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// `value` with at most `decimals` decimals (0…8); non-finite values are written as 0.
    mutating func number(_ value: Double, decimals: Int = 2) {
        let places = max(0, min(8, decimals))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var n = Int(scaled)
        if n == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            n = -n
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var fraction = places
        // Trailing zeros of the fraction are dropped.
        while fraction > 0 && n % 10 == 0 {
            n /= 10
            fraction -= 1
        }
        var m = n
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        // digits holds the number's digits in reverse; the last `fraction` of them (first in digits) are decimals.
        if digits.count <= fraction {
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(fraction - digits.count) { bytes.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: digits.reversed())
            return
        }
        for (i, d) in digits.enumerated().reversed() {
            bytes.append(d)
            if fraction > 0 && i == fraction { bytes.append(UInt8(ascii: ".")) }
        }
    }

    /// A whole number.
    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }
}
