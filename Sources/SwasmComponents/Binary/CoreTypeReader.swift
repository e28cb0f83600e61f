import SwasmBinary

// Core types inside components (core type section, module types) and the canonical section.
extension ComponentReader {
    mutating func readCoreValueType() throws -> ValueType {
        var core = ByteReader(bytes: bytes, position: position, end: end)
        do {
            let t = try core.readValueType(.default)
            position = core.position
            return t
        } catch let e as ModuleError {
            let message = e.message == ByteReader.unexpectedEnd ? "unexpected end-of-file" : e.message
            throw ComponentError.malformed(message, at: e.offset ?? position)
        }
    }

    /// A core type of the core type section or a type declarator: a rec group of function
    /// types, or (`0x50`) a module type. A non-final `sub` type takes a `0x00` prefix there.
    mutating func readCoreType() throws -> CoreTypeDef {
        let b = try peekByte()
        switch b {
        case 0x00:
            position += 1
            let x = try peekByte()
            guard x == 0x50 else { throw invalidLeadingByte(x, "non-final sub type", at: position) }
            return .functions(try readRecGroup())
        case 0x50:
            position += 1
            return .module(try vector(&self) { try $0.readModuleTypeDecl() })
        default:
            return .functions(try readRecGroup())
        }
    }

    mutating func readRecGroup() throws -> [FunctionType] {
        if try peekByte() == 0x4E {
            position += 1
            return try vector(&self) { try $0.readSubType() }
        }
        return [try readSubType()]
    }

    mutating func readSubType() throws -> FunctionType {
        let b = try peekByte()
        if b == 0x50 || b == 0x4F {
            position += 1
            let supertypes = try vector(&self) { try $0.readU32() }
            if !supertypes.isEmpty {
                throw ComponentError.malformed("core subtypes with supertypes are not supported", at: position)
            }
        }
        let c = try readByte()
        guard c == 0x60 else { throw invalidLeadingByte(c, "core type (only function types are supported)") }
        let params = try vector(&self) { try $0.readCoreValueType() }
        let results = try vector(&self) { try $0.readCoreValueType() }
        return FunctionType(parameters: params, results: results)
    }

    mutating func readModuleTypeDecl() throws -> ModuleTypeDecl {
        let b = try readByte()
        switch b {
        case 0x00:
            return .import(module: try readString(), name: try readString(), try readCoreTypeRef())
        case 0x01:
            return .type(try readRecGroup())
        case 0x02:
            let kind = try readByte()
            guard kind == 0x10 else { throw invalidLeadingByte(kind, "outer alias kind") }
            let target = try readByte()
            guard target == 0x01 else { throw invalidLeadingByte(target, "outer alias target") }
            return .outerTypeAlias(count: try readU32(), index: try readU32())
        case 0x03:
            return .export(try readString(), try readCoreTypeRef())
        default:
            throw invalidLeadingByte(b, "type definition")
        }
    }

    mutating func readLimits(_ flags: UInt8) throws -> Limits {
        let is64 = flags & 0x04 != 0
        let min = is64 ? try readU64() : UInt64(try readU32())
        let max: UInt64? = flags & 0x01 != 0 ? (is64 ? try readU64() : UInt64(try readU32())) : nil
        return Limits(min: min, max: max)
    }

    mutating func readU64() throws -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 && b > 1 { throw ComponentError.malformed("invalid var_u64: integer too large", at: start) }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readCoreTypeRef() throws -> CoreTypeRef {
        let b = try readByte()
        switch b {
        case 0x00: return .function(typeIndex: try readU32())
        case 0x01:
            let element = try readCoreValueType()
            guard element.isReference else { throw ComponentError.malformed("malformed reference type", at: position - 1) }
            let flags = try readByte()
            guard flags <= 0x05 else { throw invalidLeadingByte(flags, "table type") }
            return .table(TableType(elementType: element, limits: try readLimits(flags)))
        case 0x02:
            let flags = try readByte()
            guard flags <= 0x07 else { throw invalidLeadingByte(flags, "memory type") }
            let limits = try readLimits(flags)
            return .memory(CoreMemoryType(limits: limits, shared: flags & 0x02 != 0, memory64: flags & 0x04 != 0))
        case 0x03:
            let t = try readCoreValueType()
            return .global(GlobalType(valueType: t, isMutable: try readBool()))
        case 0x04:
            try readZero()
            return .tag(typeIndex: try readU32())
        default:
            throw invalidLeadingByte(b, "external kind")
        }
    }

