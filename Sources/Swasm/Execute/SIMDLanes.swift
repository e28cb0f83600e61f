/// Lane views of a v128 and helpers for the SIMD operations (see `executeSIMD`).

typealias I8x16 = SIMD16<Int8>
typealias U8x16 = SIMD16<UInt8>
typealias I16x8 = SIMD8<Int16>
typealias U16x8 = SIMD8<UInt16>
typealias I32x4 = SIMD4<Int32>
typealias U32x4 = SIMD4<UInt32>
typealias I64x2 = SIMD2<Int64>
typealias U64x2 = SIMD2<UInt64>
typealias F32x4 = SIMD4<Float>
typealias F64x2 = SIMD2<Double>

/// The v128 in slots `slot` and `slot + 1`, viewed as `T` (slots are only 8-byte aligned).
@inline(__always)
func readV128<T: SIMD>(_ fp: UnsafeMutablePointer<UInt64>, _ slot: Int, as _: T.Type = T.self) -> T {
    UnsafeRawPointer(fp + slot).loadUnaligned(as: T.self)
}

@inline(__always)
func writeV128<T: SIMD>(_ fp: UnsafeMutablePointer<UInt64>, _ slot: Int, _ value: T) {
    UnsafeMutableRawPointer(fp + slot).storeBytes(of: value, as: T.self)
}

// MARK: Comparison results: all ones where the mask is set

@inline(__always) func laneMask(_ m: SIMDMask<I8x16>) -> I8x16 { I8x16(repeating: 0).replacing(with: -1, where: m) }
@inline(__always) func laneMask(_ m: SIMDMask<I16x8>) -> I16x8 { I16x8(repeating: 0).replacing(with: -1, where: m) }
@inline(__always) func laneMask(_ m: SIMDMask<I32x4>) -> I32x4 { I32x4(repeating: 0).replacing(with: -1, where: m) }
@inline(__always) func laneMask(_ m: SIMDMask<I64x2>) -> I64x2 { I64x2(repeating: 0).replacing(with: -1, where: m) }

// MARK: Lane-wise helpers
//
// Element access on Swift's SIMD types (`v[i]`, `replacing(with:where:)` on 16 lanes) compiles
// to slow code, so lane-by-lane operations read and write the frame slots through raw pointers
// instead. Lanes of at most 8 bytes are naturally aligned within 8-byte slots.

/// Writes `f(lane i of x)` to lane i of dst, for the 16 / size(L) lanes. `R` has the size of `L`.
@inline(__always)
func mapLanes<L, R>(_ fp: UnsafeMutablePointer<UInt64>, _ dst: Int, _ x: Int, _: L.Type, _: R.Type,
                    _ f: (L) -> R) {
    let px = UnsafeRawPointer(fp + x)
    var out: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &out) { o in
        for i in 0..<(16 / MemoryLayout<L>.size) {
            o.storeBytes(of: f(px.load(fromByteOffset: i &* MemoryLayout<L>.size, as: L.self)),
                         toByteOffset: i &* MemoryLayout<R>.size, as: R.self)
        }
    }
    fp[dst] = out.0
    fp[dst &+ 1] = out.1
}

/// Writes `f(lane i of x, lane i of y)` to lane i of dst. `R` has the size of `L`.
@inline(__always)
func zipLanes<L, R>(_ fp: UnsafeMutablePointer<UInt64>, _ dst: Int, _ x: Int, _ y: Int, _: L.Type, _: R.Type,
                    _ f: (L, L) -> R) {
    let px = UnsafeRawPointer(fp + x), py = UnsafeRawPointer(fp + y)
    var out: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &out) { o in
        for i in 0..<(16 / MemoryLayout<L>.size) {
            let offset = i &* MemoryLayout<L>.size
            o.storeBytes(of: f(px.load(fromByteOffset: offset, as: L.self), py.load(fromByteOffset: offset, as: L.self)),
                         toByteOffset: i &* MemoryLayout<R>.size, as: R.self)
        }
    }
    fp[dst] = out.0
    fp[dst &+ 1] = out.1
}

