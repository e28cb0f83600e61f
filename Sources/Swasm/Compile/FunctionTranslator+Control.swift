import SwasmBinary

/// Blocks, branches, calls and returns.
extension FunctionTranslator {
    mutating func beginFunction() {
        controls.append(ControlFrame(kind: .function, parameters: [], results: type.results,
                                     height: 0, baseSlot: 0, emitting: true))
        syncTop()
        if options.checkpoints { emitCheckpoint() }
    }

    /// Emits a fuel/interruption checkpoint; its cost is the number of wasm instructions up to the next one.
    mutating func emitCheckpoint() {
        closeCheckpoint()
        openCheckpoint = emit(encode(.checkpoint, w: 0))
    }

    mutating func closeCheckpoint() {
        if let open = openCheckpoint {
            let cost = UInt32(clamping: max(1, instructionsSinceCheckpoint))
            code[open] = encode(.checkpoint, w: cost)
        }
        openCheckpoint = nil
        instructionsSinceCheckpoint = 0
    }

    mutating func readBlockType() throws -> FunctionType {
        let at = reader.position
        let byte = try reader.peekByte()
        if byte == 0x40 {
            reader.position += 1
            return FunctionType()
        }
        if reader.startsValueType(byte, context.features) {
            let t = try reader.readValueType(context.features)
            try context.validateTypeReferences([t], section: "code", at: at)
            return FunctionType(results: [t])
        }
        guard context.features.contains(.multiValue) else {
            throw ModuleError(.malformed, "malformed block type", offset: at, section: "code", functionIndex: functionIndex)
        }
        let index = try reader.readSigned(bits: 33)
        guard index >= 0, index < context.types.count else { throw invalid("unknown type") }
        return context.types[Int(index)]
    }

    /// Entering a block: its parameters must sit in their own slots, and no operand below may
    /// still alias a local that the block could overwrite on only some paths.
    mutating func enterBlock(_ kind: ControlFrame.Kind, _ blockType: FunctionType) throws {
        let params = try pop(blockType.parameters)
        for p in params { operands.append(p) }  // validated; put back for materialisation
        materializeAllLocals()
        for i in (operands.count - params.count)..<operands.count { materialize(at: i) }
        let height = operands.count - params.count
        let base = height < operands.count ? operands[height].slot : nextSlot
        let wasEmitting = emitting
        var frame = ControlFrame(kind: kind, parameters: blockType.parameters, results: blockType.results,
                                 height: height, baseSlot: base, emitting: wasEmitting)
        frame.initLogHeight = initLog.count
        if kind == .loop {
            bindLabel()
            // Back edges jump to the checkpoint, so every iteration is charged and can be interrupted.
            frame.loopStart = code.count
            if wasEmitting && options.checkpoints { emitCheckpoint() }
        }
        controls.append(frame)
        syncTop()
        // The result slots may reach above everything seen so far.
        maxSlot = max(maxSlot, base + slotWidth(blockType.results))
    }

    mutating func translateBlock() throws {
        let bt = try readBlockType()
        try enterBlock(.block, bt)
    }

    mutating func translateLoop() throws {
        let bt = try readBlockType()
        try enterBlock(.loop, bt)
    }

    mutating func translateIf() throws {
        let bt = try readBlockType()
        let condition = try pop(.i32)
        // Materialise before the branch so both arms see the same state.
        let params = try pop(bt.parameters)
        for p in params { operands.append(p) }
        materializeAllLocals()
        for i in (operands.count - params.count)..<operands.count { materialize(at: i) }
        var elseFixup: Fixup?
        if emitting {
            elseFixup = emitBranchIfFalse(condition)
        }
        try enterBlock(.if, bt)
        controls[controls.count - 1].elseFixup = elseFixup
    }

