// Imports, exports, component instances: index spaces, names, the "named types" rules of
// external visibility, and resource bookkeeping.
extension ComponentValidator {
    enum ExternKind: String { case `import`, export }

    func addImport(_ name: ExternName, _ desc: ExternDesc, at offset: Int) throws {
        var e = try entity(desc, offset)
        try addEntity(&e, name: (name.name, .import), at: offset)
        let s = current
        try validateExtern(name, .import, e, names: s.importedResourceNames, kindNames: &s.importNames, items: &s.imports, offset)
        recordAttributes(name, .import)
    }

    func addExport(_ name: ExternName, _ entity: Entity, at offset: Int) throws {
        var e = entity
        try addEntity(&e, name: (name.name, .export), at: offset)
        let s = current
        try validateExtern(name, .export, e, names: s.exportedResourceNames, kindNames: &s.exportNames, items: &s.exports, offset)
        recordAttributes(name, .export)
    }

    /// Keeps the outermost component's `implements` and `external-id` (the WIT printer's).
    private func recordAttributes(_ n: ExternName, _ kind: ExternKind) {
        guard scopes.count == 1, n.implements != nil || n.externalID != nil else { return }
        topLevelAttributes["\(kind.rawValue) \(n.name)"] = (n.implements, n.externalID)
    }

    /// Adds an item to its index space; for imports and exports, checks that the types it
    /// refers to are named (imported or exported).
    func addEntity(_ e: inout Entity, name: (String, ExternKind)?, at offset: Int) throws {
        let s = current
        let kind = name?.1
        switch e {
        case .module(let id): s.coreModules.append(id)
        case .component(let id): s.components.append(id)
        case .instance(var id):
            if kind == .import { id = prepareInstanceImport(id) }
            if kind == .export { id = prepareInstanceExport(id) }
            e = .instance(id)
            s.instances.append(id)
        case .function(let id): s.funcs.append(id)
        case .value: throw fail("support for component model `value`s is not enabled", offset)
        case .type(let referenced, let created):
            s.types.append(created)
            if let r = types.resource(created) {
                switch kind {
                case .import?:
                    if created == referenced { s.importedResources.append((r, [s.imports.count])) }
                case .export?:
                    if created == referenced { s.definedResources.append((r, nil)) }
                    s.explicitResources[r] = [s.exports.count]
                case nil: break
                }
            }
        }
        if let (n, k) = name, !registerNamedTypes(toplevel: n, k, e) {
            throw fail("\(e.desc) not valid to be used as \(k.rawValue)", offset)
        }
    }

    func registerNamedTypes(toplevel: String?, _ kind: ExternKind, _ e: Entity) -> Bool {
        let s = current
        if case .type(_, let created) = e, let name = toplevel, types.resource(created) != nil {
            if kind == .import { s.importedResourceNames.register(name, created) } else { s.exportedResourceNames.register(name, created) }
        }
        if s.kind == .instanceType { return true }
        let set = kind == .import ? s.importedTypes : s.exportedTypes
        switch e {
        case .type(let referenced, let created):
            guard allNamed(referenced, set) else { return false }
            if kind == .import { s.importedTypes.insert(created) }
            s.exportedTypes.insert(created)
            return true
        case .instance(let id):
            guard let it = types.instance(id) else { return true }
            return it.exports.values.allSatisfy { registerNamedTypes(toplevel: nil, kind, $0) }
        case .function(let id):
            return allNamedInFunction(id, set)
        case .value(let v):
            return isNamed(v, set)
        case .component, .module:
            return true
        }
    }

    func allNamed(_ id: TypeID, _ set: Set<TypeID>) -> Bool {
        switch types[id] {
        case .resource, .component, .module: return true
        case .function: return allNamedInFunction(id, set)
        case .instance(let it):
            return it.exports.values.allSatisfy { e in
                switch e {
                case .module, .component, .value(.primitive): return true
                case .function(let f): return allNamedInFunction(f, set)
                case .type(_, let created): return allNamed(created, set)
                case .value(.type(let t)): return allNamedInDefined(t, set)
                case .instance(let i): return allNamed(i, set)
                }
            }
        case .defined: return allNamedInDefined(id, set)
        }
    }

    func allNamedInDefined(_ id: TypeID, _ set: Set<TypeID>) -> Bool {
        guard let d = types.defined(id) else { return true }
        switch d {
        case .primitive, .flags, .enum: return true
        case .record(let fields): return fields.allSatisfy { isNamed($0.type, set) }
        case .tuple(let ts): return ts.allSatisfy { isNamed($0, set) }
        case .variant(let cases): return cases.allSatisfy { $0.type.map { isNamed($0, set) } ?? true }
        case .result(let ok, let err): return (ok.map { isNamed($0, set) } ?? true) && (err.map { isNamed($0, set) } ?? true)
        case .list(let t), .fixedLengthList(let t, _), .option(let t): return isNamed(t, set)
        case .map(let k, let v): return isNamed(k, set) && isNamed(v, set)
        case .own(let r), .borrow(let r): return set.contains(r)
        case .stream(let t), .future(let t): return t.map { isNamed($0, set) } ?? true
        }
    }

