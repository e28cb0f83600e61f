/// SIMD instructions, executed out of the main loop so that scalar code does not pay for them.
/// The encoding of the operand words is described at `SIMDOp`.
///
/// Each relaxed SIMD operation gives the result of wasmtime's deterministic mode (and of the
/// specification's deterministic profile); most share the case of the operation whose result
/// that is. Docs/InternalCode.md ("Relaxed SIMD") lists the choices.
@inline(never)
func executeSIMD(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>,
                 _ memBase: UnsafeMutableRawPointer, _ memSize: UInt64) -> (trap: TrapCode, length: Int) {
    let w = pc[0]
    // (Compared by raw value so that this does not depend on the width of `Op`'s raw type.)
    let rawOp = w & 0xFFFF
    if rawOp == UInt64(Op.simdLoad.rawValue) { return (executeSIMDLoad(pc, fp, memBase, memSize, ea: simdAddress32(pc, fp)), 3) }
    if rawOp == UInt64(Op.simdStore.rawValue) { return (executeSIMDStore(pc, fp, memBase, memSize, ea: simdAddress32(pc, fp)), 3) }
    let imm = pc[1]
    guard let op = SIMDOp(rawValue: UInt16(truncatingIfNeeded: imm)) else { return (.unreachable, 2) }
    let a = fieldA(w), b = fieldB(w), c = fieldC(w)
    let lane = Int(truncatingIfNeeded: (imm &>> 16) & 0xFF)
    let third = Int(truncatingIfNeeded: (imm &>> 32) & 0xFFFF)

    @inline(__always) func v<T: SIMD>(_ slot: Int, _ t: T.Type) -> T { readV128(fp, slot, as: t) }
    @inline(__always) func set<T: SIMD>(_ value: T) { writeV128(fp, a, value) }
    @inline(__always) func unary<T: SIMD, R: SIMD>(_ t: T.Type, _ f: (T) -> R) { set(f(v(b, t))) }
    @inline(__always) func binary<T: SIMD, R: SIMD>(_ t: T.Type, _ f: (T, T) -> R) { set(f(v(b, t), v(c, t))) }
    @inline(__always) func shift<T: SIMD>(_ t: T.Type, _ f: (T, T) -> T) where T.Scalar: FixedWidthInteger {
        let count = T.Scalar(truncatingIfNeeded: Int(truncatingIfNeeded: fp[c]) & (T.Scalar.bitWidth - 1))
        set(f(v(b, t), T(repeating: count)))
    }
    @inline(__always) func scalar(_ value: UInt64) { fp[a] = value }

    switch op {
    // MARK: Constants, shuffles, splats, lanes
    case .i8x16Shuffle:
        shuffleBytes(fp, a, b, c, low: pc[2], high: pc[3])
        return (.none, 4)
    case .i8x16Swizzle, .i8x16RelaxedSwizzle: swizzleBytes(fp, a, b, c)
    case .i8x16Splat: set(U8x16(repeating: UInt8(truncatingIfNeeded: fp[b])))
    case .i16x8Splat: set(U16x8(repeating: UInt16(truncatingIfNeeded: fp[b])))
    case .i32x4Splat, .f32x4Splat: set(U32x4(repeating: UInt32(truncatingIfNeeded: fp[b])))
    case .i64x2Splat, .f64x2Splat: set(U64x2(repeating: fp[b]))
    case .i8x16ExtractLaneS: scalar(UInt64(UInt32(bitPattern: Int32(readLane(fp, b, lane, Int8.self)))))
    case .i8x16ExtractLaneU: scalar(UInt64(readLane(fp, b, lane, UInt8.self)))
    case .i16x8ExtractLaneS: scalar(UInt64(UInt32(bitPattern: Int32(readLane(fp, b, lane, Int16.self)))))
    case .i16x8ExtractLaneU: scalar(UInt64(readLane(fp, b, lane, UInt16.self)))
    case .i32x4ExtractLane, .f32x4ExtractLane: scalar(UInt64(readLane(fp, b, lane, UInt32.self)))
    case .i64x2ExtractLane, .f64x2ExtractLane: scalar(readLane(fp, b, lane, UInt64.self))
    case .i8x16ReplaceLane: replaceLane(fp, a, b, lane, UInt8(truncatingIfNeeded: fp[c]))
    case .i16x8ReplaceLane: replaceLane(fp, a, b, lane, UInt16(truncatingIfNeeded: fp[c]))
    case .i32x4ReplaceLane, .f32x4ReplaceLane: replaceLane(fp, a, b, lane, UInt32(truncatingIfNeeded: fp[c]))
    case .i64x2ReplaceLane, .f64x2ReplaceLane: replaceLane(fp, a, b, lane, fp[c])

    // MARK: Comparisons
    case .i8x16Eq: binary(U8x16.self) { laneMask($0 .== $1) }
    case .i8x16Ne: binary(U8x16.self) { laneMask($0 .!= $1) }
    case .i8x16LtS: binary(I8x16.self) { laneMask($0 .< $1) }
    case .i8x16LtU: binary(U8x16.self) { laneMask($0 .< $1) }
    case .i8x16GtS: binary(I8x16.self) { laneMask($0 .> $1) }
    case .i8x16GtU: binary(U8x16.self) { laneMask($0 .> $1) }
    case .i8x16LeS: binary(I8x16.self) { laneMask($0 .<= $1) }
    case .i8x16LeU: binary(U8x16.self) { laneMask($0 .<= $1) }
    case .i8x16GeS: binary(I8x16.self) { laneMask($0 .>= $1) }
    case .i8x16GeU: binary(U8x16.self) { laneMask($0 .>= $1) }
    case .i16x8Eq: binary(U16x8.self) { laneMask($0 .== $1) }
    case .i16x8Ne: binary(U16x8.self) { laneMask($0 .!= $1) }
    case .i16x8LtS: binary(I16x8.self) { laneMask($0 .< $1) }
    case .i16x8LtU: binary(U16x8.self) { laneMask($0 .< $1) }
    case .i16x8GtS: binary(I16x8.self) { laneMask($0 .> $1) }
    case .i16x8GtU: binary(U16x8.self) { laneMask($0 .> $1) }
    case .i16x8LeS: binary(I16x8.self) { laneMask($0 .<= $1) }
    case .i16x8LeU: binary(U16x8.self) { laneMask($0 .<= $1) }
    case .i16x8GeS: binary(I16x8.self) { laneMask($0 .>= $1) }
    case .i16x8GeU: binary(U16x8.self) { laneMask($0 .>= $1) }
    case .i32x4Eq: binary(U32x4.self) { laneMask($0 .== $1) }
    case .i32x4Ne: binary(U32x4.self) { laneMask($0 .!= $1) }
    case .i32x4LtS: binary(I32x4.self) { laneMask($0 .< $1) }
    case .i32x4LtU: binary(U32x4.self) { laneMask($0 .< $1) }
    case .i32x4GtS: binary(I32x4.self) { laneMask($0 .> $1) }
    case .i32x4GtU: binary(U32x4.self) { laneMask($0 .> $1) }
    case .i32x4LeS: binary(I32x4.self) { laneMask($0 .<= $1) }
    case .i32x4LeU: binary(U32x4.self) { laneMask($0 .<= $1) }
    case .i32x4GeS: binary(I32x4.self) { laneMask($0 .>= $1) }
    case .i32x4GeU: binary(U32x4.self) { laneMask($0 .>= $1) }
    case .i64x2Eq: binary(U64x2.self) { laneMask($0 .== $1) }
    case .i64x2Ne: binary(U64x2.self) { laneMask($0 .!= $1) }
    case .i64x2LtS: binary(I64x2.self) { laneMask($0 .< $1) }
    case .i64x2GtS: binary(I64x2.self) { laneMask($0 .> $1) }
    case .i64x2LeS: binary(I64x2.self) { laneMask($0 .<= $1) }
    case .i64x2GeS: binary(I64x2.self) { laneMask($0 .>= $1) }
    case .f32x4Eq: binary(F32x4.self) { laneMask($0 .== $1) }
    case .f32x4Ne: binary(F32x4.self) { laneMask($0 .!= $1) }
    case .f32x4Lt: binary(F32x4.self) { laneMask($0 .< $1) }
    case .f32x4Gt: binary(F32x4.self) { laneMask($0 .> $1) }
    case .f32x4Le: binary(F32x4.self) { laneMask($0 .<= $1) }
    case .f32x4Ge: binary(F32x4.self) { laneMask($0 .>= $1) }
    case .f64x2Eq: binary(F64x2.self) { laneMask($0 .== $1) }
    case .f64x2Ne: binary(F64x2.self) { laneMask($0 .!= $1) }
    case .f64x2Lt: binary(F64x2.self) { laneMask($0 .< $1) }
    case .f64x2Gt: binary(F64x2.self) { laneMask($0 .> $1) }
    case .f64x2Le: binary(F64x2.self) { laneMask($0 .<= $1) }
    case .f64x2Ge: binary(F64x2.self) { laneMask($0 .>= $1) }

    // MARK: Bitwise
    case .v128Not: unary(U64x2.self) { ~$0 }
    case .v128And: binary(U64x2.self) { $0 & $1 }
    case .v128AndNot: binary(U64x2.self) { $0 & ~$1 }
    case .v128Or: binary(U64x2.self) { $0 | $1 }
    case .v128Xor: binary(U64x2.self) { $0 ^ $1 }
    case .v128Bitselect, .i8x16RelaxedLaneselect, .i16x8RelaxedLaneselect, .i32x4RelaxedLaneselect,
         .i64x2RelaxedLaneselect:
        let x = v(b, U64x2.self), y = v(c, U64x2.self)
        let m = v(third, U64x2.self)
        set((x & m) | (y & ~m))
    case .v128AnyTrue: scalar(fp[b] | fp[b + 1] != 0 ? 1 : 0)

    // MARK: Tests
    case .i8x16AllTrue: scalar(allTrue(fp, b, UInt8.self))
    case .i16x8AllTrue: scalar(allTrue(fp, b, UInt16.self))
    case .i32x4AllTrue: scalar(allTrue(fp, b, UInt32.self))
    case .i64x2AllTrue: scalar(allTrue(fp, b, UInt64.self))
    case .i8x16Bitmask: scalar(bitmask(fp, b, Int8.self))
    case .i16x8Bitmask: scalar(bitmask(fp, b, Int16.self))
    case .i32x4Bitmask: scalar(bitmask(fp, b, Int32.self))
    case .i64x2Bitmask: scalar(bitmask(fp, b, Int64.self))

    // MARK: Shifts (the count is taken modulo the lane width)
    case .i8x16Shl: shift(U8x16.self) { $0 &<< $1 }
    case .i8x16ShrS: shift(I8x16.self) { $0 &>> $1 }
    case .i8x16ShrU: shift(U8x16.self) { $0 &>> $1 }
    case .i16x8Shl: shift(U16x8.self) { $0 &<< $1 }
    case .i16x8ShrS: shift(I16x8.self) { $0 &>> $1 }
    case .i16x8ShrU: shift(U16x8.self) { $0 &>> $1 }
    case .i32x4Shl: shift(U32x4.self) { $0 &<< $1 }
    case .i32x4ShrS: shift(I32x4.self) { $0 &>> $1 }
    case .i32x4ShrU: shift(U32x4.self) { $0 &>> $1 }
    case .i64x2Shl: shift(U64x2.self) { $0 &<< $1 }
    case .i64x2ShrS: shift(I64x2.self) { $0 &>> $1 }
    case .i64x2ShrU: shift(U64x2.self) { $0 &>> $1 }

    // MARK: Integer arithmetic
    case .i8x16Abs: unary(I8x16.self) { wrappingAbs($0) }
    case .i16x8Abs: unary(I16x8.self) { wrappingAbs($0) }
    case .i32x4Abs: unary(I32x4.self) { wrappingAbs($0) }
    case .i64x2Abs: unary(I64x2.self) { wrappingAbs($0) }
    case .i8x16Neg: unary(U8x16.self) { U8x16(repeating: 0) &- $0 }
    case .i16x8Neg: unary(U16x8.self) { U16x8(repeating: 0) &- $0 }
    case .i32x4Neg: unary(U32x4.self) { U32x4(repeating: 0) &- $0 }
    case .i64x2Neg: unary(U64x2.self) { U64x2(repeating: 0) &- $0 }
    case .i8x16Popcnt: mapLanes(fp, a, b, UInt8.self, UInt8.self) { UInt8(truncatingIfNeeded: $0.nonzeroBitCount) }
    case .i8x16Add: binary(U8x16.self) { $0 &+ $1 }
    case .i16x8Add: binary(U16x8.self) { $0 &+ $1 }
    case .i32x4Add: binary(U32x4.self) { $0 &+ $1 }
    case .i64x2Add: binary(U64x2.self) { $0 &+ $1 }
    case .i8x16Sub: binary(U8x16.self) { $0 &- $1 }
    case .i16x8Sub: binary(U16x8.self) { $0 &- $1 }
    case .i32x4Sub: binary(U32x4.self) { $0 &- $1 }
    case .i64x2Sub: binary(U64x2.self) { $0 &- $1 }
    case .i16x8Mul: binary(U16x8.self) { $0 &* $1 }
    case .i32x4Mul: binary(U32x4.self) { $0 &* $1 }
    case .i64x2Mul: binary(U64x2.self) { $0 &* $1 }
    case .i8x16AddSatS: zipLanes(fp, a, b, c, Int8.self, Int8.self) { saturatingAdd($0, $1) }
    case .i8x16AddSatU: zipLanes(fp, a, b, c, UInt8.self, UInt8.self) { saturatingAdd($0, $1) }
    case .i8x16SubSatS: zipLanes(fp, a, b, c, Int8.self, Int8.self) { saturatingSub($0, $1) }
    case .i8x16SubSatU: zipLanes(fp, a, b, c, UInt8.self, UInt8.self) { saturatingSub($0, $1) }
    case .i16x8AddSatS: zipLanes(fp, a, b, c, Int16.self, Int16.self) { saturatingAdd($0, $1) }
    case .i16x8AddSatU: zipLanes(fp, a, b, c, UInt16.self, UInt16.self) { saturatingAdd($0, $1) }
    case .i16x8SubSatS: zipLanes(fp, a, b, c, Int16.self, Int16.self) { saturatingSub($0, $1) }
    case .i16x8SubSatU: zipLanes(fp, a, b, c, UInt16.self, UInt16.self) { saturatingSub($0, $1) }
    case .i8x16MinS: binary(I8x16.self) { pointwiseMin($0, $1) }
    case .i8x16MinU: binary(U8x16.self) { pointwiseMin($0, $1) }
    case .i8x16MaxS: binary(I8x16.self) { pointwiseMax($0, $1) }
    case .i8x16MaxU: binary(U8x16.self) { pointwiseMax($0, $1) }
    case .i16x8MinS: binary(I16x8.self) { pointwiseMin($0, $1) }
    case .i16x8MinU: binary(U16x8.self) { pointwiseMin($0, $1) }
    case .i16x8MaxS: binary(I16x8.self) { pointwiseMax($0, $1) }
    case .i16x8MaxU: binary(U16x8.self) { pointwiseMax($0, $1) }
    case .i32x4MinS: binary(I32x4.self) { pointwiseMin($0, $1) }
    case .i32x4MinU: binary(U32x4.self) { pointwiseMin($0, $1) }
    case .i32x4MaxS: binary(I32x4.self) { pointwiseMax($0, $1) }
    case .i32x4MaxU: binary(U32x4.self) { pointwiseMax($0, $1) }
    case .i8x16AvgrU: zipLanes(fp, a, b, c, UInt8.self, UInt8.self) { roundingAverage($0, $1) }
    case .i16x8AvgrU: zipLanes(fp, a, b, c, UInt16.self, UInt16.self) { roundingAverage($0, $1) }
    case .i16x8Q15mulrSatS, .i16x8RelaxedQ15mulrS: zipLanes(fp, a, b, c, Int16.self, Int16.self) { q15MulRoundSat($0, $1) }
    case .i32x4DotI16x8S:
        binary(I16x8.self) { x, y -> I32x4 in
            let p = SIMD8<Int32>(truncatingIfNeeded: x) &* SIMD8<Int32>(truncatingIfNeeded: y)
            return p.evenHalf &+ p.oddHalf
        }
    // Both operands' bytes are signed; the i16 sums wrap, the four-product i32 sums are exact.
    case .i16x8RelaxedDotI8x16I7x16S:
        binary(I8x16.self) { x, y -> I16x8 in
            let p = SIMD16<Int16>(truncatingIfNeeded: x) &* SIMD16<Int16>(truncatingIfNeeded: y)
            return p.evenHalf &+ p.oddHalf
        }
    case .i32x4RelaxedDotI8x16I7x16AddS:
        let p = SIMD16<Int32>(truncatingIfNeeded: v(b, I8x16.self)) &* SIMD16<Int32>(truncatingIfNeeded: v(c, I8x16.self))
        let pairs = p.evenHalf &+ p.oddHalf
        set(pairs.evenHalf &+ pairs.oddHalf &+ v(third, I32x4.self))

    // MARK: Widening and narrowing
    case .i16x8ExtendLowI8x16S: unary(I8x16.self) { I16x8(truncatingIfNeeded: $0.lowHalf) }
    case .i16x8ExtendHighI8x16S: unary(I8x16.self) { I16x8(truncatingIfNeeded: $0.highHalf) }
    case .i16x8ExtendLowI8x16U: unary(U8x16.self) { U16x8(truncatingIfNeeded: $0.lowHalf) }
    case .i16x8ExtendHighI8x16U: unary(U8x16.self) { U16x8(truncatingIfNeeded: $0.highHalf) }
    case .i32x4ExtendLowI16x8S: unary(I16x8.self) { I32x4(truncatingIfNeeded: $0.lowHalf) }
    case .i32x4ExtendHighI16x8S: unary(I16x8.self) { I32x4(truncatingIfNeeded: $0.highHalf) }
    case .i32x4ExtendLowI16x8U: unary(U16x8.self) { U32x4(truncatingIfNeeded: $0.lowHalf) }
    case .i32x4ExtendHighI16x8U: unary(U16x8.self) { U32x4(truncatingIfNeeded: $0.highHalf) }
    case .i64x2ExtendLowI32x4S: unary(I32x4.self) { I64x2(truncatingIfNeeded: $0.lowHalf) }
    case .i64x2ExtendHighI32x4S: unary(I32x4.self) { I64x2(truncatingIfNeeded: $0.highHalf) }
    case .i64x2ExtendLowI32x4U: unary(U32x4.self) { U64x2(truncatingIfNeeded: $0.lowHalf) }
    case .i64x2ExtendHighI32x4U: unary(U32x4.self) { U64x2(truncatingIfNeeded: $0.highHalf) }
    case .i16x8ExtmulLowI8x16S: binary(I8x16.self) { I16x8(truncatingIfNeeded: $0.lowHalf) &* I16x8(truncatingIfNeeded: $1.lowHalf) }
    case .i16x8ExtmulHighI8x16S: binary(I8x16.self) { I16x8(truncatingIfNeeded: $0.highHalf) &* I16x8(truncatingIfNeeded: $1.highHalf) }
    case .i16x8ExtmulLowI8x16U: binary(U8x16.self) { U16x8(truncatingIfNeeded: $0.lowHalf) &* U16x8(truncatingIfNeeded: $1.lowHalf) }
    case .i16x8ExtmulHighI8x16U: binary(U8x16.self) { U16x8(truncatingIfNeeded: $0.highHalf) &* U16x8(truncatingIfNeeded: $1.highHalf) }
    case .i32x4ExtmulLowI16x8S: binary(I16x8.self) { I32x4(truncatingIfNeeded: $0.lowHalf) &* I32x4(truncatingIfNeeded: $1.lowHalf) }
    case .i32x4ExtmulHighI16x8S: binary(I16x8.self) { I32x4(truncatingIfNeeded: $0.highHalf) &* I32x4(truncatingIfNeeded: $1.highHalf) }
    case .i32x4ExtmulLowI16x8U: binary(U16x8.self) { U32x4(truncatingIfNeeded: $0.lowHalf) &* U32x4(truncatingIfNeeded: $1.lowHalf) }
    case .i32x4ExtmulHighI16x8U: binary(U16x8.self) { U32x4(truncatingIfNeeded: $0.highHalf) &* U32x4(truncatingIfNeeded: $1.highHalf) }
    case .i64x2ExtmulLowI32x4S: binary(I32x4.self) { I64x2(truncatingIfNeeded: $0.lowHalf) &* I64x2(truncatingIfNeeded: $1.lowHalf) }
    case .i64x2ExtmulHighI32x4S: binary(I32x4.self) { I64x2(truncatingIfNeeded: $0.highHalf) &* I64x2(truncatingIfNeeded: $1.highHalf) }
    case .i64x2ExtmulLowI32x4U: binary(U32x4.self) { U64x2(truncatingIfNeeded: $0.lowHalf) &* U64x2(truncatingIfNeeded: $1.lowHalf) }
    case .i64x2ExtmulHighI32x4U: binary(U32x4.self) { U64x2(truncatingIfNeeded: $0.highHalf) &* U64x2(truncatingIfNeeded: $1.highHalf) }
    case .i16x8ExtaddPairwiseI8x16S: unary(I8x16.self) { I16x8(truncatingIfNeeded: $0.evenHalf) &+ I16x8(truncatingIfNeeded: $0.oddHalf) }
    case .i16x8ExtaddPairwiseI8x16U: unary(U8x16.self) { U16x8(truncatingIfNeeded: $0.evenHalf) &+ U16x8(truncatingIfNeeded: $0.oddHalf) }
    case .i32x4ExtaddPairwiseI16x8S: unary(I16x8.self) { I32x4(truncatingIfNeeded: $0.evenHalf) &+ I32x4(truncatingIfNeeded: $0.oddHalf) }
    case .i32x4ExtaddPairwiseI16x8U: unary(U16x8.self) { U32x4(truncatingIfNeeded: $0.evenHalf) &+ U32x4(truncatingIfNeeded: $0.oddHalf) }
    case .i8x16NarrowI16x8S:
        binary(I16x8.self) { x, y -> I8x16 in
            let lo = I16x8(repeating: -128), hi = I16x8(repeating: 127)
            return I8x16(lowHalf: SIMD8<Int8>(truncatingIfNeeded: x.clamped(lowerBound: lo, upperBound: hi)),
                         highHalf: SIMD8<Int8>(truncatingIfNeeded: y.clamped(lowerBound: lo, upperBound: hi)))
        }
    case .i8x16NarrowI16x8U:
        binary(I16x8.self) { x, y -> U8x16 in
            let lo = I16x8(repeating: 0), hi = I16x8(repeating: 255)
            return U8x16(lowHalf: SIMD8<UInt8>(truncatingIfNeeded: x.clamped(lowerBound: lo, upperBound: hi)),
                         highHalf: SIMD8<UInt8>(truncatingIfNeeded: y.clamped(lowerBound: lo, upperBound: hi)))
        }
    case .i16x8NarrowI32x4S:
        binary(I32x4.self) { x, y -> I16x8 in
            let lo = I32x4(repeating: -32768), hi = I32x4(repeating: 32767)
            return I16x8(lowHalf: SIMD4<Int16>(truncatingIfNeeded: x.clamped(lowerBound: lo, upperBound: hi)),
                         highHalf: SIMD4<Int16>(truncatingIfNeeded: y.clamped(lowerBound: lo, upperBound: hi)))
        }
    case .i16x8NarrowI32x4U:
        binary(I32x4.self) { x, y -> U16x8 in
            let lo = I32x4(repeating: 0), hi = I32x4(repeating: 65535)
            return U16x8(lowHalf: SIMD4<UInt16>(truncatingIfNeeded: x.clamped(lowerBound: lo, upperBound: hi)),
                         highHalf: SIMD4<UInt16>(truncatingIfNeeded: y.clamped(lowerBound: lo, upperBound: hi)))
        }

    // MARK: Float arithmetic
    case .f32x4Abs: unary(U32x4.self) { $0 & 0x7FFF_FFFF }
    case .f32x4Neg: unary(U32x4.self) { $0 ^ 0x8000_0000 }
    case .f64x2Abs: unary(U64x2.self) { $0 & 0x7FFF_FFFF_FFFF_FFFF }
    case .f64x2Neg: unary(U64x2.self) { $0 ^ 0x8000_0000_0000_0000 }
    case .f32x4Sqrt: unary(F32x4.self) { $0.squareRoot() }
    case .f64x2Sqrt: unary(F64x2.self) { $0.squareRoot() }
    case .f32x4Add: binary(F32x4.self) { $0 + $1 }
    case .f32x4Sub: binary(F32x4.self) { $0 - $1 }
    case .f32x4Mul: binary(F32x4.self) { $0 * $1 }
    case .f32x4Div: binary(F32x4.self) { $0 / $1 }
    case .f64x2Add: binary(F64x2.self) { $0 + $1 }
    case .f64x2Sub: binary(F64x2.self) { $0 - $1 }
    case .f64x2Mul: binary(F64x2.self) { $0 * $1 }
    case .f64x2Div: binary(F64x2.self) { $0 / $1 }
    case .f32x4Min, .f32x4RelaxedMin: zipLanes(fp, a, b, c, Float.self, Float.self) { wasmMin($0, $1) }
    case .f32x4Max, .f32x4RelaxedMax: zipLanes(fp, a, b, c, Float.self, Float.self) { wasmMax($0, $1) }
    case .f64x2Min, .f64x2RelaxedMin: zipLanes(fp, a, b, c, Double.self, Double.self) { wasmMin($0, $1) }
    case .f64x2Max, .f64x2RelaxedMax: zipLanes(fp, a, b, c, Double.self, Double.self) { wasmMax($0, $1) }
    // Fused (one rounding): a * b + c and -(a * b) + c. (`negated`, not SIMD's prefix minus,
    // which is 0 - a: that gives +0 for +0, and -0 * 0 + -0 must be -0.)
    case .f32x4RelaxedMadd: binary(F32x4.self) { x, y in v(third, F32x4.self).addingProduct(x, y) }
    case .f32x4RelaxedNmadd: binary(F32x4.self) { x, y in v(third, F32x4.self).addingProduct(negated(x), y) }
    case .f64x2RelaxedMadd: binary(F64x2.self) { x, y in v(third, F64x2.self).addingProduct(x, y) }
    case .f64x2RelaxedNmadd: binary(F64x2.self) { x, y in v(third, F64x2.self).addingProduct(negated(x), y) }
    case .f32x4Pmin: binary(F32x4.self) { pseudoMin($0, $1) }
    case .f32x4Pmax: binary(F32x4.self) { pseudoMax($0, $1) }
    case .f64x2Pmin: binary(F64x2.self) { pseudoMin($0, $1) }
    case .f64x2Pmax: binary(F64x2.self) { pseudoMax($0, $1) }
    case .f32x4Ceil: mapLanes(fp, a, b, Float.self, Float.self) { $0.rounded(.up) }
    case .f32x4Floor: mapLanes(fp, a, b, Float.self, Float.self) { $0.rounded(.down) }
    case .f32x4Trunc: mapLanes(fp, a, b, Float.self, Float.self) { $0.rounded(.towardZero) }
    case .f32x4Nearest: mapLanes(fp, a, b, Float.self, Float.self) { $0.rounded(.toNearestOrEven) }
    case .f64x2Ceil: mapLanes(fp, a, b, Double.self, Double.self) { $0.rounded(.up) }
    case .f64x2Floor: mapLanes(fp, a, b, Double.self, Double.self) { $0.rounded(.down) }
    case .f64x2Trunc: mapLanes(fp, a, b, Double.self, Double.self) { $0.rounded(.towardZero) }
    case .f64x2Nearest: mapLanes(fp, a, b, Double.self, Double.self) { $0.rounded(.toNearestOrEven) }

    // MARK: Conversions
    case .f32x4DemoteF64x2Zero:
        let x0 = Float(readLane(fp, b, 0, Double.self)), x1 = Float(readLane(fp, b, 1, Double.self))
        fp[a] = UInt64(x0.bitPattern) | UInt64(x1.bitPattern) &<< 32
        fp[a + 1] = 0
    case .f64x2PromoteLowF32x4:
        let x0 = Double(readLane(fp, b, 0, Float.self)), x1 = Double(readLane(fp, b, 1, Float.self))
        fp[a] = x0.bitPattern
        fp[a + 1] = x1.bitPattern
    case .f64x2ConvertLowI32x4S:
        let x0 = Double(readLane(fp, b, 0, Int32.self)), x1 = Double(readLane(fp, b, 1, Int32.self))
        fp[a] = x0.bitPattern
        fp[a + 1] = x1.bitPattern
    case .f64x2ConvertLowI32x4U:
        let x0 = Double(readLane(fp, b, 0, UInt32.self)), x1 = Double(readLane(fp, b, 1, UInt32.self))
        fp[a] = x0.bitPattern
        fp[a + 1] = x1.bitPattern
    case .f32x4ConvertI32x4S: mapLanes(fp, a, b, Int32.self, Float.self) { Float($0) }
    case .f32x4ConvertI32x4U: mapLanes(fp, a, b, UInt32.self, Float.self) { Float($0) }
    case .i32x4TruncSatF32x4S, .i32x4RelaxedTruncF32x4S: mapLanes(fp, a, b, Float.self, Int32.self) { saturateToInt32(Double($0)) }
    case .i32x4TruncSatF32x4U, .i32x4RelaxedTruncF32x4U: mapLanes(fp, a, b, Float.self, UInt32.self) { saturateToUInt32(Double($0)) }
    case .i32x4TruncSatF64x2SZero, .i32x4RelaxedTruncF64x2SZero:
        let x0 = saturateToInt32(readLane(fp, b, 0, Double.self)), x1 = saturateToInt32(readLane(fp, b, 1, Double.self))
        fp[a] = UInt64(UInt32(bitPattern: x0)) | UInt64(UInt32(bitPattern: x1)) &<< 32
        fp[a + 1] = 0
    case .i32x4TruncSatF64x2UZero, .i32x4RelaxedTruncF64x2UZero:
        let x0 = saturateToUInt32(readLane(fp, b, 0, Double.self)), x1 = saturateToUInt32(readLane(fp, b, 1, Double.self))
        fp[a] = UInt64(x0) | UInt64(x1) &<< 32
        fp[a + 1] = 0

    default:
        // Memory operations and v128.const never reach here (they use other encodings).
        return (.unreachable, 2)
    }
    return (.none, 2)
}