    /// Emits "branch if `condition` is zero" with an unknown target; returns its fixup.
    mutating func emitBranchIfFalse(_ condition: Operand) -> Fixup {
        var condition = condition
        if let fused = fuseComparison(condition, negate: true) { return fused }
        if let fused = fuseLoadTest(condition, test: .brIfEqz) { return fused }
        if let accOp = viaAccumulator(condition, into: { Op.brIfEqz.fromAccumulator($0) }) {
            let at = emit(encode(accOp, w: 0))
            return Fixup(instruction: at, position: at, inHighBits: true)
        }
        materializeConstant(&condition)
        let at = emit(encode(.brIfEqz, a: source(condition), w: 0))
        return Fixup(instruction: at, position: at, inHighBits: true)
    }

    /// A branch on a value loaded by the instruction just emitted, into a temporary or (after
    /// `local.tee`) into the local the condition reads: the load and the test become one.
    mutating func fuseLoadTest(_ condition: Operand, test: Op) -> Fixup? {
        guard let at = lastInstruction, code.count - at == 2 else { return nil }
        let word = code[at]
        guard let fused = test.branchOnLoad(decodeOp(word)) else { return nil }
        switch condition.location {
        case .stack: guard condition.producer == at, lastProducer == at else { return nil }
        case .local(let slot): guard fieldA(word) == slot else { return nil }
        case .constant: return nil
        }
        let offset = code[at + 1]
        code.removeLast(code.count - at)
        let b = emit(encode(fused, a: fieldA(word), b: fieldB(word)))
        code.append(offset)
        code.append(0)
        return Fixup(instruction: b, position: b + 2, inHighBits: false)
    }

    /// If `condition` was produced by the instruction just emitted and that is an integer
    /// comparison, replaces it with a compare-and-branch. Returns the fixup of the new branch.
    mutating func fuseComparison(_ condition: Operand, negate: Bool) -> Fixup? {
        guard let at = condition.producer, at == lastProducer, condition.location == .stack else { return nil }
        let word = code[at]
        guard let producerOp = Op(rawValue: UInt16(truncatingIfNeeded: word)) else { return nil }
        // i32.eqz: branch on its operand directly. (i64.eqz keeps its result: the branches
        // test 32-bit values.)
        if producerOp == .i32Eqz || producerOp == .i32EqzFromAcc {
            let src = fieldB(word)
            code.removeLast(code.count - at)
            var op: Op = negate ? .brIfNez : .brIfEqz
            if producerOp == .i32EqzFromAcc, let fromAcc = op.fromAccumulator(.int) { op = fromAcc }
            let b = emit(encode(op, a: src, w: 0))
            return Fixup(instruction: b, position: b, inHighBits: true)
        }
        guard producerOp.fusedBranch != nil else { return nil }
        var comparison = producerOp
        if negate {
            guard let n = comparison.negatedComparison else { return nil }
            comparison = n
        }
        guard let branchOp = comparison.fusedBranch else { return nil }
        let isImmediate = code.count - at == 2
        // A branch holds a 32-bit immediate (sign-extended for i64): a wider i64 constant stays a compare.
        if isImmediate, Int64(bitPattern: code[at + 1]) != Int64(Int32(truncatingIfNeeded: code[at + 1])),
           producerOp.isI64ImmediateComparison {
            return nil
        }
        let lhs = fieldB(word)
        let rhsImm = isImmediate ? UInt32(truncatingIfNeeded: code[at + 1]) : 0
        // A loop counter: `x = y + imm` just before the comparison of x: one instruction.
        if let add = previousInstruction, add == at - 2, decodeOp(code[add]) == .i32AddImm,
           fieldA(code[add]) == lhs, let fused = branchOp.addImmBranch {
            let addWord = code[add]
            let step = code[add + 1] & 0xFFFF_FFFF
            code.removeLast(code.count - add)
            let b = emit(encode(fused, a: fieldA(addWord), b: fieldB(addWord), c: isImmediate ? 0 : fieldC(word)))
            code.append(step | UInt64(rhsImm) << 32)
            code.append(0)
            return Fixup(instruction: b, position: b + 2, inHighBits: false)
        }
        // The same with a register step: `x = y + z` just before the comparison of x.
        if let add = previousInstruction, add == at - 1, decodeOp(code[add]) == .i32Add,
           fieldA(code[add]) == lhs, let fused = branchOp.addBranch {
            let addWord = code[add]
            let rhsSlot = isImmediate ? 0 : UInt64(fieldC(word))
            code.removeLast(code.count - add)
            let b = emit(encode(fused, a: fieldA(addWord), b: fieldB(addWord), c: fieldC(addWord)))
            code.append(rhsSlot | UInt64(rhsImm) << 32)
            code.append(0)
            return Fixup(instruction: b, position: b + 2, inHighBits: false)
        }
        // The left operand was loaded just before (into the accumulator): test the load itself.
        // (The load's offset + width must fit the low half of word 1.)
        if let load = previousInstruction, load == at - 2, let fused = branchOp.branchOnLoad(decodeOp(code[load])),
           code[load + 1] <= 0xFFFF_FFFF {
            let loadWord = code[load], offset = code[load + 1]
            code.removeLast(code.count - load)
            let b = emit(encode(fused, a: isImmediate ? 0 : fieldC(word), b: fieldB(loadWord)))
            code.append(offset | (isImmediate ? UInt64(rhsImm) << 32 : 0))
            code.append(0)
            return Fixup(instruction: b, position: b + 2, inHighBits: false)
        }
        let first: UInt64
        if isImmediate {
            first = encode(branchOp, a: lhs, w: rhsImm)
        } else {
            first = encode(branchOp, a: lhs, b: fieldC(word))
        }
        code.removeLast(code.count - at)
        let b = emit(first)
        code.append(0)
        return Fixup(instruction: b, position: b + 1, inHighBits: false)
    }

