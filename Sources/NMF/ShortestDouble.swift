/// Prints a double as `Double.description` does — the shortest digits that read back to the same
/// bits, the closest of them to the exact value (ties to even), in Swift's layout — straight into a
/// byte buffer: the JSON export's number printer.
///
/// Why not Swift's own (`swift_float64ToString`, kept as the fallback)? Since Swift 6.2 it is written
/// in Swift over a `_UInt128` whose multiplications are not inlined; it cost about 40 ns a number, half
/// the export's time. This is Raffaello Giulietti's Schubfach ("The Schubfach way to render doubles",
/// 2020): one 126-bit power of ten from a table (`ShortestDouble+Powers.swift`, generated and checked
/// by Scripts/fixtures/powers_of_ten_schubfach.py), three 64×126-bit products rounded to odd, and a
/// choice among at most four candidates; then the digits, two at a time.
///
/// Layout, as Swift's: `1.0`, `0.001`, `123.456`, `9007199254740992.0`; exponential from |v| > 2^53
/// and below 10^-4: `1e-05`, `1.5e+16`. Zero, subnormals and non-finite values are left to the
/// caller (`JSONNumber.write`, which hands subnormals to Swift's printer). `ShortestDoubleTests`
/// compares the text with `description` at the edges of every binary exponent and decimal power and
/// on a million random bit patterns (a one-off run of the same checks, -O, covered 123 million values).
enum ShortestDouble {
    /// The room `write` may use: a sign, 17 digits, a point, `e-308` and slack.
    static let room = 32

