import SwasmBinary

/// What a component import or export is, with every type index resolved.
public indirect enum ComponentExternType: Sendable {
    /// A core module, with its imports and exports.
    case coreModule(imports: [(module: String, name: String)], exports: [String])
    case function(ComponentFunctionType)
    case value(ComponentValueType)
    /// A type: a value type, a resource type, or a function, instance or component type.
    case type(ComponentTypeDefinition)
    case instance(ComponentInstanceType)
    case component(ComponentSignature)
}

/// A type an import or export names.
public indirect enum ComponentTypeDefinition: Sendable {
    case value(ComponentValueType)
    case resource(ResourceType)
    case function(ComponentFunctionType)
    case instance(ComponentInstanceType)
    case component(ComponentSignature)
}

/// A component instance's type: its exports, in order.
public struct ComponentInstanceType: Sendable {
    public var exports: [(name: String, type: ComponentExternType)]
}

/// A component's type: its imports and its exports, in order.
public struct ComponentSignature: Sendable {
    public var imports: [(name: String, type: ComponentExternType)]
    public var exports: [(name: String, type: ComponentExternType)]
}

/// Turns the validator's arena types into the public resolved types. Resource types are made
/// once per resource (so equality of `ResourceType`s is equality of resources); a `map<K, V>`
/// is given as `list<tuple<K, V>>`, its Canonical ABI form.
final class TypeResolver {
    let types: TypeArena
    private var resources: [ResourceID: ResourceType] = [:]

    init(types: TypeArena) { self.types = types }

    func resource(_ r: ResourceID, name: String) -> ResourceType {
        if let t = resources[r] { return t }
        let t = ResourceType(name: name)
        resources[r] = t
        return t
    }

    func value(_ v: VType) -> ComponentValueType {
        switch types.definedType(of: v) {
        case .primitive(let p): return p.valueType
        case .record(let fields): return .record(fields.map { ComponentField(name: $0.name, type: value($0.type)) })
        case .variant(let cases): return .variant(cases.map { ComponentCase(name: $0.name, payload: $0.type.map(value)) })
        case .list(let t): return .list(value(t))
        case .fixedLengthList(let t, let n): return .fixedLengthList(value(t), length: n)
        case .tuple(let ts): return .tuple(ts.map(value))
        case .flags(let names): return .flags(names)
        case .enum(let names): return .enum(names)
        case .option(let t): return .option(value(t))
        case .result(let ok, let err): return .result(ok: ok.map(value), error: err.map(value))
        case .own(let id): return .own(resource(types.resource(id) ?? 0, name: ""))
        case .borrow(let id): return .borrow(resource(types.resource(id) ?? 0, name: ""))
        case .map(let k, let v): return .list(.tuple([value(k), value(v)]))
        case .stream, .future: return .u32
        }
    }

    func function(_ id: TypeID) -> ComponentFunctionType {
        guard let f = types.function(id) else { return ComponentFunctionType(parameters: [], result: nil) }
        return ComponentFunctionType(parameters: f.params.map { ComponentField(name: $0.name, type: value($0.type)) },
                                     result: f.result.map(value))
    }

    func definition(_ id: TypeID, name: String) -> ComponentTypeDefinition {
        switch types[id] {
        case .resource(let r): return .resource(resource(r, name: name))
        case .defined: return .value(value(.type(id)))
        case .function: return .function(function(id))
        case .instance: return .instance(instance(id))
        case .component: return .component(signature(id))
        case .module: return .value(.bool)
        }
    }

    func instance(_ id: TypeID) -> ComponentInstanceType {
        let exports = types.instance(id)?.exports ?? OrderedMap()
        return ComponentInstanceType(exports: exports.entries.map { ($0, entity($1, name: $0)) })
    }

    func signature(_ id: TypeID) -> ComponentSignature {
        guard let c = types.component(id) else { return ComponentSignature(imports: [], exports: []) }
        return signature(imports: c.imports, exports: c.exports)
    }

    func signature(imports: OrderedMap<Entity>, exports: OrderedMap<Entity>) -> ComponentSignature {
        // Resources first get the names they are imported or exported under.
        for (name, e) in imports.entries { nameResources(e, name) }
        for (name, e) in exports.entries { nameResources(e, name) }
        return ComponentSignature(imports: imports.entries.map { ($0, entity($1, name: $0)) },
                                  exports: exports.entries.map { ($0, entity($1, name: $0)) })
    }

    private func nameResources(_ e: Entity, _ name: String) {
        switch e {
        case .type(_, let created):
            if let r = types.resource(created) { _ = resource(r, name: name) }
        case .instance(let id):
            for (n, inner) in types.instance(id)?.exports.entries.map({ ($0, $1) }) ?? [] { nameResources(inner, n) }
        default: break
        }
    }

    func entity(_ e: Entity, name: String) -> ComponentExternType {
        switch e {
        case .module(let id):
            let m = types.module(id) ?? ModuleType()
            return .coreModule(imports: m.imports.map { ($0.module, $0.name) }, exports: m.exports.keys)
        case .function(let id): return .function(function(id))
        case .value(let v): return .value(value(v))
        case .type(_, let created): return .type(definition(created, name: name))
        case .instance(let id): return .instance(instance(id))
        case .component(let id): return .component(signature(id))
        }
    }
}

extension PrimitiveType {
    /// The resolved type (error-context is given as a string, as the validator resolves it).
    var valueType: ComponentValueType {
        switch self {
        case .bool: return .bool
        case .s8: return .s8
        case .u8: return .u8
        case .s16: return .s16
        case .u16: return .u16
        case .s32: return .s32
        case .u32: return .u32
        case .s64: return .s64
        case .u64: return .u64
        case .f32: return .f32
        case .f64: return .f64
        case .char: return .char
        case .string, .errorContext: return .string
        }
    }
}