    mutating func translateElse() throws {
        guard var frame = controls.last, frame.kind == .if else { throw invalid("else without if") }
        try finishArm(frame)
        if frame.emitting {
            let at = emit(encode(.br, w: 0))
            frame.fixups.append(Fixup(instruction: at, position: at, inHighBits: true))
        }
        bindLabel()
        if let elseFixup = frame.elseFixup {
            patch(elseFixup, to: code.count)
        }
        frame.elseFixup = nil
        resetLocalInitialization(to: frame.initLogHeight)
        frame.kind = .else
        frame.unreachable = false
        controls[controls.count - 1] = frame
        syncTop()
        // Re-enter with the parameters in their slots.
        var slot = frame.baseSlot
        for p in frame.parameters {
            operands.append(Operand(type: p, location: .stack, slot: slot, producer: nil))
            slot += width(p)
        }
    }

    /// Checks the frame's results are on the stack and puts them in the frame's result slots.
    mutating func finishArm(_ frame: ControlFrame) throws {
        let results = try pop(frame.results)
        guard operands.count == frame.height else { throw invalid("type mismatch") }
        for r in results { operands.append(r) }
        if frame.kind == .function {
            if emitting { emitReturn(results) }
        } else {
            for i in frame.height..<operands.count { materialize(at: i) }
        }
        operands.removeSubrange(frame.height...)
    }

    /// Returns `true` when the function's final `end` was reached.
    mutating func translateEnd() throws -> Bool {
        guard let frame = controls.last else { throw invalid("unexpected end") }
        if frame.kind == .if && !(frame.parameters.count == frame.results.count
                                  && zip(frame.parameters, frame.results).allSatisfy({ context.isSubtype($0, of: $1) })) {
            throw invalid("type mismatch")
        }
        try finishArm(frame)
        resetLocalInitialization(to: frame.initLogHeight)
        finishExceptionHandler(frame)
        if frame.kind == .function {
            closeCheckpoint()
            controls.removeLast()
            syncTop()
            return true
        }
        controls.removeLast()
        syncTop()
        bindLabel()
        let end = code.count
        for f in frame.fixups { patch(f, to: end) }
        if let elseFixup = frame.elseFixup { patch(elseFixup, to: end) }
        var slot = frame.baseSlot
        for r in frame.results {
            operands.append(Operand(type: r, location: .stack, slot: slot, producer: nil))
            maxSlot = max(maxSlot, slot + width(r))
            slot += width(r)
        }
        return false
    }

