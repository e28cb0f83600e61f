/// Handlers for fused instructions (operation with an immediate, compare and branch). Each does its work and tail-calls the next instruction's handler
/// (see Dispatch.swift).

// MARK: Fused: operation with an immediate

func op_i32AddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32MulImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &* UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32AndImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] & pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32OrImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] | pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32XorImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] ^ pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32ShlImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &<< UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32ShrSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(UInt32(bitPattern: s32(fp, operandB(pc)) &>> Int32(truncatingIfNeeded: pc[1])))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32ShrUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &>> UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32EqImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) == UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32NeImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) != UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32LtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) < Int32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32LtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) < UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32GtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) > Int32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32GtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) > UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32LeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) <= Int32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32LeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) <= UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32GeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(s32(fp, operandB(pc)) >= Int32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i32GeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = bool(i32(fp, operandB(pc)) >= UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64AddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &+ pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64MulImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &* pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64AndImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] & pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64OrImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] | pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64XorImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] ^ pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64ShlImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &<< pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64ShrSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(bitPattern: s64(fp, operandB(pc)) &>> Int64(bitPattern: pc[1]))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_i64ShrUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)] &>> pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

// MARK: Fused: compare and branch

func op_brIfI32Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) == i32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) != i32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) < s32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) < i32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) > s32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) > i32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) <= s32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) <= i32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) >= s32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) >= i32(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if fp[operandA(pc)] == fp[operandB(pc)] {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if fp[operandA(pc)] != fp[operandB(pc)] {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s64(fp, operandA(pc)) < s64(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if fp[operandA(pc)] < fp[operandB(pc)] {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s64(fp, operandA(pc)) > s64(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if fp[operandA(pc)] > fp[operandB(pc)] {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s64(fp, operandA(pc)) <= s64(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if fp[operandA(pc)] <= fp[operandB(pc)] {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s64(fp, operandA(pc)) >= s64(fp, operandB(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI64GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if fp[operandA(pc)] >= fp[operandB(pc)] {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32EqImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) == operandW(pc) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32NeImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) != operandW(pc) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) < Int32(bitPattern: operandW(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) < operandW(pc) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) > Int32(bitPattern: operandW(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) > operandW(pc) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) <= Int32(bitPattern: operandW(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32LeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) <= operandW(pc) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if s32(fp, operandA(pc)) >= Int32(bitPattern: operandW(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_brIfI32GeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    if i32(fp, operandA(pc)) >= operandW(pc) {
        return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
    }
    return next(pc + 2, fp, mem, size, table, vm)
}

// MARK: Rotations by a constant

func op_i32RotlImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(rotateLeft(i32(fp, operandB(pc)), UInt32(truncatingIfNeeded: pc[1])))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_i32RotrImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(rotateRight(i32(fp, operandB(pc)), UInt32(truncatingIfNeeded: pc[1])))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_i64RotlImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = rotateLeft(fp[operandB(pc)], pc[1])
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_i64RotrImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = rotateRight(fp[operandB(pc)], pc[1])
    return next(pc + 2, fp, mem, size, table, vm)
}

// MARK: Fused pairs

func op_i32XorMulImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64((i32(fp, operandB(pc)) ^ i32(fp, operandC(pc))) &* UInt32(truncatingIfNeeded: pc[1]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_i64XorMulImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = (fp[operandB(pc)] ^ fp[operandC(pc)]) &* pc[1]
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_i32AddShlImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(i32(fp, operandB(pc)) &+ (i32(fp, operandC(pc)) &<< UInt32(truncatingIfNeeded: pc[1])))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_i32ShrUAndImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    fp[operandA(pc)] = UInt64((i32(fp, operandB(pc)) &>> UInt32(truncatingIfNeeded: word)) & UInt32(truncatingIfNeeded: word &>> 32))
    return next(pc + 2, fp, mem, size, table, vm)
}

// MARK: Loop counters: add an immediate, then compare and branch

func op_brIfAddImmI32Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value == i32(fp, operandC(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32EqImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value == UInt32(truncatingIfNeeded: word &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value != i32(fp, operandC(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32NeImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value != UInt32(truncatingIfNeeded: word &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) < Int32(bitPattern: i32(fp, operandC(pc))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) < Int32(bitPattern: UInt32(truncatingIfNeeded: word &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value < i32(fp, operandC(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value < UInt32(truncatingIfNeeded: word &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) > Int32(bitPattern: i32(fp, operandC(pc))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) > Int32(bitPattern: UInt32(truncatingIfNeeded: word &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value > i32(fp, operandC(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value > UInt32(truncatingIfNeeded: word &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) <= Int32(bitPattern: i32(fp, operandC(pc))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) <= Int32(bitPattern: UInt32(truncatingIfNeeded: word &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value <= i32(fp, operandC(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32LeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value <= UInt32(truncatingIfNeeded: word &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) >= Int32(bitPattern: i32(fp, operandC(pc))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) >= Int32(bitPattern: UInt32(truncatingIfNeeded: word &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value >= i32(fp, operandC(pc)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddImmI32GeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let value = i32(fp, operandB(pc)) &+ UInt32(truncatingIfNeeded: word)
    fp[operandA(pc)] = UInt64(value)
    if value >= UInt32(truncatingIfNeeded: word &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

// MARK: Loop counters with a register step: add, then compare and branch

func op_brIfAddI32Eq(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value == i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32EqImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value == UInt32(truncatingIfNeeded: pc[1] &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32Ne(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value != i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32NeImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value != UInt32(truncatingIfNeeded: pc[1] &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) < Int32(bitPattern: i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) < Int32(bitPattern: UInt32(truncatingIfNeeded: pc[1] &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value < i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value < UInt32(truncatingIfNeeded: pc[1] &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GtS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) > Int32(bitPattern: i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GtSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) > Int32(bitPattern: UInt32(truncatingIfNeeded: pc[1] &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GtU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value > i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GtUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value > UInt32(truncatingIfNeeded: pc[1] &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) <= Int32(bitPattern: i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) <= Int32(bitPattern: UInt32(truncatingIfNeeded: pc[1] &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value <= i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32LeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value <= UInt32(truncatingIfNeeded: pc[1] &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GeS(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) >= Int32(bitPattern: i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF))) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GeSImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if Int32(bitPattern: value) >= Int32(bitPattern: UInt32(truncatingIfNeeded: pc[1] &>> 32)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GeU(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value >= i32(fp, Int(truncatingIfNeeded: pc[1] & 0xFFFF)) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_brIfAddI32GeUImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let value = i32(fp, operandB(pc)) &+ i32(fp, operandC(pc))
    fp[operandA(pc)] = UInt64(value)
    if value >= UInt32(truncatingIfNeeded: pc[1] &>> 32) {
        return next(pc + Int(truncatingIfNeeded: pc[2]), fp, mem, size, table, vm)
    }
    return next(pc + 3, fp, mem, size, table, vm)
}

func op_copyBr(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)]
    return next(pc + Int(truncatingIfNeeded: pc[1]), fp, mem, size, table, vm)
}
