import Foundation

// Families: one call describes an operation and derives its variants (immediate operand,
// operands from and results to the accumulators) and the relations the translator uses to pick
// them. Operations.swift is the table itself: one line per wasm-level operation.

/// The comparisons: Swift operator, signedness, and the comparison that is its negation.
struct Comparison {
    let suffix: String   // "Eq", "LtS", ...
    let op: String       // "==", "<", ...
    let signed: Bool
    let negation: String

    static let all: [Comparison] = [
        Comparison(suffix: "Eq", op: "==", signed: false, negation: "Ne"),
        Comparison(suffix: "Ne", op: "!=", signed: false, negation: "Eq"),
        Comparison(suffix: "LtS", op: "<", signed: true, negation: "GeS"),
        Comparison(suffix: "LtU", op: "<", signed: false, negation: "GeU"),
        Comparison(suffix: "GtS", op: ">", signed: true, negation: "LeS"),
        Comparison(suffix: "GtU", op: ">", signed: false, negation: "LeU"),
        Comparison(suffix: "LeS", op: "<=", signed: true, negation: "GtS"),
        Comparison(suffix: "LeU", op: "<=", signed: false, negation: "GtU"),
        Comparison(suffix: "GeS", op: ">=", signed: true, negation: "LtS"),
        Comparison(suffix: "GeU", op: ">=", signed: false, negation: "LtU"),
    ]
}

/// An operand place of a derived variant, and the name suffix and extra words it implies.
private struct InputForm {
    var suffix: String
    var lhs: Place
    var rhs: Place?
    var length: Int
    var readsAccumulator: Bool
}

extension Table {
    /// Declares the relations the translator reads (each becomes an `Op` property).
    func declareRelations() {
        declareRelation("immediateForm", "The form with a constant right operand in word 1.")
        declareRelation("toAccumulator", byAccumulator: true,
                        "The same operation leaving its result in the accumulator instead of slot A.")
        declareRelation("fromAccumulator", byAccumulator: true,
                        "The same operation taking its only operand (a load's address, a store's value, a branch's condition) from the accumulator.")
        declareRelation("lhsFromAccumulator", byAccumulator: true,
                        "The same operation taking its left operand from the accumulator.")
        declareRelation("rhsFromAccumulator", byAccumulator: true,
                        "The same operation taking its right operand from the accumulator.")
        declareRelation("fusedBranch", "The compare-and-branch form of a comparison.")
        declareRelation("negatedComparison", "The comparison that is true exactly when this one is false.")
        declareRelation("addImmBranch", "The increment-and-branch form of a compare-and-branch (x = y + imm; branch on x).")
        declareRelation("addBranch", "The add-and-branch form of a compare-and-branch (x = y + z; branch on x).")
        declareRelation("absoluteAccess", "The constant-address form of a load or store.")
        declareRelation("immediateStore", "The constant-value form of a store.")
        declareRelation("indexedLoad", "The form of a load whose address is `b + (c << k)`.")
        declareRelation("addImmFromAccLoad", "The form of a load whose address is `acc + imm` (an `i32.add` that read the accumulator).")
        declareRelation("indexedFromAccLoad", "The form of a load whose address is `b + (acc << k)`.")
        declareRelation("addImmAccess", "The form of a load or store whose address is `i32.add x, imm`.")
        declareRelation("saturatingBase", "The plain form of an accumulator variant of a saturating conversion.")
        declareRelation("withLoadedRhs", byOperation: true, "The form whose right operand is the value loaded by `other` (fused in).")
        declareRelation("withLoadedLhs", byOperation: true, "The form whose left operand is the value loaded by `other` (fused in).")
        declareRelation("inPlace", byOperation: true, "The read-modify-write form: the result stored by `other` back where it was loaded from.")
        declareRelation("chainedLhs", byOperation: true, "Two operations as one: `other` consumes this one's result as its left operand.")
        declareRelation("chainedRhs", byOperation: true, "Two operations as one: `other` consumes this one's result as its right operand.")
        declareRelation("branchOnLoad", byOperation: true, "The branch that tests the value loaded by `other` (the load fused in).")
        declareFlag("isI64ImmediateComparison", "i64 comparisons with a 64-bit immediate (their branch forms hold 32 bits).")
        declareFlag("yieldsZeroExtended8", "Loads whose result in slot A is a byte, zero-extended (an `and 0xFF` after them changes nothing).")
        declareFlag("yieldsZeroExtended16", "Loads whose result in slot A is 16 bits, zero-extended.")
        declareFlag("isCommutative", "Binary operations whose operands may be swapped.")
    }

