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
        indexedMemoryAccesses(group: group, relation: "memory64", suffix: "Memory64", address: "64-bit address") { width in
            "accessEnd64(fp[operandB(pc)], pc[1], \(width))"
        }
    }
}
