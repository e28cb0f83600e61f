/// The internal code's operations. Code is a flat buffer of 64-bit words; the first word of each
/// instruction holds the operation in its low 16 bits and up to three 16-bit operands:
///
///     bits  0..15  op
///     bits 16..31  A   (usually the destination slot)
///     bits 32..47  B   (usually the first source slot)
///     bits 48..63  C   (usually the second source slot)
///     bits 32..63  W   (a 32-bit immediate, when B and C are not used)
///
/// Slots are offsets (in 8-byte units) from the frame pointer: a frame holds the parameters, then
/// the locals, then the operand stack; a value at operand-stack position h has a fixed slot.
/// Some instructions take extra words (an immediate, a memory offset, a branch offset); branch
/// offsets are in words, relative to the start of the branch instruction.
/// See Docs/InternalCode.md for why the code has this shape.
enum Op: UInt16 {
    // MARK: Control
    case unreachable
    case br                 // W = offset
    case brIfNez            // A = cond, W = offset
    case brIfEqz            // A = cond, W = offset
    case brTable            // A = index slot, W = target count n; then n + 1 words of offsets (last = default)
    case ret
    case ret1               // A = the single result's slot (copied to slot 0), then ret
    case call               // A = callee frame base, W = function index
    case callIndirect       // A = callee frame base, B = element index slot, C = table; [1] = type id
    case checkpoint         // fuel and interruption check (emitted only when enabled)

    // MARK: Moves and constants
    case copy               // A = dst, B = src
    case copy2              // A = dst, B = src: two slots (v128)
    case const32            // A = dst, W = value
    case const64            // A = dst, [1] = value
    case const128           // A = dst, [1] = low, [2] = high
    case select             // A = dst, B = then, C = else, [1] = condition slot
    case select2            // same for v128
    case globalGet          // A = dst, W = global index
    case globalSet          // A = src, W = global index
    case globalGet2
    case globalSet2

    // MARK: Memory. A = value (dst for loads), B = address slot, [1] = static offset
    case load8s
    case load8u
    case load16s
    case load16u
    case load32s
    case load32u
    case load64
    /// Loads whose address is `i32.add x, imm`: B = x, [1] = offset | imm << 32.
    case load8sAddImm, load8uAddImm, load16sAddImm, load16uAddImm, load32sAddImm, load32uAddImm, load64AddImm
    /// Loads whose address is `i32.add b, (i32.shl c, k)` (k may be 0): B = b, C = c, [1] = offset | k << 32.
    case load8sIndexed, load8uIndexed, load16sIndexed, load16uIndexed, load32sIndexed, load32uIndexed, load64Indexed
    case store8
    case store16
    case store32
    case store64
    case memorySize         // A = dst
    case memoryGrow         // A = dst, B = delta
    case memoryFill         // A = dst address, B = value, C = count
    case memoryCopy         // A = dst address, B = src address, C = count
    case memoryInit         // A = dst, B = src, C = count, [1] = data segment index
    case dataDrop           // W = data segment index

    // MARK: Tables and references
    case tableGet           // A = dst, B = index, C = table
    case tableSet           // A = index, B = value, C = table
    case tableSize          // A = dst, C = table
    case tableGrow          // A = dst, B = delta, C = table, [1] = initial value slot
    case tableFill          // A = start, B = value, C = count, [1] = table
    case tableCopy          // A = dst, B = src, C = count, [1] = dst table | src table << 32
    case tableInit          // A = dst, B = src, C = count, [1] = table | elem << 32
    case elemDrop           // W = element segment index
    case refFunc            // A = dst, W = function index
    case refIsNull          // A = dst, B = src

    // MARK: i32
    case i32Eqz, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU
    case i32Clz, i32Ctz, i32Popcnt
    case i32Add, i32Sub, i32Mul, i32DivS, i32DivU, i32RemS, i32RemU
    case i32And, i32Or, i32Xor, i32Shl, i32ShrS, i32ShrU, i32Rotl, i32Rotr

    // MARK: i64
    case i64Eqz, i64Eq, i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU
    case i64Clz, i64Ctz, i64Popcnt
    case i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU
    case i64And, i64Or, i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr

    // MARK: f32
    case f32Eq, f32Ne, f32Lt, f32Gt, f32Le, f32Ge
    case f32Abs, f32Neg, f32Ceil, f32Floor, f32Trunc, f32Nearest, f32Sqrt
    case f32Add, f32Sub, f32Mul, f32Div, f32Min, f32Max, f32Copysign

