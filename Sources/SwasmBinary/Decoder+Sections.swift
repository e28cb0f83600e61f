// Decoding of the sections other than element and data segments (see Decoder+Segments.swift),
// and of the types they use.

extension ModuleDecoder {

    // MARK: - Custom sections

    mutating func decodeCustomSection(_ r: inout ByteReader, end: Int) throws {
        let name = try r.readName()
        // A name running past the section's end leaves a negative payload size.
        guard r.position <= end else { throw r.error(ByteReader.unexpectedEnd, at: end) }
        let payload = r.position..<end
        module.customSections.append(CustomSection(name: name, payload: payload))
        r.position = end
        // The name section is only a hint: parse the first one, ignoring what is malformed.
        if name == "name" && !parsedNameSection {
            parsedNameSection = true
            module.names = NameSectionParser.parse(bytes, payload)
        }
    }

    // MARK: - Types

    mutating func decodeTypeSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.types.reserveCapacity(Swift.min(count, r.remaining))
        for _ in 0..<count {
            let at = r.position
            let form = try r.readByte()
            guard form == 0x60 else {
                // The form is a one-byte s7 (-0x20): a continuation bit makes it too long.
                if form & 0x80 != 0 { throw r.error("integer representation too long", at: at) }
                throw r.error("malformed function type", at: at)
            }
            let parameters = try readValueTypes(&r)
            let results = try readValueTypes(&r)
            module.types.append(FunctionType(parameters: parameters, results: results))
        }
    }

    private func readValueTypes(_ r: inout ByteReader) throws -> [ValueType] {
        let count = try r.readLength()
        if count == 0 { return [] }
        var types: [ValueType] = []
        types.reserveCapacity(Swift.min(count, r.remaining))
        for _ in 0..<count {
            types.append(try r.readValueType(features))
        }
        return types
    }

    /// A reference type (as the value type it is).
    func readReferenceType(_ r: inout ByteReader) throws -> ValueType {
        .ref(try r.readReferenceType(features))
    }

    /// Limits: flags, then the minimum and, when bit 0 is set, the maximum. Before memory64 the
    /// flags are a one-bit unsigned LEB128 (u1) and the bounds u32. With it (3.0), the bounds
    /// are u64 whatever the address type (validation bounds them), bit 2 says the memory or
    /// table is 64-bit, and the flags must be 0, 1, 4 or 5 (bit 1, a shared memory, is the
    /// threads proposal, which swasm does not implement).
    func readLimits(_ r: inout ByteReader) throws -> (limits: Limits, is64: Bool) {
        let at = r.position
        let flag = try r.readByte()
        guard features.contains(.memory64) else {
            // As the reference interpreter reads the u1.
            guard flag & 0x7F <= 1 else { throw r.error("integer too large", at: at) }
            guard flag & 0x80 == 0 else { throw r.error("integer representation too long", at: at) }
            let min = UInt64(try r.readU32())
            return (Limits(min: min, max: flag == 1 ? UInt64(try r.readU32()) : nil), false)
        }
        guard flag & ~0x05 == 0 else { throw r.error("malformed limits flags", at: at) }
        let min = try r.readU64()
        let max = flag & 0x01 == 0 ? nil : try r.readU64()
        return (Limits(min: min, max: max), flag & 0x04 != 0)
    }

    func readTableType(_ r: inout ByteReader) throws -> TableType {
        let elementType = try readReferenceType(&r)
        let (limits, is64) = try readLimits(&r)
        return TableType(elementType: elementType, limits: limits, is64: is64)
    }

    func readMemoryType(_ r: inout ByteReader) throws -> MemoryType {
        let (limits, is64) = try readLimits(&r)
        return MemoryType(limits: limits, is64: is64)
    }

    func readGlobalType(_ r: inout ByteReader) throws -> GlobalType {
        let valueType = try r.readValueType(features)
        let at = r.position
        let mutability = try r.readByte()
        guard mutability <= 1 else { throw r.error("malformed mutability", at: at) }
        return GlobalType(valueType: valueType, isMutable: mutability == 1)
    }

    // MARK: - Imports

    mutating func decodeImportSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.imports.reserveCapacity(Swift.min(count, r.remaining / 4))
        for _ in 0..<count {
            let moduleName = try r.readName()
            let name = try r.readName()
            let at = r.position
            let kind = try r.readByte()
            let descriptor: ImportDescriptor
            switch kind {
            case 0x00:
                descriptor = .function(typeIndex: try r.readU32())
                importedFunctionCount += 1
            case 0x01: descriptor = .table(try readTableType(&r))
            case 0x02: descriptor = .memory(try readMemoryType(&r))
            case 0x03: descriptor = .global(try readGlobalType(&r))
            case 0x04 where features.contains(.exceptions): descriptor = .tag(typeIndex: try readTagType(&r))
            default: throw r.error("malformed import kind", at: at)
            }
            module.imports.append(Import(module: moduleName, name: name, descriptor: descriptor))
        }
    }

    // MARK: - Functions, tables, memories, globals

    mutating func decodeFunctionSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.functions.reserveCapacity(Swift.min(count, r.remaining))
        for _ in 0..<count {
            module.functions.append(try r.readU32())
        }
    }

    mutating func decodeTableSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.tables.reserveCapacity(Swift.min(count, r.remaining / 3))
        for _ in 0..<count {
            // `0x40 0x00 tabletype expr`: a table whose elements start as the expression's value.
            if try r.peekByte() == 0x40 && features.contains(.functionReferences) {
                r.position += 1
                let at = r.position
                guard try r.readByte() == 0x00 else { throw r.error("malformed table type", at: at) }
                module.tables.append(try readTableType(&r))
                module.tableInitializers.append(try readConstantExpression(&r))
            } else {
                module.tables.append(try readTableType(&r))
                module.tableInitializers.append(nil)
            }
        }
    }

    /// Tags (exception handling): an attribute byte (0, "exception") and a function type index.
    mutating func decodeTagSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.tags.reserveCapacity(Swift.min(count, r.remaining / 2))
        for _ in 0..<count {
            module.tags.append(try readTagType(&r))
        }
    }

    func readTagType(_ r: inout ByteReader) throws -> UInt32 {
        let at = r.position
        guard try r.readByte() == 0x00 else { throw r.error("malformed tag attribute", at: at) }
        return try r.readU32()
    }

    mutating func decodeMemorySection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.memories.reserveCapacity(Swift.min(count, r.remaining / 2))
        for _ in 0..<count {
            module.memories.append(try readMemoryType(&r))
        }
    }

    mutating func decodeGlobalSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.globals.reserveCapacity(Swift.min(count, r.remaining / 3))
        for _ in 0..<count {
            let type = try readGlobalType(&r)
            let initializer = try readConstantExpression(&r)
            module.globals.append(Global(type: type, initializer: initializer))
        }
    }

    // MARK: - Exports

    mutating func decodeExportSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.exports.reserveCapacity(Swift.min(count, r.remaining / 3))
        for _ in 0..<count {
            let name = try r.readName()
            let at = r.position
            let kind = try r.readByte()
            let descriptor: ExportDescriptor
            switch kind {
            case 0x00: descriptor = .function(try r.readU32())
            case 0x01: descriptor = .table(try r.readU32())
            case 0x02: descriptor = .memory(try r.readU32())
            case 0x03: descriptor = .global(try r.readU32())
            case 0x04 where features.contains(.exceptions): descriptor = .tag(try r.readU32())
            default: throw r.error("malformed export kind", at: at)
            }
            module.exports.append(Export(name: name, descriptor: descriptor))
        }
    }

    // MARK: - Code

    mutating func decodeCodeSection(_ r: inout ByteReader) throws {
        let count = try r.readLength()
        module.bodies.reserveCapacity(Swift.min(count, r.remaining / 2))
        for index in 0..<count {
            do {
                module.bodies.append(try readFunctionBody(&r))
            } catch var error as ModuleError {
                error.functionIndex = importedFunctionCount + index
                throw error
            }
        }
    }

    /// A body: its size, its local declarations, and (not decoded) its instructions.
    private func readFunctionBody(_ r: inout ByteReader) throws -> FunctionBody {
        let offset = r.position
        let size = try r.readLength()
        guard size <= r.remaining else { throw r.error(ByteReader.unexpectedEnd, at: r.end) }
        let bodyEnd = r.position + size
        // Like sections, the locals are read up to the end of the module, and must end inside
        // the body. (A body running past the end of the code section is caught by its size check.)
        let localsOffset = r.position
        let groupCount = try r.readLength()
        var groups: [FunctionBody.LocalGroup] = []
        if groupCount > 0 {
            groups.reserveCapacity(Swift.min(groupCount, r.remaining / 2))
            var total: UInt64 = 0
            for _ in 0..<groupCount {
                let n = try r.readU32()
                let type = try r.readValueType(features)
                total += UInt64(n)
                groups.append(FunctionBody.LocalGroup(count: n, type: type))
            }
            guard total <= UInt64(UInt32.max) else {
                throw r.error("too many locals", at: localsOffset)
            }
        }
        guard r.position <= bodyEnd else { throw r.error("section size mismatch", at: bodyEnd) }
        let code = r.position..<bodyEnd
        r.position = bodyEnd
        return FunctionBody(localGroups: groups, code: code, offset: offset)
    }
}
