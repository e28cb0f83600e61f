// Decoding of element and data segments, and of constant expressions.

extension ModuleDecoder {

    // MARK: - Element segments

    mutating func decodeElementSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.elements.reserveCapacity(Swift.min(count, r.remaining / 2))
        for _ in 0..<count {
            module.elements.append(try readElementSegment(&r))
        }
    }

    /// One element segment. Under 2.0 rules (reference types or bulk memory) the segment starts
    /// with a flags field selecting one of eight encodings:
    ///
    /// | flags | mode                  | type field      | elements           |
    /// |-------|-----------------------|-----------------|--------------------|
    /// | 0     | active, table 0       | none (funcref)  | function indices   |
    /// | 1     | passive               | element kind    | function indices   |
    /// | 2     | active, explicit table| element kind    | function indices   |
    /// | 3     | declarative           | element kind    | function indices   |
    /// | 4     | active, table 0       | none (funcref)  | expressions        |
    /// | 5     | passive               | reference type  | expressions        |
    /// | 6     | active, explicit table| reference type  | expressions        |
    /// | 7     | declarative           | reference type  | expressions        |
    ///
    /// Under 1.0 rules it is a table index, an offset and function indices.
    func readElementSegment(_ r: inout ByteReader) throws -> ElementSegment {
        let offset = r.position
        guard features.contains(.referenceTypes) || features.contains(.bulkMemory) else {
            let table = try r.readU32()
            let offsetExpression = try readConstantExpression(&r)
            let initializers = try readFunctionIndices(&r)
            return ElementSegment(type: .funcRef, mode: .active(table: table, offset: offsetExpression),
                                  initializers: initializers, offset: offset)
        }

        let flags = try r.readU32()
        guard flags <= 7 else { throw r.error("malformed elements segment kind", at: offset) }
        let mode: ElementSegment.Mode
        switch flags & 3 {
        case 0:
            mode = .active(table: 0, offset: try readConstantExpression(&r))
        case 2:
            let table = try r.readU32()
            mode = .active(table: table, offset: try readConstantExpression(&r))
        case 1:
            mode = .passive
        default:
            mode = .declarative
        }
        let usesExpressions = flags & 4 != 0
        // Function indices are never null: under function references their type is (ref func).
        let indexType: ValueType = features.contains(.functionReferences) ? .ref(ReferenceType(.func, nullable: false)) : .funcRef
        var type = usesExpressions ? ValueType.funcRef : indexType
        if flags & 3 != 0 {
            if usesExpressions {
                type = try readReferenceType(&r)
            } else {
                let at = r.position
                guard try r.readByte() == 0x00 else { throw r.error("malformed element kind", at: at) }
            }
        }
        let initializers = usesExpressions ? try readConstantExpressions(&r) : try readFunctionIndices(&r)
        return ElementSegment(type: type, mode: mode, initializers: initializers, offset: offset)
    }

    /// A vector of function indices, each as a `ref.func` expression.
    private func readFunctionIndices(_ r: inout ByteReader) throws -> [ConstantExpression] {
        let count = try r.readLength()
        var result: [ConstantExpression] = []
        result.reserveCapacity(Swift.min(count, r.remaining))
        for _ in 0..<count {
            let at = r.position
            let index = try r.readU32()
            result.append(ConstantExpression(instructions: [.refFunc(index)], offset: at))
        }
        return result
    }

    private func readConstantExpressions(_ r: inout ByteReader) throws -> [ConstantExpression] {
        let count = try r.readLength()
        var result: [ConstantExpression] = []
        result.reserveCapacity(Swift.min(count, r.remaining / 2))
        for _ in 0..<count {
            result.append(try readConstantExpression(&r))
        }
        return result
    }

    // MARK: - Data segments

    mutating func decodeDataSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.data.reserveCapacity(Swift.min(count, r.remaining / 2))
        for _ in 0..<count {
            module.data.append(try readDataSegment(&r))
        }
    }

    /// One data segment: under 2.0 rules (bulk memory) flags 0 (active, memory 0), 1 (passive) or
    /// 2 (active, explicit memory); under 1.0 rules a memory index. Then the bytes.
    func readDataSegment(_ r: inout ByteReader) throws -> DataSegment {
        let offset = r.position
        let mode: DataSegment.Mode
        if features.contains(.bulkMemory) {
            let flags = try r.readU32()
            switch flags {
            case 0:
                mode = .active(memory: 0, offset: try readConstantExpression(&r))
            case 1:
                mode = .passive
            case 2:
                let memory = try r.readU32()
                mode = .active(memory: memory, offset: try readConstantExpression(&r))
            default:
                throw r.error("malformed data segment kind", at: offset)
            }
        } else {
            let memory = try r.readU32()
            mode = .active(memory: memory, offset: try readConstantExpression(&r))
        }
        let length = try r.readLength()
        let data = try r.readBytes(length)
        return DataSegment(mode: mode, bytes: data, offset: offset)
    }

    // MARK: - Constant expressions

    /// Instructions up to the final `end`. Constant instructions are decoded; an instruction
    /// that exists (under `features`) but is not constant is a validation error,
    /// "constant expression required"; an opcode that does not exist is malformed.
    func readConstantExpression(_ r: inout ByteReader) throws -> ConstantExpression {
        let start = r.position
        var instructions: [ConstantInstruction] = []
        while true {
            let at = r.position
            let opcode = try r.readByte()
            switch opcode {
            case 0x0B:
                return ConstantExpression(instructions: instructions, offset: start)
            case 0x41:
                instructions.append(.i32Const(UInt32(bitPattern: try r.readS32())))
            case 0x42:
                instructions.append(.i64Const(UInt64(bitPattern: try r.readS64())))
            case 0x43:
                instructions.append(.f32Const(try r.readF32Bits()))
            case 0x44:
                instructions.append(.f64Const(try r.readF64Bits()))
            case 0x23:
                instructions.append(.globalGet(try r.readU32()))
            case 0x6A...0x6C where features.contains(.extendedConst), 0x7C...0x7E where features.contains(.extendedConst):
                instructions.append(.integerArithmetic(opcode))
            case 0xD0 where features.contains(.referenceTypes):
                instructions.append(.refNull(try r.readHeapType(features)))
            case 0xD2 where features.contains(.referenceTypes):
                instructions.append(.refFunc(try r.readU32()))
            case 0x05:
                // `else` outside an `if`: the expression lacks its `end`.
                throw r.error("END opcode expected", at: at)
            case 0xFC, 0xFD:
                guard Opcodes.hasPrefix(opcode, features) else { throw illegalOpcode(r, at, opcode) }
                let subOpcode = try r.readU32()
                if opcode == 0xFD && subOpcode == 12 {
                    instructions.append(.v128Const(try r.readV128()))
                } else if Opcodes.isLegal(prefix: opcode, subOpcode, features) {
                    throw constantExpressionRequired(r, at)
                } else {
                    throw r.error("illegal opcode \(Opcodes.hex(opcode)) \(Opcodes.hex(subOpcode))", at: at)
                }
            default:
                guard Opcodes.isLegal(opcode, features) else { throw illegalOpcode(r, at, opcode) }
                throw constantExpressionRequired(r, at)
            }
        }
    }

    private func illegalOpcode(_ r: ByteReader, _ at: Int, _ opcode: UInt8) -> ModuleError {
        r.error("illegal opcode \(Opcodes.hex(opcode))", at: at)
    }

    private func constantExpressionRequired(_ r: ByteReader, _ at: Int) -> ModuleError {
        .invalid("constant expression required", at: at, section: r.section)
    }
}