    // MARK: Numeric

    /// A numeric operation of one or two operands, with its variants.
    ///
    /// - `operands`: how the operands are viewed; `result`: how the result is stored.
    /// - `expr`: the result, in terms of `a` (and `b`); `traps`: conditions checked first.
    /// - `immediate`: a form with the right operand in word 1; `accumulate`: forms that read
    ///   an operand from, or leave the result in, an accumulator.
    func numeric(_ name: String, _ opcode: Int?, _ operands: [View], _ result: View, _ expr: String,
                 wasm: (args: [String], result: String)? = nil,
                 traps: [(String, String)] = [], commutative: Bool = false,
                 immediate: Bool = false, accumulate: Bool = true, feature: String? = nil,
                 group: String = "Numeric", doc: String? = nil, recordBase: String? = nil) {
        let binary = operands.count == 2
        var forms = [InputForm(suffix: "", lhs: .slotB, rhs: binary ? .slotC : nil, length: 1, readsAccumulator: false)]
        if immediate {
            forms.append(InputForm(suffix: "Imm", lhs: .slotB, rhs: .word(1), length: 2, readsAccumulator: false))
        }
        let lhsAcc = accumulate && operands[0].accumulator != nil
        let rhsAcc = accumulate && binary && operands[1].accumulator != nil
        if lhsAcc {
            forms.append(InputForm(suffix: binary ? "AccLhs" : "FromAcc", lhs: .accumulator,
                                   rhs: binary ? .slotC : nil, length: 1, readsAccumulator: true))
            if immediate {
                forms.append(InputForm(suffix: "ImmAccLhs", lhs: .accumulator, rhs: .word(1), length: 2, readsAccumulator: true))
            }
        }
        if rhsAcc && !commutative {
            forms.append(InputForm(suffix: "AccRhs", lhs: .slotB, rhs: .accumulator, length: 1, readsAccumulator: true))
        }
        let outAcc = accumulate ? result.accumulator : nil
        for form in forms {
            for toAcc in outAcc == nil ? [false] : [false, true] {
                let variant = name + form.suffix + (toAcc ? "ToAcc" : "")
                var lines: [String] = []
                lines.append("let a = \(form.lhs.read(operands[0]))")
                if let rhs = form.rhs { lines.append("let b = \(rhs.read(operands[1]))") }
                for (condition, trap) in traps { lines.append("if \(condition) { TRAP(.\(trap)) }") }
                if toAcc {
                    lines.append(result == .f64 ? "NEXT_FACC(\(expr))" : "NEXT_ACC(\(result.toBits(expr)))")
                } else {
                    lines.append("fp[operandA(pc)] = \(result.toBits(expr))")
                    lines.append("NEXT")
                }
                var layout = toAcc ? "result to the accumulator" : "A = dst"
                layout += form.lhs == .accumulator ? ", lhs from the accumulator" : ", B = lhs"
                if let rhs = form.rhs {
                    switch rhs {
                    case .slotC: layout += ", C = rhs"
                    case .accumulator: layout += ", rhs from the accumulator"
                    default: layout += ", [1] = rhs"
                    }
                }
                if !binary { layout = layout.replacingOccurrences(of: "lhs", with: "operand") }
                add(Operation(name: variant, length: form.length, doc: doc.map { "\($0) (\(layout))" } ?? layout,
                              body: lines.joined(separator: "\n"),
                              readsAccumulator: form.readsAccumulator ? operands[0].accumulator : nil,
                              writesAccumulator: toAcc ? outAcc : nil, group: group))
                if toAcc, let kind = outAcc { relate("toAccumulator", name + form.suffix, variant, kind: kind) }
                if let recordBase, variant != name { relate(recordBase, variant, name) }
            }
        }
        if immediate { relate("immediateForm", name, name + "Imm") }
        if lhsAcc, let kind = operands[0].accumulator {
            relate(binary ? "lhsFromAccumulator" : "fromAccumulator", name, name + (binary ? "AccLhs" : "FromAcc"), kind: kind)
            if immediate { relate("lhsFromAccumulator", name + "Imm", name + "ImmAccLhs", kind: kind) }
        }
        if rhsAcc && !commutative, let kind = operands[1].accumulator {
            relate("rhsFromAccumulator", name, name + "AccRhs", kind: kind)
        }
        if commutative { flag("isCommutative", name) }
        if let opcode, let wasm {
            numeric.append(NumericOpcodeEntry(opcode: opcode, operands: wasm.args, result: wasm.result, op: name, feature: feature))
        }
    }