    func allNamedInFunction(_ id: TypeID, _ set: Set<TypeID>) -> Bool {
        guard let f = types.function(id) else { return true }
        return f.params.allSatisfy { isNamed($0.type, set) } && (f.result.map { isNamed($0, set) } ?? true)
    }

    /// A value type used by an import or export: records, variants, flags and enums must be named
    /// types themselves; the others only need their parts named.
    func isNamed(_ v: VType, _ set: Set<TypeID>) -> Bool {
        guard case .type(let id) = v, let d = types.defined(id) else { return true }
        switch d {
        case .primitive: return true
        case .flags, .enum, .record, .variant: return set.contains(id)
        case .tuple(let ts): return ts.allSatisfy { isNamed($0, set) }
        case .result(let ok, let err): return (ok.map { isNamed($0, set) } ?? true) && (err.map { isNamed($0, set) } ?? true)
        case .list(let t), .fixedLengthList(let t, _), .option(let t): return isNamed(t, set)
        case .map(let k, let v): return isNamed(k, set) && isNamed(v, set)
        case .own(let r), .borrow(let r): return set.contains(r)
        case .stream(let t), .future(let t): return t.map { isNamed($0, set) } ?? true
        }
    }

    /// An imported instance's own resources become fresh type variables of this component.
    func prepareInstanceImport(_ id: TypeID) -> TypeID {
        guard var it = types.instance(id), !it.definedResources.isEmpty else { return id }
        var mapping = Remapping()
        for old in it.definedResources {
            let new = types.resource(types.newResource()) ?? 0
            mapping.resources[old] = new
            current.importedResources.append((new, [current.imports.count] + (it.explicitResources[old] ?? [])))
        }
        it.definedResources = []
        it.exports.mapValues { $0 = types.remap($0, &mapping) }
        var explicit: [ResourceID: [Int]] = [:]
        for (r, p) in it.explicitResources { explicit[mapping.resources[r] ?? r] = p }
        it.explicitResources = explicit
        return types.push(.instance(it))
    }

    /// An exported instance (of a type that defines resources) defines fresh resources here.
    func prepareInstanceExport(_ id: TypeID) -> TypeID {
        guard var it = types.instance(id) else { return id }
        var result = id
        if !it.definedResources.isEmpty {
            var mapping = Remapping()
            for old in it.definedResources {
                let new = types.resource(types.newResource()) ?? 0
                mapping.resources[old] = new
                current.definedResources.append((new, nil))
            }
            it.definedResources = []
            it.exports.mapValues { $0 = types.remap($0, &mapping) }
            var explicit: [ResourceID: [Int]] = [:]
            for (r, p) in it.explicitResources { explicit[mapping.resources[r] ?? r] = p }
            it.explicitResources = explicit
            result = types.push(.instance(it))
        }
        for (r, p) in it.explicitResources { current.explicitResources[r] = [current.exports.count] + p }
        return result
    }

    // MARK: Names

    func validateExtern(_ n: ExternName, _ kind: ExternKind, _ e: Entity, names: ResourceNameContext,
                        kindNames: inout [ComponentName], items: inout OrderedMap<Entity>, _ offset: Int) throws {
        let k = kind.rawValue
        let name: ComponentName
        do { name = try ComponentName(n.name, at: offset) } catch let err as ComponentError {
            throw err.context("\(k) name `\(n.name)` is not a valid extern name")
        }
        if kind == .export {
            switch name.kind {
            case .plain, .interface: break
            default: throw fail("name `\(n.name)` is not a valid export name", offset)
            }
        }
        if n.versionSuffix != nil { throw fail("the `cm-canon-names` feature is not active", offset) }
        if let implements = n.implements {
            guard name.isBarePlain else { throw fail("name `\(n.name)` is not valid with `implements`", offset) }
            guard case .instance = e else { throw fail("only instances can have an `implements`", offset) }
            let target: ComponentName
            do { target = try ComponentName(implements, at: offset) } catch let err as ComponentError {
                throw err.context("`\(implements)` is not a valid name")
            }
            guard target.isInterface else { throw fail("name `\(implements)` must be an interface", offset) }
        }
        do { try validateAnnotations(name, e, names, offset) } catch let err as ComponentError {
            throw err.context("\(k) name `\(n.name)` is not valid")
        }
        if let prev = kindNames.first(where: { $0.conflicts(with: name) }) {
            throw fail("\(k) name `\(n.name)` conflicts with previous name `\(prev.raw)`", offset)
        }
        kindNames.append(name)
        guard items.insert(n.name, e) else {
            throw fail("\(k) name `\(n.name)` conflicts with previous name `\(n.name)`", offset)
        }
    }

