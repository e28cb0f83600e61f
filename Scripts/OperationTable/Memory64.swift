// Loads and stores on 64-bit memories (memory64). Every access to a 64-bit memory, memory 0
// included, goes through these generic forms, which find the memory by the index in the last
// word (as the multi-memory forms do), so the fast path of 32-bit memory 0 is unchanged. The
// address is the whole 64-bit slot; address + offset + width is checked without wrapping
// (`accessEnd64` gives UInt64.max when the sum overflows, which no memory size reaches).
// memory.size, memory.grow, SIMD and bulk operations on them share the multi-memory forms,
// which read the address type from the memory itself.

extension Table {
    func memory64() {
        let group = "Memory64"
        declareRelation("memory64", "The form of a load or store on a 64-bit memory (its index in the last word).")
        let memory = "let memory = vm.pointee.context.pointee.memories[Int(truncatingIfNeeded: pc[2])]"
        let end = { (width: Int) in "accessEnd64(fp[operandB(pc)], pc[1], \(width))" }
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
            add(Operation(name: name + "Memory64", length: 3, doc: "A = dst, B = 64-bit address, [1] = offset, [2] = memory index",
                          body: body.joined(separator: "\n"), group: group))
            relate("memory64", name, name + "Memory64")
        }
        for (name, width, type) in [("store8", 1, "UInt8"), ("store16", 2, "UInt16"), ("store32", 4, "UInt32"), ("store64", 8, "UInt64")] {
            let body = [memory, "let end = \(end(width))", check,
                        "storeValue(memory.pointee.base, end, \(type)(truncatingIfNeeded: fp[operandA(pc)]))", "NEXT"]
            add(Operation(name: name + "Memory64", length: 3, doc: "A = value, B = 64-bit address, [1] = offset, [2] = memory index",
                          body: body.joined(separator: "\n"), group: group))
            relate("memory64", name, name + "Memory64")
        }
    }
}
