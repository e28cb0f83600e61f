import SwasmBinary

// The validator's types: every type definition is an entry of an arena, so that each has an
// identity (a type export or import makes a new entry: the "named types" rules need it), and
// resources are numbered (two resource types are the same when their numbers are).

typealias TypeID = Int
typealias ResourceID = Int

/// A value type: a primitive or a defined type of the arena.
enum VType: Hashable {
    case primitive(PrimitiveType)
    case type(TypeID)
}

enum DefinedType {
    case primitive(PrimitiveType)
    case record([(name: String, type: VType)])
    case variant([(name: String, type: VType?)])
    case list(VType)
    case fixedLengthList(VType, UInt32)
    case tuple([VType])
    case flags([String])
    case `enum`([String])
    case option(VType)
    case result(ok: VType?, error: VType?)
    /// The arena entry of the resource type.
    case own(TypeID)
    case borrow(TypeID)
    case stream(VType?)
    case future(VType?)
    case map(VType, VType)

    var desc: String {
        switch self {
        case .primitive(let p): return p.description
        case .record: return "record"
        case .variant: return "variant"
        case .list: return "list"
        case .fixedLengthList: return "list"
        case .tuple: return "tuple"
        case .flags: return "flags"
        case .enum: return "enum"
        case .option: return "option"
        case .result: return "result"
        case .own: return "own"
        case .borrow: return "borrow"
        case .stream: return "stream"
        case .future: return "future"
        case .map: return "map"
        }
    }
}

struct FuncType {
    var isAsync: Bool
    var params: [(name: String, type: VType)]
    var result: VType?
}

/// What an import, an export or an index-space item is.
enum Entity {
    case module(TypeID)
    case function(TypeID)
    case value(VType)
    /// A type: `created` is the entry the index space holds, `referenced` the type it equals.
    case type(referenced: TypeID, created: TypeID)
    case instance(TypeID)
    case component(TypeID)

    var desc: String {
        switch self {
        case .module: return "module"
        case .function: return "func"
        case .value: return "value"
        case .type: return "type"
        case .instance: return "instance"
        case .component: return "component"
        }
    }
}

/// Names in order, with lookup by name.
struct OrderedMap<Value> {
    private(set) var keys: [String] = []
    private(set) var values: [Value] = []
    private var positions: [String: Int] = [:]

    var count: Int { keys.count }
    subscript(name: String) -> Value? { positions[name].map { values[$0] } }
    func index(of name: String) -> Int? { positions[name] }

    /// Adds `value` under `name`; false (and nothing added) when the name is taken.
    @discardableResult
    mutating func insert(_ name: String, _ value: Value) -> Bool {
        guard positions[name] == nil else { return false }
        positions[name] = keys.count
        keys.append(name)
        values.append(value)
        return true
    }

    mutating func mapValues(_ f: (inout Value) -> Void) {
        for i in values.indices { f(&values[i]) }
    }

    var entries: Zip2Sequence<[String], [Value]> { zip(keys, values) }
}

enum CoreEntity {
    case function(FunctionType)
    case table(TableType)
    case memory(CoreMemoryType)
    case global(GlobalType)
    case tag(FunctionType)

    var desc: String {
        switch self {
        case .function: return "func"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .tag: return "tag"
        }
    }
}

struct ModuleType {
    var imports: [(module: String, name: String, type: CoreEntity)] = []
    var exports = OrderedMap<CoreEntity>()
}

struct InstanceType {
    var exports = OrderedMap<Entity>()
    /// Resources this type introduces (only instance types not yet bound to an instance).
    var definedResources: [ResourceID] = []
    /// Where each exported resource is exported: a path of export indices.
    var explicitResources: [ResourceID: [Int]] = [:]
}

struct ComponentType {
    var imports = OrderedMap<Entity>()
    var exports = OrderedMap<Entity>()
    var importedResources: [(ResourceID, [Int])] = []
    var definedResources: [(ResourceID, [Int])] = []
    var explicitResources: [ResourceID: [Int]] = [:]
}

enum ArenaEntry {
    case defined(DefinedType)
    case function(FuncType)
    case component(ComponentType)
    case instance(InstanceType)
    case resource(ResourceID)
    case module(ModuleType)
}

/// Substitution of resources (and of imported types by what was supplied).
struct Remapping {
    var resources: [ResourceID: ResourceID] = [:]
    var types: [TypeID: TypeID] = [:]
}

/// All types of a validation, shared by every component and type scope of it.
final class TypeArena {
    private(set) var entries: [ArenaEntry] = []
    /// How deeply each defined value type nests (1 for a type of primitives), so that values
    /// of a type stay shallow enough to lift, lower and print recursively.
    private var depths: [TypeID: Int] = [:]
    private var nextResource = 0
    /// The deepest defined value type a component may have.
    static let maxTypeDepth = 100

    subscript(id: TypeID) -> ArenaEntry { entries[id] }

    func push(_ entry: ArenaEntry) -> TypeID {
        entries.append(entry)
        let id = entries.count - 1
        if case .defined(let d) = entry { depths[id] = 1 + depth(of: d) }
        return id
    }