/// i8x16.shuffle (`selectors` holds lane indices 0...31, one per byte) and i8x16.swizzle
/// (indices from a vector; 16 and above select 0).
@inline(__always)
func shuffleBytes(_ fp: UnsafeMutablePointer<UInt64>, _ dst: Int, _ x: Int, _ y: Int, low: UInt64, high: UInt64) {
    let px = UnsafeRawPointer(fp + x), py = UnsafeRawPointer(fp + y)
    var out: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &out) { o in
        for i in 0..<16 {
            let s = Int(truncatingIfNeeded: ((i < 8 ? low : high) &>> UInt64((i & 7) &* 8)) & 31)
            o[i] = s < 16 ? px.load(fromByteOffset: s, as: UInt8.self) : py.load(fromByteOffset: s &- 16, as: UInt8.self)
        }
    }
    fp[dst] = out.0
    fp[dst &+ 1] = out.1
}

@inline(__always)
func swizzleBytes(_ fp: UnsafeMutablePointer<UInt64>, _ dst: Int, _ x: Int, _ indices: Int) {
    let px = UnsafeRawPointer(fp + x), pi = UnsafeRawPointer(fp + indices)
    var out: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &out) { o in
        for i in 0..<16 {
            let s = Int(pi.load(fromByteOffset: i, as: UInt8.self))
            o[i] = s < 16 ? px.load(fromByteOffset: s, as: UInt8.self) : 0
        }
    }
    fp[dst] = out.0
    fp[dst &+ 1] = out.1
}

/// Lane `lane` (of type L) of the v128 at `slot`.
@inline(__always)
func readLane<L>(_ fp: UnsafeMutablePointer<UInt64>, _ slot: Int, _ lane: Int, _: L.Type) -> L {
    UnsafeRawPointer(fp + slot).load(fromByteOffset: (lane & (16 / MemoryLayout<L>.size - 1)) &* MemoryLayout<L>.size,
                                     as: L.self)
}

/// Copies the v128 at `src` to `dst` with lane `lane` (of type L) replaced by `value`.
@inline(__always)
func replaceLane<L>(_ fp: UnsafeMutablePointer<UInt64>, _ dst: Int, _ src: Int, _ lane: Int, _ value: L) {
    var out: (UInt64, UInt64) = (fp[src], fp[src &+ 1])
    withUnsafeMutableBytes(of: &out) { o in
        o.storeBytes(of: value, toByteOffset: (lane & (16 / MemoryLayout<L>.size - 1)) &* MemoryLayout<L>.size, as: L.self)
    }
    fp[dst] = out.0
    fp[dst &+ 1] = out.1
}

@inline(__always)
func saturatingAdd<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    let (r, overflow) = a.addingReportingOverflow(b)
    if !overflow { return r }
    return T.isSigned && b < 0 ? T.min : T.max
}

@inline(__always)
func saturatingSub<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    let (r, overflow) = a.subtractingReportingOverflow(b)
    if !overflow { return r }
    return T.isSigned && b < 0 ? T.max : T.min
}

/// Rounding average of unsigned lanes, (a + b + 1) / 2 without overflow.
@inline(__always)
func roundingAverage<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
    (a | b) &- ((a ^ b) &>> 1)
}

/// Wrapping absolute value (the minimum stays itself): (x ^ m) - m with m = x >> (width - 1).
@inline(__always)
func wrappingAbs<T: SIMD>(_ a: T) -> T where T.Scalar: FixedWidthInteger & SignedInteger {
    let m = a &>> T(repeating: T.Scalar(T.Scalar.bitWidth - 1))
    return (a ^ m) &- m
}

@inline(__always)
func allTrue<L: FixedWidthInteger>(_ fp: UnsafeMutablePointer<UInt64>, _ slot: Int, _: L.Type) -> UInt64 {
    let p = UnsafeRawPointer(fp + slot)
    for i in 0..<(16 / MemoryLayout<L>.size) where p.load(fromByteOffset: i &* MemoryLayout<L>.size, as: L.self) == 0 {
        return 0
    }
    return 1
}

