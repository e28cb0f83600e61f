/// Handlers for i32 and i64 operations. Each does its work and tail-calls the next instruction's handler
/// (see Dispatch.swift).

// MARK: i32

func op_i32Eqz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) == 0)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) == i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) != i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) < s32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) < i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) > s32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) > i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) <= s32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) <= i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) >= s32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) >= i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Clz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)).leadingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Ctz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)).trailingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Popcnt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)).nonzeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &+ i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &- i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &* i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32DivS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = s32(fp, operandB(pc)), b = s32(fp, operandC(pc))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    if a == .min && b == -1 { return trapExit(vm, pc, .integerOverflow) }
    fp[operandA(pc)] = UInt64(UInt32(bitPattern: a / b))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32DivU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = i32(fp, operandB(pc)), b = i32(fp, operandC(pc))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[operandA(pc)] = UInt64(a / b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32RemS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = s32(fp, operandB(pc)), b = s32(fp, operandC(pc))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[operandA(pc)] = b == -1 ? 0 : UInt64(UInt32(bitPattern: a % b))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32RemU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = i32(fp, operandB(pc)), b = i32(fp, operandC(pc))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[operandA(pc)] = UInt64(a % b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32And(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] & fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Or(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] | fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Xor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] ^ fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Shl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &<< i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32ShrS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(UInt32(bitPattern: s32(fp, operandB(pc)) &>> s32(fp, operandC(pc))))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32ShrU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &>> i32(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Rotl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(rotateLeft(i32(fp, operandB(pc)), i32(fp, operandC(pc))))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Rotr(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(rotateRight(i32(fp, operandB(pc)), i32(fp, operandC(pc))))
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: i64

func op_i64Eqz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(fp[operandB(pc)] == 0)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(fp[operandB(pc)] == fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(fp[operandB(pc)] != fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s64(fp, operandB(pc)) < s64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(fp[operandB(pc)] < fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s64(fp, operandB(pc)) > s64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(fp[operandB(pc)] > fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s64(fp, operandB(pc)) <= s64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(fp[operandB(pc)] <= fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s64(fp, operandB(pc)) >= s64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(fp[operandB(pc)] >= fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Clz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(fp[operandB(pc)].leadingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Ctz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(fp[operandB(pc)].trailingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Popcnt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(fp[operandB(pc)].nonzeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &+ fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &- fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &* fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64DivS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = s64(fp, operandB(pc)), b = s64(fp, operandC(pc))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    if a == .min && b == -1 { return trapExit(vm, pc, .integerOverflow) }
    fp[operandA(pc)] = UInt64(bitPattern: a / b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64DivU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = fp[operandB(pc)], b = fp[operandC(pc)]
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[operandA(pc)] = a / b
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64RemS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = s64(fp, operandB(pc)), b = s64(fp, operandC(pc))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[operandA(pc)] = b == -1 ? 0 : UInt64(bitPattern: a % b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64RemU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = fp[operandB(pc)], b = fp[operandC(pc)]
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[operandA(pc)] = a % b
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64And(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] & fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Or(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] | fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Xor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] ^ fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Shl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &<< fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ShrS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: s64(fp, operandB(pc)) &>> s64(fp, operandC(pc)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ShrU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &>> fp[operandC(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Rotl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = rotateLeft(fp[operandB(pc)], fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Rotr(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = rotateRight(fp[operandB(pc)], fp[operandC(pc)])
    return next(pc + (1), fp, mem, size, table, vm)
}
