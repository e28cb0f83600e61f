import SwasmBinary

/// One section of a component, decoded (nested components and core modules are handed over as
/// byte ranges).
enum ComponentSection {
    case custom(name: String)
    case coreModule(start: Int, end: Int)
    case coreInstances([CoreInstanceDef])
    case coreTypes([CoreTypeDef])
    case component(start: Int, end: Int)
    case instances([InstanceDef])
    case aliases([AliasDef])
    case types([TypeDef])
    case canons([CanonDef])
    case start(StartDef)
    case imports([(ExternName, ExternDesc)])
    case exports([ExportDef])

    var name: String {
        switch self {
        case .custom: return "custom"
        case .coreModule: return "core module"
        case .coreInstances: return "core instance"
        case .coreTypes: return "core type"
        case .component: return "component"
        case .instances: return "instance"
        case .aliases: return "alias"
        case .types: return "type"
        case .canons: return "canonical function"
        case .start: return "start"
        case .imports: return "import"
        case .exports: return "export"
        }
    }
}

/// Decodes the sections of one component (`bytes[start..<end]`, preamble included).
struct ComponentDecoder {
    let bytes: [UInt8]
    let start: Int
    let end: Int

    /// Checks the preamble of a component.
    static func checkComponentPreamble(_ bytes: [UInt8], start: Int, end: Int) throws {
        guard end - start >= 4 else { throw ComponentError.malformed("unexpected end-of-file", at: end) }
        guard bytes[start] == 0x00, bytes[start + 1] == 0x61, bytes[start + 2] == 0x73, bytes[start + 3] == 0x6D else {
            throw ComponentError.malformed("magic header not detected: bad magic number", at: start)
        }
        guard end - start >= 8 else { throw ComponentError.malformed("unexpected end-of-file", at: end) }
        let version = UInt16(bytes[start + 4]) | UInt16(bytes[start + 5]) << 8
        let layer = UInt16(bytes[start + 6]) | UInt16(bytes[start + 7]) << 8
        if layer == 0 {
            throw ComponentError.malformed("expected a version header for a component", at: start + 4)
        }
        guard layer == 1, version == 0x0D else {
            throw ComponentError.malformed("unknown binary version: 0x\(String(version, radix: 16))", at: start + 4)
        }
    }

    /// Decodes each section in turn and hands it to `handle` with its content's offset.
    func decode(_ handle: (ComponentSection, Int) throws -> Void) throws {
        try Self.checkComponentPreamble(bytes, start: start, end: end)
        var r = ComponentReader(bytes: bytes, position: start + 8, end: end)
        while !r.isAtEnd {
            let idOffset = r.position
            let id = try r.readByte()
            guard id <= 11 else { throw ComponentError.malformed("malformed section id: \(id)", at: idOffset) }
            let size = Int(try r.readU32())
            guard size <= r.remaining else { throw ComponentError.malformed("unexpected end-of-file", at: r.end) }
            let contentStart = r.position
            let contentEnd = contentStart + size
            var c = ComponentReader(bytes: bytes, position: contentStart, end: contentEnd)
            let section: ComponentSection
            do { section = try decodeSection(id, &c) } catch var e as ComponentError {
                if e.section == nil { e.section = Self.sectionNames[Int(id)] }
                throw e
            }
            if !c.isAtEnd, id != 0, id != 1, id != 4 {
                throw ComponentError.malformed("section size mismatch: unexpected data at the end of the section", at: c.position)
            }
            try handle(section, contentStart)
            r.position = contentEnd
        }
    }

    static let sectionNames = ["custom", "core module", "core instance", "core type", "component", "instance",
                               "alias", "type", "canonical function", "start", "import", "export"]

    private func decodeSection(_ id: UInt8, _ r: inout ComponentReader) throws -> ComponentSection {
        switch id {
        case 0:
            let name = try r.readString()
            r.position = r.end
            return .custom(name: name)
        case 1: return .coreModule(start: r.position, end: r.end)
        case 2: return .coreInstances(try items(&r) { try $0.readCoreInstance() })
        case 3: return .coreTypes(try items(&r) { try $0.readCoreType() })
        case 4: return .component(start: r.position, end: r.end)
        case 5: return .instances(try items(&r) { try $0.readInstance() })
        case 6: return .aliases(try items(&r) { try $0.readAlias() })
        case 7: return .types(try items(&r) { try $0.readType() })
        case 8: return .canons(try items(&r) { try $0.readCanon() })
        case 9:
            let f = try r.readU32()
            let args = try vector(&r) { try $0.readU32() }
            return .start(StartDef(function: f, arguments: args, results: try r.readU32()))
        case 10: return .imports(try items(&r) { r in (try r.readExternName(), try r.readExternDesc()) })
        default: return .exports(try items(&r) { try $0.readExport() })
        }
    }
}

/// A section's vector of items: errors name the item.
func items<T>(_ r: inout ComponentReader, _ item: (inout ComponentReader) throws -> T) throws -> [T] {
    let n = try r.readCount()
    var out: [T] = []
    out.reserveCapacity(n)
    for i in 0..<n {
        do { out.append(try item(&r)) } catch var e as ComponentError {
            e.index = i
            throw e
        }
    }
    return out
}