    // MARK: f64
    case f64Eq, f64Ne, f64Lt, f64Gt, f64Le, f64Ge
    case f64Abs, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt
    case f64Add, f64Sub, f64Mul, f64Div, f64Min, f64Max, f64Copysign

    // MARK: Conversions (wrap and reinterpret need no code: they reuse the operand's slot)
    case i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U
    case i64ExtendI32S, i64ExtendI32U
    case i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U
    case f32ConvertI32S, f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f32DemoteF64
    case f64ConvertI32S, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32
    case i32Extend8S, i32Extend16S, i64Extend8S, i64Extend16S, i64Extend32S
    case i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U
    case i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U

    // MARK: Fused: operation with an immediate. A = dst, B = src, [1] = immediate
    case i32AddImm, i32MulImm, i32AndImm, i32OrImm, i32XorImm, i32ShlImm, i32ShrSImm, i32ShrUImm
    case i32EqImm, i32NeImm, i32LtSImm, i32LtUImm, i32GtSImm, i32GtUImm, i32LeSImm, i32LeUImm, i32GeSImm, i32GeUImm
    case i64AddImm, i64MulImm, i64AndImm, i64OrImm, i64XorImm, i64ShlImm, i64ShrSImm, i64ShrUImm
    case i32RotlImm, i32RotrImm, i64RotlImm, i64RotrImm

    // MARK: Fused: loop counters. A = dst, B = src, C = rhs slot, [1] = add imm (| rhs imm << 32),
    // [2] = offset. dst = src + imm, then branch if dst CMP rhs.
    case brIfAddImmI32Eq, brIfAddImmI32Ne, brIfAddImmI32LtS, brIfAddImmI32LtU, brIfAddImmI32GtS, brIfAddImmI32GtU
    case brIfAddImmI32LeS, brIfAddImmI32LeU, brIfAddImmI32GeS, brIfAddImmI32GeU
    case brIfAddImmI32EqImm, brIfAddImmI32NeImm, brIfAddImmI32LtSImm, brIfAddImmI32LtUImm, brIfAddImmI32GtSImm
    case brIfAddImmI32GtUImm, brIfAddImmI32LeSImm, brIfAddImmI32LeUImm, brIfAddImmI32GeSImm, brIfAddImmI32GeUImm

    /// Accesses at a constant address: [1] = address + offset. Loads: A = dst; stores: A = value.
    case load8sAbs, load8uAbs, load16sAbs, load16uAbs, load32sAbs, load32uAbs, load64Abs
    case store8Abs, store16Abs, store32Abs, store64Abs
    /// Float arithmetic with a constant right operand: A = dst, B = lhs, [1] = bits.
    case f64AddImm, f64SubImm, f64MulImm, f64DivImm

    /// dst = src + addend, then branch if dst CMP rhs. A = dst, B = src, C = addend slot,
    /// [1] = rhs slot (register forms) or rhs << 32 (immediate forms), [2] = offset.
    case brIfAddI32Eq, brIfAddI32Ne, brIfAddI32LtS, brIfAddI32LtU, brIfAddI32GtS, brIfAddI32GtU
    case brIfAddI32LeS, brIfAddI32LeU, brIfAddI32GeS, brIfAddI32GeU
    case brIfAddI32EqImm, brIfAddI32NeImm, brIfAddI32LtSImm, brIfAddI32LtUImm, brIfAddI32GtSImm
    case brIfAddI32GtUImm, brIfAddI32LeSImm, brIfAddI32LeUImm, brIfAddI32GeSImm, brIfAddI32GeUImm
    /// A copy followed by a branch: A = dst, B = src, [1] = offset.
    case copyBr

    /// Stores of a constant: B = address, [1] = offset | value << 32.
    case store8Imm, store16Imm, store32Imm, store64Imm

    // MARK: Fused pairs, chosen from pair counts on the benchmarks
    /// A = dst, B, C, [1] = imm: dst = (B ^ C) * imm (FNV-style hashing).
    case i32XorMulImm, i64XorMulImm
    /// A = dst, B, C, [1] = k: dst = B + (C << k) (array indexing).
    case i32AddShlImm
    /// A = dst, B, [1] = k | mask << 32: dst = (B >> k) & mask (bit-field extraction).
    case i32ShrUAndImm

