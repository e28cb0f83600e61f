import SwasmBinary

/// The result of translating one function.
struct CompiledFunction {
    var parameterSlots: Int
    var localSlots: Int
    var frameSlots: Int
    var exceptionHandlers: [ExceptionHandler]
}

extension FunctionTranslator {
    /// Decodes, validates and translates the whole body.
    mutating func translate() throws -> CompiledFunction {
        codeStart = code.count
        beginFunction()
        while true {
            guard !reader.isAtEnd else {
                instructionOffset = reader.position
                throw malformed(controls.isEmpty ? "section size mismatch" : "unexpected end of section or function")
            }
            instructionOffset = reader.position
            instructionsSinceCheckpoint += 1
            let opcode = try reader.readByte()
            if opcode == 0x0B {
                if try translateEnd() { break }
                continue
            }
            try translateInstruction(opcode)
        }
        guard reader.isAtEnd else {
            instructionOffset = reader.position
            throw malformed("section size mismatch")
        }
        guard maxSlot <= maxFrameSlots else { throw slotLimit() }
        return CompiledFunction(parameterSlots: parameterSlotCount,
                                localSlots: localSlotCount - parameterSlotCount, frameSlots: maxSlot,
                                exceptionHandlers: exceptionHandlers)
    }

    mutating func translateInstruction(_ opcode: UInt8) throws {
        switch opcode {
        case 0x00:
            if emitting { emit(encode(.unreachable)) }
            markUnreachable()
        case 0x01: break  // nop
        case 0x02: try translateBlock()
        case 0x03: try translateLoop()
        case 0x04: try translateIf()
        case 0x05: try translateElse()
        case 0x0C: try translateBr()
        case 0x0D: try translateBrIf()
        case 0x0E: try translateBrTable()
        case 0x0F: try translateReturn()
        case 0x10: try translateCall()
        case 0x11: try translateCallIndirect()
        case 0x06, 0x07, 0x09, 0x18, 0x19:
            throw malformed(InstructionSkimmer.legacyExceptionMessage(opcode))
        case 0x08: try translateThrow()
        case 0x0A: try translateThrowRef()
        case 0x1F: try translateTryTable()
        case 0x12: try translateReturnCall(indirect: false)
        case 0x13: try translateReturnCall(indirect: true)
        case 0x1A: _ = try pop()  // drop
        case 0x1B: try translateSelect(typed: false)
        case 0x1C:
            guard context.features.contains(.referenceTypes) else { throw malformed("illegal opcode 1c") }
            try translateSelect(typed: true)
        case 0x20: try translateLocalGet()
        case 0x21: try translateLocalSet(tee: false)
        case 0x22: try translateLocalSet(tee: true)
        case 0x23: try translateGlobalGet()
        case 0x24: try translateGlobalSet()
        case 0x25, 0x26:
            guard context.features.contains(.referenceTypes) else { throw malformed("illegal opcode \(hex(opcode))") }
            try opcode == 0x25 ? translateTableGet() : translateTableSet()
        case 0x28...0x3E: try translateLoadStore(opcode)
        case 0x3F, 0x40: try translateMemorySizeGrow(opcode)
        case 0x41:
            let value = try reader.readS32()
            push(.i32, .constant(UInt64(UInt32(bitPattern: value))))
        case 0x42:
            let value = try reader.readS64()
            push(.i64, .constant(UInt64(bitPattern: value)))
        case 0x43:
            let bits = try reader.readF32Bits()
            push(.f32, .constant(UInt64(bits)))
        case 0x44:
            let bits = try reader.readF64Bits()
            push(.f64, .constant(bits))
        case 0x45...0xC4:
            guard let entry = numericOpcodes[Int(opcode) - 0x45] else { throw malformed("illegal opcode \(hex(opcode))") }
            if let feature = entry.feature, !context.features.contains(feature) {
                throw malformed("illegal opcode \(hex(opcode))")
            }
            try translateNumeric(entry)
        case 0xD0, 0xD1, 0xD2:
            guard context.features.contains(.referenceTypes) else { throw malformed("illegal opcode \(hex(opcode))") }
            try translateReference(opcode)
        case 0xD4, 0xD5, 0xD6:
            guard context.features.contains(.functionReferences) else { throw malformed("illegal opcode \(hex(opcode))") }
            try translateTypedReference(opcode)
        case 0x14, 0x15:
            guard context.features.contains(.functionReferences), opcode == 0x14 || context.features.contains(.tailCall) else {
                throw malformed("illegal opcode \(hex(opcode))")
            }
            try translateCallRef(tail: opcode == 0x15)
        case 0xFC: try translatePrefixFC()
        case 0xFD:
            guard context.features.contains(.simd) else { throw malformed("illegal opcode fd") }
            try translateSIMD()
        default:
            throw malformed("illegal opcode \(hex(opcode))")
        }
    }

