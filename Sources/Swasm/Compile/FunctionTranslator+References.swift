import SwasmBinary

/// Reference instructions: `ref.null`, `ref.is_null`, `ref.func` (reference types) and the
/// typed function references of WebAssembly 3.0 (`ref.as_non_null`, `br_on_null`,
/// `br_on_non_null`, `call_ref`, `return_call_ref`).
extension FunctionTranslator {
    mutating func translateReference(_ opcode: UInt8) throws {
        switch opcode {
        case 0xD0:
            let heap = try reader.readHeapType(context.features)
            let type = ValueType.ref(ReferenceType(heap, nullable: true))
            try context.validateTypeReferences([type], section: "code", at: instructionOffset)
            push(type, .constant(0))
        case 0xD1:
            var value = try popReference()
            let dst = value.slot
            if emitting {
                materializeConstant(&value)
                let at = emitProducer(encode(.refIsNull, a: dst, b: source(value)))
                push(.i32, producer: at)
            } else {
                push(.i32)
            }
        default:  // 0xD2 ref.func
            let index = try reader.readU32()
            guard Int(index) < context.functionTypeIndices.count else { throw invalid("unknown function \(index)") }
            guard context.declaredFunctions.contains(index) else { throw invalid("undeclared function reference") }
            let type = context.referenceType(ofFunction: index)
            if emitting {
                let at = emitProducer(encode(.refFunc, a: nextSlot, w: index))
                push(type, producer: at)
            } else {
                push(type)
            }
        }
    }

    /// Pops a value that must be a reference (or unknown, in unreachable code).
    mutating func popReference() throws -> Operand {
        let value = try pop()
        if let t = value.type, !t.isReference { throw invalid("type mismatch: expected a reference, found \(t)") }
        return value
    }

    /// The non-null version of an operand's type (unknown stays unknown).
    func nonNullable(_ type: ValueType?) -> ValueType? {
        guard case .ref(let r)? = type else { return type }
        return .ref(r.nonNullable)
    }

    mutating func translateTypedReference(_ opcode: UInt8) throws {
        switch opcode {
        case 0xD4:  // ref.as_non_null
            var value = try popReference()
            let type = nonNullable(value.type)
            if emitting {
                materializeConstant(&value)
                let at = emitProducer(encode(.refAsNonNull, a: value.slot, b: source(value)))
                push(type, producer: at)
            } else {
                push(type)
            }
        case 0xD5:
            try translateBranchOnNull()
        default:
            try translateBranchOnNonNull()
        }
    }

    /// `br_on_null l`: branch (dropping the reference) if it is null, else keep it as non-null.
    mutating func translateBranchOnNull() throws {
        let target = try labelFrameIndex(try reader.readU32())
        var reference = try popReference()
        let labelTypes = controls[target].labelTypes
        let values = try pop(labelTypes)
        if emitting {
            materializeConstant(&reference)
            try emitConditionalBranch(values, to: target, taken: .brOnNull, notTaken: .brOnNonNull, test: source(reference))
        }
        repush(values, as: labelTypes)
        reference.type = nonNullable(reference.type)
        operands.append(reference)
    }

    /// `br_on_non_null l`: branch with the (non-null) reference if it is not null, else drop it.
    mutating func translateBranchOnNonNull() throws {
        let target = try labelFrameIndex(try reader.readU32())
        let labelTypes = controls[target].labelTypes
        guard let last = labelTypes.last, last.isReference else {
            throw invalid("type mismatch: br_on_non_null needs a label whose last type is a reference")
        }
        var reference = try popReference()
        if let t = nonNullable(reference.type), !context.isSubtype(t, of: last) {
            throw invalid("type mismatch: expected \(last), found \(t)")
        }
        let rest = Array(labelTypes.dropLast())
        let values = try pop(rest)
        if emitting {
            materializeConstant(&reference)
            try emitConditionalBranch(values + [reference], to: target, taken: .brOnNonNull, notTaken: .brOnNull,
                                      test: source(reference))
        }
        repush(values, as: rest)
    }

    /// A branch on a reference test: direct when the values are already in the label's slots,
    /// else the opposite test skips over the moves and an unconditional branch.
    mutating func emitConditionalBranch(_ values: [Operand], to target: Int, taken: Op, notTaken: Op, test: Int) throws {
        let isReturn = controls[target].kind == .function
        if !isReturn && !needsMoves(values, to: target) {
            emitBranch(taken, a: test, to: target)
            return
        }
        let at = emit(encode(notTaken, a: test, w: 0))
        let skip = Fixup(instruction: at, position: at, inHighBits: true)
        if isReturn {
            emitReturn(values)
        } else {
            emitLabelMoves(values, to: target)
            emitBranch(.br, to: target)
        }
        bindLabel()
        patch(skip, to: code.count)
    }

    /// Puts branch operands back with the label's types (a subtype may have been passed).
    mutating func repush(_ values: [Operand], as types: [ValueType]) {
        for (value, type) in zip(values, types) {
            var v = value
            v.type = type
            operands.append(v)
        }
    }

    /// `call_ref $t` and `return_call_ref $t`: call the function a `(ref null $t)` names.
    mutating func translateCallRef(tail: Bool) throws {
        let typeIndex = try reader.readU32()
        guard Int(typeIndex) < context.types.count else { throw invalid("unknown type \(typeIndex)") }
        let calleeType = context.types[Int(typeIndex)]
        if tail {
            guard calleeType.results.count == type.results.count,
                  zip(calleeType.results, type.results).allSatisfy({ context.isSubtype($0, of: $1) }) else {
                throw invalid("type mismatch: the callee returns \(calleeType.results), the function \(type.results)")
            }
        }
        var reference = try pop(.ref(ReferenceType(.concrete(typeIndex), nullable: true)))
        materializeConstant(&reference)
        // The reference sits above the arguments; read it before the frame changes.
        let referenceSlot = source(reference)
        let base = try prepareCallArguments(calleeType.parameters)
        if emitting {
            guard base <= maxFrameSlots else { throw slotLimit() }
            emit(encode(tail ? .returnCallRef : .callRef, a: base, b: referenceSlot))
        }
        if tail {
            markUnreachable()
        } else {
            pushResults(calleeType.results)
        }
    }
}

extension FunctionTranslator {
    /// Leaving a block (or entering `else`) forgets the locals set inside it.
    mutating func resetLocalInitialization(to height: Int) {
        while initLog.count > height { localInitialized[initLog.removeLast()] = false }
    }
}
