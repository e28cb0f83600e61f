import SwasmBinary

/// Memory, table and reference instructions.
extension FunctionTranslator {
    private struct MemoryAccess {
        let type: ValueType
        let isStore: Bool
        let naturalAlignment: UInt32
        let op: Op
        /// Bytes accessed: the plain and absolute forms keep offset + width in their word 1, so a
        /// handler's bounds check is one add and one compare.
        var width: UInt64 { 1 << UInt64(naturalAlignment) }
    }

    private static let accesses: [MemoryAccess] = [
        MemoryAccess(type: .i32, isStore: false, naturalAlignment: 2, op: .load32u),   // 0x28 i32.load
        MemoryAccess(type: .i64, isStore: false, naturalAlignment: 3, op: .load64),    // 0x29 i64.load
        MemoryAccess(type: .f32, isStore: false, naturalAlignment: 2, op: .load32u),   // 0x2A f32.load
        MemoryAccess(type: .f64, isStore: false, naturalAlignment: 3, op: .load64),    // 0x2B f64.load
        MemoryAccess(type: .i32, isStore: false, naturalAlignment: 0, op: .load8s),    // 0x2C i32.load8_s
        MemoryAccess(type: .i32, isStore: false, naturalAlignment: 0, op: .load8u),    // 0x2D i32.load8_u
        MemoryAccess(type: .i32, isStore: false, naturalAlignment: 1, op: .load16s),   // 0x2E i32.load16_s
        MemoryAccess(type: .i32, isStore: false, naturalAlignment: 1, op: .load16u),   // 0x2F i32.load16_u
        MemoryAccess(type: .i64, isStore: false, naturalAlignment: 0, op: .load8s),    // 0x30 i64.load8_s
        MemoryAccess(type: .i64, isStore: false, naturalAlignment: 0, op: .load8u),    // 0x31 i64.load8_u
        MemoryAccess(type: .i64, isStore: false, naturalAlignment: 1, op: .load16s),   // 0x32 i64.load16_s
        MemoryAccess(type: .i64, isStore: false, naturalAlignment: 1, op: .load16u),   // 0x33 i64.load16_u
        MemoryAccess(type: .i64, isStore: false, naturalAlignment: 2, op: .load32s),   // 0x34 i64.load32_s
        MemoryAccess(type: .i64, isStore: false, naturalAlignment: 2, op: .load32u),   // 0x35 i64.load32_u
        MemoryAccess(type: .i32, isStore: true, naturalAlignment: 2, op: .store32),    // 0x36 i32.store
        MemoryAccess(type: .i64, isStore: true, naturalAlignment: 3, op: .store64),    // 0x37 i64.store
        MemoryAccess(type: .f32, isStore: true, naturalAlignment: 2, op: .store32),    // 0x38 f32.store
        MemoryAccess(type: .f64, isStore: true, naturalAlignment: 3, op: .store64),    // 0x39 f64.store
        MemoryAccess(type: .i32, isStore: true, naturalAlignment: 0, op: .store8),     // 0x3A i32.store8
        MemoryAccess(type: .i32, isStore: true, naturalAlignment: 1, op: .store16),    // 0x3B i32.store16
        MemoryAccess(type: .i64, isStore: true, naturalAlignment: 0, op: .store8),     // 0x3C i64.store8
        MemoryAccess(type: .i64, isStore: true, naturalAlignment: 1, op: .store16),    // 0x3D i64.store16
        MemoryAccess(type: .i64, isStore: true, naturalAlignment: 2, op: .store32),    // 0x3E i64.store32
    ]

    /// Reads a memarg and checks its memory exists, the alignment is at most `natural` and the
    /// offset fits the memory's addresses (any u64 for a 64-bit memory). Returns the offset,
    /// the memory index and whether the memory is 64-bit.
    mutating func readMemoryArgument(naturalAlignment: UInt32) throws -> (offset: UInt64, memory: UInt32, is64: Bool) {
        let argument = try reader.readMemoryArgument(context.features)
        try requireMemory(argument.memory)
        guard argument.alignment <= naturalAlignment else { throw invalid("alignment must not be larger than natural") }
        let is64 = context.memories[Int(argument.memory)].is64
        guard is64 || argument.offset <= UInt64(UInt32.max) else { throw invalid("offset out of range") }
        return (argument.offset, argument.memory, is64)
    }