/// Bit i set when lane i (of type L, signed) is negative.
@inline(__always)
func bitmask<L: FixedWidthInteger & SignedInteger>(_ fp: UnsafeMutablePointer<UInt64>, _ slot: Int, _: L.Type) -> UInt64 {
    let p = UnsafeRawPointer(fp + slot)
    var m: UInt64 = 0
    for i in 0..<(16 / MemoryLayout<L>.size) where p.load(fromByteOffset: i &* MemoryLayout<L>.size, as: L.self) < 0 {
        m |= 1 &<< UInt64(i)
    }
    return m
}

/// Q15 rounding, saturating multiplication: (a * b + 0x4000) >> 15.
@inline(__always)
func q15MulRoundSat(_ a: Int16, _ b: Int16) -> Int16 {
    let p = (Int32(a) * Int32(b) + 0x4000) >> 15
    return Int16(clamping: p)
}

// MARK: Floats

/// pmin: b < a ? b : a, copying bits (NaN payloads survive).
@inline(__always)
func pseudoMin(_ a: F32x4, _ b: F32x4) -> U32x4 {
    a.bitPatterns.replacing(with: b.bitPatterns, where: b .< a)
}

@inline(__always)
func pseudoMax(_ a: F32x4, _ b: F32x4) -> U32x4 {
    a.bitPatterns.replacing(with: b.bitPatterns, where: a .< b)
}

@inline(__always)
func pseudoMin(_ a: F64x2, _ b: F64x2) -> U64x2 {
    a.bitPatterns.replacing(with: b.bitPatterns, where: b .< a)
}

@inline(__always)
func pseudoMax(_ a: F64x2, _ b: F64x2) -> U64x2 {
    a.bitPatterns.replacing(with: b.bitPatterns, where: a .< b)
}

/// The lanes with their signs flipped (-0 for +0, NaNs keep their payload).
@inline(__always)
func negated(_ a: F32x4) -> F32x4 { unsafeBitCast(a.bitPatterns ^ 0x8000_0000, to: F32x4.self) }

@inline(__always)
func negated(_ a: F64x2) -> F64x2 { unsafeBitCast(a.bitPatterns ^ 0x8000_0000_0000_0000, to: F64x2.self) }

extension SIMD4 where Scalar == Float {
    @inline(__always) var bitPatterns: U32x4 { unsafeBitCast(self, to: U32x4.self) }
}

extension SIMD2 where Scalar == Double {
    @inline(__always) var bitPatterns: U64x2 { unsafeBitCast(self, to: U64x2.self) }
}

/// Saturating truncation toward zero to Int32 / UInt32 (NaN gives 0).
@inline(__always)
func saturateToInt32(_ x: Double) -> Int32 {
    if x.isNaN { return 0 }
    if x <= -2147483648.0 { return Int32.min }
    if x >= 2147483647.0 { return Int32.max }
    return Int32(x)  // in range: truncates toward zero
}

@inline(__always)
func saturateToUInt32(_ x: Double) -> UInt32 {
    if x.isNaN || x <= 0 { return 0 }
    if x >= 4294967295.0 { return UInt32.max }
    return UInt32(x)
}

// MARK: Memory

/// The effective address of a SIMD access to a 32-bit memory: address + offset (below 2^33).
@inline(__always)
func simdAddress32(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: fp[fieldB(pc[0])])) &+ pc[1]
}