    /// A wasm numeric opcode with no code of its own (same bits, new type).
    func reinterpretation(_ opcode: Int, _ from: String, _ to: String) {
        numeric.append(NumericOpcodeEntry(opcode: opcode, operands: [from], result: to, op: nil, feature: nil))
    }

    /// The comparisons of one integer type, their compare-and-branch forms, and the loop-counter
    /// branches (i32 only).
    func integerComparisons(_ type: String, firstOpcode: Int) {
        let unsigned: View = type == "i32" ? .u32 : .raw
        let signed: View = type == "i32" ? .s32 : .s64
        for (i, c) in Comparison.all.enumerated() {
            let view = c.signed ? signed : unsigned
            let name = type + c.suffix
            numeric(name, firstOpcode + i, [view, view], .bool, "a \(c.op) b", wasm: ([type, type], "i32"),
                    commutative: c.suffix == "Eq" || c.suffix == "Ne", immediate: true, group: "Compare")
            relate("negatedComparison", name, type + c.negation)
            var suffixes = ["AccLhs", "Imm", "ImmAccLhs"]
            if c.suffix != "Eq" && c.suffix != "Ne" { suffixes.append("AccRhs") }
            for suffix in suffixes { relate("negatedComparison", name + suffix, type + c.negation + suffix) }
            if type == "i64" { for suffix in ["Imm", "ImmAccLhs"] { flag("isI64ImmediateComparison", name + suffix) } }
            compareBranch(type, c, view)
        }
    }

    /// `brIf<T><Cmp>`: A = lhs, B = rhs (or W = imm32, sign-extended for i64), [1] = offset; with
    /// operands from the accumulator.
    private func compareBranch(_ type: String, _ c: Comparison, _ view: View) {
        let compare = type + c.suffix
        let branch = "brIf" + type.uppercased().prefix(1) + type.dropFirst() + c.suffix
        let imm = type == "i32" ? "UInt64(operandW(pc))" : "UInt64(bitPattern: Int64(Int32(bitPattern: operandW(pc))))"
        var forms: [(String, String, String, Bool)] = [("", "fp[operandA(pc)]", "fp[operandB(pc)]", false)]
        forms.append(("Imm", "fp[operandA(pc)]", imm, false))
        forms.append(("AccLhs", "acc", "fp[operandB(pc)]", true))
        forms.append(("ImmAccLhs", "acc", imm, true))
        if c.suffix != "Eq" && c.suffix != "Ne" { forms.append(("AccRhs", "fp[operandA(pc)]", "acc", true)) }
        for (suffix, lhs, rhs, fromAcc) in forms {
            let body = """
            if \(view.fromBits(lhs)) \(c.op) \(view.fromBits(rhs)) { BRANCH(pc[1]) }
            NEXT
            """
            add(Operation(name: branch + suffix, length: 2,
                          doc: "branch by [1] if lhs \(c.op) rhs" + (fromAcc ? " (an operand from the accumulator)" : ""),
                          body: body, readsAccumulator: fromAcc ? .int : nil, group: "Branch"))
            relate("fusedBranch", compare + suffix, branch + suffix)
        }
        relate("lhsFromAccumulator", branch, branch + "AccLhs", kind: .int)
        relate("lhsFromAccumulator", branch + "Imm", branch + "ImmAccLhs", kind: .int)
        if c.suffix != "Eq" && c.suffix != "Ne" { relate("rhsFromAccumulator", branch, branch + "AccRhs", kind: .int) }
        if type == "i32" {
            loopCounterBranches(c, view)
            loadBranches(c, view, branch: branch)
        }
    }