    /// The type of a (validated) memory's addresses: `i32`, or `i64` for a 64-bit memory.
    func addressType(memory index: UInt32) -> ValueType { context.memories[Int(index)].addressType }

    /// The type of a (validated) table's indices: `i32`, or `i64` for a table64.
    func addressType(table index: UInt32) -> ValueType { context.tables[Int(index)].addressType }

    /// Whether an instruction on this memory takes memory 0's fast path (its base and size in
    /// the handler registers, 32-bit addresses), or the generic form that names the memory.
    func usesFastPath(memory index: UInt32) -> Bool { index == 0 && !context.memories[0].is64 }

    func requireMemory(_ index: UInt32 = 0) throws {
        guard Int(index) < context.memories.count else { throw invalid("unknown memory \(index)") }
    }

    /// Reads the memory index of `memory.size`, `memory.fill`... and checks the memory exists.
    mutating func readMemoryIndex() throws -> UInt32 {
        let index = try reader.readMemoryIndex(context.features)
        try requireMemory(index)
        return index
    }

    /// A load or store on a memory other than memory 0, or on a 64-bit memory: the generic
    /// form, which finds the memory by index (none of memory 0's fused forms).
    private mutating func translateOtherMemoryAccess(_ access: MemoryAccess, offset: UInt64, memory: UInt32, is64: Bool) throws {
        guard let op = is64 ? access.op.memory64 : access.op.otherMemory else { throw invalid("unsupported memory access") }
        let addressType: ValueType = is64 ? .i64 : .i32
        if access.isStore {
            let s = try popSlots([addressType, access.type])
            if emitting {
                emit(encode(op, a: s[1], b: s[0]))
                code.append(offset)
                code.append(UInt64(memory))
            }
        } else {
            var address = try pop(addressType)
            let dst = address.slot
            if emitting {
                materializeConstant(&address)
                let at = emitProducer(encode(op, a: dst, b: source(address)), offset, UInt64(memory))
                push(access.type, producer: at)
            } else {
                push(access.type)
            }
        }
    }

