// Operations on memories other than memory 0 (the multiple memories proposal). Memory 0 keeps
// its base and size in the handler registers and all the fused forms; any other memory is
// found in the instance's memory array (`InstanceContext.memories`) by the index in the last
// word, so code that uses only memory 0 is unchanged. Their handlers go to their own file, after
// the hot ones.

extension Table {
    func otherMemories() {
        let group = "OtherMemory"
        declareRelation("otherMemory", "The form of a load or store on a memory other than memory 0 (its index in the last word).")
        // address < 2^32, offset < 2^32 (validation), width <= 8: the sum cannot overflow.
        indexedMemoryAccesses(group: group, relation: "otherMemory", suffix: "Memory", address: "address") { width in
            "UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)])) &+ pc[1] &+ \(width)"
        }
        special("memorySizeMemory", length: 1, "A = dst, W = memory index", group: group, """
        let memory = vm.pointee.context.pointee.memories[Int(operandW(pc))]
        fp[operandA(pc)] = UInt64(truncatingIfNeeded: memory.pointee.byteCount / pageSize)
        NEXT
        """)
        // Hand-written (Execute/OtherMemories.swift): growing may change memory 0 too (the same
        // memory imported twice), so the handler reloads the registers.
        custom("memoryGrowMemory", length: 2, "A = dst, B = delta, [1] = memory index")
        custom("simdLoadMemory", length: 3, "as simdLoad; [2] = SIMDOp | lane << 16 | memory index << 32",
               handler: "op_simdMemory")
        custom("simdStoreMemory", length: 3, "as simdStore; [2] = SIMDOp | lane << 16 | memory index << 32",
               handler: "op_simdMemory")
    }

    /// The loads and stores that find their memory by the index in the last word (other
    /// memories, 64-bit memories): `end(width)` is the expression of the access's end.
    func indexedMemoryAccesses(group: String, relation: String, suffix: String, address: String,
                               end: (Int) -> String) {
        let memory = "let memory = vm.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[2])]"
        let check = "guard end <= UInt64(truncatingIfNeeded: memory.pointee.byteCount) else { TRAP(.outOfBoundsMemoryAccess) }"
        let loads: [(String, Int, String, String)] = [
            ("load8s", 1, "Int8", "UInt64(bitPattern: Int64(v))"),
            ("load8u", 1, "UInt8", "UInt64(v)"),
            ("load16s", 2, "Int16", "UInt64(bitPattern: Int64(v))"),
            ("load16u", 2, "UInt16", "UInt64(v)"),
            ("load32s", 4, "Int32", "UInt64(bitPattern: Int64(v))"),
            ("load32u", 4, "UInt32", "UInt64(v)"),
            ("load64", 8, "UInt64", "v"),
        ]
        for (name, width, type, bits) in loads {
            let body = [memory, "let end = \(end(width))", check, "let v = loadValue(memory.pointee.base, end, \(type).self)",
                        "fp[operandA(pc)] = \(bits)", "NEXT"]
            add(Operation(name: name + suffix, length: 3, doc: "A = dst, B = \(address), [1] = offset, [2] = memory index",
                          body: body.joined(separator: "\n"), group: group))
            relate(relation, name, name + suffix)
        }
        for (name, width, type) in [("store8", 1, "UInt8"), ("store16", 2, "UInt16"), ("store32", 4, "UInt32"), ("store64", 8, "UInt64")] {
            let body = [memory, "let end = \(end(width))", check,
                        "storeValue(memory.pointee.base, end, \(type)(truncatingIfNeeded: fp[operandA(pc)]))", "NEXT"]
            add(Operation(name: name + suffix, length: 3, doc: "A = value, B = \(address), [1] = offset, [2] = memory index",
                          body: body.joined(separator: "\n"), group: group))
            relate(relation, name, name + suffix)
        }
    }
}
