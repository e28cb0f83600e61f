import SwasmBinary

/// SIMD (0xFD-prefixed) instructions: validation and emission. See `SIMDOp` for the encoding.
extension FunctionTranslator {
    mutating func translateSIMD() throws {
        let sub = try reader.readU32()
        guard sub <= 0x113, let op = SIMDOp(rawValue: UInt16(sub)),
              !op.isRelaxed || context.features.contains(.relaxedSIMD) else {
            throw malformed("illegal opcode fd \(sub)")
        }
        switch op.shape {
        case .load(let natural):
            let (offset, memory, is64) = try readMemoryArgument(naturalAlignment: natural)
            var address = try pop(is64 ? .i64 : .i32)
            let dst = address.slot
            if emitting {
                materializeConstant(&address)
                let at = emitProducer(encode(usesFastPath(memory: memory) ? .simdLoad : .simdLoadMemory, a: dst, b: source(address)), offset,
                                      UInt64(op.rawValue) | UInt64(memory) << 32)
                push(.v128, producer: at)
            } else {
                push(.v128)
            }
        case .loadLane(let natural, let lanes):
            let (offset, memory, is64) = try readMemoryArgument(naturalAlignment: natural)
            let lane = try readLane(lanes)
            var vector = try pop(.v128)
            var address = try pop(is64 ? .i64 : .i32)
            let dst = address.slot
            if emitting {
                materializeConstant(&address)
                materializeConstant(&vector)
                let at = emitProducer(encode(usesFastPath(memory: memory) ? .simdLoad : .simdLoadMemory, a: dst, b: source(address),
                                             c: source(vector)), offset,
                                      UInt64(op.rawValue) | UInt64(lane) << 16 | UInt64(memory) << 32)
                push(.v128, producer: at)
            } else {
                push(.v128)
            }
        case .store:
            let (offset, memory, is64) = try readMemoryArgument(naturalAlignment: 4)
            try translateSIMDStore(op, offset: offset, memory: memory, is64: is64, lane: 0)
        case .storeLane(let natural, let lanes):
            let (offset, memory, is64) = try readMemoryArgument(naturalAlignment: natural)
            let lane = try readLane(lanes)
            try translateSIMDStore(op, offset: offset, memory: memory, is64: is64, lane: lane)
        case .constant:
            let value = try reader.readV128()
            if emitting {
                let at = emitProducer(encode(.const128, a: nextSlot), value.low, value.high)
                push(.v128, producer: at)
            } else {
                push(.v128)
            }
        case .shuffle:
            var selectors: [UInt8] = []
            selectors.reserveCapacity(16)
            for _ in 0..<16 { selectors.append(try readLane(32)) }
            var low: UInt64 = 0
            var high: UInt64 = 0
            for i in 0..<8 {
                low |= UInt64(selectors[i]) << (8 * UInt64(i))
                high |= UInt64(selectors[i + 8]) << (8 * UInt64(i))
            }
            try translateSIMDOperation(op, operands: [.v128, .v128], result: .v128, extra: [low, high])
        case .splat(let t):
            try translateSIMDOperation(op, operands: [t], result: .v128)
        case .extractLane(let lanes, let t):
            let lane = try readLane(lanes)
            try translateSIMDOperation(op, operands: [.v128], result: t, lane: lane)
        case .replaceLane(let lanes, let t):
            let lane = try readLane(lanes)
            try translateSIMDOperation(op, operands: [.v128, t], result: .v128, lane: lane)
        case .unary:
            try translateSIMDOperation(op, operands: [.v128], result: .v128)
        case .binary:
            try translateSIMDOperation(op, operands: [.v128, .v128], result: .v128)
        case .ternary:
            try translateSIMDOperation(op, operands: [.v128, .v128, .v128], result: .v128)
        case .test:
            try translateSIMDOperation(op, operands: [.v128], result: .i32)
        case .shift:
            try translateSIMDOperation(op, operands: [.v128, .i32], result: .v128)
        }
    }

    /// Reads a lane index immediate (one byte) and checks it is below `lanes`.
    private mutating func readLane(_ lanes: UInt8) throws -> UInt8 {
        let lane = try reader.readByte()
        guard lane < lanes else { throw invalid("invalid lane index") }
        return lane
    }

    private mutating func translateSIMDStore(_ op: SIMDOp, offset: UInt64, memory: UInt32, is64: Bool, lane: UInt8) throws {
        var value = try pop(.v128)
        var address = try pop(is64 ? .i64 : .i32)
        if emitting {
            materializeConstant(&value)
            materializeConstant(&address)
            emit(encode(usesFastPath(memory: memory) ? .simdStore : .simdStoreMemory, a: source(value), b: source(address)))
            code.append(offset)
            code.append(UInt64(op.rawValue) | UInt64(lane) << 16 | UInt64(memory) << 32)
        }
    }

    /// A non-memory operation: pops `operands` (first = bottom), writes its result over the first
    /// operand's slot.
    private mutating func translateSIMDOperation(_ op: SIMDOp, operands types: [ValueType], result: ValueType,
                                                 lane: UInt8 = 0, extra: [UInt64] = []) throws {
        var values = try pop(types)
        guard emitting else {
            push(result)
            return
        }
        for i in values.indices { materializeConstant(&values[i]) }
        let dst = values[0].slot
        let b = source(values[0])
        let c = values.count > 1 ? source(values[1]) : 0
        let third = values.count > 2 ? UInt64(source(values[2])) : 0
        let at = emitProducer(encode(.simd, a: dst, b: b, c: c), UInt64(op.rawValue) | UInt64(lane) << 16 | third << 32)
        code.append(contentsOf: extra)
        push(result, producer: at)
    }
}
