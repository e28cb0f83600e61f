/// SplitMix64: a small, fast, deterministic generator. Every campaign is reproducible from its
/// seed (and a case from its seed and index: see `caseGenerator`).
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0 ..< bound (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// Uniform in range.
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability 1/n.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    mutating func bool() -> Bool { next() & 1 == 1 }

    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Small lengths are much likelier than large ones (1, 2, 4, ... up to `max`).
    mutating func smallLength(max: Int) -> Int {
        guard max > 1 else { return 1 }
        let bits = below(Int.bitWidth - max.leadingZeroBitCount) + 1
        return min(max, 1 + below(1 << min(bits, 20)))
    }
}

/// The generator for case `index` of campaign `seed`: cases do not depend on each other's draws.
/// With `--no-feedback`, `--start K --cases 1` replays case K alone; with feedback (the default)
/// the corpus grows with earlier cases, so only a rerun from the start replays it, which is why
/// failing inputs are saved.
func caseGenerator(seed: UInt64, index: UInt64) -> SplitMix64 {
    var mix = SplitMix64(seed: seed ^ 0x5157_4153_4D46_5A5A)
    let a = mix.next()
    var g = SplitMix64(seed: a ^ (index &* 0xD6E8_FEB8_6659_FD93))
    _ = g.next()
    return g
}
