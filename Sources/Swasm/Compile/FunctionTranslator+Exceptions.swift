import SwasmBinary

/// Where an exception thrown inside a `try_table` goes: for each clause, a stub (a few
/// instructions outside the normal flow) that moves the payload, which the unwinder writes at
/// `payloadSlot`, to the clause's label and branches there.
struct ExceptionHandler {
    /// The covered code, in words from the function's start: [start, end).
    var start: Int
    var end: Int
    var payloadSlot: Int
    var clauses: [CatchClause]
}

struct CatchClause {
    /// Tag index in the module, or nil for `catch_all` / `catch_all_ref`.
    var tag: UInt32?
    /// `catch_ref` / `catch_all_ref`: an `exnref` follows the payload.
    var capturesReference: Bool
    /// The stub, in words from the function's start.
    var stub: Int
}

/// Exception handling (WebAssembly 3.0): `throw`, `throw_ref`, `try_table`.
extension FunctionTranslator {
    mutating func translateThrow() throws {
        guard context.features.contains(.exceptions) else { throw malformed("illegal opcode 08") }
        let tag = try reader.readU32()
        guard let tagType = context.tagType(tag) else { throw invalid("unknown tag \(tag)") }
        let base = try prepareCallArguments(tagType.parameters)
        if emitting {
            guard base <= maxFrameSlots else { throw slotLimit() }
            emit(encode(.throwTag, a: base, w: tag))
        }
        markUnreachable()
    }

    mutating func translateThrowRef() throws {
        guard context.features.contains(.exceptions) else { throw malformed("illegal opcode 0a") }
        var exception = try pop(.exnRef)
        if emitting {
            materializeConstant(&exception)
            emit(encode(.throwRef, a: source(exception)))
        }
        markUnreachable()
    }

    mutating func translateTryTable() throws {
        guard context.features.contains(.exceptions) else { throw malformed("illegal opcode 1f") }
        let blockType = try readBlockType()
        let count = try reader.readU32()
        guard Int(count) <= reader.remaining else { throw malformed("unexpected end") }
        // Clause labels count from outside the try_table (its own label is not yet pushed).
        var clauses: [(tag: UInt32?, capturesReference: Bool, target: Int, payload: [ValueType])] = []
        for _ in 0..<count {
            let kindAt = reader.position
            let kind = try reader.readByte()
            guard kind <= 3 else {
                throw ModuleError(.malformed, "malformed catch clause", offset: kindAt, section: "code", functionIndex: functionIndex)
            }
            var tag: UInt32?
            var payload: [ValueType] = []
            if kind < 2 {
                let index = try reader.readU32()
                guard let tagType = context.tagType(index) else { throw invalid("unknown tag \(index)") }
                tag = index
                payload = tagType.parameters
            }
            let depth = try reader.readU32()
            let target = try labelFrameIndex(depth)
            let capturesReference = kind == 1 || kind == 3
            if capturesReference { payload.append(.ref(ReferenceType(.exn, nullable: false))) }
            let labelTypes = controls[target].labelTypes
            guard labelTypes.count == payload.count, zip(payload, labelTypes).allSatisfy({ context.isSubtype($0, of: $1) }) else {
                throw invalid("type mismatch: the catch clause gives [\(payload.map(\.description).joined(separator: " "))], "
                              + "the label takes [\(controls[target].labelTypes.map(\.description).joined(separator: " "))]")
            }
            clauses.append((tag, capturesReference, target, payload))
        }
        var handler: ExceptionHandler?
        if emitting && !clauses.isEmpty {
            // The state enterBlock would make, so that the stubs see the block's entry state.
            let params = try pop(blockType.parameters)
            for p in params { operands.append(p) }
            materializeAllLocals()
            for i in (operands.count - params.count)..<operands.count { materialize(at: i) }
            let height = operands.count - params.count
            let payloadSlot = height < operands.count ? operands[height].slot : nextSlot
            let skip = emit(encode(.br, w: 0))
            var emitted: [CatchClause] = []
            let saved = operands
            for clause in clauses {
                bindLabel()
                let stub = code.count - codeStart
                operands.removeSubrange(height...)
                var values: [Operand] = []
                var slot = payloadSlot
                for t in clause.payload {
                    values.append(Operand(type: t, location: .stack, slot: slot, producer: nil))
                    slot += width(t)
                }
                maxSlot = max(maxSlot, slot)
                if controls[clause.target].kind == .function {
                    emitReturn(values)
                } else {
                    emitLabelMoves(values, to: clause.target)
                    emitBranch(.br, to: clause.target)
                }
                operands = saved
                emitted.append(CatchClause(tag: clause.tag, capturesReference: clause.capturesReference, stub: stub))
            }
            bindLabel()
            patch(Fixup(instruction: skip, position: skip, inHighBits: true), to: code.count)
            handler = ExceptionHandler(start: code.count - codeStart, end: 0, payloadSlot: payloadSlot, clauses: emitted)
        }
        try enterBlock(.block, blockType)
        controls[controls.count - 1].exceptionHandler = handler
    }

    /// At a try_table's `end`: the covered range is complete. (Inner handlers end first, so the
    /// list has the innermost handler of any point first.)
    mutating func finishExceptionHandler(_ frame: ControlFrame) {
        guard var handler = frame.exceptionHandler else { return }
        handler.end = code.count - codeStart
        if handler.end > handler.start { exceptionHandlers.append(handler) }
    }
}
