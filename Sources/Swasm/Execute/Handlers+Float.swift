/// Handlers for f32 and f64 operations and conversions. Each does its work and tail-calls the next instruction's handler
/// (see Dispatch.swift).

// MARK: f32

func op_f32Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f32(fp, operandB(pc)) == f32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f32(fp, operandB(pc)) != f32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Lt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f32(fp, operandB(pc)) < f32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Gt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f32(fp, operandB(pc)) > f32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Le(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f32(fp, operandB(pc)) <= f32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Ge(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f32(fp, operandB(pc)) >= f32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) & 0x7FFF_FFFF)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Neg(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) ^ 0x8000_0000)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Ceil(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(f32(fp, operandB(pc)).rounded(.up).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Floor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(f32(fp, operandB(pc)).rounded(.down).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Trunc(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(f32(fp, operandB(pc)).rounded(.towardZero).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Nearest(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(f32(fp, operandB(pc)).rounded(.toNearestOrEven).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Sqrt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(f32(fp, operandB(pc)).squareRoot().bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64((f32(fp, operandB(pc)) + f32(fp, operandC(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64((f32(fp, operandB(pc)) - f32(fp, operandC(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64((f32(fp, operandB(pc)) * f32(fp, operandC(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Div(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64((f32(fp, operandB(pc)) / f32(fp, operandC(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Min(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(wasmMin(f32(fp, operandB(pc)), f32(fp, operandC(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Max(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(wasmMax(f32(fp, operandB(pc)), f32(fp, operandC(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32Copysign(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64((i32(fp, operandB(pc)) & 0x7FFF_FFFF) | (i32(fp, operandC(pc)) & 0x8000_0000))
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: f64

func op_f64Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f64(fp, operandB(pc)) == f64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f64(fp, operandB(pc)) != f64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Lt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f64(fp, operandB(pc)) < f64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Gt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f64(fp, operandB(pc)) > f64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Le(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f64(fp, operandB(pc)) <= f64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Ge(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(f64(fp, operandB(pc)) >= f64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] & 0x7FFF_FFFF_FFFF_FFFF
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Neg(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] ^ 0x8000_0000_0000_0000
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Ceil(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = f64(fp, operandB(pc)).rounded(.up).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Floor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = f64(fp, operandB(pc)).rounded(.down).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Trunc(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = f64(fp, operandB(pc)).rounded(.towardZero).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Nearest(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = f64(fp, operandB(pc)).rounded(.toNearestOrEven).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Sqrt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = f64(fp, operandB(pc)).squareRoot().bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) + f64(fp, operandC(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) - f64(fp, operandC(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) * f64(fp, operandC(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Div(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) / f64(fp, operandC(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Min(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = wasmMin(f64(fp, operandB(pc)), f64(fp, operandC(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Max(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = wasmMax(f64(fp, operandB(pc)), f64(fp, operandC(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64Copysign(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (fp[operandB(pc)] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[operandC(pc)] & 0x8000_0000_0000_0000)
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: Conversions

func op_i32TruncF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let result = truncateToInteger(decodeOp(w), fp[operandB(pc)])
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    fp[operandA(pc)] = result.value
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32TruncSatF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64TruncSatF64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[operandA(pc)] = truncateSaturating(decodeOp(w), fp[operandB(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ExtendI32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: Int64(s32(fp, operandB(pc))))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ExtendI32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(Float(s32(fp, operandB(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(Float(i32(fp, operandB(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(Float(s64(fp, operandB(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32ConvertI64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(Float(fp[operandB(pc)]).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f32DemoteF64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(Float(f64(fp, operandB(pc))).bitPattern)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = Double(s32(fp, operandB(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI32U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = Double(i32(fp, operandB(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI64S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = Double(s64(fp, operandB(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64ConvertI64U(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = Double(fp[operandB(pc)]).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_f64PromoteF32(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = Double(f32(fp, operandB(pc))).bitPattern
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Extend8S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[operandB(pc)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Extend16S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[operandB(pc)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Extend8S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[operandB(pc)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Extend16S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[operandB(pc)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Extend32S(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[operandB(pc)])))
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: f64 with a constant operand

func op_f64AddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) + Double(bitPattern: pc[1])).bitPattern
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_f64SubImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) - Double(bitPattern: pc[1])).bitPattern
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_f64MulImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) * Double(bitPattern: pc[1])).bitPattern
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_f64DivImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (f64(fp, operandB(pc)) / Double(bitPattern: pc[1])).bitPattern
    return next(pc + 2, fp, mem, size, table, vm)
}