    /// Writes `value` (normal, i.e. finite, nonzero and not subnormal) at `out`, which has `room`
    /// bytes; returns the bytes written.
    @inline(__always)
    static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let bits = value.bitPattern
        let biased = Int(truncatingIfNeeded: (bits >> 52) & 0x7FF)
        let c = (1 << 52) | (bits & ((1 << 52) - 1))
        let q = biased - 1075
        var significand: UInt64
        var exponent: Int
        let shift = -q
        if shift > 0 && shift < 53 && (c >> UInt64(shift)) << UInt64(shift) == c {
            // An integer below 2^53: its own shortest digits.
            significand = c >> UInt64(shift)
            exponent = 0
        } else {
            (significand, exponent) = decimal(c: c, q: q)
        }
        // Strip trailing zeros: v = significand · 10^exponent with the fewest digits.
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        var start = out
        if bits >> 63 != 0 {
            start[0] = UInt8(ascii: "-")
            start += 1
        }
        let digits = digitCount(significand)
        let point = digits + exponent  // v = 0.D × 10^point
        var end: UnsafeMutablePointer<UInt8>
        if point < -3 || value.magnitude > 0x1p53 {
            // d.ddde±XX: the digits one place right, the first moved back before the point.
            writeDigits(significand, count: digits, to: start + 1)
            start[0] = start[1]
            end = start + 1 + digits
            if digits > 1 {
                start[1] = UInt8(ascii: ".")
            } else {
                end -= 1
            }
            var power = point - 1
            end[0] = UInt8(ascii: "e")
            end[1] = power < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            if power < 0 { power = -power }
            end += 2
            if power >= 100 {
                end[0] = UInt8(ascii: "0") + UInt8(power / 100)
                power %= 100
                end += 1
            }
            end[0] = UInt8(ascii: "0") + UInt8(power / 10)
            end[1] = UInt8(ascii: "0") + UInt8(power % 10)
            end += 2
        } else if point <= 0 {
            // 0.000ddd
            start[0] = UInt8(ascii: "0")
            start[1] = UInt8(ascii: ".")
            var zeros = start + 2
            for _ in 0 ..< -point {
                zeros[0] = UInt8(ascii: "0")
                zeros += 1
            }
            writeDigits(significand, count: digits, to: zeros)
            end = zeros + digits
        } else if point >= digits {
            // ddd000.0
            writeDigits(significand, count: digits, to: start)
            end = start + digits
            for _ in 0 ..< point - digits {
                end[0] = UInt8(ascii: "0")
                end += 1
            }
            end[0] = UInt8(ascii: ".")
            end[1] = UInt8(ascii: "0")
            end += 2
        } else {
            // ddd.ddd: the digits one place right, the integer part moved back before the point.
            writeDigits(significand, count: digits, to: start + 1)
            for i in 0 ..< point { start[i] = start[i + 1] }
            start[point] = UInt8(ascii: ".")
            end = start + 1 + digits
        }
        return end - out
    }

    /// The shortest decimal significand and exponent of c · 2^q (a normal double: 2^52 ≤ c < 2^53).
    @inline(__always)
    private static func decimal(c: UInt64, q: Int) -> (UInt64, Int) {
        // The rounding interval, in quarter units: [cbl, cbr] around cb = 4c; its ends belong to it
        // when c is even (a reader rounds ties to even). At a power of two the gap below is half.
        let inclusive: UInt64 = c & 1 == 0 ? 0 : 1
        let cb = c << 2
        let cbr = cb + 2
        let cbl: UInt64
        let k: Int
        if c != 1 << 52 || q == -1074 {
            cbl = cb - 2
            k = (q &* 661_971_961_083) >> 41  // ⌊log10 2^q⌋
        } else {
            cbl = cb - 1
            k = (q &* 661_971_961_083 &- 274_743_187_321) >> 41  // ⌊log10 (3/4 · 2^q)⌋
        }
        let h = q + (((-k) &* 913_124_641_741) >> 38) + 2  // 1…4
        let index = (-k - smallestPower) * 2
        let (g1, g0) = powersOfTen.withUnsafeBufferPointer { ($0[index], $0[index + 1]) }
        let vb = roundToOdd(g1, g0, cb << UInt64(h))
        let vbl = roundToOdd(g1, g0, cbl << UInt64(h))
        let vbr = roundToOdd(g1, g0, cbr << UInt64(h))
        let s = vb >> 2
        if s >= 100 {
            // One digit fewer, if exactly one of the two candidates lies in the interval.
            let sp10 = (s / 10) &* 10
            let tp10 = sp10 &+ 10
            let lowerIn = vbl &+ inclusive <= sp10 << 2
            let upperIn = (tp10 << 2) &+ inclusive <= vbr
            if lowerIn != upperIn { return (lowerIn ? sp10 : tp10, k) }
        }
        let t = s &+ 1
        let lowerIn = vbl &+ inclusive <= s << 2
        let upperIn = (t << 2) &+ inclusive <= vbr
        if lowerIn != upperIn { return (lowerIn ? s : t, k) }
        // Both in: the closer, ties to even.
        let twiceMid = (s &+ t) << 1
        return (vb < twiceMid || (vb == twiceMid && s & 1 == 0) ? s : t, k)
    }

    /// ⌊g · cp / 2^127⌋ with its lowest bit set when the division is inexact (round to odd), for
    /// g = g1 · 2^63 + g0.
    @inline(__always)
    private static func roundToOdd(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
        let x1 = g0.multipliedFullWidth(by: cp).high
        let y = g1.multipliedFullWidth(by: cp)
        let z = (y.low >> 1) &+ x1
        let floor = y.high &+ (z >> 63)
        let mask: UInt64 = (1 << 63) - 1
        return floor | (((z & mask) &+ mask) >> 63)
    }

    /// The first decimal exponent of `powersOfTen`.
    private static let smallestPower = -292

    /// The decimal digits of `value` (at least 1): ⌊log10⌋ estimated from the bit length
    /// (1233/4096 ≈ log10 2), then corrected by one comparison.
    @inline(__always)
    private static func digitCount(_ value: UInt64) -> Int {
        let bits = 64 - (value | 1).leadingZeroBitCount
        let estimate = (bits &* 1233) >> 12
        return powersOfTenInteger.withUnsafeBufferPointer { estimate + (value >= $0[estimate] ? 1 : 0) }
    }

    /// 10^0 … 10^19.
    private static let powersOfTenInteger: [UInt64] = [
        1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ]

    /// "00", "01", … "99" as little-endian pairs of ASCII digits.
    private static let digitPairs: [UInt16] = [
        0x3030, 0x3130, 0x3230, 0x3330, 0x3430, 0x3530, 0x3630, 0x3730, 0x3830, 0x3930,
        0x3031, 0x3131, 0x3231, 0x3331, 0x3431, 0x3531, 0x3631, 0x3731, 0x3831, 0x3931,
        0x3032, 0x3132, 0x3232, 0x3332, 0x3432, 0x3532, 0x3632, 0x3732, 0x3832, 0x3932,
        0x3033, 0x3133, 0x3233, 0x3333, 0x3433, 0x3533, 0x3633, 0x3733, 0x3833, 0x3933,
        0x3034, 0x3134, 0x3234, 0x3334, 0x3434, 0x3534, 0x3634, 0x3734, 0x3834, 0x3934,
        0x3035, 0x3135, 0x3235, 0x3335, 0x3435, 0x3535, 0x3635, 0x3735, 0x3835, 0x3935,
        0x3036, 0x3136, 0x3236, 0x3336, 0x3436, 0x3536, 0x3636, 0x3736, 0x3836, 0x3936,
        0x3037, 0x3137, 0x3237, 0x3337, 0x3437, 0x3537, 0x3637, 0x3737, 0x3837, 0x3937,
        0x3038, 0x3138, 0x3238, 0x3338, 0x3438, 0x3538, 0x3638, 0x3738, 0x3838, 0x3938,
        0x3039, 0x3139, 0x3239, 0x3339, 0x3439, 0x3539, 0x3639, 0x3739, 0x3839, 0x3939,
    ]

    /// Writes the `count` decimal digits of `value` at `out`: eight at a time from the right (four
    /// independent pairs each), then the leading ones two at a time.
    @inline(__always)
    private static func writeDigits(_ value: UInt64, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        digitPairs.withUnsafeBufferPointer { pairs in
            var value = value
            var end = UnsafeMutableRawPointer(out + count)
            while value >= 100_000_000 {
                let low = UInt32(truncatingIfNeeded: value % 100_000_000)
                value /= 100_000_000
                let high4 = low / 10000
                let low4 = low &- high4 &* 10000
                end -= 8
                end.storeBytes(of: pairs[Int(high4 / 100)], toByteOffset: 0, as: UInt16.self)
                end.storeBytes(of: pairs[Int(high4 % 100)], toByteOffset: 2, as: UInt16.self)
                end.storeBytes(of: pairs[Int(low4 / 100)], toByteOffset: 4, as: UInt16.self)
                end.storeBytes(of: pairs[Int(low4 % 100)], toByteOffset: 6, as: UInt16.self)
            }
            var rest = UInt32(truncatingIfNeeded: value)
            while rest >= 100 {
                end -= 2
                end.storeBytes(of: pairs[Int(rest % 100)], as: UInt16.self)
                rest /= 100
            }
            if rest >= 10 {
                end -= 2
                end.storeBytes(of: pairs[Int(rest)], as: UInt16.self)
            } else {
                end -= 1
                end.storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest), as: UInt8.self)
            }
        }
    }
}