    /// The nesting depth of a defined type (0 for other entries).
    func depth(_ id: TypeID) -> Int { depths[id] ?? 0 }

    private func depth(of d: DefinedType) -> Int {
        func v(_ t: VType?) -> Int {
            guard case .type(let id)? = t else { return 0 }
            return depth(id)
        }
        switch d {
        case .primitive, .flags, .enum, .own, .borrow: return 0
        case .record(let fields): return fields.map { v($0.type) }.max() ?? 0
        case .variant(let cases): return cases.map { v($0.type) }.max() ?? 0
        case .list(let t), .fixedLengthList(let t, _), .option(let t): return v(t)
        case .tuple(let ts): return ts.map { v($0) }.max() ?? 0
        case .result(let ok, let err): return max(v(ok), v(err))
        case .stream(let t), .future(let t): return v(t)
        case .map(let k, let value): return max(v(k), v(value))
        }
    }

    func newResource() -> TypeID {
        nextResource += 1
        return push(.resource(nextResource))
    }

    /// A new entry equal to `id` (a named type: an export or import of a type).
    func unique(_ id: TypeID) -> TypeID { push(entries[id]) }

    func defined(_ id: TypeID) -> DefinedType? {
        if case .defined(let d) = entries[id] { return d }
        return nil
    }

    func function(_ id: TypeID) -> FuncType? {
        if case .function(let f) = entries[id] { return f }
        return nil
    }

    func instance(_ id: TypeID) -> InstanceType? {
        if case .instance(let i) = entries[id] { return i }
        return nil
    }

    func component(_ id: TypeID) -> ComponentType? {
        if case .component(let c) = entries[id] { return c }
        return nil
    }

    func module(_ id: TypeID) -> ModuleType? {
        if case .module(let m) = entries[id] { return m }
        return nil
    }

    func resource(_ id: TypeID) -> ResourceID? {
        if case .resource(let r) = entries[id] { return r }
        return nil
    }

    /// The defined type behind a value type (primitives as `.primitive`).
    func definedType(of v: VType) -> DefinedType {
        switch v {
        case .primitive(let p): return .primitive(p)
        case .type(let id): return defined(id) ?? .primitive(.bool)
        }
    }

    // MARK: Substitution

    func remap(_ id: TypeID, _ m: inout Remapping) -> TypeID {
        if let done = m.types[id] { return done }
        var changed = false
        let new: ArenaEntry
        switch entries[id] {
        case .module:
            return id
        case .resource(let r):
            guard let to = m.resources[r] else { return id }
            new = .resource(to)
            changed = true
        case .defined(let d):
            new = .defined(remap(d, &m, &changed))
        case .function(var f):
            for i in f.params.indices { f.params[i].type = remap(f.params[i].type, &m, &changed) }
            if let r = f.result { f.result = remap(r, &m, &changed) }
            new = .function(f)
        case .instance(var t):
            t.exports.mapValues { $0 = remap($0, &m, &changed) }
            t.definedResources = t.definedResources.map { r in m.resources[r].map { changed = true; return $0 } ?? r }
            t.explicitResources = remapKeys(t.explicitResources, m, &changed)
            new = .instance(t)
        case .component(var c):
            c.imports.mapValues { $0 = remap($0, &m, &changed) }
            c.exports.mapValues { $0 = remap($0, &m, &changed) }
            c.importedResources = c.importedResources.map { (m.resources[$0.0] ?? $0.0, $0.1) }
            c.definedResources = c.definedResources.map { (m.resources[$0.0] ?? $0.0, $0.1) }
            c.explicitResources = remapKeys(c.explicitResources, m, &changed)
            new = .component(c)
        }
        let result = changed ? push(new) : id
        m.types[id] = result
        return result
    }

    private func remapKeys(_ d: [ResourceID: [Int]], _ m: Remapping, _ changed: inout Bool) -> [ResourceID: [Int]] {
        var out: [ResourceID: [Int]] = [:]
        for (k, v) in d {
            if let to = m.resources[k] { out[to] = v; changed = true } else { out[k] = v }
        }
        return out
    }

    private func remap(_ v: VType, _ m: inout Remapping, _ changed: inout Bool) -> VType {
        guard case .type(let id) = v else { return v }
        let new = remap(id, &m)
        if new != id { changed = true }
        return .type(new)
    }

    private func remap(_ d: DefinedType, _ m: inout Remapping, _ changed: inout Bool) -> DefinedType {
        func r(_ v: VType) -> VType { remap(v, &m, &changed) }
        switch d {
        case .primitive, .flags, .enum: return d
        case .record(let fields): return .record(fields.map { ($0.name, r($0.type)) })
        case .variant(let cases): return .variant(cases.map { ($0.name, $0.type.map(r)) })
        case .list(let t): return .list(r(t))
        case .fixedLengthList(let t, let n): return .fixedLengthList(r(t), n)
        case .tuple(let ts): return .tuple(ts.map(r))
        case .option(let t): return .option(r(t))
        case .result(let ok, let err): return .result(ok: ok.map(r), error: err.map(r))
        case .own(let id):
            let new = remap(id, &m)
            if new != id { changed = true }
            return .own(new)
        case .borrow(let id):
            let new = remap(id, &m)
            if new != id { changed = true }
            return .borrow(new)
        case .stream(let t): return .stream(t.map(r))
        case .future(let t): return .future(t.map(r))
        case .map(let k, let v): return .map(r(k), r(v))
        }
    }

