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

private let i32: ValueType = .i32, i64: ValueType = .i64, f32: ValueType = .f32, f64: ValueType = .f64

/// Indexed by `opcode - 0x45`.
let numericOpcodes: [NumericOpcode?] = {
    var t = [NumericOpcode?](repeating: nil, count: 0xC5 - 0x45)
    func set(_ opcode: Int, _ entry: NumericOpcode) { t[opcode - 0x45] = entry }
    func cmp(_ opcode: Int, _ type: ValueType, _ op: Op) { set(opcode, NumericOpcode([type, type], i32, op)) }
    func un(_ opcode: Int, _ type: ValueType, _ op: Op) { set(opcode, NumericOpcode([type], type, op)) }
    func bin(_ opcode: Int, _ type: ValueType, _ op: Op) { set(opcode, NumericOpcode([type, type], type, op)) }
    func cvt(_ opcode: Int, _ from: ValueType, _ to: ValueType, _ op: Op?, _ feature: Features? = nil) {
        set(opcode, NumericOpcode([from], to, op, feature))
    }

    set(0x45, NumericOpcode([i32], i32, .i32Eqz))
    cmp(0x46, i32, .i32Eq); cmp(0x47, i32, .i32Ne); cmp(0x48, i32, .i32LtS); cmp(0x49, i32, .i32LtU)
    cmp(0x4A, i32, .i32GtS); cmp(0x4B, i32, .i32GtU); cmp(0x4C, i32, .i32LeS); cmp(0x4D, i32, .i32LeU)
    cmp(0x4E, i32, .i32GeS); cmp(0x4F, i32, .i32GeU)
    set(0x50, NumericOpcode([i64], i32, .i64Eqz))
    cmp(0x51, i64, .i64Eq); cmp(0x52, i64, .i64Ne); cmp(0x53, i64, .i64LtS); cmp(0x54, i64, .i64LtU)
    cmp(0x55, i64, .i64GtS); cmp(0x56, i64, .i64GtU); cmp(0x57, i64, .i64LeS); cmp(0x58, i64, .i64LeU)
    cmp(0x59, i64, .i64GeS); cmp(0x5A, i64, .i64GeU)
    cmp(0x5B, f32, .f32Eq); cmp(0x5C, f32, .f32Ne); cmp(0x5D, f32, .f32Lt); cmp(0x5E, f32, .f32Gt)
    cmp(0x5F, f32, .f32Le); cmp(0x60, f32, .f32Ge)
    cmp(0x61, f64, .f64Eq); cmp(0x62, f64, .f64Ne); cmp(0x63, f64, .f64Lt); cmp(0x64, f64, .f64Gt)
    cmp(0x65, f64, .f64Le); cmp(0x66, f64, .f64Ge)

    un(0x67, i32, .i32Clz); un(0x68, i32, .i32Ctz); un(0x69, i32, .i32Popcnt)
    bin(0x6A, i32, .i32Add); bin(0x6B, i32, .i32Sub); bin(0x6C, i32, .i32Mul); bin(0x6D, i32, .i32DivS)
    bin(0x6E, i32, .i32DivU); bin(0x6F, i32, .i32RemS); bin(0x70, i32, .i32RemU); bin(0x71, i32, .i32And)
    bin(0x72, i32, .i32Or); bin(0x73, i32, .i32Xor); bin(0x74, i32, .i32Shl); bin(0x75, i32, .i32ShrS)
    bin(0x76, i32, .i32ShrU); bin(0x77, i32, .i32Rotl); bin(0x78, i32, .i32Rotr)

    un(0x79, i64, .i64Clz); un(0x7A, i64, .i64Ctz); un(0x7B, i64, .i64Popcnt)
    bin(0x7C, i64, .i64Add); bin(0x7D, i64, .i64Sub); bin(0x7E, i64, .i64Mul); bin(0x7F, i64, .i64DivS)
    bin(0x80, i64, .i64DivU); bin(0x81, i64, .i64RemS); bin(0x82, i64, .i64RemU); bin(0x83, i64, .i64And)
    bin(0x84, i64, .i64Or); bin(0x85, i64, .i64Xor); bin(0x86, i64, .i64Shl); bin(0x87, i64, .i64ShrS)
    bin(0x88, i64, .i64ShrU); bin(0x89, i64, .i64Rotl); bin(0x8A, i64, .i64Rotr)

    un(0x8B, f32, .f32Abs); un(0x8C, f32, .f32Neg); un(0x8D, f32, .f32Ceil); un(0x8E, f32, .f32Floor)
    un(0x8F, f32, .f32Trunc); un(0x90, f32, .f32Nearest); un(0x91, f32, .f32Sqrt)
    bin(0x92, f32, .f32Add); bin(0x93, f32, .f32Sub); bin(0x94, f32, .f32Mul); bin(0x95, f32, .f32Div)
    bin(0x96, f32, .f32Min); bin(0x97, f32, .f32Max); bin(0x98, f32, .f32Copysign)

    un(0x99, f64, .f64Abs); un(0x9A, f64, .f64Neg); un(0x9B, f64, .f64Ceil); un(0x9C, f64, .f64Floor)
    un(0x9D, f64, .f64Trunc); un(0x9E, f64, .f64Nearest); un(0x9F, f64, .f64Sqrt)
    bin(0xA0, f64, .f64Add); bin(0xA1, f64, .f64Sub); bin(0xA2, f64, .f64Mul); bin(0xA3, f64, .f64Div)
    bin(0xA4, f64, .f64Min); bin(0xA5, f64, .f64Max); bin(0xA6, f64, .f64Copysign)

    cvt(0xA7, i64, i32, nil)  // i32.wrap_i64: i32 readers use the low 32 bits
    cvt(0xA8, f32, i32, .i32TruncF32S); cvt(0xA9, f32, i32, .i32TruncF32U)
    cvt(0xAA, f64, i32, .i32TruncF64S); cvt(0xAB, f64, i32, .i32TruncF64U)
    cvt(0xAC, i32, i64, .i64ExtendI32S); cvt(0xAD, i32, i64, .i64ExtendI32U)
    cvt(0xAE, f32, i64, .i64TruncF32S); cvt(0xAF, f32, i64, .i64TruncF32U)
    cvt(0xB0, f64, i64, .i64TruncF64S); cvt(0xB1, f64, i64, .i64TruncF64U)
    cvt(0xB2, i32, f32, .f32ConvertI32S); cvt(0xB3, i32, f32, .f32ConvertI32U)
    cvt(0xB4, i64, f32, .f32ConvertI64S); cvt(0xB5, i64, f32, .f32ConvertI64U)
    cvt(0xB6, f64, f32, .f32DemoteF64)
    cvt(0xB7, i32, f64, .f64ConvertI32S); cvt(0xB8, i32, f64, .f64ConvertI32U)
    cvt(0xB9, i64, f64, .f64ConvertI64S); cvt(0xBA, i64, f64, .f64ConvertI64U)
    cvt(0xBB, f32, f64, .f64PromoteF32)
    cvt(0xBC, f32, i32, nil); cvt(0xBD, f64, i64, nil); cvt(0xBE, i32, f32, nil); cvt(0xBF, i64, f64, nil)
    cvt(0xC0, i32, i32, .i32Extend8S, .signExtension); cvt(0xC1, i32, i32, .i32Extend16S, .signExtension)
    cvt(0xC2, i64, i64, .i64Extend8S, .signExtension); cvt(0xC3, i64, i64, .i64Extend16S, .signExtension)
    cvt(0xC4, i64, i64, .i64Extend32S, .signExtension)
    return t
}()

