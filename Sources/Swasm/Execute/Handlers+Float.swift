/// Handlers for f32 and f64 operations and conversions. Each does its work and tail-calls the next instruction's handler
/// (see Dispatch.swift).

// MARK: f32

func op_f32Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f32(fp, fieldB(w)) == f32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f32(fp, fieldB(w)) != f32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Lt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f32(fp, fieldB(w)) < f32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Gt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f32(fp, fieldB(w)) > f32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Le(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f32(fp, fieldB(w)) <= f32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Ge(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f32(fp, fieldB(w)) >= f32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)) & 0x7FFF_FFFF)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Neg(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)) ^ 0x8000_0000)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Ceil(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(f32(fp, fieldB(w)).rounded(.up).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Floor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(f32(fp, fieldB(w)).rounded(.down).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Trunc(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(f32(fp, fieldB(w)).rounded(.towardZero).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Nearest(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(f32(fp, fieldB(w)).rounded(.toNearestOrEven).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Sqrt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(f32(fp, fieldB(w)).squareRoot().bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64((f32(fp, fieldB(w)) + f32(fp, fieldC(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64((f32(fp, fieldB(w)) - f32(fp, fieldC(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64((f32(fp, fieldB(w)) * f32(fp, fieldC(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Div(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64((f32(fp, fieldB(w)) / f32(fp, fieldC(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Min(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(wasmMin(f32(fp, fieldB(w)), f32(fp, fieldC(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Max(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(wasmMax(f32(fp, fieldB(w)), f32(fp, fieldC(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Copysign(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64((i32(fp, fieldB(w)) & 0x7FFF_FFFF) | (i32(fp, fieldC(w)) & 0x8000_0000))
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: f64

func op_f64Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f64(fp, fieldB(w)) == f64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f64(fp, fieldB(w)) != f64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Lt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f64(fp, fieldB(w)) < f64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Gt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f64(fp, fieldB(w)) > f64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Le(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f64(fp, fieldB(w)) <= f64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Ge(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(f64(fp, fieldB(w)) >= f64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] & 0x7FFF_FFFF_FFFF_FFFF
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Neg(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] ^ 0x8000_0000_0000_0000
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Ceil(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = f64(fp, fieldB(w)).rounded(.up).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Floor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = f64(fp, fieldB(w)).rounded(.down).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Trunc(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = f64(fp, fieldB(w)).rounded(.towardZero).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Nearest(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = f64(fp, fieldB(w)).rounded(.toNearestOrEven).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Sqrt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = f64(fp, fieldB(w)).squareRoot().bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = (f64(fp, fieldB(w)) + f64(fp, fieldC(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = (f64(fp, fieldB(w)) - f64(fp, fieldC(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = (f64(fp, fieldB(w)) * f64(fp, fieldC(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Div(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = (f64(fp, fieldB(w)) / f64(fp, fieldC(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Min(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = wasmMin(f64(fp, fieldB(w)), f64(fp, fieldC(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Max(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = wasmMax(f64(fp, fieldB(w)), f64(fp, fieldC(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Copysign(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = (fp[fieldB(w)] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[fieldC(w)] & 0x8000_0000_0000_0000)
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: Conversions

func op_i32TruncF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[fieldB(w)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[fieldA(w)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = truncateSaturating(decodeOp(w), fp[fieldB(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ExtendI32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(bitPattern: Int64(s32(fp, fieldB(w))))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ExtendI32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(Float(s32(fp, fieldB(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(Float(i32(fp, fieldB(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(Float(s64(fp, fieldB(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(Float(fp[fieldB(w)]).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32DemoteF64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(Float(f64(fp, fieldB(w))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = Double(s32(fp, fieldB(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = Double(i32(fp, fieldB(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = Double(s64(fp, fieldB(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = Double(fp[fieldB(w)]).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64PromoteF32(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = Double(f32(fp, fieldB(w))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Extend8S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[fieldB(w)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Extend16S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[fieldB(w)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Extend8S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[fieldB(w)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Extend16S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[fieldB(w)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Extend32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[fieldB(w)])))
    return next(pc + (1), fp, mem, size, table, vm)
}
