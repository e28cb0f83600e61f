// THE OPERATION TABLE. Every internal operation of swasm's interpreter is declared here, once:
// its name, the wasm opcode it translates (if any), how it views its operands, its semantics,
// and which variants exist (immediate operands, accumulator inputs and outputs). The generator
// (main.swift) derives the `Op` enum, the handlers, the handler table and the translator's
// opcode tables and relations from it. Run `make generate` after editing; `make test` fails
// when the committed generated files are out of date.
//
// Instruction layout (Docs/InternalCode.md): word 0 holds the op (bits 0-15) and the operand
// fields A (16-31), B (32-47), C (48-63), or W (32-63); further words hold immediates.

func fillTable(_ t: Table) {
    t.declareRelations()

    // MARK: Control (hand-written: Execute/Dispatch.swift)
    t.custom("unreachable", length: 1, "trap")
    t.custom("br", length: 1, "W = offset")
    t.special("brIfNez", length: 1, "A = condition, W = offset", group: "Branch",
              "if UInt32(truncatingIfNeeded: fp[operandA(pc)]) != 0 { BRANCH(operandWSigned(pc)) }\nNEXT")
    t.special("brIfEqz", length: 1, "A = condition, W = offset", group: "Branch",
              "if UInt32(truncatingIfNeeded: fp[operandA(pc)]) == 0 { BRANCH(operandWSigned(pc)) }\nNEXT")
    t.special("brIfNezFromAcc", length: 1, "condition from the accumulator, W = offset", group: "Branch", reads: .int,
              "if UInt32(truncatingIfNeeded: acc) != 0 { BRANCH(operandWSigned(pc)) }\nNEXT")
    t.special("brIfEqzFromAcc", length: 1, "condition from the accumulator, W = offset", group: "Branch", reads: .int,
              "if UInt32(truncatingIfNeeded: acc) == 0 { BRANCH(operandWSigned(pc)) }\nNEXT")
    t.relate("fromAccumulator", "brIfNez", "brIfNezFromAcc", kind: .int)
    t.relate("fromAccumulator", "brIfEqz", "brIfEqzFromAcc", kind: .int)
    t.loadTests()
    t.custom("brTable", length: 1, "A = index slot, W = target count n; then n + 1 words of offsets (last = default)")
    t.custom("ret", length: 1, "return to the caller")
    t.custom("ret1", length: 1, "A = the single result's slot (copied to slot 0), then ret")
    t.custom("call", length: 1, "A = callee frame base, W = function index")
    for n in 0...4 {
        t.custom("callDirect\(n)", length: 1,
                 "A = callee frame base, W = index of a function of this instance with \(n) local slots to zero")
    }
    t.custom("callDirectMany", length: 1, "A = callee frame base, W = index of a function of this instance")
    t.custom("callIndirect", length: 2, "A = callee frame base, B = element index slot, C = table; [1] = type id")
    t.custom("returnCall", length: 1, "A = first argument's slot, W = function index: the callee replaces the frame")
    t.custom("returnCallIndirect", length: 2, "A = first argument's slot, B = element index slot, C = table; [1] = type index")
    t.custom("callRef", length: 1, "A = callee frame base, B = function reference slot (trap if null)")
    t.custom("returnCallRef", length: 1, "A = first argument's slot, B = function reference slot: the callee replaces the frame")
    t.custom("throwTag", length: 1, "A = first payload slot, W = tag index: throw a new exception")
    t.custom("throwRef", length: 1, "A = exnref slot: rethrow the exception (trap if null)")
    t.custom("checkpoint", length: 1, "W = fuel cost of the region: fuel and interruption check")

    // MARK: Moves and constants
    t.special("copy", length: 1, "A = dst, B = src", group: "Moves", "fp[operandA(pc)] = fp[operandB(pc)]\nNEXT")
    t.special("copy2", length: 1, "A = dst, B = src: two slots (v128)", group: "Moves", """
    let a = operandA(pc), b = operandB(pc)
    fp[a] = fp[b]
    fp[a + 1] = fp[b + 1]
    NEXT
    """)
    t.special("copyTwo", length: 2, "A = B, then C = slot [1]: two copies in order", group: "Moves",
              "fp[operandA(pc)] = fp[operandB(pc)]\nfp[operandC(pc)] = fp[Int(truncatingIfNeeded: pc[1])]\nNEXT")
    t.special("copyTwoBr", length: 3, "A = B, then C = slot [1], then branch by [2]", group: "Moves",
              "fp[operandA(pc)] = fp[operandB(pc)]\nfp[operandC(pc)] = fp[Int(truncatingIfNeeded: pc[1])]\nBRANCH(pc[2])")
    t.special("copyBr", length: 2, "A = dst, B = src, then branch by [1]", group: "Moves",
              "fp[operandA(pc)] = fp[operandB(pc)]\nBRANCH(pc[1])")
    t.special("const32", length: 1, "A = dst, W = value", group: "Moves", "fp[operandA(pc)] = UInt64(operandW(pc))\nNEXT")
    t.special("const64", length: 2, "A = dst, [1] = value", group: "Moves", "fp[operandA(pc)] = pc[1]\nNEXT")
    t.special("const128", length: 3, "A = dst, [1] = low, [2] = high", group: "Moves", """
    let a = operandA(pc)
    fp[a] = pc[1]
    fp[a + 1] = pc[2]
    NEXT
    """)
    t.special("select", length: 2, "A = dst, B = then, C = else, [1] = condition slot", group: "Moves", """
    fp[operandA(pc)] = UInt32(truncatingIfNeeded: fp[Int(truncatingIfNeeded: pc[1])]) != 0 ? fp[operandB(pc)] : fp[operandC(pc)]
    NEXT
    """)
    t.special("select2", length: 2, "the same for v128", group: "Moves", """
    let src = UInt32(truncatingIfNeeded: fp[Int(truncatingIfNeeded: pc[1])]) != 0 ? operandB(pc) : operandC(pc)
    let a = operandA(pc)
    fp[a] = fp[src]
    fp[a + 1] = fp[src + 1]
    NEXT
    """)
    t.special("globalGet", length: 1, "A = dst, W = global index", group: "Moves",
              "fp[operandA(pc)] = vm.pointee.context.pointee.globals[Int(operandW(pc))].pointee\nNEXT")
    t.special("globalSet", length: 1, "A = src, W = global index", group: "Moves",
              "vm.pointee.context.pointee.globals[Int(operandW(pc))].pointee = fp[operandA(pc)]\nNEXT")
    t.special("globalGetAddImmSet", length: 3,
              "B = global [1]; A = B + [2] (i32); global [1] = A: a shadow-stack prologue in one", group: "Moves", """
    let global = vm.pointee.context.pointee.globals[Int(truncatingIfNeeded: pc[1])]
    let old = global.pointee
    fp[operandB(pc)] = old
    let new = UInt64(UInt32(truncatingIfNeeded: old) &+ UInt32(truncatingIfNeeded: pc[2]))
    fp[operandA(pc)] = new
    global.pointee = new
    NEXT
    """)
    t.special("globalGet2", length: 1, "A = dst, W = global index (v128)", group: "Moves", """
    let cell = vm.pointee.context.pointee.globals[Int(operandW(pc))]
    let a = operandA(pc)
    fp[a] = cell[0]
    fp[a + 1] = cell[1]
    NEXT
    """)
    t.special("globalSet2", length: 1, "A = src, W = global index (v128)", group: "Moves", """
    let cell = vm.pointee.context.pointee.globals[Int(operandW(pc))]
    let a = operandA(pc)
    cell[0] = fp[a]
    cell[1] = fp[a + 1]
    NEXT
    """)

    // MARK: Memory
    t.load("load8s", width: 1, "Int8", bits: "UInt64(bitPattern: Int64(v))")
    t.load("load8u", width: 1, "UInt8", bits: "UInt64(v)")
    t.load("load16s", width: 2, "Int16", bits: "UInt64(bitPattern: Int64(v))")
    t.load("load16u", width: 2, "UInt16", bits: "UInt64(v)")
    t.load("load32s", width: 4, "Int32", bits: "UInt64(bitPattern: Int64(v))")
    t.load("load32u", width: 4, "UInt32", bits: "UInt64(v)")
    t.load("load64", width: 8, "UInt64", bits: "v")
    t.store("store8", width: 1, "UInt8")
    t.store("store16", width: 2, "UInt16")
    t.store("store32", width: 4, "UInt32")
    t.store("store64", width: 8, "UInt64")
    t.custom("memorySize", length: 1, "A = dst")
    t.custom("memoryGrow", length: 1, "A = dst, B = delta")
    t.custom("memoryFill", length: 2, "A = dst address, B = value, C = count, [1] = memory index", handler: "op_cold")
    t.custom("memoryCopy", length: 2, "A = dst address, B = src address, C = count, [1] = dst memory | src memory << 32",
             handler: "op_cold")
    t.custom("memoryInit", length: 2, "A = dst, B = src, C = count, [1] = data segment index | memory index << 32",
             handler: "op_cold")
    t.custom("dataDrop", length: 1, "W = data segment index", handler: "op_cold")

    // MARK: Tables and references (cold: Execute/ColdOperations.swift)
    t.custom("tableGet", length: 1, "A = dst, B = index, C = table", handler: "op_cold")
    t.custom("tableSet", length: 1, "A = index, B = value, C = table", handler: "op_cold")
    t.custom("tableSize", length: 1, "A = dst, C = table", handler: "op_cold")
    t.custom("tableGrow", length: 2, "A = dst, B = delta, C = table, [1] = initial value slot", handler: "op_cold")
    t.custom("tableFill", length: 2, "A = start, B = value, C = count, [1] = table", handler: "op_cold")
    t.custom("tableCopy", length: 2, "A = dst, B = src, C = count, [1] = dst table | src table << 32", handler: "op_cold")
    t.custom("tableInit", length: 2, "A = dst, B = src, C = count, [1] = table | elem << 32", handler: "op_cold")
    t.custom("elemDrop", length: 1, "W = element segment index", handler: "op_cold")
    t.custom("refFunc", length: 1, "A = dst, W = function index", handler: "op_cold")
    t.special("refIsNull", length: 1, "A = dst, B = src", group: "Moves", "fp[operandA(pc)] = fp[operandB(pc)] == 0 ? 1 : 0\nNEXT")
    t.special("refAsNonNull", length: 1, "A = dst, B = src: copy, trap if null", group: "Moves",
              "let r = fp[operandB(pc)]\nguard r != 0 else { return trapExit(vm, pc, .nullReference) }\nfp[operandA(pc)] = r\nNEXT")
    t.special("brOnNull", length: 1, "A = reference slot, W = offset: branch if null", group: "Branch",
              "if fp[operandA(pc)] == 0 { BRANCH(operandWSigned(pc)) }\nNEXT")
    t.special("brOnNonNull", length: 1, "A = reference slot, W = offset: branch if not null", group: "Branch",
              "if fp[operandA(pc)] != 0 { BRANCH(operandWSigned(pc)) }\nNEXT")

    // MARK: i32
    t.numeric("i32Eqz", 0x45, [.u32], .bool, "a == 0", wasm: (["i32"], "i32"))
    t.integerComparisons("i32", firstOpcode: 0x46)
    t.numeric("i32Clz", 0x67, [.u32], .u32, "UInt32(a.leadingZeroBitCount)", wasm: (["i32"], "i32"))
    t.numeric("i32Ctz", 0x68, [.u32], .u32, "UInt32(a.trailingZeroBitCount)", wasm: (["i32"], "i32"))
    t.numeric("i32Popcnt", 0x69, [.u32], .u32, "UInt32(a.nonzeroBitCount)", wasm: (["i32"], "i32"))
    let i32x2 = (args: ["i32", "i32"], result: "i32")
    t.numeric("i32Add", 0x6A, [.u32, .u32], .u32, "a &+ b", wasm: i32x2, commutative: true, immediate: true)
    t.numeric("i32Sub", 0x6B, [.u32, .u32], .u32, "a &- b", wasm: i32x2)
    t.numeric("i32Mul", 0x6C, [.u32, .u32], .u32, "a &* b", wasm: i32x2, commutative: true, immediate: true)
    t.numeric("i32DivS", 0x6D, [.s32, .s32], .s32, "a / b", wasm: i32x2,
              traps: [("b == 0", "integerDivideByZero"), ("a == .min && b == -1", "integerOverflow")], immediate: true)
    t.numeric("i32DivU", 0x6E, [.u32, .u32], .u32, "a / b", wasm: i32x2, traps: [("b == 0", "integerDivideByZero")], immediate: true)
    t.numeric("i32RemS", 0x6F, [.s32, .s32], .s32, "b == -1 ? 0 : a % b", wasm: i32x2, traps: [("b == 0", "integerDivideByZero")], immediate: true)
    t.numeric("i32RemU", 0x70, [.u32, .u32], .u32, "a % b", wasm: i32x2, traps: [("b == 0", "integerDivideByZero")], immediate: true)
    // Bitwise operations work on whole slots: i32 readers only look at the low 32 bits.
    t.numeric("i32And", 0x71, [.raw, .raw], .raw, "a & b", wasm: i32x2, commutative: true, immediate: true)
    t.numeric("i32Or", 0x72, [.raw, .raw], .raw, "a | b", wasm: i32x2, commutative: true, immediate: true)
    t.numeric("i32Xor", 0x73, [.raw, .raw], .raw, "a ^ b", wasm: i32x2, commutative: true, immediate: true)
    t.numeric("i32Shl", 0x74, [.u32, .u32], .u32, "a &<< b", wasm: i32x2, immediate: true)
    t.numeric("i32ShrS", 0x75, [.s32, .s32], .s32, "a &>> b", wasm: i32x2, immediate: true)
    t.numeric("i32ShrU", 0x76, [.u32, .u32], .u32, "a &>> b", wasm: i32x2, immediate: true)
    t.numeric("i32Rotl", 0x77, [.u32, .u32], .u32, "rotateLeft(a, b)", wasm: i32x2, immediate: true)
    t.numeric("i32Rotr", 0x78, [.u32, .u32], .u32, "rotateRight(a, b)", wasm: i32x2, immediate: true)

    // MARK: i64
    t.numeric("i64Eqz", 0x50, [.raw], .bool, "a == 0", wasm: (["i64"], "i32"))
    t.integerComparisons("i64", firstOpcode: 0x51)
    t.numeric("i64Clz", 0x79, [.raw], .raw, "UInt64(a.leadingZeroBitCount)", wasm: (["i64"], "i64"))
    t.numeric("i64Ctz", 0x7A, [.raw], .raw, "UInt64(a.trailingZeroBitCount)", wasm: (["i64"], "i64"))
    t.numeric("i64Popcnt", 0x7B, [.raw], .raw, "UInt64(a.nonzeroBitCount)", wasm: (["i64"], "i64"))
    let i64x2 = (args: ["i64", "i64"], result: "i64")
    t.numeric("i64Add", 0x7C, [.raw, .raw], .raw, "a &+ b", wasm: i64x2, commutative: true, immediate: true)
    t.numeric("i64Sub", 0x7D, [.raw, .raw], .raw, "a &- b", wasm: i64x2)
    t.numeric("i64Mul", 0x7E, [.raw, .raw], .raw, "a &* b", wasm: i64x2, commutative: true, immediate: true)
    t.numeric("i64DivS", 0x7F, [.s64, .s64], .s64, "a / b", wasm: i64x2,
              traps: [("b == 0", "integerDivideByZero"), ("a == .min && b == -1", "integerOverflow")], immediate: true)
    t.numeric("i64DivU", 0x80, [.raw, .raw], .raw, "a / b", wasm: i64x2, traps: [("b == 0", "integerDivideByZero")], immediate: true)
    t.numeric("i64RemS", 0x81, [.s64, .s64], .s64, "b == -1 ? 0 : a % b", wasm: i64x2, traps: [("b == 0", "integerDivideByZero")], immediate: true)
    t.numeric("i64RemU", 0x82, [.raw, .raw], .raw, "a % b", wasm: i64x2, traps: [("b == 0", "integerDivideByZero")], immediate: true)
    t.numeric("i64And", 0x83, [.raw, .raw], .raw, "a & b", wasm: i64x2, commutative: true, immediate: true)
    t.numeric("i64Or", 0x84, [.raw, .raw], .raw, "a | b", wasm: i64x2, commutative: true, immediate: true)
    t.numeric("i64Xor", 0x85, [.raw, .raw], .raw, "a ^ b", wasm: i64x2, commutative: true, immediate: true)
    t.numeric("i64Shl", 0x86, [.raw, .raw], .raw, "a &<< b", wasm: i64x2, immediate: true)
    t.numeric("i64ShrS", 0x87, [.s64, .s64], .s64, "a &>> b", wasm: i64x2, immediate: true)
    t.numeric("i64ShrU", 0x88, [.raw, .raw], .raw, "a &>> b", wasm: i64x2, immediate: true)
    t.numeric("i64Rotl", 0x89, [.raw, .raw], .raw, "rotateLeft(a, b)", wasm: i64x2, immediate: true)
    t.numeric("i64Rotr", 0x8A, [.raw, .raw], .raw, "rotateRight(a, b)", wasm: i64x2, immediate: true)

    // MARK: f32 (no accumulator: f32 values always go through slots)
    let f32Compare = [("f32Eq", "=="), ("f32Ne", "!="), ("f32Lt", "<"), ("f32Gt", ">"), ("f32Le", "<="), ("f32Ge", ">=")]
    for (i, (name, op)) in f32Compare.enumerated() {
        t.numeric(name, 0x5B + i, [.f32, .f32], .bool, "a \(op) b", wasm: (["f32", "f32"], "i32"), group: "Float")
    }
    let f32x1 = (args: ["f32"], result: "f32"), f32x2 = (args: ["f32", "f32"], result: "f32")
    t.numeric("f32Abs", 0x8B, [.u32], .u32, "a & 0x7FFF_FFFF", wasm: f32x1, accumulate: false, group: "Float")
    t.numeric("f32Neg", 0x8C, [.u32], .u32, "a ^ 0x8000_0000", wasm: f32x1, accumulate: false, group: "Float")
    t.numeric("f32Ceil", 0x8D, [.f32], .f32, "a.rounded(.up)", wasm: f32x1, group: "Float")
    t.numeric("f32Floor", 0x8E, [.f32], .f32, "a.rounded(.down)", wasm: f32x1, group: "Float")
    t.numeric("f32Trunc", 0x8F, [.f32], .f32, "a.rounded(.towardZero)", wasm: f32x1, group: "Float")
    t.numeric("f32Nearest", 0x90, [.f32], .f32, "a.rounded(.toNearestOrEven)", wasm: f32x1, group: "Float")
    t.numeric("f32Sqrt", 0x91, [.f32], .f32, "a.squareRoot()", wasm: f32x1, group: "Float")
    t.numeric("f32Add", 0x92, [.f32, .f32], .f32, "a + b", wasm: f32x2, group: "Float")
    t.numeric("f32Sub", 0x93, [.f32, .f32], .f32, "a - b", wasm: f32x2, group: "Float")
    t.numeric("f32Mul", 0x94, [.f32, .f32], .f32, "a * b", wasm: f32x2, group: "Float")
    t.numeric("f32Div", 0x95, [.f32, .f32], .f32, "a / b", wasm: f32x2, group: "Float")
    t.numeric("f32Min", 0x96, [.f32, .f32], .f32, "wasmMin(a, b)", wasm: f32x2, group: "Float")
    t.numeric("f32Max", 0x97, [.f32, .f32], .f32, "wasmMax(a, b)", wasm: f32x2, group: "Float")
    t.numeric("f32Copysign", 0x98, [.u32, .u32], .u32, "(a & 0x7FFF_FFFF) | (b & 0x8000_0000)", wasm: f32x2,
              accumulate: false, group: "Float")

    // MARK: f64
    let f64Compare = [("f64Eq", "=="), ("f64Ne", "!="), ("f64Lt", "<"), ("f64Gt", ">"), ("f64Le", "<="), ("f64Ge", ">=")]
    for (i, (name, op)) in f64Compare.enumerated() {
        t.numeric(name, 0x61 + i, [.f64, .f64], .bool, "a \(op) b", wasm: (["f64", "f64"], "i32"), group: "Float")
    }
    let f64x1 = (args: ["f64"], result: "f64"), f64x2 = (args: ["f64", "f64"], result: "f64")
    t.numeric("f64Abs", 0x99, [.f64], .f64, "Double(bitPattern: a.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)", wasm: f64x1, group: "Float")
    t.numeric("f64Neg", 0x9A, [.f64], .f64, "Double(bitPattern: a.bitPattern ^ 0x8000_0000_0000_0000)", wasm: f64x1, group: "Float")
    t.numeric("f64Ceil", 0x9B, [.f64], .f64, "a.rounded(.up)", wasm: f64x1, group: "Float")
    t.numeric("f64Floor", 0x9C, [.f64], .f64, "a.rounded(.down)", wasm: f64x1, group: "Float")
    t.numeric("f64Trunc", 0x9D, [.f64], .f64, "a.rounded(.towardZero)", wasm: f64x1, group: "Float")
    t.numeric("f64Nearest", 0x9E, [.f64], .f64, "a.rounded(.toNearestOrEven)", wasm: f64x1, group: "Float")
    t.numeric("f64Sqrt", 0x9F, [.f64], .f64, "a.squareRoot()", wasm: f64x1, group: "Float")
    t.numeric("f64Add", 0xA0, [.f64, .f64], .f64, "a + b", wasm: f64x2, commutative: true, immediate: true, group: "Float")
    t.numeric("f64Sub", 0xA1, [.f64, .f64], .f64, "a - b", wasm: f64x2, immediate: true, group: "Float")
    t.numeric("f64Mul", 0xA2, [.f64, .f64], .f64, "a * b", wasm: f64x2, commutative: true, immediate: true, group: "Float")
    t.numeric("f64Div", 0xA3, [.f64, .f64], .f64, "a / b", wasm: f64x2, immediate: true, group: "Float")
    t.numeric("f64Min", 0xA4, [.f64, .f64], .f64, "wasmMin(a, b)", wasm: f64x2, group: "Float")
    t.numeric("f64Max", 0xA5, [.f64, .f64], .f64, "wasmMax(a, b)", wasm: f64x2, group: "Float")
    t.numeric("f64Copysign", 0xA6, [.raw, .raw], .raw, "(a & 0x7FFF_FFFF_FFFF_FFFF) | (b & 0x8000_0000_0000_0000)",
              wasm: f64x2, accumulate: false, group: "Float")

    // MARK: Conversions
    t.reinterpretation(0xA7, "i64", "i32")  // i32.wrap_i64: i32 readers use the low 32 bits
    let truncations: [(String, Int, String, String)] = [
        ("i32TruncF32S", 0xA8, "f32", "i32"), ("i32TruncF32U", 0xA9, "f32", "i32"),
        ("i32TruncF64S", 0xAA, "f64", "i32"), ("i32TruncF64U", 0xAB, "f64", "i32"),
        ("i64TruncF32S", 0xAE, "f32", "i64"), ("i64TruncF32U", 0xAF, "f32", "i64"),
        ("i64TruncF64S", 0xB0, "f64", "i64"), ("i64TruncF64U", 0xB1, "f64", "i64"),
    ]
    for (name, opcode, from, to) in truncations {
        t.special(name, length: 1, "A = dst, B = src (traps out of range)", group: "Conversion", """
        // The op is read back from the code so that these handlers stay identical (and merge).
        let result = truncateToInteger(decodeOp(pc.pointee), fp[operandB(pc)])
        if result.trap != .none { TRAP(result.trap) }
        fp[operandA(pc)] = result.value
        NEXT
        """)
        t.numeric.append(NumericOpcodeEntry(opcode: opcode, operands: [from], result: to, op: name, feature: nil))
    }
    let cvt = { (name: String, opcode: Int, from: View, to: View, expr: String, types: (String, String), feature: String?) in
        t.numeric(name, opcode, [from], to, expr, wasm: ([types.0], types.1), feature: feature, group: "Conversion")
    }
    cvt("i64ExtendI32S", 0xAC, .s32, .s64, "Int64(a)", ("i32", "i64"), nil)
    cvt("i64ExtendI32U", 0xAD, .u32, .raw, "UInt64(a)", ("i32", "i64"), nil)
    cvt("f32ConvertI32S", 0xB2, .s32, .f32, "Float(a)", ("i32", "f32"), nil)
    cvt("f32ConvertI32U", 0xB3, .u32, .f32, "Float(a)", ("i32", "f32"), nil)
    cvt("f32ConvertI64S", 0xB4, .s64, .f32, "Float(a)", ("i64", "f32"), nil)
    cvt("f32ConvertI64U", 0xB5, .raw, .f32, "Float(a)", ("i64", "f32"), nil)
    cvt("f32DemoteF64", 0xB6, .f64, .f32, "Float(a)", ("f64", "f32"), nil)
    cvt("f64ConvertI32S", 0xB7, .s32, .f64, "Double(a)", ("i32", "f64"), nil)
    cvt("f64ConvertI32U", 0xB8, .u32, .f64, "Double(a)", ("i32", "f64"), nil)
    cvt("f64ConvertI64S", 0xB9, .s64, .f64, "Double(a)", ("i64", "f64"), nil)
    cvt("f64ConvertI64U", 0xBA, .raw, .f64, "Double(a)", ("i64", "f64"), nil)
    cvt("f64PromoteF32", 0xBB, .f32, .f64, "Double(a)", ("f32", "f64"), nil)
    t.reinterpretation(0xBC, "f32", "i32")
    t.reinterpretation(0xBD, "f64", "i64")
    t.reinterpretation(0xBE, "i32", "f32")
    t.reinterpretation(0xBF, "i64", "f64")
    cvt("i32Extend8S", 0xC0, .raw, .s64, "Int64(Int8(truncatingIfNeeded: a))", ("i32", "i32"), "signExtension")
    cvt("i32Extend16S", 0xC1, .raw, .s64, "Int64(Int16(truncatingIfNeeded: a))", ("i32", "i32"), "signExtension")
    cvt("i64Extend8S", 0xC2, .raw, .s64, "Int64(Int8(truncatingIfNeeded: a))", ("i64", "i64"), "signExtension")
    cvt("i64Extend16S", 0xC3, .raw, .s64, "Int64(Int16(truncatingIfNeeded: a))", ("i64", "i64"), "signExtension")
    cvt("i64Extend32S", 0xC4, .raw, .s64, "Int64(Int32(truncatingIfNeeded: a))", ("i64", "i64"), "signExtension")
    let saturating: [(String, String, String)] = [
        ("i32TruncSatF32S", "f32", "i32"), ("i32TruncSatF32U", "f32", "i32"), ("i32TruncSatF64S", "f64", "i32"),
        ("i32TruncSatF64U", "f64", "i32"), ("i64TruncSatF32S", "f32", "i64"), ("i64TruncSatF32U", "f32", "i64"),
        ("i64TruncSatF64S", "f64", "i64"), ("i64TruncSatF64U", "f64", "i64"),
    ]
    for (n, (name, from, to)) in saturating.enumerated() {
        t.numeric(name, 0xFC00 + n, [.raw], .raw, "truncateSaturating(decodeOp(pc.pointee).saturatingPlainForm, a)",
                  wasm: ([from], to), feature: "saturatingFloatToInt", group: "Conversion", recordBase: "saturatingBase")
    }

    // MARK: Operands loaded from memory, and read-modify-write stores
    let i32Loads = [("load32u", 4, "UInt32", "UInt64(v)", "UInt32"), ("load16s", 2, "Int16", "UInt64(bitPattern: Int64(v))", "UInt16"),
                    ("load16u", 2, "UInt16", "UInt64(v)", "UInt16"), ("load8u", 1, "UInt8", "UInt64(v)", "UInt8")]
    let load64 = [("load64", 8, "UInt64", "v", "UInt64")]
    for (name, expr, commutative) in [("i32Add", "a &+ b", true), ("i32Sub", "a &- b", false), ("i32Mul", "a &* b", true),
                                      ("i32And", "a & b", true), ("i32Or", "a | b", true), ("i32Xor", "a ^ b", true)] {
        t.memoryOperand(name, .u32, expr, commutative: commutative, loads: i32Loads)
    }
    for (name, expr, commutative) in [("i64Add", "a &+ b", true), ("i64Sub", "a &- b", false), ("i64And", "a & b", true),
                                      ("i64Or", "a | b", true), ("i64Xor", "a ^ b", true)] {
        t.memoryOperand(name, .raw, expr, commutative: commutative, loads: load64)
    }
    for (name, expr, commutative) in [("f64Add", "a + b", true), ("f64Sub", "a - b", false), ("f64Mul", "a * b", true),
                                      ("f64Div", "a / b", false)] {
        t.memoryOperand(name, .f64, expr, commutative: commutative, loads: load64)
    }

    // MARK: f64 chains: two arithmetic operations as one (n-body, geometry, physics kernels)
    t.chains(.f64, firsts: [("f64Add", "a + b"), ("f64Sub", "a - b"), ("f64Mul", "a * b")],
             seconds: [("f64Add", "a + b", true), ("f64Sub", "a - b", false), ("f64Mul", "a * b", true)])

    // MARK: Fused pairs, chosen from pair counts on the benchmarks. A pair whose first operation
    // read the accumulator fuses into a form that reads it too.
    t.fusedPair("i32XorMulImm", "A = (B ^ C) * [1]: FNV-style hashing", lhs: .u32, other: .u32,
                "(a ^ b) &* UInt32(truncatingIfNeeded: pc[1])", result: .u32)
    t.fusedPair("i64XorMulImm", "A = (B ^ C) * [1]: FNV-style hashing", lhs: .raw, other: .raw,
                "(a ^ b) &* pc[1]", result: .raw)
    t.fusedPair("i32MulImmAdd", "A = B * [1] + C: polynomial hashes, row-major indexing", lhs: .u32, other: .u32,
                "a &* UInt32(truncatingIfNeeded: pc[1]) &+ b", result: .u32)
    t.fusedPair("i64MulImmAdd", "A = B * [1] + C: polynomial hashes, row-major indexing", lhs: .raw, other: .raw,
                "a &* pc[1] &+ b", result: .raw)
    t.fusedPair("i32AddShlImm", "A = C + (B << [1]): array indexing", lhs: .u32, other: .u32,
                "b &+ (a &<< UInt32(truncatingIfNeeded: pc[1]))", result: .u32)
    t.fusedPair("i32ShrUAndImm", "A = (B >> k) & mask, [1] = k | mask << 32: bit fields", lhs: .u32, other: nil,
                "(a &>> UInt32(truncatingIfNeeded: pc[1])) & UInt32(truncatingIfNeeded: pc[1] &>> 32)", result: .u32)

    // MARK: SIMD: a second-level switch keeps the scalar handlers small (Execute/SIMDExecution.swift)
    t.custom("simd", length: 2, "A = dst, B, C = operands, [1] = SIMDOp raw value | extra << 16; [2...] immediates", handler: "op_simd")
    t.custom("simdLoad", length: 3, "A = dst, B = address slot, [1] = offset, [2] = SIMDOp | lane << 16", handler: "op_simd")
    t.custom("simdStore", length: 3, "A = value, B = address slot, [1] = offset, [2] = SIMDOp | lane << 16", handler: "op_simd")

    // MARK: Memories other than memory 0 (MultiMemory.swift)
    t.otherMemories()
    // MARK: 64-bit memories (Memory64.swift)
    t.memory64()
}