    func hex(_ b: UInt8) -> String { String(b, radix: 16) }

    // MARK: Numeric

    mutating func translateNumeric(_ entry: NumericOpcode) throws {
        if entry.operandCount == 1 {
            let operand = try pop(entry.lhs)
            guard let op = entry.op else {
                // Same bits, new type: keep the operand where it is.
                operands.append(Operand(type: entry.result, location: operand.location, slot: operand.slot,
                                        producer: operand.producer))
                return
            }
            var a = operand
            materializeConstant(&a)
            let dst = operand.slot
            if emitting {
                let at: Int
                if let accOp = viaAccumulator(a, into: { op.fromAccumulator($0) }) {
                    at = emitProducer(encode(accOp, a: dst))
                } else {
                    at = emitProducer(encode(op, a: dst, b: source(a)))
                }
                push(entry.result, producer: at)
            } else {
                push(entry.result)
            }
            return
        }
        var rhs = try pop(entry.rhs)
        var lhs = try pop(entry.lhs)
        guard let op = entry.op else { return }
        let dst = lhs.slot
        guard emitting else {
            push(entry.result)
            return
        }
        // Constant right operand (or left, for commutative operations): the immediate form.
        if case .constant(var imm) = rhs.location, lhs.location.isNotConstant {
            var immOp = op.immediateForm
            if op == .i32Sub { immOp = .i32AddImm; imm = UInt64(UInt32(truncatingIfNeeded: 0 &- imm)) }
            if op == .i64Sub { immOp = .i64AddImm; imm = 0 &- imm }
            // `and 0xFF` (or 0xFFFF) of a byte (or 16 bits) just loaded zero-extended: nothing to do.
            if immOp == .i32AndImm, let (_, load) = justProduced(lhs),
               (load.yieldsZeroExtended8 && imm & 0xFF == 0xFF) || (load.yieldsZeroExtended16 && imm & 0xFFFF == 0xFFFF) {
                operands.append(Operand(type: entry.result, location: lhs.location, slot: lhs.slot, producer: lhs.producer))
                return
            }
            if let immOp {
                if let fused = fuseImmediate(immOp, lhs: lhs, imm: imm, dst: dst) {
                    push(entry.result, producer: fused)
                    return
                }
                let at = emitImmediate(immOp, operand: lhs, imm: imm, dst: dst)
                push(entry.result, producer: at)
                return
            }
        } else if case .constant(let imm) = lhs.location, rhs.location.isNotConstant, op.isCommutative,
                  let immOp = op.immediateForm {
            let at = emitImmediate(immOp, operand: rhs, imm: imm, dst: dst)
            push(entry.result, producer: at)
            return
        }
        materializeConstant(&lhs)
        materializeConstant(&rhs)
        if op == .i32Add, let fused = fuseShiftedAdd(lhs, rhs, dst: dst) {
            push(entry.result, producer: fused)
            return
        }
        if op == .i32Add || op == .i64Add, let fused = fuseMultiplyAdd(lhs, rhs, dst: dst) {
            push(entry.result, producer: fused)
            return
        }
        if let at = fuseLoadedOperand(op, lhs: lhs, rhs: rhs, dst: dst) ?? fuseChain(op, lhs: lhs, rhs: rhs, dst: dst) {
            push(entry.result, producer: at)
            return
        }
        if let at = emitBinaryViaAccumulator(op, lhs: lhs, rhs: rhs, dst: dst) {
            push(entry.result, producer: at)
            return
        }
        let at = emitProducer(encode(op, a: dst, b: source(lhs), c: source(rhs)))
        push(entry.result, producer: at)
    }

    /// A binary operation whose operand was loaded by the instruction just emitted: the load
    /// becomes part of it (B = the load's address, C = the other operand, word 1 the load's).
    mutating func fuseLoadedOperand(_ op: Op, lhs: Operand, rhs: Operand, dst: Int) -> Int? {
        var fused: Op?
        var loaded = rhs, other = lhs
        if let (_, load) = justProduced(rhs) {
            fused = op.withLoadedRhs(load)
        } else if let (_, load) = justProduced(lhs) {
            (loaded, other) = (lhs, rhs)
            fused = op.isCommutative ? op.withLoadedRhs(load) : op.withLoadedLhs(load)
        }
        guard let fused, let at = loaded.producer else { return nil }
        let word = code[at], extra = code[at + 1]
        code.removeLast(code.count - at)
        return emitProducer(encode(fused, a: dst, b: fieldB(word), c: source(other)), extra)
    }

