/// Hand-written handlers for memories other than memory 0 and for 64-bit memories (the
/// generated ones are in Generated/Handlers+OtherMemory.swift and Handlers+Memory64.swift). Memory 0's registers pass through unchanged, except
/// after a grow: the grown memory may be memory 0 itself, imported under a second index.

func op_memoryGrowMemory(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let context = vm.pointee.context
    let memory = context.pointee.memories[Int(truncatingIfNeeded: pc[1])]
    fp[operandA(pc)] = growMemoryResult(memory, delta: fp[operandB(pc)])
    let first = context.pointee.memory
    return next(pc + 2, fp, first.pointee.base, UInt64(truncatingIfNeeded: first.pointee.byteCount), vm, acc, facc)
}

/// SIMD loads and stores on another memory: the memory index is in the high half of word 2.
func op_simdMemory(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let trap = executeSIMDOtherMemory(pc, fp, vm.pointee.context)
    if trap != .none { return trapExit(vm, pc, trap) }
    return next(pc + 3, fp, mem, size, vm, acc, facc)
}

@inline(never)
func executeSIMDOtherMemory(_ pc: PC, _ fp: FP, _ context: UnsafeMutablePointer<InstanceContext>) -> TrapCode {
    let memory = context.pointee.memories[Int(truncatingIfNeeded: pc[2] &>> 32)]
    let base = memory.pointee.base, size = UInt64(truncatingIfNeeded: memory.pointee.byteCount)
    // A 64-bit address plus the offset may pass 2^64; past the memory's end it traps whatever
    // the width, and below it `ea + width` cannot wrap.
    let ea: UInt64
    if memory.pointee.is64 {
        let (sum, overflow) = fp[fieldB(pc.pointee)].addingReportingOverflow(pc[1])
        guard !overflow, sum <= size else { return .outOfBoundsMemoryAccess }
        ea = sum
    } else {
        ea = UInt64(UInt32(truncatingIfNeeded: fp[fieldB(pc.pointee)])) &+ pc[1]
    }
    if decodeOp(pc.pointee) == .simdLoadMemory { return executeSIMDLoad(pc, fp, base, size, ea: ea) }
    return executeSIMDStore(pc, fp, base, size, ea: ea)
}