    // MARK: Fused: compare and branch. A = lhs, B = rhs slot, [1] = offset
    case brIfI32Eq, brIfI32Ne, brIfI32LtS, brIfI32LtU, brIfI32GtS, brIfI32GtU
    case brIfI32LeS, brIfI32LeU, brIfI32GeS, brIfI32GeU
    case brIfI64Eq, brIfI64Ne, brIfI64LtS, brIfI64LtU, brIfI64GtS, brIfI64GtU
    case brIfI64LeS, brIfI64LeU, brIfI64GeS, brIfI64GeU
    // With an immediate right operand: A = lhs, W = imm32, [1] = offset
    case brIfI32EqImm, brIfI32NeImm, brIfI32LtSImm, brIfI32LtUImm, brIfI32GtSImm, brIfI32GtUImm
    case brIfI32LeSImm, brIfI32LeUImm, brIfI32GeSImm, brIfI32GeUImm

    // MARK: SIMD: dispatched to a second-level switch to keep the scalar loop small.
    // A = dst, B = first operand, C = second operand, W or [1..] = sub-operation and immediates.
    case simd               // [1] = SIMDOp raw value | extra << 16; [2...] immediates as needed
    case simdLoad           // A = dst, B = address slot, [1] = offset, [2] = SIMDOp | lane << 16
    case simdStore          // A = value, B = address slot, [1] = offset, [2] = SIMDOp | lane << 16
}

extension Op {
    /// The increment-and-branch form of a compare-and-branch (`brIfI32LtU` → `brIfAddImmI32LtU`).
    var addImmBranch: Op? {
        switch self {
        case .brIfI32Eq: return .brIfAddImmI32Eq
        case .brIfI32EqImm: return .brIfAddImmI32EqImm
        case .brIfI32Ne: return .brIfAddImmI32Ne
        case .brIfI32NeImm: return .brIfAddImmI32NeImm
        case .brIfI32LtS: return .brIfAddImmI32LtS
        case .brIfI32LtSImm: return .brIfAddImmI32LtSImm
        case .brIfI32LtU: return .brIfAddImmI32LtU
        case .brIfI32LtUImm: return .brIfAddImmI32LtUImm
        case .brIfI32GtS: return .brIfAddImmI32GtS
        case .brIfI32GtSImm: return .brIfAddImmI32GtSImm
        case .brIfI32GtU: return .brIfAddImmI32GtU
        case .brIfI32GtUImm: return .brIfAddImmI32GtUImm
        case .brIfI32LeS: return .brIfAddImmI32LeS
        case .brIfI32LeSImm: return .brIfAddImmI32LeSImm
        case .brIfI32LeU: return .brIfAddImmI32LeU
        case .brIfI32LeUImm: return .brIfAddImmI32LeUImm
        case .brIfI32GeS: return .brIfAddImmI32GeS
        case .brIfI32GeSImm: return .brIfAddImmI32GeSImm
        case .brIfI32GeU: return .brIfAddImmI32GeU
        case .brIfI32GeUImm: return .brIfAddImmI32GeUImm
        default: return nil
        }
    }

    /// The add-registers-and-branch form of a compare-and-branch (`brIfI32LtU` → `brIfAddI32LtU`).
    var addBranch: Op? {
        switch self {
        case .brIfI32Eq: return .brIfAddI32Eq
        case .brIfI32EqImm: return .brIfAddI32EqImm
        case .brIfI32Ne: return .brIfAddI32Ne
        case .brIfI32NeImm: return .brIfAddI32NeImm
        case .brIfI32LtS: return .brIfAddI32LtS
        case .brIfI32LtSImm: return .brIfAddI32LtSImm
        case .brIfI32LtU: return .brIfAddI32LtU
        case .brIfI32LtUImm: return .brIfAddI32LtUImm
        case .brIfI32GtS: return .brIfAddI32GtS
        case .brIfI32GtSImm: return .brIfAddI32GtSImm
        case .brIfI32GtU: return .brIfAddI32GtU
        case .brIfI32GtUImm: return .brIfAddI32GtUImm
        case .brIfI32LeS: return .brIfAddI32LeS
        case .brIfI32LeSImm: return .brIfAddI32LeSImm
        case .brIfI32LeU: return .brIfAddI32LeU
        case .brIfI32LeUImm: return .brIfAddI32LeUImm
        case .brIfI32GeS: return .brIfAddI32GeS
        case .brIfI32GeSImm: return .brIfAddI32GeSImm
        case .brIfI32GeU: return .brIfAddI32GeU
        case .brIfI32GeUImm: return .brIfAddI32GeUImm
        default: return nil
        }
    }

    /// The constant-address form of a load or store.
    var absoluteAccess: Op? {
        switch self {
        case .load8s: return .load8sAbs
        case .load8u: return .load8uAbs
        case .load16s: return .load16sAbs
        case .load16u: return .load16uAbs
        case .load32s: return .load32sAbs
        case .load32u: return .load32uAbs
        case .load64: return .load64Abs
        case .store8: return .store8Abs
        case .store16: return .store16Abs
        case .store32: return .store32Abs
        case .store64: return .store64Abs
        default: return nil
        }
    }

