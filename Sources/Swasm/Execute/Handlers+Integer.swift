/// Handlers for i32 and i64 operations. Each does its work and tail-calls the next instruction's handler
/// (see Dispatch.swift).

// MARK: i32

func op_i32Eqz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(i32(fp, fieldB(w)) == 0)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(i32(fp, fieldB(w)) == i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(i32(fp, fieldB(w)) != i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s32(fp, fieldB(w)) < s32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(i32(fp, fieldB(w)) < i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s32(fp, fieldB(w)) > s32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(i32(fp, fieldB(w)) > i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s32(fp, fieldB(w)) <= s32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(i32(fp, fieldB(w)) <= i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s32(fp, fieldB(w)) >= s32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(i32(fp, fieldB(w)) >= i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Clz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)).leadingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Ctz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)).trailingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Popcnt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)).nonzeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)) &+ i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)) &- i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)) &* i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32DivS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = s32(fp, fieldB(w)), b = s32(fp, fieldC(w))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    if a == .min && b == -1 { return trapExit(vm, pc, .integerOverflow) }
    fp[fieldA(w)] = UInt64(UInt32(bitPattern: a / b))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32DivU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = i32(fp, fieldB(w)), b = i32(fp, fieldC(w))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[fieldA(w)] = UInt64(a / b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32RemS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = s32(fp, fieldB(w)), b = s32(fp, fieldC(w))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[fieldA(w)] = b == -1 ? 0 : UInt64(UInt32(bitPattern: a % b))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32RemU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = i32(fp, fieldB(w)), b = i32(fp, fieldC(w))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[fieldA(w)] = UInt64(a % b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32And(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] & fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Or(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] | fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Xor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] ^ fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Shl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)) &<< i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32ShrS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(UInt32(bitPattern: s32(fp, fieldB(w)) &>> s32(fp, fieldC(w))))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32ShrU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(i32(fp, fieldB(w)) &>> i32(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Rotl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(rotateLeft(i32(fp, fieldB(w)), i32(fp, fieldC(w))))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i32Rotr(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(rotateRight(i32(fp, fieldB(w)), i32(fp, fieldC(w))))
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: i64

func op_i64Eqz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(fp[fieldB(w)] == 0)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(fp[fieldB(w)] == fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(fp[fieldB(w)] != fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s64(fp, fieldB(w)) < s64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(fp[fieldB(w)] < fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s64(fp, fieldB(w)) > s64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(fp[fieldB(w)] > fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s64(fp, fieldB(w)) <= s64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(fp[fieldB(w)] <= fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(s64(fp, fieldB(w)) >= s64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = bool(fp[fieldB(w)] >= fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Clz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(fp[fieldB(w)].leadingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Ctz(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(fp[fieldB(w)].trailingZeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Popcnt(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(fp[fieldB(w)].nonzeroBitCount)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Add(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] &+ fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Sub(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] &- fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Mul(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] &* fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64DivS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = s64(fp, fieldB(w)), b = s64(fp, fieldC(w))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    if a == .min && b == -1 { return trapExit(vm, pc, .integerOverflow) }
    fp[fieldA(w)] = UInt64(bitPattern: a / b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64DivU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = fp[fieldB(w)], b = fp[fieldC(w)]
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[fieldA(w)] = a / b
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64RemS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = s64(fp, fieldB(w)), b = s64(fp, fieldC(w))
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[fieldA(w)] = b == -1 ? 0 : UInt64(bitPattern: a % b)
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64RemU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = fp[fieldB(w)], b = fp[fieldC(w)]
    if b == 0 { return trapExit(vm, pc, .integerDivideByZero) }
    fp[fieldA(w)] = a % b
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64And(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] & fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Or(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] | fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Xor(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] ^ fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Shl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] &<< fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ShrS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(bitPattern: s64(fp, fieldB(w)) &>> s64(fp, fieldC(w)))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64ShrU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)] &>> fp[fieldC(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Rotl(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = rotateLeft(fp[fieldB(w)], fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_i64Rotr(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = rotateRight(fp[fieldB(w)], fp[fieldC(w)])
    return next(pc + (1), fp, mem, size, table, vm)
}