    func labelFrameIndex(_ depth: UInt32) throws -> Int {
        guard Int(depth) < controls.count else { throw invalid("unknown label") }
        return controls.count - 1 - Int(depth)
    }

    /// Copies `values` (bottom first) into the label slots of block, loop or if frame `target`.
    mutating func emitLabelMoves(_ values: [Operand], to target: Int) {
        let frame = controls[target]
        let destinations = slots(for: frame.labelTypes, from: frame.baseSlot)
        for (value, dst) in zip(values, destinations) { move(value, to: dst) }
    }

    /// Results go to slots 0...; a local that an earlier result would overwrite is first copied
    /// to its own slot, so no copy clobbers a later source.
    mutating func emitReturnMoves(_ values: [Operand]) {
        let destinations = slots(for: type.results, from: 0)
        var staged = values
        for i in staged.indices {
            guard case .local(let s) = staged[i].location else { continue }
            let clobbered = destinations[..<i].enumerated().contains { k, d in
                d < s + width(staged[i].type) && s < d + width(staged[k].type)
            }
            if clobbered {
                move(staged[i], to: staged[i].slot)
                staged[i].location = .stack
            }
        }
        for (value, dst) in zip(staged, destinations) { move(value, to: dst) }
    }

    /// Returns `values` from the function: one copy-and-return instruction when there is a single
    /// one-slot result already in a slot.
    mutating func emitReturn(_ values: [Operand]) {
        if values.count == 1, width(values[0].type) == 1, values[0].location.isNotConstant {
            let src = source(values[0])
            emit(src == 0 ? encode(.ret) : encode(.ret1, a: src))
            return
        }
        emitReturnMoves(values)
        emit(encode(.ret))
    }

    func needsMoves(_ values: [Operand], to target: Int) -> Bool {
        let frame = controls[target]
        let destinations = frame.kind == .function
            ? slots(for: type.results, from: 0)
            : slots(for: frame.labelTypes, from: frame.baseSlot)
        for (value, dst) in zip(values, destinations) {
            if value.location != .stack || value.slot != dst { return true }
        }
        return false
    }

    mutating func translateBr() throws {
        let depth = try reader.readU32()
        let target = try labelFrameIndex(depth)
        let values = try pop(controls[target].labelTypes)
        if emitting {
            if controls[target].kind == .function {
                emitReturn(values)
            } else {
                emitLabelMoves(values, to: target)
                emitBranch(.br, to: target)
            }
        }
        markUnreachable()
    }

    mutating func translateBrIf() throws {
        let depth = try reader.readU32()
        let target = try labelFrameIndex(depth)
        let condition = try pop(.i32)
        let labelTypes = controls[target].labelTypes
        let values = try pop(labelTypes)
        if emitting {
            let isReturn = controls[target].kind == .function
            if !isReturn && !needsMoves(values, to: target) {
                emitBranchIfTrue(condition, to: target)
            } else {
                // Skip over the moves when the condition is false.
                let skip = emitBranchIfFalse(condition)
                if isReturn {
                    emitReturn(values)
                } else {
                    emitLabelMoves(values, to: target)
                    emitBranch(.br, to: target)
                }
                bindLabel()
                patch(skip, to: code.count)
            }
        }
        for v in values { operands.append(v) }
        // The operands keep their identity; re-pushing keeps their types for validation.
        // What stays on the stack has the label's types (a subtype may have been passed).
        for i in (operands.count - values.count)..<operands.count {
            operands[i].type = labelTypes[i - (operands.count - values.count)]
        }
    }

    mutating func emitBranchIfTrue(_ condition: Operand, to target: Int) {
        if let fixup = fuseComparison(condition, negate: false) ?? fuseLoadTest(condition, test: .brIfNez) {
            if controls[target].kind == .loop {
                patch(fixup, to: controls[target].loopStart)
            } else {
                controls[target].fixups.append(fixup)
            }
            return
        }
        if let accOp = viaAccumulator(condition, into: { Op.brIfNez.fromAccumulator($0) }) {
            emitBranch(accOp, to: target)
            return
        }
        var condition = condition
        materializeConstant(&condition)
        emitBranch(.brIfNez, a: source(condition), to: target)
    }

