import SwasmBinary

// Type definitions: defined value types, function types, component and instance types,
// resources; the end of a component or type scope.
extension ComponentValidator {
    func notValidNow(_ what: String, _ offset: Int) -> ComponentError {
        fail("\(what) is not valid at this time: the asynchronous parts of the Component Model are not implemented", offset)
    }

    func addType(_ def: TypeDef, at offset: Int) throws {
        let id: TypeID
        switch def {
        case .defined(let d):
            id = types.push(.defined(try definedType(d, offset)))
            if types.depth(id) > TypeArena.maxTypeDepth {
                throw fail("type nesting is too deep: more than \(TypeArena.maxTypeDepth) levels", offset)
            }
        case .function(let f):
            id = types.push(.function(try functionType(f, offset)))
        case .component(let decls):
            id = types.push(.component(try componentType(decls, offset)))
        case .instance(let decls):
            id = types.push(.instance(try instanceType(decls, offset)))
        case .resource(let rep, let destructor):
            guard current.kind == .component else {
                throw fail("resources can only be defined within a concrete component", offset)
            }
            if rep == .i64 { throw fail("resources with `i64` require the `cm64` feature to be enabled", offset) }
            guard rep == .i32 else { throw fail("resources can only be represented by `i32` or `i64`", offset) }
            if let destructor {
                let f = try coreFunction(destructor, offset)
                guard f.parameters == [rep], f.results.isEmpty else {
                    throw fail("core function \(destructor) has wrong signature for a destructor", offset)
                }
            }
            id = types.newResource()
            current.definedResources.append((types.resource(id) ?? 0, rep))
        }
        current.types.append(id)
    }

    func valType(_ v: ValTypeRef, _ offset: Int) throws -> VType {
        switch v {
        case .primitive(let p):
            if p == .errorContext { throw notValidNow("`error-context`", offset) }
            return .primitive(p)
        case .index(let i):
            return .type(try definedType(i, offset))
        }
    }

    func kebabLabel(_ s: String, _ what: String, _ offset: Int) throws -> String {
        guard isKebab(s[...]) else {
            if s.isEmpty { throw fail("\(what) name cannot be empty", offset) }
            throw fail("\(what) name `\(s)` is not in kebab case", offset)
        }
        return s
    }

    func definedType(_ d: DefinedTypeDef, _ offset: Int) throws -> DefinedType {
        switch d {
        case .primitive(let p):
            if p == .errorContext { throw notValidNow("`error-context`", offset) }
            return .primitive(p)
        case .record(let fields):
            guard !fields.isEmpty else { throw fail("record type must have at least one field", offset) }
            var out: [(name: String, type: VType)] = []
            for (name, t) in fields {
                _ = try kebabLabel(name, "record field", offset)
                let vt = try valType(t, offset)
                if let prev = out.first(where: { kebabEqual($0.name, name) }) {
                    throw fail("record field name `\(name)` conflicts with previous field name `\(prev.name)`", offset)
                }
                out.append((name, vt))
            }
            return .record(out)
        case .variant(let cases):
            guard !cases.isEmpty else { throw fail("variant type must have at least one case", offset) }
            var out: [(name: String, type: VType?)] = []
            for c in cases {
                _ = try kebabLabel(c.name, "variant case", offset)
                let vt = try c.type.map { try valType($0, offset) }
                if let prev = out.first(where: { kebabEqual($0.name, c.name) }) {
                    throw fail("variant case name `\(c.name)` conflicts with previous case name `\(prev.name)`", offset)
                }
                out.append((c.name, vt))
            }
            return .variant(out)
        case .list(let t): return .list(try valType(t, offset))
        case .fixedLengthList(let t, let n):
            guard n >= 1 else { throw fail("Fixed-length lists must have more than zero elements", offset) }
            return .fixedLengthList(try valType(t, offset), n)
        case .tuple(let ts):
            guard !ts.isEmpty else { throw fail("tuple type must have at least one type", offset) }
            return .tuple(try ts.map { try valType($0, offset) })
        case .flags(let names):
            guard !names.isEmpty else { throw fail("flags must have at least one entry", offset) }
            guard names.count <= 32 else { throw fail("cannot have more than 32 flags", offset) }
            var seen: [String] = []
            for n in names {
                _ = try kebabLabel(n, "flag", offset)
                if let prev = seen.first(where: { kebabEqual($0, n) }) {
                    throw fail("flag name `\(n)` conflicts with previous flag name `\(prev)`", offset)
                }
                seen.append(n)
            }
            return .flags(names)
        case .enum(let names):
            guard !names.isEmpty else { throw fail("enum type must have at least one variant", offset) }
            var seen: [String] = []
            for n in names {
                _ = try kebabLabel(n, "enum tag", offset)
                if let prev = seen.first(where: { kebabEqual($0, n) }) {
                    throw fail("enum tag name `\(n)` conflicts with previous tag name `\(prev)`", offset)
                }
                seen.append(n)
            }
            return .enum(names)
        case .option(let t): return .option(try valType(t, offset))
        case .result(let ok, let err):
            return .result(ok: try ok.map { try valType($0, offset) }, error: try err.map { try valType($0, offset) })
        case .own(let i): return .own(try resourceType(i, offset))
        case .borrow(let i): return .borrow(try resourceType(i, offset))
        case .stream: throw notValidNow("`stream`", offset)
        case .future: throw notValidNow("`future`", offset)
        case .map(let k, let v): return .map(try valType(k, offset), try valType(v, offset))
        }
    }