/// 0xFC 0...7: the saturating float-to-int conversions.
let saturatingConversions: [NumericOpcode] = [
    NumericOpcode([.f32], .i32, .i32TruncSatF32S), NumericOpcode([.f32], .i32, .i32TruncSatF32U),
    NumericOpcode([.f64], .i32, .i32TruncSatF64S), NumericOpcode([.f64], .i32, .i32TruncSatF64U),
    NumericOpcode([.f32], .i64, .i64TruncSatF32S), NumericOpcode([.f32], .i64, .i64TruncSatF32U),
    NumericOpcode([.f64], .i64, .i64TruncSatF64S), NumericOpcode([.f64], .i64, .i64TruncSatF64U),
]

extension Op {
    /// The operation-with-immediate form of a binary i32/i64 operation, if any.
    var immediateForm: Op? {
        switch self {
        case .i32Add: return .i32AddImm
        case .i32Mul: return .i32MulImm
        case .i32And: return .i32AndImm
        case .i32Or: return .i32OrImm
        case .i32Xor: return .i32XorImm
        case .i32Shl: return .i32ShlImm
        case .i32ShrS: return .i32ShrSImm
        case .i32ShrU: return .i32ShrUImm
        case .i32Eq: return .i32EqImm
        case .i32Ne: return .i32NeImm
        case .i32LtS: return .i32LtSImm
        case .i32LtU: return .i32LtUImm
        case .i32GtS: return .i32GtSImm
        case .i32GtU: return .i32GtUImm
        case .i32LeS: return .i32LeSImm
        case .i32LeU: return .i32LeUImm
        case .i32GeS: return .i32GeSImm
        case .i32GeU: return .i32GeUImm
        case .i64Add: return .i64AddImm
        case .i64Mul: return .i64MulImm
        case .i64And: return .i64AndImm
        case .i64Or: return .i64OrImm
        case .i64Xor: return .i64XorImm
        case .i64Shl: return .i64ShlImm
        case .i64ShrS: return .i64ShrSImm
        case .i64ShrU: return .i64ShrUImm
        case .i32Rotl: return .i32RotlImm
        case .i32Rotr: return .i32RotrImm
        case .i64Rotl: return .i64RotlImm
        case .i64Rotr: return .i64RotrImm
        case .f64Add: return .f64AddImm
        case .f64Sub: return .f64SubImm
        case .f64Mul: return .f64MulImm
        case .f64Div: return .f64DivImm
        default: return nil
        }
    }

    /// Commutative operations whose constant operand may come first.
    var isCommutative: Bool {
        switch self {
        case .i32Add, .i32Mul, .i32And, .i32Or, .i32Xor, .i32Eq, .i32Ne,
             .i64Add, .i64Mul, .i64And, .i64Or, .i64Xor:
            return true
        default:
            return false
        }
    }
}