    /// The constant-value form of a store.
    var immediateStore: Op? {
        switch self {
        case .store8: return .store8Imm
        case .store16: return .store16Imm
        case .store32: return .store32Imm
        case .store64: return .store64Imm
        default: return nil
        }
    }

    /// The fused form of a load whose address is `b + (c << k)`.
    var indexedLoad: Op? {
        switch self {
        case .load8s: return .load8sIndexed
        case .load8u: return .load8uIndexed
        case .load16s: return .load16sIndexed
        case .load16u: return .load16uIndexed
        case .load32s: return .load32sIndexed
        case .load32u: return .load32uIndexed
        case .load64: return .load64Indexed
        default: return nil
        }
    }

    /// The fused form of a load whose address comes from `i32.add x, imm`.
    var addImmLoad: Op? {
        switch self {
        case .load8s: return .load8sAddImm
        case .load8u: return .load8uAddImm
        case .load16s: return .load16sAddImm
        case .load16u: return .load16uAddImm
        case .load32s: return .load32sAddImm
        case .load32u: return .load32uAddImm
        case .load64: return .load64AddImm
        default: return nil
        }
    }

    /// The branch-if operation for an i32/i64 comparison, or nil if there is none.
    static func fusedBranch(for comparison: Op) -> Op? {
        switch comparison {
        case .i32Eq: return .brIfI32Eq
        case .i32Ne: return .brIfI32Ne
        case .i32LtS: return .brIfI32LtS
        case .i32LtU: return .brIfI32LtU
        case .i32GtS: return .brIfI32GtS
        case .i32GtU: return .brIfI32GtU
        case .i32LeS: return .brIfI32LeS
        case .i32LeU: return .brIfI32LeU
        case .i32GeS: return .brIfI32GeS
        case .i32GeU: return .brIfI32GeU
        case .i64Eq: return .brIfI64Eq
        case .i64Ne: return .brIfI64Ne
        case .i64LtS: return .brIfI64LtS
        case .i64LtU: return .brIfI64LtU
        case .i64GtS: return .brIfI64GtS
        case .i64GtU: return .brIfI64GtU
        case .i64LeS: return .brIfI64LeS
        case .i64LeU: return .brIfI64LeU
        case .i64GeS: return .brIfI64GeS
        case .i64GeU: return .brIfI64GeU
        case .i32EqImm: return .brIfI32EqImm
        case .i32NeImm: return .brIfI32NeImm
        case .i32LtSImm: return .brIfI32LtSImm
        case .i32LtUImm: return .brIfI32LtUImm
        case .i32GtSImm: return .brIfI32GtSImm
        case .i32GtUImm: return .brIfI32GtUImm
        case .i32LeSImm: return .brIfI32LeSImm
        case .i32LeUImm: return .brIfI32LeUImm
        case .i32GeSImm: return .brIfI32GeSImm
        case .i32GeUImm: return .brIfI32GeUImm
        default: return nil
        }
    }

    /// The comparison that is true exactly when `self` is false (integers only).
    static func negatedComparison(_ op: Op) -> Op? {
        switch op {
        case .i32Eq: return .i32Ne
        case .i32Ne: return .i32Eq
        case .i32LtS: return .i32GeS
        case .i32LtU: return .i32GeU
        case .i32GtS: return .i32LeS
        case .i32GtU: return .i32LeU
        case .i32LeS: return .i32GtS
        case .i32LeU: return .i32GtU
        case .i32GeS: return .i32LtS
        case .i32GeU: return .i32LtU
        case .i64Eq: return .i64Ne
        case .i64Ne: return .i64Eq
        case .i64LtS: return .i64GeS
        case .i64LtU: return .i64GeU
        case .i64GtS: return .i64LeS
        case .i64GtU: return .i64LeU
        case .i64LeS: return .i64GtS
        case .i64LeU: return .i64GtU
        case .i64GeS: return .i64LtS
        case .i64GeU: return .i64LtU
        case .i32EqImm: return .i32NeImm
        case .i32NeImm: return .i32EqImm
        case .i32LtSImm: return .i32GeSImm
        case .i32LtUImm: return .i32GeUImm
        case .i32GtSImm: return .i32LeSImm
        case .i32GtUImm: return .i32LeUImm
        case .i32LeSImm: return .i32GtSImm
        case .i32LeUImm: return .i32GtUImm
        case .i32GeSImm: return .i32LtSImm
        case .i32GeUImm: return .i32LtUImm
        default: return nil
        }
    }
}

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
