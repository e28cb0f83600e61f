/// `start ..< start + count` lies within `0 ..< size`, computed without wrapping (64-bit
/// addresses and counts may be anything).
@inline(__always) func fits(_ start: UInt64, _ count: UInt64, _ size: UInt64) -> Bool {
    count <= size && start <= size - count
}

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
        let mask = memory.pointee.addressMask
        let dst = fp[fieldA(w)] & mask, value = UInt8(truncatingIfNeeded: fp[fieldB(w)]), count = fp[fieldC(w)] & mask
        guard fits(dst, count, UInt64(memory.pointee.byteCount)) else { return (.outOfBoundsMemoryAccess, 2) }
        if count > 0 { (memory.pointee.base + Int(dst)).initializeMemory(as: UInt8.self, repeating: value, count: Int(count)) }
        return (.none, 2)
    case .memoryCopy:
        let dstMemory = ctx.pointee.memories[Int(truncatingIfNeeded: pc[1] & 0xFFFF_FFFF)]
        let srcMemory = ctx.pointee.memories[Int(truncatingIfNeeded: pc[1] >> 32)]
        // The count has the smaller of the two address types (memory64).
        let dstMask = dstMemory.pointee.addressMask, srcMask = srcMemory.pointee.addressMask
        let dst = fp[fieldA(w)] & dstMask, src = fp[fieldB(w)] & srcMask, count = fp[fieldC(w)] & dstMask & srcMask
        guard fits(dst, count, UInt64(dstMemory.pointee.byteCount)), fits(src, count, UInt64(srcMemory.pointee.byteCount)) else {
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
                                      destination: fp[fieldA(w)] & memory.pointee.addressMask, count: u32(fieldC(w)))
        return (result, 2)
    case .dataDrop:
        let record = ctx.pointee.instance.takeUnretainedValue()
        record.dataSegments[Int(fieldW(w))] = []
        return (.none, 1)
    case .tableGet:
        let table = ctx.pointee.tables[fieldC(w)]
        let index = fp[fieldB(w)] & table.pointee.indexMask
        guard index < UInt64(table.pointee.count) else { return (.outOfBoundsTableAccess, 1) }
        fp[fieldA(w)] = table.pointee.elements[Int(index)]
        return (.none, 1)
    case .tableSet:
        let table = ctx.pointee.tables[fieldC(w)]
        let index = fp[fieldA(w)] & table.pointee.indexMask
        guard index < UInt64(table.pointee.count) else { return (.outOfBoundsTableAccess, 1) }
        table.pointee.elements[Int(index)] = fp[fieldB(w)]
        return (.none, 1)
    case .tableSize:
        fp[fieldA(w)] = UInt64(ctx.pointee.tables[fieldC(w)].pointee.count)
        return (.none, 1)
    case .tableGrow:
        let table = ctx.pointee.tables[fieldC(w)]
        let initial = fp[Int(truncatingIfNeeded: pc[1])]
        let mask = table.pointee.indexMask
        fp[fieldA(w)] = UInt64(bitPattern: growTable(table, by: fp[fieldB(w)] & mask, initial: initial)) & mask
        return (.none, 2)
    case .tableFill:
        let table = ctx.pointee.tables[Int(truncatingIfNeeded: pc[1])]
        let mask = table.pointee.indexMask
        let start = fp[fieldA(w)] & mask, value = fp[fieldB(w)], count = fp[fieldC(w)] & mask
        guard fits(start, count, UInt64(table.pointee.count)) else { return (.outOfBoundsTableAccess, 2) }
        if count > 0 { (table.pointee.elements + Int(start)).update(repeating: value, count: Int(count)) }
        return (.none, 2)
    case .tableCopy:
        let dstTable = ctx.pointee.tables[Int(truncatingIfNeeded: pc[1] & 0xFFFF_FFFF)]
        let srcTable = ctx.pointee.tables[Int(truncatingIfNeeded: pc[1] >> 32)]
        let dstMask = dstTable.pointee.indexMask, srcMask = srcTable.pointee.indexMask
        let dst = fp[fieldA(w)] & dstMask, src = fp[fieldB(w)] & srcMask, count = fp[fieldC(w)] & dstMask & srcMask
        guard fits(dst, count, UInt64(dstTable.pointee.count)), fits(src, count, UInt64(srcTable.pointee.count)) else {
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
                                     destination: fp[fieldA(w)] & table.pointee.indexMask, count: u32(fieldC(w)))
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