    mutating func translateLoadStore(_ opcode: UInt8) throws {
        let access = Self.accesses[Int(opcode) - 0x28]
        let (offset, memory, is64) = try readMemoryArgument(naturalAlignment: access.naturalAlignment)
        if !usesFastPath(memory: memory) { return try translateOtherMemoryAccess(access, offset: offset, memory: memory, is64: is64) }
        if access.isStore {
            var value = try pop(access.type)
            var address = try pop(.i32)
            if emitting {
                // A constant address: address + offset is known here (no wrap: both are 32-bit).
                if case .constant(let c) = address.location, let absolute = access.op.absoluteAccess {
                    let end = (c & 0xFFFF_FFFF) &+ offset &+ access.width
                    if fuseReadModifyWrite(value, store: absolute, addressSlot: nil, word: end) { return }
                    if let accOp = viaAccumulator(value, into: { absolute.fromAccumulator($0) }) {
                        emit(encode(accOp))
                    } else {
                        materializeConstant(&value)
                        emit(encode(absolute, a: source(value)))
                    }
                    code.append(end)
                    return
                }
                // `i32.add x, imm` computed the address just before (the value needs no code).
                if value.location != .stack, let (at, producer) = justProduced(address), producer == .i32AddImm,
                   let fused = access.op.addImmAccess {
                    let x = fieldB(code[at])
                    let imm = code[at + 1] & 0xFFFF_FFFF
                    if case .constant(let v) = value.location, let storeImm = fused.immediateStore {
                        code.removeLast(code.count - at)
                        emit(encode(storeImm, b: x))
                        code.append(offset | imm << 32)
                        code.append(v)
                        return
                    }
                    if case .local = value.location {
                        code.removeLast(code.count - at)
                        emit(encode(fused, a: source(value), b: x))
                        code.append(offset | imm << 32)
                        return
                    }
                }
                // A constant value (32 bits at most) travels in the instruction.
                if case .constant(let v) = value.location, v <= UInt64(UInt32.max) || access.naturalAlignment < 3,
                   let storeImm = access.op.immediateStore {
                    materializeConstant(&address)
                    emit(encode(storeImm, b: source(address)))
                    code.append(offset | (v & 0xFFFF_FFFF) << 32)
                    return
                }
                materializeConstant(&value)
                materializeConstant(&address)
                if fuseReadModifyWrite(value, store: access.op, addressSlot: source(address), word: offset &+ access.width) { return }
                if let accOp = viaAccumulator(value, into: { access.op.fromAccumulator($0) }) {
                    emit(encode(accOp, b: source(address)))
                } else {
                    emit(encode(access.op, a: source(value), b: source(address)))
                }
                code.append(offset &+ access.width)
            }
        } else {
            var address = try pop(.i32)
            let dst = address.slot
            if emitting {
                if case .constant(let c) = address.location, let absolute = access.op.absoluteAccess {
                    let load = emitProducer(encode(absolute, a: dst), (c & 0xFFFF_FFFF) &+ offset &+ access.width)
                    push(access.type, producer: load)
                    return
                }
                // `i32.add x, imm` just before: fold it into the load (the sum still wraps at 32 bits).
                if let at = address.producer, at == lastProducer, address.location == .stack,
                   decodeOp(code[at]) == .i32AddImm, let fused = access.op.addImmAccess {
                    let source = fieldB(code[at])
                    let imm = code[at + 1] & 0xFFFF_FFFF
                    code.removeLast(code.count - at)
                    let load = emitProducer(encode(fused, a: dst, b: source), offset | imm << 32)
                    push(access.type, producer: load)
                    return
                }
                // The same when that addition read the accumulator (which still holds its input).
                if let (at, producer) = justProduced(address) {
                    let word = code[at]
                    var fused: (op: Op, b: Int, extra: UInt64)?
                    switch producer {
                    case .i32AddImmAccLhs:
                        fused = access.op.addImmFromAccLoad.map { ($0, 0, offset | (code[at + 1] & 0xFFFF_FFFF) << 32) }
                    case .i32AddShlImmAccLhs:  // C + (acc << k)
                        fused = access.op.indexedFromAccLoad.map { ($0, fieldC(word), offset | (code[at + 1] & 31) << 32) }
                    case .i32AddAccLhs:  // acc + C
                        fused = access.op.indexedFromAccLoad.map { ($0, fieldC(word), offset) }
                    default:
                        break
                    }
                    if let fused {
                        code.removeLast(code.count - at)
                        let load = emitProducer(encode(fused.op, a: dst, b: fused.b), fused.extra)
                        push(access.type, producer: load)
                        return
                    }
                }
                // `b + (c << k)` or `b + c` just before: an indexed load.
                if let (at, producer) = justProduced(address), let fused = access.op.indexedLoad,
                   producer == .i32Add || producer == .i32AddShlImm {
                    let word = code[at]
                    let shift = producer == .i32Add ? 0 : code[at + 1] & 31
                    // i32AddShlImm: B = the shifted index, C = the base.
                    let (base, index) = producer == .i32Add ? (fieldB(word), fieldC(word)) : (fieldC(word), fieldB(word))
                    code.removeLast(code.count - at)
                    let load = emitProducer(encode(fused, a: dst, b: base, c: index), offset | shift << 32)
                    push(access.type, producer: load)
                    return
                }
                materializeConstant(&address)
                let at: Int
                if let accOp = viaAccumulator(address, into: { access.op.fromAccumulator($0) }) {
                    at = emitProducer(encode(accOp, a: dst), offset &+ access.width)
                } else {
                    at = emitProducer(encode(access.op, a: dst, b: source(address)), offset &+ access.width)
                }
                push(access.type, producer: at)
            } else {
                push(access.type)
            }
        }
    }

