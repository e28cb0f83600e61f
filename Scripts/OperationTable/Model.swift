// The model behind the operation table: what one internal operation is, and how its operands
// are read and its result written. Operations.swift fills the table; Emit*.swift write the code.

/// How an operand's 64-bit slot (or the accumulator) is viewed as a Swift value.
enum View: String {
    case raw, u32, s32, u64, s64, f32, f64, bool

    var swiftType: String {
        switch self {
        case .raw, .u64: return "UInt64"
        case .u32: return "UInt32"
        case .s32: return "Int32"
        case .s64: return "Int64"
        case .f32: return "Float"
        case .f64: return "Double"
        case .bool: return "Bool"
        }
    }

    /// The value of this view held in the 64-bit word `bits`.
    func fromBits(_ bits: String) -> String {
        switch self {
        case .raw, .u64: return bits
        case .u32: return "UInt32(truncatingIfNeeded: \(bits))"
        case .s32: return "Int32(truncatingIfNeeded: \(bits))"
        case .s64: return "Int64(bitPattern: \(bits))"
        case .f32: return "Float(bitPattern: UInt32(truncatingIfNeeded: \(bits)))"
        case .f64: return "Double(bitPattern: \(bits))"
        case .bool: return "(\(bits) != 0)"
        }
    }

    /// The 64-bit slot word of `value`.
    func toBits(_ value: String) -> String {
        switch self {
        case .raw, .u64: return value
        case .u32: return "UInt64(\(value))"
        case .s32: return "UInt64(UInt32(bitPattern: \(value)))"
        case .s64: return "UInt64(bitPattern: \(value))"
        case .f32: return "UInt64((\(value)).bitPattern)"
        case .f64: return "(\(value)).bitPattern"
        case .bool: return "((\(value)) ? 1 : 0)"
        }
    }

    /// The accumulator a value of this view travels in (f32 has none).
    var accumulator: Accumulator? {
        switch self {
        case .f64: return .float
        case .f32: return nil
        default: return .int
        }
    }

    /// Reads the value from its accumulator.
    func fromAccumulator() -> String { self == .f64 ? "facc" : fromBits("acc") }

    /// The accumulator's new contents for `value`.
    func toAccumulator(_ value: String) -> String { self == .f64 ? "(\(value))" : toBits(value) }
}

/// The two accumulators that travel in machine registers between handlers.
enum Accumulator: String, CaseIterable {
    /// `acc: UInt64`, in an integer register: i32 and i64 values, and bits of anything.
    case int
    /// `facc: Double`, in an XMM register: f64 values.
    case float
}

/// Where a handler finds one operand.
enum Place: Equatable {
    case slotA, slotB, slotC
    case accumulator
    /// A word of the instruction (`pc[n]`).
    case word(Int)

    func read(_ view: View) -> String {
        switch self {
        case .slotA: return view.fromBits("fp[operandA(pc)]")
        case .slotB: return view.fromBits("fp[operandB(pc)]")
        case .slotC: return view.fromBits("fp[operandC(pc)]")
        case .accumulator: return view.fromAccumulator()
        case .word(let n): return view.fromBits("pc[\(n)]")
        }
    }
}

/// One internal operation: a case of `Op` and its handler `op_<name>`.
struct Operation {
    var name: String
    /// Words the instruction takes (the handler advances pc by this much unless it branches).
    var length: Int
    /// One line for the enum case's comment: its operand layout.
    var doc: String
    /// The handler body, with `NEXT` / `NEXT_ACC(v)` / `NEXT_FACC(v)` / `BRANCH(offset)` /
    /// `TRAP(code)` placeholders; nil when the handler is written by hand (`op_<name>` elsewhere).
    var body: String?
    /// The accumulator this operation reads, and the one it writes.
    var readsAccumulator: Accumulator?
    var writesAccumulator: Accumulator?
    /// Which generated file the handler goes to.
    var group: String
    /// A hand-written handler shared with other operations (default: `op_<name>`).
    var sharedHandler: String? = nil

    var handlerName: String { sharedHandler ?? "op_" + name }
}

/// A named mapping between operations, emitted as `extension Op { var name: Op? }`, or with an
/// accumulator argument (`func name(_ kind: Accumulator) -> Op?`) when `byAccumulator` is set.
struct Relation {
    var name: String
    var doc: String
    var byAccumulator: Bool
    /// Keyed by a second operation too (`func name(_ other: Op) -> Op?`).
    var byOperation = false
    var pairs: [(from: String, kind: Accumulator?, to: String)] = []
    var operationPairs: [(from: String, other: String, to: String)] = []
}

/// A wasm opcode whose translation is a plain numeric operation (the translator's opcode table).
struct NumericOpcodeEntry {
    var opcode: Int          // 0x45...0xC4, or 0xFC00 + n for the 0xFC prefix
    var operands: [String]   // wasm value types: "i32", "i64", "f32", "f64"
    var result: String
    var op: String?          // nil: the result is the operand's bits unchanged
    var feature: String?
}

/// The whole table, filled by Operations.swift.
final class Table {
    var operations: [Operation] = []
    var relations: [String: Relation] = [:]
    var relationOrder: [String] = []
    var flags: [String: (doc: String, members: [String])] = [:]
    var flagOrder: [String] = []
    var numeric: [NumericOpcodeEntry] = []
    private var names: Set<String> = []

    func add(_ op: Operation) {
        precondition(!names.contains(op.name), "duplicate operation \(op.name)")
        names.insert(op.name)
        operations.append(op)
    }

    func has(_ name: String) -> Bool { names.contains(name) }

    func relate(_ relation: String, _ from: String, _ to: String, kind: Accumulator? = nil) {
        guard var r = relations[relation] else { preconditionFailure("unknown relation \(relation)") }
        r.pairs.append((from, kind, to))
        relations[relation] = r
    }

    func declareRelation(_ name: String, byAccumulator: Bool = false, byOperation: Bool = false, _ doc: String) {
        relations[name] = Relation(name: name, doc: doc, byAccumulator: byAccumulator, byOperation: byOperation)
        relationOrder.append(name)
    }

    func relate(_ relation: String, _ from: String, with other: String, _ to: String) {
        guard var r = relations[relation], r.byOperation else { preconditionFailure("unknown relation \(relation)") }
        r.operationPairs.append((from, other, to))
        relations[relation] = r
    }

    func declareFlag(_ name: String, _ doc: String) {
        flags[name] = (doc, [])
        flagOrder.append(name)
    }

    func flag(_ name: String, _ op: String) {
        flags[name]?.members.append(op)
    }
}
