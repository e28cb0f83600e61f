/// Handlers for moves, constants, globals, loads and stores. Each does its work and tail-calls the next instruction's handler
/// (see Dispatch.swift).

// MARK: Moves and constants

func op_copy(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = fp[fieldB(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_copy2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = fieldA(w), b = fieldB(w)
    fp[a] = fp[b]
    fp[a + 1] = fp[b + 1]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_const32(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = UInt64(fieldW(w))
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_const64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = pc[1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_const128(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let a = fieldA(w)
    fp[a] = pc[1]
    fp[a + 1] = pc[2]
    return next(pc + (3), fp, mem, size, table, vm)
}

func op_select(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = i32(fp, Int(truncatingIfNeeded: pc[1])) != 0 ? fp[fieldB(w)] : fp[fieldC(w)]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_select2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let src = i32(fp, Int(truncatingIfNeeded: pc[1])) != 0 ? fieldB(w) : fieldC(w)
    let a = fieldA(w)
    fp[a] = fp[src]
    fp[a + 1] = fp[src + 1]
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_globalGet(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    fp[fieldA(w)] = vm.pointee.context.pointee.globals[Int(fieldW(w))].pointee
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_globalSet(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    vm.pointee.context.pointee.globals[Int(fieldW(w))].pointee = fp[fieldA(w)]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_globalGet2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let cell = vm.pointee.context.pointee.globals[Int(fieldW(w))]
    let a = fieldA(w)
    fp[a] = cell[0]
    fp[a + 1] = cell[1]
    return next(pc + (1), fp, mem, size, table, vm)
}

func op_globalSet2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let cell = vm.pointee.context.pointee.globals[Int(fieldW(w))]
    let a = fieldA(w)
    cell[0] = fp[a]
    cell[1] = fp[a + 1]
    return next(pc + (1), fp, mem, size, table, vm)
}

// MARK: Memory

func op_load8s(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 1 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[fieldA(w)] = UInt64(bitPattern: Int64(mem.load(fromByteOffset: Int(ea), as: Int8.self)))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_load8u(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 1 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[fieldA(w)] = UInt64(mem.load(fromByteOffset: Int(ea), as: UInt8.self))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_load16s(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 2 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[fieldA(w)] = UInt64(bitPattern: Int64(mem.loadUnaligned(fromByteOffset: Int(ea), as: Int16.self)))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_load16u(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 2 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[fieldA(w)] = UInt64(mem.loadUnaligned(fromByteOffset: Int(ea), as: UInt16.self))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_load32s(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 4 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[fieldA(w)] = UInt64(bitPattern: Int64(mem.loadUnaligned(fromByteOffset: Int(ea), as: Int32.self)))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_load32u(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 4 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[fieldA(w)] = UInt64(mem.loadUnaligned(fromByteOffset: Int(ea), as: UInt32.self))
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_load64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 8 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    fp[fieldA(w)] = mem.loadUnaligned(fromByteOffset: Int(ea), as: UInt64.self)
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_store8(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 1 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    mem.storeBytes(of: UInt8(truncatingIfNeeded: fp[fieldA(w)]), toByteOffset: Int(ea), as: UInt8.self)
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_store16(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 2 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    mem.storeBytes(of: UInt16(truncatingIfNeeded: fp[fieldA(w)]), toByteOffset: Int(ea), as: UInt16.self)
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_store32(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 4 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    mem.storeBytes(of: UInt32(truncatingIfNeeded: fp[fieldA(w)]), toByteOffset: Int(ea), as: UInt32.self)
    return next(pc + (2), fp, mem, size, table, vm)
}

func op_store64(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ table: HandlerTable, _ vm: VM) -> Int {
    let w = pc.pointee
    let ea = UInt64(i32(fp, fieldB(w))) &+ pc[1]
    guard ea &+ 8 <= size else { return trapExit(vm, pc, .outOfBoundsMemoryAccess) }
    mem.storeBytes(of: fp[fieldA(w)], toByteOffset: Int(ea), as: UInt64.self)
    return next(pc + (2), fp, mem, size, table, vm)
}
