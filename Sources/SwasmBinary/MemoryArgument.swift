/// The immediate of a load or store (`memarg`): alignment exponent, memory index, static offset.
public struct MemoryArgument: Hashable, Sendable {
    /// log2 of the promised alignment.
    public var alignment: UInt32
    /// The memory the instruction accesses (0 unless bit 6 of the flags said otherwise).
    public var memory: UInt32
    /// The static offset added to the address.
    public var offset: UInt64
}

extension ByteReader {
    /// Reads a `memarg`. Under multiple memories or memory64 (3.0 rules) the offset is a u64
    /// (validation bounds it by the memory's address type: "offset out of range" for a 32-bit
    /// memory); with multiple memories bit 6 of the flags says a memory index follows and the
    /// flags must be below 128. Before, the flags are just the alignment, below 32, and the
    /// offset a u32.
    public mutating func readMemoryArgument(_ features: Features) throws -> MemoryArgument {
        let flagsAt = position
        let flags = try readU32()
        let multiMemory = features.contains(.multiMemory)
        guard multiMemory || features.contains(.memory64) else {
            // The alignment exponent must fit the flags field (bits above 5 are reserved).
            guard flags < 32 else { throw error("malformed memop flags", at: flagsAt) }
            return MemoryArgument(alignment: flags, memory: 0, offset: UInt64(try readU32()))
        }
        let memory = multiMemory && flags & 0x40 != 0 ? try readU32() : 0
        let offset = try readU64()
        guard flags < (multiMemory ? 0x80 : 0x40) else { throw error("malformed memop flags", at: flagsAt) }
        return MemoryArgument(alignment: flags & 0x3F, memory: memory, offset: offset)
    }

    /// The memory index of `memory.size`, `memory.grow`, `memory.fill`...: a u32 under multiple
    /// memories, before that a zero byte.
    public mutating func readMemoryIndex(_ features: Features) throws -> UInt32 {
        if features.contains(.multiMemory) { return try readU32() }
        guard try readByte() == 0 else { throw error("zero byte expected", at: position - 1) }
        return 0
    }
}