func vector<T>(_ r: inout ComponentReader, _ item: (inout ComponentReader) throws -> T) throws -> [T] {
    let n = try r.readCount()
    var items: [T] = []
    items.reserveCapacity(n)
    for _ in 0..<n { items.append(try item(&r)) }
    return items
}

extension ComponentReader {
    mutating func readCoreSort() throws -> CoreSort {
        let b = try readByte()
        guard let s = CoreSort(rawValue: b), s != .type || true else { throw invalidLeadingByte(b, "core sort") }
        return s
    }

    /// A core export kind (func, table, memory, global, tag).
    mutating func readExternalKind() throws -> CoreSort {
        let b = try readByte()
        guard b <= 0x04, let s = CoreSort(rawValue: b) else { throw invalidLeadingByte(b, "external kind") }
        return s
    }

    /// `sort` of an export, instantiation argument or instance export alias.
    mutating func readComponentExternalKind() throws -> Sort {
        let b = try readByte()
        switch b {
        case 0x00:
            let c = try readByte()
            guard c == 0x11 else { throw invalidLeadingByte(c, "component external kind") }
            return .core(.module)
        case 0x01: return .function
        case 0x02: return .value
        case 0x03: return .type
        case 0x04: return .component
        case 0x05: return .instance
        default: throw invalidLeadingByte(b, "component external kind")
        }
    }

    mutating func readCoreInstance() throws -> CoreInstanceDef {
        let b = try readByte()
        switch b {
        case 0x00:
            let module = try readU32()
            let args = try vector(&self) { r -> (name: String, instance: UInt32) in
                let name = try r.readString()
                let kind = try r.readByte()
                guard kind == 0x12 else { throw r.invalidLeadingByte(kind, "instantiation arg kind") }
                return (name, try r.readU32())
            }
            return .instantiate(module: module, args: args)
        case 0x01:
            return .exports(try vector(&self) { r in (try r.readString(), try r.readExternalKind(), try r.readU32()) })
        default:
            throw invalidLeadingByte(b, "core instance")
        }
    }

    mutating func readInstance() throws -> InstanceDef {
        let b = try readByte()
        switch b {
        case 0x00:
            let component = try readU32()
            let args = try vector(&self) { r in (try r.readString(), try r.readComponentExternalKind(), try r.readU32()) }
            return .instantiate(component: component, args: args)
        case 0x01:
            return .exports(try vector(&self) { r in
                ExportDef(name: try r.readExternName(), sort: try r.readComponentExternalKind(), index: try r.readU32(), ascribed: nil)
            })
        default:
            throw invalidLeadingByte(b, "instance")
        }
    }

    mutating func readAlias() throws -> AliasDef {
        let kindOffset = position
        let k1 = try readByte()
        let k2: UInt8? = k1 == 0x00 ? try readByte() : nil
        let target = try readByte()
        switch target {
        case 0x00:
            var kind = ComponentReader(bytes: bytes, position: kindOffset, end: end)
            let sort = try kind.readComponentExternalKind()
            return .instanceExport(sort, instance: try readU32(), name: try readString())
        case 0x01:
            guard k1 == 0x00, let k2 else { throw invalidLeadingByte(k1, "core export kind", at: kindOffset) }
            guard k2 <= 0x04, let sort = CoreSort(rawValue: k2) else { throw invalidLeadingByte(k2, "external kind", at: kindOffset + 1) }
            return .coreInstanceExport(sort, instance: try readU32(), name: try readString())
        case 0x02:
            let sort: Sort
            switch (k1, k2) {
            case (0x00, 0x10): sort = .core(.type)
            case (0x00, 0x11): sort = .core(.module)
            case (0x03, nil): sort = .type
            case (0x04, nil): sort = .component
            case (0x00, let b?): throw invalidLeadingByte(b, "component outer alias kind", at: kindOffset + 1)
            default: throw invalidLeadingByte(k1, "component outer alias kind", at: kindOffset)
            }
            return .outer(sort, count: try readU32(), index: try readU32())
        default:
            throw invalidLeadingByte(target, "alias")
        }
    }

    mutating func readExternName() throws -> ExternName {
        let b = try readByte()
        switch b {
        case 0x00, 0x01:
            return ExternName(name: try readString())
        case 0x02:
            var name = ExternName(name: try readString())
            let n = try readCount()
            for _ in 0..<n {
                let at = position
                let option = try readByte()
                let value = try readString()
                switch option {
                case 0x00:
                    if name.implements != nil { throw ComponentError.invalid("duplicate 'implements' option in name", at: at) }
                    name.implements = value
                case 0x01:
                    if name.versionSuffix != nil { throw ComponentError.invalid("duplicate 'versionsuffix' option in name", at: at) }
                    name.versionSuffix = value
                case 0x02:
                    if name.externalID != nil { throw ComponentError.invalid("duplicate 'external-id' option in name", at: at) }
                    name.externalID = value
                default:
                    throw invalidLeadingByte(option, "name option", at: at)
                }
            }
            return name
        default:
            throw invalidLeadingByte(b, "component name")
        }
    }