    /// Two arithmetic operations as one when the first one's result, just computed, is an
    /// operand of the second: B, C = the first one's operands, word 1 = the other operand's slot.
    mutating func fuseChain(_ op: Op, lhs: Operand, rhs: Operand, dst: Int) -> Int? {
        var fused: Op?
        var first = rhs, other = lhs
        if let (_, producer) = justProduced(rhs) {
            fused = producer.chainedRhs(op) ?? (op.isCommutative ? producer.chainedLhs(op) : nil)
        } else if let (_, producer) = justProduced(lhs) {
            (first, other) = (lhs, rhs)
            fused = producer.chainedLhs(op)
        }
        guard let fused, let at = first.producer else { return nil }
        let word = code[at]
        code.removeLast(code.count - at)
        return emitProducer(encode(fused, a: dst, b: fieldB(word), c: fieldC(word)), UInt64(source(other)))
    }

    /// An operation with a constant right operand; the other operand may come from the accumulator.
    mutating func emitImmediate(_ immOp: Op, operand: Operand, imm: UInt64, dst: Int) -> Int {
        if !(immOp.fusedBranch != nil && justProduced(operand).map({ $0.op == .i32AddImm || $0.op == .i32Add }) == true),
           let accOp = viaAccumulator(operand, into: { immOp.lhsFromAccumulator($0) }) {
            return emitProducer(encode(accOp, a: dst), imm)
        }
        return emitProducer(encode(immOp, a: dst, b: source(operand)), imm)
    }

    /// The last emitted instruction, if it produced `operand` and nothing may jump between them.
    func justProduced(_ operand: Operand) -> (at: Int, op: Op)? {
        guard let at = operand.producer, at == lastProducer, operand.location == .stack else { return nil }
        return (at, decodeOp(code[at]))
    }

    /// Fuses `immOp` with the instruction that produced its operand, for the pairs that are
    /// frequent on real code: `(a ^ b) * imm` and `(x >> k) & mask`. Returns the fused start.
    /// (A first operation that read the accumulator gives the form that reads it too.)
    mutating func fuseImmediate(_ immOp: Op, lhs: Operand, imm: UInt64, dst: Int) -> Int? {
        guard let (at, producer) = justProduced(lhs) else { return nil }
        let word = code[at]
        switch (producer, immOp) {
        case (.i32Xor, .i32MulImm), (.i64Xor, .i64MulImm), (.i32XorAccLhs, .i32MulImm), (.i64XorAccLhs, .i64MulImm):
            let fused: Op = immOp == .i32MulImm ? .i32XorMulImm : .i64XorMulImm
            code.removeLast(code.count - at)
            let fromAcc = producer == .i32XorAccLhs || producer == .i64XorAccLhs
            return emitProducer(encode(fromAcc ? fused.lhsFromAccumulator(.int) ?? fused : fused,
                                       a: dst, b: fieldB(word), c: fieldC(word)), imm)
        case (.i32ShrUImm, .i32AndImm), (.i32ShrUImmAccLhs, .i32AndImm):
            let shift = code[at + 1] & 31
            code.removeLast(code.count - at)
            let fused: Op = producer == .i32ShrUImm ? .i32ShrUAndImm : .i32ShrUAndImmAccLhs
            return emitProducer(encode(fused, a: dst, b: fieldB(word)), shift | (imm & 0xFFFF_FFFF) << 32)
        default:
            return nil
        }
    }

    /// `a + (b << k)` as one instruction when the shift was just emitted: B = shifted, C = other.
    mutating func fuseShiftedAdd(_ lhs: Operand, _ rhs: Operand, dst: Int) -> Int? {
        for (shifted, other) in [(rhs, lhs), (lhs, rhs)] {
            guard let (at, producer) = justProduced(shifted), producer == .i32ShlImm || producer == .i32ShlImmAccLhs else {
                continue
            }
            let word = code[at]
            let k = code[at + 1] & 31
            code.removeLast(code.count - at)
            let fused: Op = producer == .i32ShlImm ? .i32AddShlImm : .i32AddShlImmAccLhs
            return emitProducer(encode(fused, a: dst, b: fieldB(word), c: source(other)), k)
        }
        return nil
    }

    /// `b * imm + c` as one instruction when the multiplication was just emitted: B = its
    /// operand, C = the other addend, word 1 = the factor.
    mutating func fuseMultiplyAdd(_ lhs: Operand, _ rhs: Operand, dst: Int) -> Int? {
        for (product, other) in [(rhs, lhs), (lhs, rhs)] {
            guard let (at, producer) = justProduced(product) else { continue }
            let fused: Op
            switch producer {
            case .i32MulImm: fused = .i32MulImmAdd
            case .i32MulImmAccLhs: fused = .i32MulImmAddAccLhs
            case .i64MulImm: fused = .i64MulImmAdd
            case .i64MulImmAccLhs: fused = .i64MulImmAddAccLhs
            default: continue
            }
            let word = code[at], factor = code[at + 1]
            code.removeLast(code.count - at)
            return emitProducer(encode(fused, a: dst, b: fieldB(word), c: source(other)), factor)
        }
        return nil
    }

