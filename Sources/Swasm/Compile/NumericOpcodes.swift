import SwasmBinary

/// The numeric instructions 0x45...0xC4 (and the 0xFC saturating conversions): operand types,
/// result type, and the internal operation (nil when the result is the operand's bits unchanged,
/// as for `i32.wrap_i64` and the reinterpretations).
struct NumericOpcode {
    /// One or two operands (kept inline: no array to retain on every lookup).
    let operandCount: Int
    let lhs: ValueType
    let rhs: ValueType
    let result: ValueType
    let op: Op?
    /// Feature the instruction needs beyond 1.0, if any.
    let feature: Features?

    init(_ operands: [ValueType], _ result: ValueType, _ op: Op?, _ feature: Features? = nil) {
        self.operandCount = operands.count
        self.lhs = operands[0]
        self.rhs = operands.count > 1 ? operands[1] : operands[0]
        self.result = result
        self.op = op
        self.feature = feature
    }
}

// The tables themselves (`numericOpcodes`, `saturatingConversions`) are generated into
// Compile/Generated/NumericOpcodeTable.swift from the operation table.