    mutating func readCanonOptions() throws -> [CanonOption] {
        try vector(&self) { r in
            let b = try r.readByte()
            switch b {
            case 0x00: return .utf8
            case 0x01: return .utf16
            case 0x02: return .latin1UTF16
            case 0x03: return .memory(try r.readU32())
            case 0x04: return .realloc(try r.readU32())
            case 0x05: return .postReturn(try r.readU32())
            case 0x06: return .async
            case 0x07: return .callback(try r.readU32())
            case 0x08: return .coreType(try r.readU32())
            case 0x09: return .gc
            default: throw r.invalidLeadingByte(b, "canonical option")
            }
        }
    }

    mutating func readCanon() throws -> CanonDef {
        let b = try readByte()
        switch b {
        case 0x00:
            let s = try readByte()
            guard s == 0x00 else { throw invalidLeadingByte(s, "canonical function lift") }
            let f = try readU32()
            let options = try readCanonOptions()
            return .lift(coreFunction: f, options: options, type: try readU32())
        case 0x01:
            let s = try readByte()
            guard s == 0x00 else { throw invalidLeadingByte(s, "canonical function lower") }
            let f = try readU32()
            return .lower(function: f, options: try readCanonOptions())
        case 0x02: return .resourceNew(try readU32())
        case 0x03: return .resourceDrop(try readU32())
        case 0x04: return .resourceRep(try readU32())
        // The async, threading and error-context built-ins: decoded, rejected by validation.
        case 0x24: return .unsupported("backpressure.inc")
        case 0x25: return .unsupported("backpressure.dec")
        case 0x09:
            _ = try readResultList()
            _ = try readCanonOptions()
            return .unsupported("task.return")
        case 0x05: return .unsupported("task.cancel")
        case 0x0A, 0x0B:
            _ = try readCoreValueType()
            _ = try readU32()
            return .unsupported(b == 0x0A ? "context.get" : "context.set")
        case 0x06: _ = try readBool(); return .unsupported("subtask.cancel")
        case 0x0D: return .unsupported("subtask.drop")
        case 0x0E: _ = try readU32(); return .unsupported("stream.new")
        case 0x0F, 0x10:
            _ = try readU32()
            _ = try readCanonOptions()
            return .unsupported(b == 0x0F ? "stream.read" : "stream.write")
        case 0x11, 0x12:
            _ = try readU32()
            _ = try readBool()
            return .unsupported(b == 0x11 ? "stream.cancel-read" : "stream.cancel-write")
        case 0x13: _ = try readU32(); return .unsupported("stream.drop-readable")
        case 0x14: _ = try readU32(); return .unsupported("stream.drop-writable")
        case 0x15: _ = try readU32(); return .unsupported("future.new")
        case 0x16, 0x17:
            _ = try readU32()
            _ = try readCanonOptions()
            return .unsupported(b == 0x16 ? "future.read" : "future.write")
        case 0x18, 0x19:
            _ = try readU32()
            _ = try readBool()
            return .unsupported(b == 0x18 ? "future.cancel-read" : "future.cancel-write")
        case 0x1A: _ = try readU32(); return .unsupported("future.drop-readable")
        case 0x1B: _ = try readU32(); return .unsupported("future.drop-writable")
        case 0x1C: _ = try readCanonOptions(); return .unsupported("error-context.new")
        case 0x1D: _ = try readCanonOptions(); return .unsupported("error-context.debug-message")
        case 0x1E: return .unsupported("error-context.drop")
        case 0x1F: return .unsupported("waitable-set.new")
        case 0x20, 0x21:
            _ = try readBool()
            _ = try readU32()
            return .unsupported(b == 0x20 ? "waitable-set.wait" : "waitable-set.poll")
        case 0x22: return .unsupported("waitable-set.drop")
        case 0x23: return .unsupported("waitable.join")
        case 0x26: return .unsupported("thread.index")
        case 0x27:
            _ = try readU32()
            _ = try readU32()
            return .unsupported("thread.new-indirect")
        case 0x28: return .unsupported("thread.resume-later")
        case 0x29: _ = try readBool(); return .unsupported("thread.suspend")
        case 0x0C: _ = try readBool(); return .unsupported("thread.yield")
        case 0x2A: _ = try readBool(); return .unsupported("thread.suspend-then-resume")
        case 0x2B: _ = try readBool(); return .unsupported("thread.yield-then-resume")
        case 0x2C: _ = try readBool(); return .unsupported("thread.suspend-then-promote")
        case 0x2D: _ = try readBool(); return .unsupported("thread.yield-then-promote")
        case 0x40: _ = try readU32(); return .unsupported("thread.spawn-ref")
        case 0x41:
            _ = try readU32()
            _ = try readU32()
            return .unsupported("thread.spawn-indirect")
        case 0x42: return .unsupported("thread.available-parallelism")
        default:
            throw invalidLeadingByte(b, "canonical function")
        }
    }
}