    mutating func readExternDesc() throws -> ExternDesc {
        switch try readComponentExternalKind() {
        case .core: return .module(try readU32())
        case .function: return .function(try readU32())
        case .value: return .value(try readValType())
        case .type:
            let b = try readByte()
            switch b {
            case 0x00: return .type(.eq(try readU32()))
            case 0x01: return .type(.subResource)
            default: throw invalidLeadingByte(b, "type bound")
            }
        case .component: return .component(try readU32())
        case .instance: return .instance(try readU32())
        }
    }

    mutating func readExport() throws -> ExportDef {
        let name = try readExternName()
        let sort = try readComponentExternalKind()
        let index = try readU32()
        let b = try readByte()
        switch b {
        case 0x00: return ExportDef(name: name, sort: sort, index: index, ascribed: nil)
        case 0x01: return ExportDef(name: name, sort: sort, index: index, ascribed: try readExternDesc())
        default: throw invalidLeadingByte(b, "optional component export type")
        }
    }

    // MARK: Value types and type definitions

    mutating func readValType() throws -> ValTypeRef {
        let b = try peekByte()
        if let p = PrimitiveType(rawValue: b), p != .errorContext || true {
            position += 1
            return .primitive(p)
        }
        let v = try readS33()
        guard v >= 0 else { throw invalidLeadingByte(b, "component value type", at: position - 1) }
        return .index(UInt32(truncatingIfNeeded: v))
    }

    mutating func readOptionalValType() throws -> ValTypeRef? {
        let b = try readByte()
        switch b {
        case 0x00: return nil
        case 0x01: return try readValType()
        default: throw invalidLeadingByte(b, "optional component value type")
        }
    }

    mutating func readType() throws -> TypeDef {
        let b = try readByte()
        switch b {
        case 0x3F:
            let rep = try readCoreValueType()
            let d = try readByte()
            switch d {
            case 0x00: return .resource(rep: rep, destructor: nil)
            case 0x01: return .resource(rep: rep, destructor: try readU32())
            default: throw invalidLeadingByte(d, "resource destructor")
            }
        case 0x40, 0x43:
            let params = try vector(&self) { r in (try r.readString(), try r.readValType()) }
            return .function(FuncTypeDef(isAsync: b == 0x43, params: params, result: try readResultList()))
        case 0x41, 0x42:
            guard typeDepth < ComponentValidator.maxNesting else {
                throw ComponentError.malformed("component and instance types nest too deeply: more than "
                                               + "\(ComponentValidator.maxNesting) levels", at: position)
            }
            typeDepth += 1
            defer { typeDepth -= 1 }
            let decls = try vector(&self) { try $0.readComponentDecl(allowImports: b == 0x41) }
            return b == 0x41 ? .component(decls) : .instance(decls)
        default:
            return .defined(try readDefinedType(b))
        }
    }

    /// The result list of a function type: one unnamed result, or none (`0x01 0x00`).
    mutating func readResultList() throws -> ValTypeRef? {
        let b = try readByte()
        switch b {
        case 0x00: return try readValType()
        case 0x01:
            let n = try readByte()
            guard n == 0 else { throw invalidLeadingByte(n, "number of results") }
            return nil
        default: throw invalidLeadingByte(b, "component function results")
        }
    }

    mutating func readDefinedType(_ b: UInt8) throws -> DefinedTypeDef {
        if let p = PrimitiveType(rawValue: b) { return .primitive(p) }
        switch b {
        case 0x72: return .record(try vector(&self) { r in (try r.readString(), try r.readValType()) })
        case 0x71:
            return .variant(try vector(&self) { r in
                let name = try r.readString()
                let type = try r.readOptionalValType()
                try r.readZero()
                return (name, type)
            })
        case 0x70: return .list(try readValType())
        case 0x6F: return .tuple(try vector(&self) { try $0.readValType() })
        case 0x6E: return .flags(try vector(&self) { try $0.readString() })
        case 0x6D: return .enum(try vector(&self) { try $0.readString() })
        case 0x6B: return .option(try readValType())
        case 0x6A: return .result(ok: try readOptionalValType(), error: try readOptionalValType())
        case 0x69: return .own(try readU32())
        case 0x68: return .borrow(try readU32())
        case 0x67: return .fixedLengthList(try readValType(), try readU32())
        case 0x66: return .stream(try readOptionalValType())
        case 0x65: return .future(try readOptionalValType())
        case 0x63: return .map(try readValType(), try readValType())
        default: throw invalidLeadingByte(b, "component defined type")
        }
    }

    mutating func readComponentDecl(allowImports: Bool) throws -> ComponentDecl {
        let b = try readByte()
        switch b {
        case 0x03 where allowImports: return .import(try readExternName(), try readExternDesc())
        case 0x00: return .coreType(try readCoreType())
        case 0x01: return .type(try readType())
        case 0x02: return .alias(try readAlias())
        case 0x04: return .export(try readExternName(), try readExternDesc())
        default: throw invalidLeadingByte(b, "component or instance type declaration")
        }
    }
}