/// Executes a `.simdLoad`: A = dst, B = address slot, C = vector slot, [1] = offset, [2] = op | lane << 16.
/// `ea` is address + offset, at most the memory size for a 64-bit memory (so `ea + width` cannot wrap).
@inline(__always)
func executeSIMDLoad(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>,
                     _ memBase: UnsafeMutableRawPointer, _ memSize: UInt64, ea: UInt64) -> TrapCode {
    let w = pc[0]
    let dst = fieldA(w)
    let lane = Int(truncatingIfNeeded: (pc[2] &>> 16) & 0xFF)
    guard let op = SIMDOp(rawValue: UInt16(truncatingIfNeeded: pc[2])) else { return .unreachable }
    @inline(__always) func check(_ size: UInt64) -> Bool { ea &+ size <= memSize }
    @inline(__always) func load<T>(_: T.Type) -> T { memBase.loadUnaligned(fromByteOffset: Int(ea), as: T.self) }
    switch op {
    case .v128Load:
        guard check(16) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, load(U8x16.self))
    case .v128Load8x8S:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, I16x8(truncatingIfNeeded: load(SIMD8<Int8>.self)))
    case .v128Load8x8U:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U16x8(truncatingIfNeeded: load(SIMD8<UInt8>.self)))
    case .v128Load16x4S:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, I32x4(truncatingIfNeeded: load(SIMD4<Int16>.self)))
    case .v128Load16x4U:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U32x4(truncatingIfNeeded: load(SIMD4<UInt16>.self)))
    case .v128Load32x2S:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, I64x2(truncatingIfNeeded: load(SIMD2<Int32>.self)))
    case .v128Load32x2U:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U64x2(truncatingIfNeeded: load(SIMD2<UInt32>.self)))
    case .v128Load8Splat:
        guard check(1) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U8x16(repeating: load(UInt8.self)))
    case .v128Load16Splat:
        guard check(2) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U16x8(repeating: load(UInt16.self)))
    case .v128Load32Splat:
        guard check(4) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U32x4(repeating: load(UInt32.self)))
    case .v128Load64Splat:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U64x2(repeating: load(UInt64.self)))
    case .v128Load32Zero:
        guard check(4) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U64x2(UInt64(load(UInt32.self)), 0))
    case .v128Load64Zero:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        writeV128(fp, dst, U64x2(load(UInt64.self), 0))
    case .v128Load8Lane:
        guard check(1) else { return .outOfBoundsMemoryAccess }
        replaceLane(fp, dst, fieldC(w), lane, load(UInt8.self))
    case .v128Load16Lane:
        guard check(2) else { return .outOfBoundsMemoryAccess }
        replaceLane(fp, dst, fieldC(w), lane, load(UInt16.self))
    case .v128Load32Lane:
        guard check(4) else { return .outOfBoundsMemoryAccess }
        replaceLane(fp, dst, fieldC(w), lane, load(UInt32.self))
    case .v128Load64Lane:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        replaceLane(fp, dst, fieldC(w), lane, load(UInt64.self))
    default:
        return .unreachable
    }
    return .none
}

/// Executes a `.simdStore`: A = value slot, B = address slot, [1] = offset, [2] = op | lane << 16.
/// `ea` as for `executeSIMDLoad`.
@inline(__always)
func executeSIMDStore(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>,
                      _ memBase: UnsafeMutableRawPointer, _ memSize: UInt64, ea: UInt64) -> TrapCode {
    let w = pc[0]
    let src = fieldA(w)
    let lane = Int(truncatingIfNeeded: (pc[2] &>> 16) & 0xFF)
    guard let op = SIMDOp(rawValue: UInt16(truncatingIfNeeded: pc[2])) else { return .unreachable }
    @inline(__always) func check(_ size: UInt64) -> Bool { ea &+ size <= memSize }
    @inline(__always) func store<T>(_ value: T) { memBase.storeBytes(of: value, toByteOffset: Int(ea), as: T.self) }
    switch op {
    case .v128Store:
        guard check(16) else { return .outOfBoundsMemoryAccess }
        store(readV128(fp, src, as: U8x16.self))
    case .v128Store8Lane:
        guard check(1) else { return .outOfBoundsMemoryAccess }
        store(readLane(fp, src, lane, UInt8.self))
    case .v128Store16Lane:
        guard check(2) else { return .outOfBoundsMemoryAccess }
        store(readLane(fp, src, lane, UInt16.self))
    case .v128Store32Lane:
        guard check(4) else { return .outOfBoundsMemoryAccess }
        store(readLane(fp, src, lane, UInt32.self))
    case .v128Store64Lane:
        guard check(8) else { return .outOfBoundsMemoryAccess }
        store(readLane(fp, src, lane, UInt64.self))
    default:
        return .unreachable
    }
    return .none
}
