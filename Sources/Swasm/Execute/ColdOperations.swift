/// Instructions too rare or too large for the main loop: bulk memory, tables, segments.
/// Returns the trap (or `.none`) and the instruction's length in words.
@inline(never)
func executeColdOperation(_ pc: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>,
                          _ ctx: UnsafeMutablePointer<InstanceContext>) -> (trap: TrapCode, length: Int) {
    let w = pc.pointee
    @inline(__always) func u32(_ slot: Int) -> UInt32 { UInt32(truncatingIfNeeded: fp[slot]) }
    let op = decodeOp(w)
    switch op {
    case .memoryFill:
        let memory = ctx.pointee.memories[Int(truncatingIfNeeded: pc[1])]
        let dst = UInt64(u32(fieldA(w))), value = UInt8(truncatingIfNeeded: fp[fieldB(w)]), count = UInt64(u32(fieldC(w)))
        guard dst + count <= UInt64(memory.pointee.byteCount) else { return (.outOfBoundsMemoryAccess, 2) }
        if count > 0 { (memory.pointee.base + Int(dst)).initializeMemory(as: UInt8.self, repeating: value, count: Int(count)) }
        return (.none, 2)
    case .memoryCopy:
        let dstMemory = ctx.pointee.memories[Int(truncatingIfNeeded: pc[1] & 0xFFFF_FFFF)]
        let srcMemory = ctx.pointee.memories[Int(truncatingIfNeeded: pc[1] >> 32)]
        let dst = UInt64(u32(fieldA(w))), src = UInt64(u32(fieldB(w))), count = UInt64(u32(fieldC(w)))
        guard dst + count <= UInt64(dstMemory.pointee.byteCount), src + count <= UInt64(srcMemory.pointee.byteCount) else {
            return (.outOfBoundsMemoryAccess, 2)
        }
        if count > 0 {
            // memmove semantics: overlapping ranges (within one memory) copy as if through a temporary buffer.
            (dstMemory.pointee.base + Int(dst)).copyMemory(from: srcMemory.pointee.base + Int(src), byteCount: Int(count))
        }
        return (.none, 2)
    case .memoryInit:
        let record = ctx.pointee.instance.takeUnretainedValue()
        let segment = Int(truncatingIfNeeded: pc[1] & 0xFFFF_FFFF)
        let memory = ctx.pointee.memories[Int(truncatingIfNeeded: pc[1] >> 32)]
        let result = initializeMemory(memory, from: record.dataSegments[segment], source: u32(fieldB(w)),
                                      destination: u32(fieldA(w)), count: u32(fieldC(w)))
        return (result, 2)
    case .dataDrop:
        let record = ctx.pointee.instance.takeUnretainedValue()
        record.dataSegments[Int(fieldW(w))] = []
        return (.none, 1)
    case .tableGet:
        let table = ctx.pointee.tables[fieldC(w)]
        let index = Int(u32(fieldB(w)))
        guard index < table.pointee.count else { return (.outOfBoundsTableAccess, 1) }
        fp[fieldA(w)] = table.pointee.elements[index]
        return (.none, 1)
    case .tableSet:
        let table = ctx.pointee.tables[fieldC(w)]
        let index = Int(u32(fieldA(w)))
        guard index < table.pointee.count else { return (.outOfBoundsTableAccess, 1) }
        table.pointee.elements[index] = fp[fieldB(w)]
        return (.none, 1)
    case .tableSize:
        fp[fieldA(w)] = UInt64(ctx.pointee.tables[fieldC(w)].pointee.count)
        return (.none, 1)
    case .tableGrow:
        let table = ctx.pointee.tables[fieldC(w)]
        let initial = fp[Int(truncatingIfNeeded: pc[1])]
        fp[fieldA(w)] = UInt64(UInt32(bitPattern: growTable(table, by: u32(fieldB(w)), initial: initial)))
        return (.none, 2)
    case .tableFill:
        let table = ctx.pointee.tables[Int(truncatingIfNeeded: pc[1])]
        let start = UInt64(u32(fieldA(w))), value = fp[fieldB(w)], count = UInt64(u32(fieldC(w)))
        guard start + count <= UInt64(table.pointee.count) else { return (.outOfBoundsTableAccess, 2) }
        if count > 0 { (table.pointee.elements + Int(start)).update(repeating: value, count: Int(count)) }
        return (.none, 2)
    case .tableCopy:
        let dstTable = ctx.pointee.tables[Int(truncatingIfNeeded: pc[1] & 0xFFFF_FFFF)]
        let srcTable = ctx.pointee.tables[Int(truncatingIfNeeded: pc[1] >> 32)]
        let dst = UInt64(u32(fieldA(w))), src = UInt64(u32(fieldB(w))), count = UInt64(u32(fieldC(w)))
        guard dst + count <= UInt64(dstTable.pointee.count), src + count <= UInt64(srcTable.pointee.count) else {
            return (.outOfBoundsTableAccess, 2)
        }
        if count > 0 {
            let from = srcTable.pointee.elements + Int(src), to = dstTable.pointee.elements + Int(dst)
            UnsafeMutableRawPointer(to).copyMemory(from: UnsafeRawPointer(from), byteCount: Int(count) * 8)
        }
        return (.none, 2)
    case .tableInit:
        let record = ctx.pointee.instance.takeUnretainedValue()
        let table = ctx.pointee.tables[Int(truncatingIfNeeded: pc[1] & 0xFFFF_FFFF)]
        let segment = Int(truncatingIfNeeded: pc[1] >> 32)
        let result = initializeTable(table, from: record.elementSegments[segment], source: u32(fieldB(w)),
                                     destination: u32(fieldA(w)), count: u32(fieldC(w)))
        return (result, 2)
    case .elemDrop:
        let record = ctx.pointee.instance.takeUnretainedValue()
        record.elementSegments[Int(fieldW(w))] = []
        return (.none, 1)
    case .refFunc:
        fp[fieldA(w)] = UInt64(UInt(bitPattern: ctx.pointee.functions[Int(fieldW(w))]))
        return (.none, 1)
    default:
        return (.unreachable, 1)
    }
}
