/// Handlers for moves, constants, globals, loads and stores. Each does its work and tail-calls the next instruction's handler
/// (see Dispatch.swift).

// MARK: Moves and constants

func op_copy(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = fp[operandB(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_copy2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = operandA(pc), b = operandB(pc)
    fp[a] = fp[b]
    fp[a + 1] = fp[b + 1]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_const32(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = UInt64(operandW(pc))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_const64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_const128(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let a = operandA(pc)
    fp[a] = pc[1]
    fp[a + 1] = pc[2]
    return next(pc + (3), fp, mem, size, table, vm)
}

func op_select(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = i32(fp, Int(truncatingIfNeeded: pc[1])) != 0 ? fp[operandB(pc)] : fp[operandC(pc)]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_select2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let src = i32(fp, Int(truncatingIfNeeded: pc[1])) != 0 ? operandB(pc) : operandC(pc)
    let a = operandA(pc)
    fp[a] = fp[src]
    fp[a + 1] = fp[src + 1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_globalGet(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    fp[operandA(pc)] = vm.pointee.context.pointee.globals[Int(operandW(pc))].pointee
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_globalSet(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    vm.pointee.context.pointee.globals[Int(operandW(pc))].pointee = fp[operandA(pc)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_globalGet2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let cell = vm.pointee.context.pointee.globals[Int(operandW(pc))]
    let a = operandA(pc)
    fp[a] = cell[0]
    fp[a + 1] = cell[1]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_globalSet2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let cell = vm.pointee.context.pointee.globals[Int(operandW(pc))]
    let a = operandA(pc)
    cell[0] = fp[a]
    cell[1] = fp[a + 1]
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: Memory

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

func op_load8s(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 1)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int8.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load8u(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 1)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt8.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16s(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 2)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int16.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16u(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 2)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt16.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32s(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 4)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int32.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32u(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 4)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt32.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 8)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = loadValue(mem, end, UInt64.self)
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load8sAddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndAddImm(fp, pc, 1)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int8.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load8uAddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndAddImm(fp, pc, 1)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt8.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16sAddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndAddImm(fp, pc, 2)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int16.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16uAddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndAddImm(fp, pc, 2)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt16.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32sAddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndAddImm(fp, pc, 4)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int32.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32uAddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndAddImm(fp, pc, 4)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt32.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load64AddImm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndAddImm(fp, pc, 8)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = loadValue(mem, end, UInt64.self)
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store8(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 1)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt8(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store16(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 2)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt16(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store32(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 4)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt32(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEnd(fp, pc, 8)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt64(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load8sIndexed(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndIndexed(fp, pc, 1)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int8.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load8uIndexed(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndIndexed(fp, pc, 1)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt8.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16sIndexed(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndIndexed(fp, pc, 2)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int16.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16uIndexed(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndIndexed(fp, pc, 2)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt16.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32sIndexed(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndIndexed(fp, pc, 4)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int32.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32uIndexed(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndIndexed(fp, pc, 4)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt32.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load64Indexed(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = accessEndIndexed(fp, pc, 8)
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = loadValue(mem, end, UInt64.self)
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store8Imm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let end = UInt64(i32(fp, operandB(pc))) &+ (word & 0xFFFF_FFFF) &+ 1
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt8(truncatingIfNeeded: word &>> 32))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store16Imm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let end = UInt64(i32(fp, operandB(pc))) &+ (word & 0xFFFF_FFFF) &+ 2
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt16(truncatingIfNeeded: word &>> 32))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store32Imm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let end = UInt64(i32(fp, operandB(pc))) &+ (word & 0xFFFF_FFFF) &+ 4
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt32(truncatingIfNeeded: word &>> 32))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store64Imm(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let word = pc[1]
    let end = UInt64(i32(fp, operandB(pc))) &+ (word & 0xFFFF_FFFF) &+ 8
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt64(truncatingIfNeeded: word &>> 32))
    return next(pc + 2, fp, mem, size, table, vm)
}

// MARK: Constant addresses

func op_load8sAbs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 1
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int8.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load8uAbs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 1
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt8.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16sAbs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 2
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int16.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load16uAbs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 2
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt16.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32sAbs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 4
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(bitPattern: Int64(loadValue(mem, end, Int32.self)))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load32uAbs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 4
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = UInt64(loadValue(mem, end, UInt32.self))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_load64Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 8
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[operandA(pc)] = loadValue(mem, end, UInt64.self)
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store8Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 1
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt8(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store16Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 2
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt16(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store32Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 4
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt32(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}

func op_store64Abs(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let end = pc[1] &+ 8
    guard end <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    storeValue(mem, end, UInt64(truncatingIfNeeded: fp[operandA(pc)]))
    return next(pc + 2, fp, mem, size, table, vm)
}