/// Which opcodes exist under a set of features (to tell a non-constant instruction, invalid in
/// a constant expression, from an opcode that does not exist, which is malformed).
enum Opcodes {
    /// Single-byte opcodes (not the 0xFC/0xFD prefixes).
    static func isLegal(_ opcode: UInt8, _ features: Features) -> Bool {
        switch opcode {
        case 0x00...0x05, 0x0B...0x11, 0x1A, 0x1B, 0x20...0x24, 0x28...0xBF:
            return true
        case 0x12, 0x13:
            return features.contains(.tailCall)
        case 0x08, 0x0A, 0x1F:
            return features.contains(.exceptions)
        case 0x14, 0xD4...0xD6:
            return features.contains(.functionReferences)
        case 0x15:
            return features.contains(.functionReferences) && features.contains(.tailCall)
        case 0x1C, 0x25, 0x26, 0xD0...0xD2:
            return features.contains(.referenceTypes)
        case 0xC0...0xC4:
            return features.contains(.signExtension)
        default:
            return false
        }
    }

    /// Whether any instruction with this prefix exists under `features`.
    static func hasPrefix(_ prefix: UInt8, _ features: Features) -> Bool {
        switch prefix {
        case 0xFC: return !features.isDisjoint(with: [.saturatingFloatToInt, .bulkMemory, .referenceTypes])
        case 0xFD: return features.contains(.simd)
        default: return false
        }
    }

    static func isLegal(prefix: UInt8, _ subOpcode: UInt32, _ features: Features) -> Bool {
        switch (prefix, subOpcode) {
        case (0xFC, 0...7): return features.contains(.saturatingFloatToInt)
        case (0xFC, 8...14): return features.contains(.bulkMemory)
        case (0xFC, 15...17): return features.contains(.referenceTypes)
        case (0xFD, 0...0xFF): return features.contains(.simd) && !reservedSIMD.contains(subOpcode)
        case (0xFD, SIMDOpcodeInfo.relaxed): return features.contains(.simd) && features.contains(.relaxedSIMD)
        default: return false
        }
    }

    /// Unassigned SIMD opcodes below 0x100 (WebAssembly 2.0).
    static let reservedSIMD: Set<UInt32> = [0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB,
                                            0xC2, 0xC5, 0xC6, 0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xE2, 0xEE]

    static func hex<T: BinaryInteger>(_ value: T) -> String {
        let s = String(value, radix: 16)
        return s.count < 2 ? "0" + s : s
    }
}