    /// `mem[p] = mem[p] op x`: the value was computed, by the instruction just emitted, from a
    /// load of the same address (same slot, same offset word) and width: one instruction.
    mutating func fuseReadModifyWrite(_ value: Operand, store: Op, addressSlot: Int?, word: UInt64) -> Bool {
        guard let (at, producer) = justProduced(value), let inPlace = producer.inPlace(store),
              code[at + 1] == word, addressSlot.map({ fieldB(code[at]) == $0 }) ?? true else { return false }
        let operation = code[at]
        code.removeLast(code.count - at)
        emit(encode(inPlace, b: fieldB(operation), c: fieldC(operation)))
        code.append(word)
        return true
    }

    /// `memory.size` and `memory.grow`: sizes and deltas in pages, of the memory's address type.
    mutating func translateMemorySizeGrow(_ opcode: UInt8) throws {
        let memory = try readMemoryIndex()
        let type = addressType(memory: memory)
        let fast = usesFastPath(memory: memory)
        if opcode == 0x3F {
            if emitting {
                let at = fast ? emitProducer(encode(.memorySize, a: nextSlot))
                              : emitProducer(encode(.memorySizeMemory, a: nextSlot, w: memory))
                push(type, producer: at)
            } else {
                push(type)
            }
        } else {
            var delta = try pop(type)
            let dst = delta.slot
            if emitting {
                materializeConstant(&delta)
                let at = fast ? emitProducer(encode(.memoryGrow, a: dst, b: source(delta)))
                              : emitProducer(encode(.memoryGrowMemory, a: dst, b: source(delta)), UInt64(memory))
                push(type, producer: at)
            } else {
                push(type)
            }
        }
    }

    // MARK: 0xFC prefix

    mutating func translatePrefixFC() throws {
        let sub = try reader.readU32()
        switch sub {
        case 0...7:
            guard context.features.contains(.saturatingFloatToInt) else { throw malformed("illegal opcode fc \(sub)") }
            try translateNumeric(saturatingConversions[Int(sub)])
        case 8...17:
            guard context.features.contains(.bulkMemory) || (sub >= 12 && context.features.contains(.referenceTypes)) else {
                throw malformed("illegal opcode fc \(sub)")
            }
            try translateBulk(sub)
        default:
            throw malformed("illegal opcode fc \(sub)")
        }
    }

    /// A data segment index must name a segment. Without a data count section the binary is
    /// malformed as soon as an index names an existing segment; an index that names none is an
    /// invalid module either way (the suite's expectation for `(data.drop 0)` with no data).
    func checkDataIndex(_ index: UInt32) throws {
        if let count = context.dataCount {
            guard Int(index) < count else { throw invalid("unknown data segment \(index)") }
            return
        }
        guard Int(index) < context.module.data.count else { throw invalid("unknown data segment \(index)") }
        throw ModuleError(.malformed, "data count section required", offset: instructionOffset, section: "code",
                          functionIndex: functionIndex)
    }

    mutating func readTableIndex() throws -> UInt32 {
        let index = try reader.readU32()
        guard Int(index) < context.tables.count else { throw invalid("unknown table \(index)") }
        return index
    }

    mutating func readElementIndex() throws -> UInt32 {
        let index = try reader.readU32()
        guard Int(index) < context.module.elements.count else { throw invalid("unknown elem segment \(index)") }
        return index
    }

    /// Pops `types` and materialises constants; returns the operands' slots (bottom first).
    mutating func popSlots(_ types: [ValueType]) throws -> [Int] {
        var values = try pop(types)
        for i in values.indices { materializeConstant(&values[i]) }
        return values.map { source($0) }
    }