    /// The loads whose value a branch can test directly (i32 values).
    static let branchLoads: [(load: String, width: Int, type: String)] = [
        ("load32u", 4, "UInt32"), ("load16u", 2, "UInt16"), ("load16s", 2, "Int16"), ("load8u", 1, "UInt8"),
    ]

    /// A compare-and-branch whose left operand is loaded: A = rhs slot (or [1] high half = imm),
    /// B = address slot, [1] = offset, [2] = branch offset. Linked lists, string scans.
    private func loadBranches(_ c: Comparison, _ view: View, branch: String) {
        for l in Table.branchLoads {
            for immediate in [false, true] {
                let name = branch + (immediate ? "Imm" : "") + l.load.prefix(1).uppercased() + l.load.dropFirst()
                let rhs = immediate ? "UInt64(UInt32(truncatingIfNeeded: pc[1] &>> 32))" : "fp[operandA(pc)]"
                let body = """
                let end = UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)])) &+ (pc[1] & 0xFFFF_FFFF)
                guard end <= size else { TRAP(.outOfBoundsMemoryAccess) }
                let loaded = UInt64(UInt32(truncatingIfNeeded: Int64(loadValue(mem, end, \(l.type).self))))
                if \(view.fromBits("loaded")) \(c.op) \(view.fromBits(rhs)) { BRANCH(pc[2]) }
                NEXT
                """
                add(Operation(name: name, length: 3,
                              doc: "branch by [2] if \(l.load)(B + offset) \(c.op) " + (immediate ? "[1] >> 32" : "A") + ", [1] = offset + width" + (immediate ? " | imm << 32" : ""),
                              body: body, group: "Branch"))
                relate("branchOnLoad", branch + (immediate ? "ImmAccLhs" : "AccLhs"), with: l.load + "ToAcc", name)
            }
        }
    }

    /// Branches on a loaded value, which is also written to slot A (a local, or a temporary):
    /// B = address slot, [1] = offset, [2] = branch offset.
    func loadTests() {
        for (test, op) in [("brIfNez", "!="), ("brIfEqz", "==")] {
            for l in Table.branchLoads {
                let name = test + l.load.prefix(1).uppercased() + l.load.dropFirst()
                let body = """
                let end = UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)])) &+ pc[1]
                guard end <= size else { TRAP(.outOfBoundsMemoryAccess) }
                let loaded = UInt64(UInt32(truncatingIfNeeded: Int64(loadValue(mem, end, \(l.type).self))))
                fp[operandA(pc)] = loaded  // an i32 (the branch tests i32 values): its low 32 bits
                if UInt32(truncatingIfNeeded: loaded) \(op) 0 { BRANCH(pc[2]) }
                NEXT
                """
                add(Operation(name: name, length: 3, doc: "A = \(l.load)(B + offset), then branch by [2] if A \(op) 0; [1] = offset + width",
                              body: body, group: "Branch"))
                relate("branchOnLoad", test, with: l.load, name)
            }
        }
    }