    mutating func translateBrTable() throws {
        let count = try reader.readU32()
        guard Int(count) < reader.remaining else { throw ModuleError(.malformed, "unexpected end", offset: reader.position, section: "code", functionIndex: functionIndex) }
        var targets: [Int] = []
        targets.reserveCapacity(Int(count) + 1)
        for _ in 0...count {
            let depth = try reader.readU32()  // (read first: reading inside the call would copy self)
            targets.append(try labelFrameIndex(depth))
        }
        var index = try pop(.i32)
        let defaultTarget = targets[targets.count - 1]
        let defaultTypes = controls[defaultTarget].labelTypes
        // Every label must accept the operands. Labels typed like the default one need no
        // check of their own (tables are often thousands of entries over a few labels).
        var checked = [Bool](repeating: false, count: controls.count)
        checked[defaultTarget] = true
        for t in targets where !checked[t] {
            checked[t] = true
            let types = controls[t].labelTypes
            guard types.count == defaultTypes.count else { throw invalid("type mismatch") }
            if types == defaultTypes { continue }
            // WebAssembly 1.0 required every label of a br_table to have the same types.
            guard context.features.contains(.referenceTypes) else { throw invalid("type mismatch") }
            let popped = try pop(types)
            for v in popped { operands.append(v) }
        }
        let values = try pop(defaultTypes)
        if emitting {
            materializeConstant(&index)
            let tableStart = emit(encode(.brTable, a: source(index), w: count))
            for _ in 0...count { code.append(0) }
            // Each entry jumps to its label directly, or to a stub that moves the values first
            // (one stub per label, shared by its entries).
            var stubs = [Int?](repeating: nil, count: controls.count)
            for (i, t) in targets.enumerated() {
                let entry = tableStart + 1 + i
                if let stub = stubs[t] {
                    code[entry] = UInt64(bitPattern: Int64(stub - tableStart))
                } else if controls[t].kind != .function && (values.isEmpty || !needsMoves(values, to: t)) {
                    if controls[t].kind == .loop {
                        code[entry] = UInt64(bitPattern: Int64(controls[t].loopStart - tableStart))
                    } else {
                        controls[t].fixups.append(Fixup(instruction: tableStart, position: entry, inHighBits: false))
                    }
                } else {
                    bindLabel()
                    stubs[t] = code.count
                    code[entry] = UInt64(bitPattern: Int64(code.count - tableStart))
                    if controls[t].kind == .function {
                        emitReturn(values)
                    } else {
                        emitLabelMoves(values, to: t)
                        emitBranch(.br, to: t)
                    }
                }
            }
        }
        markUnreachable()
    }

    mutating func translateReturn() throws {
        let values = try pop(type.results)
        if emitting { emitReturn(values) }
        markUnreachable()
    }

    /// Arguments must be in consecutive slots at the top of the stack: the callee's frame starts there.
    mutating func prepareCallArguments(_ parameters: [ValueType]) throws -> Int {
        let args = try pop(parameters)
        for a in args { operands.append(a) }
        for i in (operands.count - args.count)..<operands.count { materialize(at: i) }
        let base = args.first?.slot ?? nextSlot
        operands.removeLast(args.count)
        return base
    }

    mutating func pushResults(_ results: [ValueType]) {
        for r in results { push(r) }
    }

    mutating func translateCall() throws {
        let index = try reader.readU32()
        guard let calleeType = context.functionType(index) else { throw invalid("unknown function \(index)") }
        let base = try prepareCallArguments(calleeType.parameters)
        if emitting {
            guard base <= maxFrameSlots else { throw slotLimit() }
            emit(encode(directCallOp(to: index) ?? .call, a: base, w: index))
        }
        pushResults(calleeType.results)
    }