    mutating func translateBulk(_ sub: UInt32) throws {
        switch sub {
        case 8:  // memory.init
            let data = try reader.readU32()
            let memory = try readMemoryIndex()
            try checkDataIndex(data)
            let s = try popSlots([addressType(memory: memory), .i32, .i32])
            if emitting {
                emit(encode(.memoryInit, a: s[0], b: s[1], c: s[2]))
                code.append(UInt64(data) | UInt64(memory) << 32)
            }
        case 9:  // data.drop
            let data = try reader.readU32()
            try checkDataIndex(data)
            if emitting { emit(encode(.dataDrop, w: data)) }
        case 10:  // memory.copy
            let dstMemory = try readMemoryIndex()
            let srcMemory = try readMemoryIndex()
            // The count has the smaller address type of the two.
            let dstType = addressType(memory: dstMemory), srcType = addressType(memory: srcMemory)
            let s = try popSlots([dstType, srcType, dstType == .i64 && srcType == .i64 ? .i64 : .i32])
            if emitting {
                emit(encode(.memoryCopy, a: s[0], b: s[1], c: s[2]))
                code.append(UInt64(dstMemory) | UInt64(srcMemory) << 32)
            }
        case 11:  // memory.fill
            let memory = try readMemoryIndex()
            let type = addressType(memory: memory)
            let s = try popSlots([type, .i32, type])
            if emitting {
                emit(encode(.memoryFill, a: s[0], b: s[1], c: s[2]))
                code.append(UInt64(memory))
            }
        case 12:  // table.init
            let element = try readElementIndex()
            let table = try readTableIndex()
            guard context.isSubtype(context.module.elements[Int(element)].type, of: context.tables[Int(table)].elementType) else {
                throw invalid("type mismatch")
            }
            let s = try popSlots([addressType(table: table), .i32, .i32])
            if emitting {
                emit(encode(.tableInit, a: s[0], b: s[1], c: s[2]))
                code.append(UInt64(table) | UInt64(element) << 32)
            }
        case 13:  // elem.drop
            let element = try readElementIndex()
            if emitting { emit(encode(.elemDrop, w: element)) }
        case 14:  // table.copy
            let dstTable = try readTableIndex()
            let srcTable = try readTableIndex()
            guard context.isSubtype(context.tables[Int(srcTable)].elementType, of: context.tables[Int(dstTable)].elementType) else {
                throw invalid("type mismatch")
            }
            let dstType = addressType(table: dstTable), srcType = addressType(table: srcTable)
            let s = try popSlots([dstType, srcType, dstType == .i64 && srcType == .i64 ? .i64 : .i32])
            if emitting {
                emit(encode(.tableCopy, a: s[0], b: s[1], c: s[2]))
                code.append(UInt64(dstTable) | UInt64(srcTable) << 32)
            }
        case 15:  // table.grow
            let table = try readTableIndex()
            let type = context.tables[Int(table)].elementType
            let indexType = addressType(table: table)
            var delta = try pop(indexType)
            var initial = try pop(type)
            let dst = initial.slot
            if emitting {
                materializeConstant(&delta)
                materializeConstant(&initial)
                guard table <= 0xFFFF else { throw slotLimit() }
                emit(encode(.tableGrow, a: dst, b: source(delta), c: Int(table)))
                code.append(UInt64(source(initial)))
            }
            push(indexType)
        case 16:  // table.size
            let table = try readTableIndex()
            if emitting {
                guard table <= 0xFFFF else { throw slotLimit() }
                let at = emitProducer(encode(.tableSize, a: nextSlot, c: Int(table)))
                push(addressType(table: table), producer: at)
            } else {
                push(addressType(table: table))
            }
        default:  // 17: table.fill
            let table = try readTableIndex()
            let type = context.tables[Int(table)].elementType
            let indexType = addressType(table: table)
            let s = try popSlots([indexType, type, indexType])
            if emitting {
                emit(encode(.tableFill, a: s[0], b: s[1], c: s[2]))
                code.append(UInt64(table))
            }
        }
    }

    // MARK: Tables and references

    mutating func translateTableGet() throws {
        let table = try readTableIndex()
        var index = try pop(addressType(table: table))
        let dst = index.slot
        if emitting {
            materializeConstant(&index)
            guard table <= 0xFFFF else { throw slotLimit() }
            let at = emitProducer(encode(.tableGet, a: dst, b: source(index), c: Int(table)))
            push(context.tables[Int(table)].elementType, producer: at)
        } else {
            push(context.tables[Int(table)].elementType)
        }
    }

    mutating func translateTableSet() throws {
        let table = try readTableIndex()
        let s = try popSlots([addressType(table: table), context.tables[Int(table)].elementType])
        if emitting {
            guard table <= 0xFFFF else { throw slotLimit() }
            emit(encode(.tableSet, a: s[0], b: s[1], c: Int(table)))
        }
    }
}