    /// `x = y + step; branch if x CMP rhs`, with an immediate or a register step.
    private func loopCounterBranches(_ c: Comparison, _ view: View) {
        for registerStep in [false, true] {
            for immediateRhs in [false, true] {
                let name = (registerStep ? "brIfAddI32" : "brIfAddImmI32") + c.suffix + (immediateRhs ? "Imm" : "")
                let step = registerStep ? "UInt32(truncatingIfNeeded: fp[operandC(pc)])" : "UInt32(truncatingIfNeeded: pc[1])"
                let rhs: String
                if immediateRhs {
                    rhs = "UInt32(truncatingIfNeeded: pc[1] &>> 32)"
                } else {
                    rhs = registerStep ? "UInt32(truncatingIfNeeded: fp[Int(truncatingIfNeeded: pc[1] & 0xFFFF)])"
                                       : "UInt32(truncatingIfNeeded: fp[operandC(pc)])"
                }
                let compare = view == .s32 ? "Int32(bitPattern: value) \(c.op) Int32(bitPattern: \(rhs))" : "value \(c.op) \(rhs)"
                let body = """
                let value = UInt32(truncatingIfNeeded: fp[operandB(pc)]) &+ \(step)
                fp[operandA(pc)] = UInt64(value)
                if \(compare) { BRANCH(pc[2]) }
                NEXT
                """
                let doc = registerStep
                    ? "A = B + C, then branch by [2] if A \(c.op) " + (immediateRhs ? "[1] >> 32" : "slot [1]")
                    : "A = B + [1] (low half), then branch by [2] if A \(c.op) " + (immediateRhs ? "[1] >> 32" : "C")
                add(Operation(name: name, length: 3, doc: doc, body: body, group: "Branch"))
                let base = "brIfI32" + c.suffix + (immediateRhs ? "Imm" : "")
                relate(registerStep ? "addBranch" : "addImmBranch", base, name)
            }
        }
    }

    // MARK: Memory

    /// A load of `width` bytes as `type` (the Swift integer read), stored in the slot as `bits`.
    /// Address forms: B + [1]; acc + [1]; B + imm (wrapping) + offset; B + (C << k) + offset;
    /// a constant. Each with a to-accumulator twin (and f64 twins for 64-bit loads).
    func load(_ name: String, width: Int, _ type: String, bits: String) {
        let addressing: [(String, String, String, Bool)] = [
            ("", "UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)])) &+ pc[1]", "A = dst, B = address, [1] = offset + width", false),
            ("FromAcc", "UInt64(UInt32(truncatingIfNeeded: acc)) &+ pc[1]", "A = dst, address from the accumulator, [1] = offset + width", true),
            ("AddImm", "accessEndAddImm(fp, pc, \(width))", "A = dst, address B + imm: [1] = offset | imm << 32", false),
            ("Indexed", "accessEndIndexed(fp, pc, \(width))", "A = dst, address B + (C << k): [1] = offset | k << 32", false),
            ("Abs", "pc[1]", "A = dst, [1] = address + offset + width", false),
            ("AddImmFromAcc", "UInt64(UInt32(truncatingIfNeeded: acc) &+ UInt32(truncatingIfNeeded: pc[1] &>> 32)) &+ (pc[1] & 0xFFFF_FFFF) &+ \(width)",
             "A = dst, address acc + imm: [1] = offset | imm << 32", true),
            ("IndexedFromAcc", "UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)]) &+ (UInt32(truncatingIfNeeded: acc) &<< UInt32(truncatingIfNeeded: pc[1] &>> 32))) &+ (pc[1] & 0xFFFF_FFFF) &+ \(width)",
             "A = dst, address B + (acc << k): [1] = offset | k << 32", true),
        ]
        let targets: [(String, Accumulator?)] = width == 8 ? [("", nil), ("ToAcc", .int), ("ToFacc", .float)]
                                                          : [("", nil), ("ToAcc", .int)]
        for (mode, end, doc, fromAcc) in addressing {
            for (target, kind) in targets {
                let variant = name + mode + target
                var lines = ["let end = \(end)", "guard end <= size else { TRAP(.outOfBoundsMemoryAccess) }",
                             "let v = loadValue(mem, end, \(type).self)"]
                switch kind {
                case nil: lines += ["fp[operandA(pc)] = \(bits)", "NEXT"]
                case .int?: lines.append("NEXT_ACC(\(bits))")
                case .float?: lines.append("NEXT_FACC(Double(bitPattern: v))")
                }
                let note = kind == nil ? doc : doc.replacingOccurrences(of: "A = dst", with: "result to the \(kind == .int ? "" : "float ")accumulator")
                add(Operation(name: variant, length: 2, doc: note, body: lines.joined(separator: "\n"),
                              readsAccumulator: fromAcc ? .int : nil, writesAccumulator: kind, group: "Memory"))
                if let kind { relate("toAccumulator", name + mode, variant, kind: kind) }
                if kind == nil && name == "load8u" { flag("yieldsZeroExtended8", variant) }
                if kind == nil && (name == "load8u" || name == "load16u") { flag("yieldsZeroExtended16", variant) }
            }
        }
        relate("fromAccumulator", name, name + "FromAcc", kind: .int)
        relate("absoluteAccess", name, name + "Abs")
        relate("addImmAccess", name, name + "AddImm")
        relate("indexedLoad", name, name + "Indexed")
        relate("addImmFromAccLoad", name, name + "AddImmFromAcc")
        relate("indexedFromAccLoad", name, name + "IndexedFromAcc")
    }