    // MARK: Parametric

    mutating func translateSelect(typed: Bool) throws {
        var selectedType: ValueType?
        if typed {
            let count = try reader.readU32()
            guard count == 1 else { throw invalid("invalid result arity") }
            let t = try reader.readValueType(context.features)
            try context.validateTypeReferences([t], section: "code", at: instructionOffset)
            selectedType = t
        }
        var condition = try pop(.i32)
        var b: Operand
        var a: Operand
        if let t = selectedType {
            b = try pop(t)
            a = try pop(t)
        } else {
            b = try pop()
            a = try pop()
            if let ta = a.type, ta.isReference { throw invalid("type mismatch: select without a type needs numeric operands") }
            if let tb = b.type, tb.isReference { throw invalid("type mismatch: select without a type needs numeric operands") }
            if let ta = a.type, let tb = b.type, ta != tb { throw invalid("type mismatch") }
            selectedType = a.type ?? b.type
        }
        let dst = a.slot
        if emitting {
            materializeConstant(&condition)
            materializeConstant(&a)
            materializeConstant(&b)
            let op: Op = selectedType == .v128 ? .select2 : .select
            let at = emitProducer(encode(op, a: dst, b: source(a), c: source(b)), UInt64(source(condition)))
            push(selectedType, producer: at)
        } else {
            push(selectedType)
        }
    }

    // MARK: Variables

    mutating func readLocalIndex() throws -> Int {
        let index = try reader.readU32()
        guard Int(index) < localTypes.count else { throw invalid("unknown local \(index)") }
        return Int(index)
    }

    mutating func translateLocalGet() throws {
        let index = try readLocalIndex()
        guard localInitialized[index] else { throw invalid("uninitialized local \(index)") }
        push(localTypes[index], .local(localSlot[index]))
    }

    mutating func translateLocalSet(tee: Bool) throws {
        let index = try readLocalIndex()
        let type = localTypes[index]
        let slot = localSlot[index]
        let value = try pop(type)
        if !localInitialized[index] {
            localInitialized[index] = true
            initLog.append(index)
        }
        guard emitting else {
            if tee { push(type) }
            return
        }
        let hasAliases = operands.contains { $0.location == .local(slot) }
        if hasAliases {
            // The old value is still needed on the stack.
            materializeReferences(toLocalSlot: slot)
            move(value, to: slot)
        } else if !retarget(value, to: slot) {
            move(value, to: slot)
        }
        lastProducer = nil
        if tee { push(type, .local(slot)) }
    }

    mutating func readGlobalIndex() throws -> Int {
        let index = try reader.readU32()
        guard Int(index) < context.globals.count else { throw invalid("unknown global \(index)") }
        return Int(index)
    }

    mutating func translateGlobalGet() throws {
        let index = try readGlobalIndex()
        let type = context.globals[index].valueType
        if emitting {
            let at = emitProducer(encode(type == .v128 ? .globalGet2 : .globalGet, a: nextSlot, w: UInt32(index)))
            push(type, producer: at)
        } else {
            push(type)
        }
    }

    mutating func translateGlobalSet() throws {
        let index = try readGlobalIndex()
        let global = context.globals[index]
        guard global.isMutable else { throw invalid("global is immutable") }
        var value = try pop(global.valueType)
        if emitting {
            materializeConstant(&value)
            if fuseShadowStackAdjustment(global: index, value: source(value)) { return }
            emit(encode(global.valueType == .v128 ? .globalSet2 : .globalSet, a: source(value), w: UInt32(index)))
        }
    }

    /// `global.get g; i32.const k; i32.add; (local.tee t;) global.set g`, the shadow-stack
    /// prologue of C compilers, as the two instructions just emitted (`globalGet`, `i32AddImm`)
    /// and this set: rewritten into one `globalGetAddImmSet` that writes the same slots.
    mutating func fuseShadowStackAdjustment(global index: Int, value: Int) -> Bool {
        guard let add = lastInstruction, let get = previousInstruction,
              add == code.count - 2, get == add - 1,
              decodeOp(code[get]) == .globalGet, decodeOp(code[add]) == .i32AddImm,
              fieldW(code[get]) == UInt32(index), fieldB(code[add]) == fieldA(code[get]),
              fieldA(code[add]) == value else { return false }
        let getSlot = fieldA(code[get]), immediate = code[add + 1]
        code.removeLast(3)
        lastInstruction = nil
        previousInstruction = nil
        emit(encode(.globalGetAddImmSet, a: value, b: getSlot))
        code.append(UInt64(index))
        code.append(immediate)
        return true
    }
}

extension FunctionTranslator.Operand.Location {
    var isNotConstant: Bool {
        if case .constant = self { return false }
        return true
    }
}