    func functionType(_ f: FuncTypeDef, _ offset: Int) throws -> FuncType {
        if f.isAsync { throw notValidNow("an async function type", offset) }
        var params: [(name: String, type: VType)] = []
        for (name, t) in f.params {
            _ = try kebabLabel(name, "function parameter", offset)
            if let prev = params.first(where: { kebabEqual($0.name, name) }) {
                throw fail("function parameter name `\(name)` conflicts with previous parameter name `\(prev.name)`", offset)
            }
            params.append((name, try valType(t, offset)))
        }
        var result: VType?
        if let r = f.result {
            let vt = try valType(r, offset)
            if types.containsBorrow(vt) { throw fail("function result cannot contain a `borrow` type", offset) }
            result = vt
        }
        return FuncType(isAsync: false, params: params, result: result)
    }

    func declarations(_ decls: [ComponentDecl], _ offset: Int) throws {
        for decl in decls {
            switch decl {
            case .coreType(let t): try addCoreType(t, at: offset)
            case .type(let t): try addType(t, at: offset)
            case .alias(let a): try addAlias(a, at: offset)
            case .export(let name, let desc):
                try addExport(name, try entity(desc, offset), at: offset)
            case .import(let name, let desc): try addImport(name, desc, at: offset)
            }
        }
    }

    func componentType(_ decls: [ComponentDecl], _ offset: Int) throws -> ComponentType {
        scopes.append(Scope(kind: .componentType))
        try declarations(decls, offset)
        return try finish(scopes.removeLast(), at: offset)
    }

    func instanceType(_ decls: [ComponentDecl], _ offset: Int) throws -> InstanceType {
        scopes.append(Scope(kind: .instanceType))
        try declarations(decls, offset)
        let scope = scopes.removeLast()
        return InstanceType(exports: scope.exports, definedResources: scope.definedResources.map(\.0),
                            explicitResources: scope.explicitResources)
    }

    /// The end of a component or component type: resource rules, and its type.
    func finish(_ scope: Scope, at offset: Int) throws -> ComponentType {
        var t = ComponentType(imports: scope.imports, exports: scope.exports, importedResources: scope.importedResources,
                              definedResources: [], explicitResources: scope.explicitResources)
        var free = Set<ResourceID>()
        scope.imports.values.forEach { types.freeVariables($0, &free) }
        for (r, _) in scope.definedResources where free.contains(r) {
            throw fail("local resource type found in imports", offset)
        }
        free.removeAll()
        scope.exports.values.forEach { types.freeVariables($0, &free) }
        for (r, _) in scope.definedResources where free.contains(r) {
            guard let path = t.explicitResources[r] else {
                throw fail("local resource type found in export but not exported itself", offset)
            }
            t.definedResources.append((r, path))
        }
        return t
    }

    /// What an `externdesc` describes.
    func entity(_ desc: ExternDesc, _ offset: Int) throws -> Entity {
        switch desc {
        case .module(let i):
            guard case .module(let id) = try coreType(i, offset) else { throw fail("core type index \(i) is not a module type", offset) }
            return .module(id)
        case .function(let i):
            return .function(try functionType(i, offset))
        case .value:
            throw fail("support for component model `value`s is not enabled", offset)
        case .type(.eq(let i)):
            let referenced = try type(i, offset)
            return .type(referenced: referenced, created: types.unique(referenced))
        case .type(.subResource):
            let id = types.newResource()
            return .type(referenced: id, created: id)
        case .instance(let i):
            let id = try type(i, offset)
            guard types.instance(id) != nil else { throw fail("type index \(i) is not an instance type", offset) }
            return .instance(id)
        case .component(let i):
            let id = try type(i, offset)
            guard types.component(id) != nil else { throw fail("type index \(i) is not a component type", offset) }
            return .component(id)
        }
    }
}