    /// A store of the low `width` bytes of a value (slot A, an accumulator or a constant).
    /// (A value from the accumulator was produced last, so its address cannot be a fused `x + imm`.)
    func store(_ name: String, width: Int, _ type: String) {
        let plain = "UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)])) &+ pc[1]"
        let absolute = "pc[1]"
        let value = "\(type)(truncatingIfNeeded: fp[operandA(pc)])"
        let accValue = "\(type)(truncatingIfNeeded: acc)"
        var forms: [(String, Int, String, String, String, Accumulator?)] = [
            ("", 2, plain, value, "A = value, B = address, [1] = offset + width", nil),
            ("FromAcc", 2, plain, accValue, "value from the accumulator, B = address, [1] = offset + width", .int),
            ("AddImm", 2, "accessEndAddImm(fp, pc, \(width))", value, "A = value, address B + imm: [1] = offset | imm << 32", nil),
            ("Abs", 2, absolute, value, "A = value, [1] = address + offset + width", nil),
            ("AbsFromAcc", 2, absolute, accValue, "value from the accumulator, [1] = address + offset + width", .int),
            ("Imm", 2, "UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)])) &+ (pc[1] & 0xFFFF_FFFF) &+ \(width)",
             "\(type)(truncatingIfNeeded: pc[1] &>> 32)", "B = address, [1] = offset | value << 32", nil),
            ("AddImmImm", 3, "accessEndAddImm(fp, pc, \(width))", "\(type)(truncatingIfNeeded: pc[2])",
             "address B + imm: [1] = offset | imm << 32, [2] = value", nil),
        ]
        if width == 8 {
            forms += [
                ("FromFacc", 2, plain, "facc.bitPattern", "value from the float accumulator, B = address, [1] = offset + width", .float),
                ("AbsFromFacc", 2, absolute, "facc.bitPattern", "value from the float accumulator, [1] = address + offset + width", .float),
            ]
        }
        for (suffix, length, end, stored, doc, kind) in forms {
            let body = """
            let end = \(end)
            guard end <= size else { TRAP(.outOfBoundsMemoryAccess) }
            storeValue(mem, end, \(stored))
            NEXT
            """
            add(Operation(name: name + suffix, length: length, doc: doc, body: body, readsAccumulator: kind, group: "Memory"))
        }
        for mode in ["", "Abs"] {
            relate("fromAccumulator", name + mode, name + mode + "FromAcc", kind: .int)
            if width == 8 { relate("fromAccumulator", name + mode, name + mode + "FromFacc", kind: .float) }
        }
        relate("absoluteAccess", name, name + "Abs")
        relate("immediateStore", name, name + "Imm")
        relate("immediateStore", name + "AddImm", name + "AddImmImm")
        relate("addImmAccess", name, name + "AddImm")
    }

