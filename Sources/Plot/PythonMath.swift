import Foundation

/// Python's float arithmetic where it differs from Swift's, so that tick placement agrees with matplotlib
/// to the last bit in the cases that matter (a tick exactly on a limit, an offset that just qualifies).
enum PythonMath {
    /// Python's `divmod(x, y)` for floats (CPython `float_divmod`): floor quotient and a remainder with
    /// the sign of `y`.
    static func divmod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var mod = fmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) {
                mod += y
                div -= 1
            }
        } else {
            mod = copysign(0, y)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = copysign(0, x / y)
        }
        return (floordiv, mod)
    }

    /// Python's `x // y` for floats.
    /// floor(log10(|x|)) as an Int, for any x: 0 for 0, NaN and infinities, whose order of
    /// magnitude means nothing (a plain `Int(log10(x).rounded(.down))` traps on them).
    static func decimalExponent(_ x: Double) -> Int {
        let e = log10(abs(x)).rounded(.down)
        return e.isFinite ? Int(e) : 0
    }

    static func floorDiv(_ x: Double, _ y: Double) -> Double { divmod(x, y).quotient }

    /// numpy's `round(x, decimals)`: scale, round half to even, unscale.
    static func npRound(_ x: Double, decimals: Int) -> Double {
        if decimals >= 0 {
            let f = pow(10.0, Double(decimals))
            return (x * f).rounded(.toNearestOrEven) / f
        }
        let f = pow(10.0, Double(-decimals))
        return (x / f).rounded(.toNearestOrEven) * f
    }

    /// matplotlib's `transforms._nonsingular`: widen a degenerate or tiny interval, and order it.
    static func nonsingular(_ a: Double, _ b: Double, expander: Double, tiny: Double) -> (Double, Double) {
        guard a.isFinite, b.isFinite else { return (-expander, expander) }
        var vmin = min(a, b), vmax = max(a, b)
        let maxAbs = max(abs(vmin), abs(vmax))
        if maxAbs < (1e6 / tiny) * Double.leastNormalMagnitude {
            vmin = -expander
            vmax = expander
        } else if vmax - vmin <= maxAbs * tiny {
            if vmax == 0 && vmin == 0 {
                vmin = -expander
                vmax = expander
            } else {
                vmin -= expander * abs(vmin)
                vmax += expander * abs(vmax)
            }
        }
        return (vmin, vmax)
    }
}
