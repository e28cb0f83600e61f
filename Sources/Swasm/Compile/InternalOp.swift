/// Encoding and decoding of instruction words. The operations themselves (`Op`) are generated
/// from Scripts/OperationTable/Operations.swift into Compile/Generated/Op.swift.

/// Operand field helpers for the first word of an instruction.
@inline(__always) func fieldA(_ w: UInt64) -> Int { Int(truncatingIfNeeded: (w &>> 16) & 0xFFFF) }
@inline(__always) func fieldB(_ w: UInt64) -> Int { Int(truncatingIfNeeded: (w &>> 32) & 0xFFFF) }
@inline(__always) func fieldC(_ w: UInt64) -> Int { Int(truncatingIfNeeded: w &>> 48) }
@inline(__always) func fieldW(_ w: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: w &>> 32) }
@inline(__always) func fieldWSigned(_ w: UInt64) -> Int { Int(Int32(truncatingIfNeeded: w &>> 32)) }

@inline(__always) func encode(_ op: Op, a: Int = 0, b: Int = 0, c: Int = 0) -> UInt64 {
    UInt64(op.rawValue) | UInt64(truncatingIfNeeded: a & 0xFFFF) << 16
        | UInt64(truncatingIfNeeded: b & 0xFFFF) << 32 | UInt64(truncatingIfNeeded: c & 0xFFFF) << 48
}

@inline(__always) func encode(_ op: Op, a: Int = 0, w: UInt32) -> UInt64 {
    UInt64(op.rawValue) | UInt64(truncatingIfNeeded: a & 0xFFFF) << 16 | UInt64(w) << 32
}

/// The operation of an instruction word. The compiler only writes valid operations, and `Op`
/// is a two-byte enum whose in-memory form is its raw value: no range check needed.
@inline(__always) func decodeOp(_ w: UInt64) -> Op {
    unsafeBitCast(UInt16(truncatingIfNeeded: w), to: Op.self)
}
