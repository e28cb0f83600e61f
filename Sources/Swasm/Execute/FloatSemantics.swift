/// Float operations whose WebAssembly semantics differ from Swift's standard library.

/// `fmin`: NaN if either operand is NaN (propagated quietly), and -0 < +0.
@inline(__always) func wasmMin(_ a: Float, _ b: Float) -> Float {
    if a.isNaN || b.isNaN { return a + b }
    if a == b { return Float(bitPattern: a.bitPattern | b.bitPattern) }
    return a < b ? a : b
}

@inline(__always) func wasmMax(_ a: Float, _ b: Float) -> Float {
    if a.isNaN || b.isNaN { return a + b }
    if a == b { return Float(bitPattern: a.bitPattern & b.bitPattern) }
    return a > b ? a : b
}

@inline(__always) func wasmMin(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return a + b }
    if a == b { return Double(bitPattern: a.bitPattern | b.bitPattern) }
    return a < b ? a : b
}

@inline(__always) func wasmMax(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return a + b }
    if a == b { return Double(bitPattern: a.bitPattern & b.bitPattern) }
    return a > b ? a : b
}

/// The source value of a float-to-int conversion as a Double (exact for f32 sources), and the
/// exclusive bounds within which its truncation fits the target type.
@inline(__always)
private func conversionOperand(_ op: Op, _ bits: UInt64) -> (value: Double, lower: Double, upper: Double, signed: Bool, is64: Bool) {
    switch op {
    case .i32TruncF32S, .i32TruncSatF32S:
        return (Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))), -2147483649.0, 2147483648.0, true, false)
    case .i32TruncF32U, .i32TruncSatF32U:
        return (Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))), -1.0, 4294967296.0, false, false)
    case .i32TruncF64S, .i32TruncSatF64S:
        return (Double(bitPattern: bits), -2147483649.0, 2147483648.0, true, false)
    case .i32TruncF64U, .i32TruncSatF64U:
        return (Double(bitPattern: bits), -1.0, 4294967296.0, false, false)
    case .i64TruncF32S, .i64TruncSatF32S:
        return (Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))), -9223372036854777856.0, 9223372036854775808.0, true, true)
    case .i64TruncF32U, .i64TruncSatF32U:
        return (Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))), -1.0, 18446744073709551616.0, false, true)
    case .i64TruncF64S, .i64TruncSatF64S:
        return (Double(bitPattern: bits), -9223372036854777856.0, 9223372036854775808.0, true, true)
    default:  // .i64TruncF64U, .i64TruncSatF64U
        return (Double(bitPattern: bits), -1.0, 18446744073709551616.0, false, true)
    }
}

/// Converts an in-range truncated value to the target's bits.
@inline(__always)
private func integerBits(_ t: Double, signed: Bool, is64: Bool) -> UInt64 {
    switch (signed, is64) {
    case (true, false): return UInt64(UInt32(bitPattern: Int32(t)))
    case (false, false): return UInt64(UInt32(t))
    case (true, true): return UInt64(bitPattern: Int64(t))
    case (false, true): return UInt64(t)
    }
}

/// Trapping float-to-int truncation (`iNN.trunc_fMM_s/u`).
@inline(never)
func truncateToInteger(_ op: Op, _ bits: UInt64) -> (value: UInt64, trap: TrapCode) {
    let (x, lower, upper, signed, is64) = conversionOperand(op, bits)
    if x.isNaN { return (0, .invalidConversionToInteger) }
    // For i64 signed the lower bound is -2^63 exactly, which is in range.
    let inRange = (signed && is64) ? (x >= -9223372036854775808.0 && x < upper) : (x > lower && x < upper)
    if !inRange { return (0, .integerOverflow) }
    return (integerBits(x.rounded(.towardZero), signed: signed, is64: is64), .none)
}

/// Saturating float-to-int truncation (`iNN.trunc_sat_fMM_s/u`).
@inline(never)
func truncateSaturating(_ op: Op, _ bits: UInt64) -> UInt64 {
    let (x, lower, upper, signed, is64) = conversionOperand(op, bits)
    if x.isNaN { return 0 }
    let tooLow = (signed && is64) ? x < -9223372036854775808.0 : x <= lower
    if tooLow {
        switch (signed, is64) {
        case (true, false): return UInt64(UInt32(bitPattern: Int32.min))
        case (true, true): return UInt64(bitPattern: Int64.min)
        default: return 0
        }
    }
    if x >= upper {
        switch (signed, is64) {
        case (true, false): return UInt64(UInt32(bitPattern: Int32.max))
        case (false, false): return UInt64(UInt32.max)
        case (true, true): return UInt64(bitPattern: Int64.max)
        case (false, true): return UInt64.max
        }
    }
    return integerBits(x.rounded(.towardZero), signed: signed, is64: is64)
}

extension Op {
    /// The saturating conversion an accumulator variant performs (the handlers read their
    /// operation back from the code, so that they stay identical and merge).
    var saturatingPlainForm: Op { saturatingBase ?? self }
}
