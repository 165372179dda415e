/// Correctly rounded decimal-to-double conversion straight from bytes, for the CSV reader.
///
/// Three tiers, each exact where it answers:
/// 1. Clinger's fast path: a mantissa below 2^53 and a power of ten of at most 10^22 are both exact
///    doubles, so one IEEE multiplication or division rounds correctly.
/// 2. Eisel–Lemire (Lemire, "Number Parsing at a Gigabyte per Second", 2021): the mantissa times a
///    128-bit truncation of 5^q (`powersOfFive`) gives the result's leading bits; when the truncation
///    leaves the rounding undecided, it says so and the next tier answers.
/// 3. Swift's `Double(_:)` (correctly rounded) on the text, for the undecided cases and for
///    mantissas of more than 19 significant digits. Only these rare fields become a `String`.
///
/// The syntax is the reader's: `[+-]digits[.digits][(e|E)[+-]digits]`, digits on at least one side
/// of the point, nothing else (no blanks, quotes, `inf` or `nan`).
enum DecimalParser {
    /// The value of the bytes in `start..<end`, or nil when they are not a decimal number.
    ///
    /// Precondition: `start...end` lies inside one buffer (`end` may be its end).
    static func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        var p = start
        guard let value = scan(&p, end), p == end else { return nil }
        return value
    }

    /// Reads the longest decimal number at `p` (stopping before `end`) and moves `p` past it; nil when
    /// the bytes there do not start a number or stop inside one (`1e`, `1e+`, a lone sign or point).
    ///
    /// Precondition: `p...end` lies inside one buffer.
    @inline(__always)
    static func scan(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        assert(p <= end, "the number's bytes run forwards")
        let start = p
        var negative = false
        if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        let integerStart = p
        digitRun(&p, end, into: &mantissa)
        var digits = p - integerStart
        var exponent = 0
        if p < end && p.pointee == UInt8(ascii: ".") {
            p += 1
            let fractionStart = p
            digitRun(&p, end, into: &mantissa)
            exponent = fractionStart - p
            digits += p - fractionStart
        }
        guard digits > 0 else { return nil }
        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            p += 1
            var negativeExponent = false
            if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
                negativeExponent = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            let exponentStart = p
            var written = 0
            while p < end, case let digit = p.pointee &- UInt8(ascii: "0"), digit < 10 {
                if written < 100_000 { written = written * 10 + Int(digit) }  // beyond, the value is 0 or ∞
                p += 1
            }
            guard p > exponentStart else { return nil }
            exponent += negativeExponent ? -written : written
        }
        // More than 19 digits may have wrapped the mantissa: count the significant ones again.
        if digits > 19 && significantDigits(integerStart, p) > 19 { return fallback(start, p) }
        guard let magnitude = positive(mantissa: mantissa, exponent: exponent) else { return fallback(start, p) }
        return negative ? -magnitude : magnitude
    }

    /// Reads the decimal digits at `p` (stopping before `end`) into `mantissa`, which wraps modulo
    /// 2^64 as `mantissa × 10 + digit` per digit would, and moves `p` past them.
    ///
    /// Eight bytes at a time where eight remain (the SWAR method of fast_float's
    /// `parse_eight_digits_unrolled`): one load, the run of leading digits found from a mask of the
    /// bytes that are not digits, and those digits combined in three multiplications. Only the bytes
    /// before the first non-digit decide anything, and no carry or borrow reaches them from the bytes
    /// after it (in a little-endian word those are the higher ones), so any bytes may follow a number.
    /// The last bytes of the buffer go one by one.
    ///
    /// Precondition: `p...end` lies inside one buffer.
    @inline(__always)
    static func digitRun(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into mantissa: inout UInt64) {
        while end - p >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            // A byte's top bit is set here when it is below "0" (the subtraction wraps) or above "9"
            // (the addition passes 0x80, or for bytes from 0xBA wraps with the subtraction's bit set).
            let notDigits = ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
            let run = notDigits.trailingZeroBitCount >> 3  // 8 when all eight are digits
            if run == 0 { return }
            // The run's digits as the top bytes of a word (the lowest address the most significant).
            var digits = (word &- 0x3030_3030_3030_3030) << UInt64(64 - 8 * run)
            digits = digits &* 10 &+ (digits >> 8)
            let pairsMask: UInt64 = 0x0000_00FF_0000_00FF
            let upper: UInt64 = 100 + (1_000_000 << 32)
            let lower: UInt64 = 1 + (10_000 << 32)
            digits = ((digits & pairsMask) &* upper &+ ((digits >> 16) & pairsMask) &* lower) >> 32
            mantissa = mantissa &* powersOfTenUpToEight[run] &+ (digits & 0xFFFF_FFFF)
            p += run
            if run < 8 { return }
        }
        while p < end, case let digit = p.pointee &- UInt8(ascii: "0"), digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            p += 1
        }
    }

    /// 10^0 … 10^8, the scale of a run of up to eight digits.
    private static let powersOfTenUpToEight: [UInt64] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// The digits of the mantissa without leading zeros (the point skipped), up to the exponent.
    private static func significantDigits(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        var p = start
        while p < end && (p.pointee == UInt8(ascii: "0") || p.pointee == UInt8(ascii: ".")) { p += 1 }
        var count = 0
        while p < end && (p.pointee | 0x20) != UInt8(ascii: "e") {
            if p.pointee != UInt8(ascii: ".") { count += 1 }
            p += 1
        }
        return count
    }

    /// Tier 3: the standard library's correctly rounded conversion of the (ASCII) text.
    private static func fallback(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        Double(String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self))
    }

    /// Exact powers of ten for Clinger's fast path.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// mantissa × 10^exponent correctly rounded (tiers 1 and 2), or nil when tier 2 cannot decide.
    @inline(__always)
    static func positive(mantissa: UInt64, exponent: Int) -> Double? {
        if mantissa == 0 { return 0 }
        if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let value = Double(mantissa)
            return exponent < 0 ? value / exactPowers[-exponent] : value * exactPowers[exponent]
        }
        return eiselLemire(mantissa, exponent)
    }

    /// Tier 2 for a non-zero mantissa `w`: the double nearest w × 10^q, ties to even, or nil.
    static func eiselLemire(_ w: UInt64, _ q: Int) -> Double? {
        if q < -342 { return 0 }
        if q > 308 { return .infinity }
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << UInt64(leadingZeros)
        let index = 2 * (q + 342)
        var (high, low) = normalized.multipliedFullWidth(by: powersOfFive[index])
        // 55 bits are needed (52 stored, the implicit one, one to round, one for the carry): when the
        // rest of the word is all ones, the truncated low half of 5^q could still carry into them.
        let precisionMask: UInt64 = .max >> 55
        if high & precisionMask == precisionMask {
            let second = normalized.multipliedFullWidth(by: powersOfFive[index + 1]).high
            let (sum, carry) = low.addingReportingOverflow(second)
            low = sum
            if carry { high &+= 1 }
            if low == .max && (q < -27 || q > 55) { return nil }  // still undecided
        }
        let upperBit = Int(high >> 63)
        var significand = high >> UInt64(upperBit + 9)
        var power2 = ((217706 * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        if power2 <= 0 {  // subnormal or zero
            if -power2 + 1 >= 64 { return 0 }
            significand >>= UInt64(-power2 + 1)
            significand += significand & 1
            significand >>= 1
            power2 = significand < 1 << 52 ? 0 : 1
            return Double(bitPattern: UInt64(power2) << 52 | (significand & ((1 << 52) - 1)))
        }
        // Exactly halfway between two doubles (possible only when 5^q is exact): round to even.
        if low <= 1 && q >= -4 && q <= 23 && significand & 3 == 1
            && significand << UInt64(upperBit + 9) == high {
            significand &= ~1
        }
        significand += significand & 1
        significand >>= 1
        if significand >= 2 << 52 {
            significand = 1 << 52
            power2 += 1
        }
        significand &= ~(1 << 52)
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: UInt64(power2) << 52 | significand)
    }
}