    /// `[constructor]r`, `[method]r.m` and `[static]r.m` must be functions of the right shape
    /// on the resource named `r` in this context.
    func validateAnnotations(_ name: ComponentName, _ e: Entity, _ names: ResourceNameContext, _ offset: Int) throws {
        guard case .plain(let annotation?, _) = name.kind else { return }
        guard case .function(let fid) = e, let f = types.function(fid) else { throw fail("item is not a func", offset) }
        func checkName(_ resource: TypeID, _ expected: String) throws {
            guard let actual = names.nameOf[resource] else {
                throw fail("resource used in function does not have a name in this context", offset)
            }
            guard kebabEqual(actual, expected) else { throw fail("function does not match expected resource name `\(actual)`", offset) }
        }
        switch annotation {
        case .constructor(let r):
            guard let result = f.result else { throw fail("function should return one value", offset) }
            var resource: TypeID?
            if case .type(let id) = result, let d = types.defined(id) {
                switch d {
                case .own(let rid): resource = rid
                case .result(ok: .type(let ok)?, _):
                    if case .own(let rid)? = types.defined(ok) { resource = rid }
                default: break
                }
            }
            guard let resource else { throw fail("function should return `(own $T)` or `(result (own $T))`", offset) }
            try checkName(resource, r)
        case .method(let r, _):
            guard let first = f.params.first else { throw fail("function should have at least one argument", offset) }
            guard first.name == "self" else { throw fail("function should have a first argument called `self`", offset) }
            guard case .type(let id) = first.type, case .borrow(let rid)? = types.defined(id) else {
                throw fail("function should take a first argument of `(borrow $T)`", offset)
            }
            try checkName(rid, r)
        case .static(let r, _):
            guard names.all.contains(where: { kebabEqual($0, r) }) else {
                throw fail("static resource name is not known in this context", offset)
            }
        }
    }

    // MARK: Exports and instances

    func sortEntity(_ sort: Sort, _ index: UInt32, _ offset: Int, unique: Bool) throws -> Entity {
        switch sort {
        case .core(.module): return .module(try module(index, offset))
        case .core: throw fail("invalid core sort for a component item", offset)
        case .function: return .function(try function(index, offset))
        case .value: throw fail("support for component model `value`s is not enabled", offset)
        case .type:
            let referenced = try type(index, offset)
            return .type(referenced: referenced, created: unique ? types.unique(referenced) : referenced)
        case .component: return .component(try component(index, offset))
        case .instance: return .instance(try instance(index, offset))
        }
    }

    func exportEntity(_ export: ExportDef, at offset: Int) throws -> Entity {
        let actual = try sortEntity(export.sort, export.index, offset, unique: true)
        guard let desc = export.ascribed else { return actual }
        let ascribed = try entity(desc, offset)
        do { try types.check(actual, isSubtypeOf: ascribed, at: offset) } catch let e as ComponentError {
            throw e.context("ascribed type of export is not compatible with item's type")
        }
        return ascribed
    }

    func instance(_ def: InstanceDef, at offset: Int) throws -> TypeID {
        switch def {
        case .instantiate(let componentIndex, let args):
            let cid = try component(componentIndex, offset)
            var supplied = OrderedMap<Entity>()
            for (name, sort, index) in args {
                let e = try sortEntity(sort, index, offset, unique: false)
                guard supplied.insert(name, e) else {
                    throw fail("instantiation argument `\(name)` conflicts with previous argument `\(name)`", offset)
                }
            }
            var mapping = try types.openInstanceType(supplied, cid, imports: true, at: offset)
            guard let ct = types.component(cid) else { return types.push(.instance(InstanceType())) }
            var fresh: [ResourceID] = []
            for (old, _) in ct.definedResources {
                let new = types.resource(types.newResource()) ?? 0
                mapping.resources[old] = new
                fresh.append(new)
            }
            var it = InstanceType()
            // One mapping for all the exports: a type they share stays one type (one entry).
            for (name, e) in ct.exports.entries {
                it.exports.insert(name, types.remap(e, &mapping))
            }
            for (r, p) in ct.explicitResources { it.explicitResources[mapping.resources[r] ?? r] = p }
            for r in fresh { current.definedResources.append((r, nil)) }
            return types.push(.instance(it))
        case .exports(let list):
            var it = InstanceType()
            var kindNames: [ComponentName] = []
            var items = OrderedMap<Entity>()
            for export in list {
                let e = try sortEntity(export.sort, export.index, offset, unique: false)
                switch e {
                case .instance(let id):
                    for (r, p) in types.instance(id)?.explicitResources ?? [:] { it.explicitResources[r] = [items.count] + p }
                case .type(_, let created):
                    if let r = types.resource(created) { it.explicitResources[r] = [items.count] }
                default: break
                }
                try validateExtern(export.name, .export, e, names: ResourceNameContext(), kindNames: &kindNames, items: &items, offset)
            }
            it.exports = items
            return types.push(.instance(it))
        }
    }
}
