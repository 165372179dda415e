import Foundation

/// A random stream that reproduces numpy's legacy `np.random` (RandomState) bit for bit.
///
/// `np.random.seed(n)` for an integer n in [0, 2³²) seeds MT19937 with Matsumoto–Nishimura's
/// `init_genrand(n)` (multiplier 1812433253), not `init_by_array`. Doubles take 53 bits from two
/// 32-bit outputs as numpy's `random_sample` does, and `normal` is numpy's legacy polar Box–Muller
/// that caches the second value of each pair. Arrays are filled in row-major order, so drawing
/// `count` values one by one gives exactly numpy's `size=count` array.
public struct NumpyRandom: Sendable {
    private var state: [UInt32]
    private var index: Int
    private var cachedGauss: Double?

    /// Seeds the stream like `np.random.seed(seed)`.
    public init(seed: UInt32) {
        var mt = [UInt32](repeating: 0, count: 624)
        mt[0] = seed
        for i in 1..<624 {
            let previous = mt[i - 1]
            mt[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        state = mt
        index = 624
        cachedGauss = nil
    }

    /// The next raw 32-bit output of MT19937 (numpy's `random_uint32` / `genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if index >= 624 { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) with 53 random bits, like `np.random.random_sample()`.
    public mutating func randomSample() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A double in [low, high), like `np.random.uniform(low, high)`.
    public mutating func uniform(low: Double = 0, high: Double = 1) -> Double {
        low + (high - low) * randomSample()
    }

    /// A standard normal draw, like legacy `np.random.standard_normal()`.
    ///
    /// Polar Box–Muller: the pair's first value is cached and returned by the next call.
    public mutating func standardNormal() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * randomSample() - 1.0
            x2 = 2.0 * randomSample() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// A normal draw with mean `loc` and standard deviation `scale`, like `np.random.normal(loc, scale)`.
    public mutating func normal(loc: Double = 0, scale: Double = 1) -> Double {
        loc + scale * standardNormal()
    }

    /// An integer in 0…`max`, like numpy's legacy `random_interval`: the draws masked to the bits
    /// of `max`, rejected until one is at most `max`. `max` must fit in 32 bits (k components do).
    public mutating func interval(_ max: UInt32) -> UInt32 {
        guard max > 0 else { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        while true {
            let value = nextUInt32() & mask
            if value <= max { return value }
        }
    }

    /// 0..<n in a random order, like legacy `np.random.permutation(n)`: Fisher–Yates from the last
    /// element down, each swap partner drawn by `interval(i)`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<max(0, n))
        var i = order.count - 1
        while i > 0 {
            let j = Int(interval(UInt32(truncatingIfNeeded: i)))
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }

    /// Refills the 624-word state (the MT19937 "twist").
    private mutating func twist() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7FFF_FFFF
        state.withUnsafeMutableBufferPointer { mt in
            for i in 0..<624 {
                let y = (mt[i] & upper) | (mt[(i + 1) % 624] & lower)
                var next = mt[(i + 397) % 624] ^ (y >> 1)
                if y & 1 != 0 { next ^= 0x9908_B0DF }
                mt[i] = next
            }
        }
        index = 0
    }
}