    /// The direct-call form for a callee defined in this module (by how many local slots it has).
    func directCallOp(to index: UInt32) -> Op? {
        let defined = Int(index) - context.importedFunctionCount
        guard defined >= 0, defined < context.module.bodies.count else { return nil }
        var slots = 0
        for group in context.module.bodies[defined].localGroups {
            guard group.count <= 4 else { return .callDirectMany }
            slots += Int(group.count) * width(group.type)
            if slots > 4 { return .callDirectMany }
        }
        switch slots {
        case 0: return .callDirect0
        case 1: return .callDirect1
        case 2: return .callDirect2
        case 3: return .callDirect3
        default: return .callDirect4
        }
    }

    mutating func translateCallIndirect() throws {
        let typeIndex = try reader.readU32()
        let tableAt = reader.position
        let tableIndex: UInt32
        if context.features.contains(.referenceTypes) {
            tableIndex = try reader.readU32()
        } else {
            let b = try reader.readByte()
            guard b == 0 else {
                throw ModuleError(.malformed, "zero byte expected", offset: tableAt, section: "code", functionIndex: functionIndex)
            }
            tableIndex = 0
        }
        guard Int(tableIndex) < context.tables.count else { throw invalid("unknown table \(tableIndex)") }
        guard Int(typeIndex) < context.types.count else { throw invalid("unknown type \(typeIndex)") }
        guard context.isSubtype(context.tables[Int(tableIndex)].elementType, of: .funcRef) else {
            throw invalid("type mismatch: call_indirect on a table of \(context.tables[Int(tableIndex)].elementType)")
        }
        let calleeType = context.types[Int(typeIndex)]
        var index = try pop(addressType(table: tableIndex))
        materializeConstant(&index)
        // The index may sit above the arguments; read it before the frame changes.
        let indexSlot = source(index)
        let base = try prepareCallArguments(calleeType.parameters)
        if emitting {
            guard base <= maxFrameSlots, tableIndex <= 0xFFFF else { throw slotLimit() }
            emit(encode(.callIndirect, a: base, b: indexSlot, c: Int(tableIndex)))
            code.append(UInt64(typeIndex))
        }
        pushResults(calleeType.results)
    }

    /// `return_call` and `return_call_indirect`: the callee's results become the function's.
    mutating func translateReturnCall(indirect: Bool) throws {
        guard context.features.contains(.tailCall) else { throw malformed("illegal opcode \(indirect ? "13" : "12")") }
        let index = try reader.readU32()
        var tableIndex: UInt32 = 0
        let calleeType: FunctionType
        var indexSlot = 0
        if indirect {
            tableIndex = try reader.readU32()
            guard Int(tableIndex) < context.tables.count else { throw invalid("unknown table \(tableIndex)") }
            guard Int(index) < context.types.count else { throw invalid("unknown type \(index)") }
            guard context.isSubtype(context.tables[Int(tableIndex)].elementType, of: .funcRef) else {
                throw invalid("type mismatch: return_call_indirect on a table of \(context.tables[Int(tableIndex)].elementType)")
            }
            calleeType = context.types[Int(index)]
        } else {
            guard let type = context.functionType(index) else { throw invalid("unknown function \(index)") }
            calleeType = type
        }
        guard calleeType.results.count == type.results.count,
              zip(calleeType.results, type.results).allSatisfy({ context.isSubtype($0, of: $1) }) else {
            throw invalid("type mismatch: the callee returns \(calleeType.results), the function \(type.results)")
        }
        if indirect {
            var element = try pop(addressType(table: tableIndex))
            materializeConstant(&element)
            indexSlot = source(element)
        }
        let base = try prepareCallArguments(calleeType.parameters)
        if emitting {
            guard base <= maxFrameSlots, tableIndex <= 0xFFFF else { throw slotLimit() }
            if indirect {
                emit(encode(.returnCallIndirect, a: base, b: indexSlot, c: Int(tableIndex)))
                code.append(UInt64(index))
            } else {
                emit(encode(.returnCall, a: base, w: index))
            }
        }
        markUnreachable()
    }

    func slotLimit() -> ModuleError {
        ModuleError(.implementationLimit, "function needs more than \(maxFrameSlots) value slots",
                    offset: instructionOffset, section: "code", functionIndex: functionIndex)
    }
}