    // MARK: Operands in memory

    /// A load fused into the binary operation that consumes it: A = dst, B = address slot,
    /// C = the other operand, [1] = offset (or offset | imm << 32, or the address). With a
    /// store of the result back to the same place, the read-modify-write form (`InPlace`).
    func memoryOperand(_ name: String, _ view: View, _ expr: String, commutative: Bool,
                       loads: [(load: String, width: Int, type: String, bits: String, store: String)]) {
        let modes: [(String, (Int) -> String, String)] = [
            ("", { _ in "UInt64(UInt32(truncatingIfNeeded: fp[operandB(pc)])) &+ pc[1]" }, "B = address, [1] = offset + width"),
            ("AddImm", { "accessEndAddImm(fp, pc, \($0))" }, "address B + imm: [1] = offset | imm << 32"),
            ("Abs", { _ in "pc[1]" }, "[1] = address + offset + width"),
        ]
        for l in loads {
            let loadName = l.load.prefix(1).uppercased() + l.load.dropFirst()
            for loadedLhs in commutative ? [false] : [false, true] {
                for (mode, address, doc) in modes {
                    let fused = name + loadName + (loadedLhs ? "Lhs" : "") + mode
                    let operands = loadedLhs ? ["let a = m", "let b = o"] : ["let a = o", "let b = m"]
                    let prelude = ["let end = \(address(l.width))", "guard end <= size else { TRAP(.outOfBoundsMemoryAccess) }",
                                   "let v = loadValue(mem, end, \(l.type).self)", "let m = \(view.fromBits(l.bits))",
                                   "let o = \(Place.slotC.read(view))"] + operands
                    let placement = loadedLhs ? "lhs" : "rhs"
                    for toAcc in [false, true] {
                        let variant = fused + (toAcc ? "ToAcc" : "")
                        let result = toAcc ? [view == .f64 ? "NEXT_FACC(\(expr))" : "NEXT_ACC(\(view.toBits(expr)))"]
                                           : ["fp[operandA(pc)] = \(view.toBits(expr))", "NEXT"]
                        add(Operation(name: variant, length: 2,
                                      doc: (toAcc ? "result to the accumulator" : "A = dst") + ", \(placement) loaded (\(l.load)): \(doc), C = other operand",
                                      body: (prelude + result).joined(separator: "\n"),
                                      writesAccumulator: toAcc ? view.accumulator : nil, group: "MemoryOperand"))
                        if toAcc, let kind = view.accumulator { relate("toAccumulator", fused, variant, kind: kind) }
                    }
                    relate(loadedLhs ? "withLoadedLhs" : "withLoadedRhs", name, with: l.load + mode, fused)
                    guard mode != "AddImm" else { continue }
                    let inPlace = fused + "InPlace"
                    let storeBody = prelude + ["storeValue(mem, end, \(l.store)(truncatingIfNeeded: \(view.toBits(expr))))", "NEXT"]
                    add(Operation(name: inPlace, length: 2, doc: "memory = memory op C (memory is the \(placement), \(l.load)): \(doc)",
                                  body: storeBody.joined(separator: "\n"), group: "MemoryOperand"))
                    let store = "store" + String(l.width * 8) + mode
                    relate("inPlace", fused, with: store, inPlace)
                }
            }
        }
    }

    // MARK: Chains

