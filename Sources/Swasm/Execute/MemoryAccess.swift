/// Address arithmetic and unaligned access shared by the generated load and store handlers.

/// One past the last byte of an access: address + static offset + width. One compare against
/// the memory size checks it; the access itself starts at `end - width`, which the compiler
/// folds into the addressing mode.
@inline(__always) func accessEnd(_ fp: FP, _ pc: PC, _ width: UInt64) -> UInt64 {
    UInt64(i32(fp, operandB(pc))) &+ pc[1] &+ width
}

/// The same for loads fused with the `i32.add x, imm` that computed their address: the sum wraps
/// at 32 bits as `i32.add` does. Word 1 holds the offset (low half) and the immediate (high half).
@inline(__always) func accessEndAddImm(_ fp: FP, _ pc: PC, _ width: UInt64) -> UInt64 {
    let word = pc[1]
    let base = UInt32(truncatingIfNeeded: fp[operandB(pc)] &+ (word &>> 32))
    return UInt64(base) &+ (word & 0xFFFF_FFFF) &+ width
}

/// For loads fused with the address computation `b + (c << k)` (32-bit, wrapping).
/// Word 1 holds the offset (low half) and k (high half).
@inline(__always) func accessEndIndexed(_ fp: FP, _ pc: PC, _ width: UInt64) -> UInt64 {
    let word = pc[1]
    let index = UInt32(truncatingIfNeeded: fp[operandC(pc)]) &<< UInt32(truncatingIfNeeded: word &>> 32)
    let base = UInt32(truncatingIfNeeded: fp[operandB(pc)]) &+ index
    return UInt64(base) &+ (word & 0xFFFF_FFFF) &+ width
}

@inline(__always) func loadValue<T: FixedWidthInteger>(_ mem: Mem, _ end: UInt64, _ type: T.Type) -> T {
    mem.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: end) &- MemoryLayout<T>.size, as: T.self)
}

@inline(__always) func storeValue<T: FixedWidthInteger>(_ mem: Mem, _ end: UInt64, _ value: T) {
    mem.storeBytes(of: value, toByteOffset: Int(truncatingIfNeeded: end) &- MemoryLayout<T>.size, as: T.self)
}

/// One past the last byte of an access to a 64-bit memory: address + offset + width, or
/// UInt64.max when that sum passes 2^64 (no memory is that large, so the bounds check fails).
@inline(__always) func accessEnd64(_ address: UInt64, _ offset: UInt64, _ width: UInt64) -> UInt64 {
    let (start, overflow) = address.addingReportingOverflow(offset)
    let (end, past) = start.addingReportingOverflow(width)
    return overflow || past ? .max : end
}