    func remap(_ e: Entity, _ m: inout Remapping, _ changed: inout Bool) -> Entity {
        func one(_ id: TypeID) -> TypeID {
            let new = remap(id, &m)
            if new != id { changed = true }
            return new
        }
        switch e {
        case .module(let id): return .module(one(id))
        case .function(let id): return .function(one(id))
        case .instance(let id): return .instance(one(id))
        case .component(let id): return .component(one(id))
        case .value(let v): return .value(remap(v, &m, &changed))
        case .type(let referenced, let created):
            let r = one(referenced)
            if referenced == created { return .type(referenced: r, created: r) }
            return .type(referenced: r, created: one(created))
        }
    }

    func remap(_ e: Entity, _ m: inout Remapping) -> Entity {
        var changed = false
        return remap(e, &m, &changed)
    }

    // MARK: Free resource variables

    func freeVariables(_ id: TypeID, _ out: inout Set<ResourceID>) {
        switch entries[id] {
        case .module: break
        case .resource(let r): out.insert(r)
        case .defined(let d):
            switch d {
            case .primitive, .flags, .enum: break
            case .record(let fields): fields.forEach { freeVariables($0.type, &out) }
            case .variant(let cases): cases.forEach { if let t = $0.type { freeVariables(t, &out) } }
            case .list(let t), .fixedLengthList(let t, _), .option(let t): freeVariables(t, &out)
            case .tuple(let ts): ts.forEach { freeVariables($0, &out) }
            case .result(let ok, let err):
                if let ok { freeVariables(ok, &out) }
                if let err { freeVariables(err, &out) }
            case .own(let r), .borrow(let r): freeVariables(r, &out)
            case .stream(let t), .future(let t): if let t { freeVariables(t, &out) }
            case .map(let k, let v): freeVariables(k, &out); freeVariables(v, &out)
            }
        case .function(let f):
            f.params.forEach { freeVariables($0.type, &out) }
            if let r = f.result { freeVariables(r, &out) }
        case .instance(let t):
            var inner = Set<ResourceID>()
            t.exports.values.forEach { freeVariables($0, &inner) }
            inner.subtract(t.definedResources)
            out.formUnion(inner)
        case .component(let c):
            var inner = Set<ResourceID>()
            c.imports.values.forEach { freeVariables($0, &inner) }
            c.exports.values.forEach { freeVariables($0, &inner) }
            inner.subtract(c.importedResources.map(\.0))
            inner.subtract(c.definedResources.map(\.0))
            out.formUnion(inner)
        }
    }

    func freeVariables(_ v: VType, _ out: inout Set<ResourceID>) {
        if case .type(let id) = v { freeVariables(id, &out) }
    }

    func freeVariables(_ e: Entity, _ out: inout Set<ResourceID>) {
        switch e {
        case .module(let id), .function(let id), .instance(let id), .component(let id): freeVariables(id, &out)
        case .value(let v): freeVariables(v, &out)
        case .type(let referenced, _): freeVariables(referenced, &out)
        }
    }

    // MARK: Properties

    /// Whether the type holds a string or a list (the Canonical ABI then needs memory).
    func containsPointer(_ v: VType) -> Bool {
        switch definedType(of: v) {
        case .primitive(let p): return p == .string
        case .list, .map: return true
        case .record(let fields): return fields.contains { containsPointer($0.type) }
        case .variant(let cases): return cases.contains { $0.type.map(containsPointer) ?? false }
        case .tuple(let ts): return ts.contains(where: containsPointer)
        case .fixedLengthList(let t, _), .option(let t): return containsPointer(t)
        case .result(let ok, let err): return (ok.map(containsPointer) ?? false) || (err.map(containsPointer) ?? false)
        case .flags, .enum, .own, .borrow, .stream, .future: return false
        }
    }

    func containsBorrow(_ v: VType) -> Bool {
        switch definedType(of: v) {
        case .borrow: return true
        case .primitive, .flags, .enum, .own, .stream, .future: return false
        case .list(let t), .fixedLengthList(let t, _), .option(let t): return containsBorrow(t)
        case .map(let k, let v): return containsBorrow(k) || containsBorrow(v)
        case .record(let fields): return fields.contains { containsBorrow($0.type) }
        case .variant(let cases): return cases.contains { $0.type.map(containsBorrow) ?? false }
        case .tuple(let ts): return ts.contains(where: containsBorrow)
        case .result(let ok, let err): return (ok.map(containsBorrow) ?? false) || (err.map(containsBorrow) ?? false)
        }
    }
}