    /// `t = B x C; result = t y D` (or `D y t`) as one instruction: A = dst, B, C = x's operands,
    /// [1] = D's slot. `firsts`/`seconds`: (name, expression in a and b).
    func chains(_ view: View, firsts: [(String, String)], seconds: [(String, String, Bool)]) {
        for (x, xExpr) in firsts {
            for (y, yExpr, commutative) in seconds {
                for tIsRhs in commutative ? [false] : [false, true] {
                    let fused = x + y.dropFirst(3) + (tIsRhs ? "Rev" : "")
                    for toAcc in [false, true] {
                        let variant = fused + (toAcc ? "ToAcc" : "")
                        let result = yExpr.replacingOccurrences(of: "a", with: tIsRhs ? "d" : "t")
                            .replacingOccurrences(of: "b", with: tIsRhs ? "t" : "d")
                        var lines = ["let a = \(Place.slotB.read(view))", "let b = \(Place.slotC.read(view))",
                                     "let t = \(xExpr)", "let d = \(view.fromBits("fp[Int(truncatingIfNeeded: pc[1] & 0xFFFF)]"))"]
                        lines += toAcc ? ["NEXT_FACC(\(result))"] : ["fp[operandA(pc)] = \(view.toBits(result))", "NEXT"]
                        add(Operation(name: variant, length: 2,
                                      doc: (toAcc ? "facc" : "A") + " = " + (tIsRhs ? "D \(y) (B \(x) C)" : "(B \(x) C) \(y) D") + ", [1] = D's slot",
                                      body: lines.joined(separator: "\n"), writesAccumulator: toAcc ? .float : nil, group: "Chain"))
                        if toAcc { relate("toAccumulator", fused, variant, kind: .float) }
                    }
                    relate(tIsRhs ? "chainedRhs" : "chainedLhs", x, with: y, fused)
                }
            }
        }
    }

    // MARK: Fused pairs

    /// Two operations as one (length 2, [1] = immediates): `a` is the first operation's
    /// operand (slot B, or the accumulator in the `AccLhs` form), `b` the other one (slot C).
    func fusedPair(_ name: String, _ doc: String, lhs: View, other: View?, _ expr: String, result: View) {
        for fromAcc in [false, true] {
            for toAcc in [false, true] {
                let variant = name + (fromAcc ? "AccLhs" : "") + (toAcc ? "ToAcc" : "")
                var lines = ["let a = \((fromAcc ? Place.accumulator : Place.slotB).read(lhs))"]
                if let other { lines.append("let b = \(Place.slotC.read(other))") }
                if toAcc {
                    lines.append("NEXT_ACC(\(result.toBits(expr)))")
                } else {
                    lines += ["fp[operandA(pc)] = \(result.toBits(expr))", "NEXT"]
                }
                let note = doc.replacingOccurrences(of: "B", with: fromAcc ? "acc" : "B")
                    .replacingOccurrences(of: "A = ", with: toAcc ? "acc = " : "A = ")
                add(Operation(name: variant, length: 2, doc: note, body: lines.joined(separator: "\n"),
                              readsAccumulator: fromAcc ? .int : nil, writesAccumulator: toAcc ? .int : nil, group: "Fused"))
                if toAcc { relate("toAccumulator", name + (fromAcc ? "AccLhs" : ""), variant, kind: .int) }
            }
        }
        relate("lhsFromAccumulator", name, name + "AccLhs", kind: .int)
    }

    // MARK: Hand-written handlers

    /// An operation whose handler `op_<name>` is written by hand (control flow, calls, cold paths).
    func custom(_ name: String, length: Int, _ doc: String, handler: String? = nil) {
        add(Operation(name: name, length: length, doc: doc, body: nil, group: "", sharedHandler: handler))
    }

    /// An operation with a one-off generated handler.
    func special(_ name: String, length: Int, _ doc: String, group: String, reads: Accumulator? = nil,
                 writes: Accumulator? = nil, _ body: String) {
        add(Operation(name: name, length: length, doc: doc, body: body, readsAccumulator: reads,
                      writesAccumulator: writes, group: group))
    }
}
