// Checking what the host supplies against a component's import types. The import types name
// resources by the validator's (static) resource types; each is bound to the runtime resource
// type supplied for it the first time it is met, and must be that type everywhere after.

/// Checks `imports` against every import of `component`; throws `ComponentLinkError` naming
/// the import and the expected and supplied types. Returns `imports` completed with the types
/// the host may leave out: imports (also exports of imported instances) of a type equal to a
/// known one (`(type (eq T))`), whose resources, if any, were supplied before.
func checkImports(_ component: Component, _ imports: ComponentImports) throws -> ComponentImports {
    let checker = ImportChecker()
    var completed = imports
    for (name, type) in component.imports {
        guard let supplied = imports[name] else {
            if case .type(let definition) = type, let known = checker.substituted(definition) {
                completed.define(name, .type(known))
                continue
            }
            throw ComponentLinkError("missing import \"\(name)\": expected \(describe(type))")
        }
        completed.define(name, try checker.check(type, supplied, path: "\"\(name)\""))
    }
    return completed
}

private final class ImportChecker {
    /// Static resource type (by identity) → the runtime type supplied for it.
    var bindings: [ObjectIdentifier: ResourceType] = [:]

    func mismatch(_ path: String, _ expected: String, _ found: String) -> ComponentLinkError {
        ComponentLinkError("import \(path): expected \(expected), found \(found)")
    }

    /// `definition` with its static resource types replaced by the runtime ones bound to them;
    /// nil if one is not bound, or for a resource type (which only the host can supply).
    func substituted(_ definition: ComponentTypeDefinition) -> ComponentTypeDefinition? {
        switch definition {
        case .value(let v): return substituted(v).map { .value($0) }
        case .function(let f):
            var out = f
            for i in out.parameters.indices {
                guard let t = substituted(out.parameters[i].type) else { return nil }
                out.parameters[i].type = t
            }
            if let r = f.result {
                guard let t = substituted(r) else { return nil }
                out.result = t
            }
            return .function(out)
        case .instance, .component: return definition
        case .resource: return nil
        }
    }

    func substituted(_ v: ComponentValueType) -> ComponentValueType? {
        func all(_ ts: [ComponentValueType]) -> [ComponentValueType]? {
            var out: [ComponentValueType] = []
            for t in ts {
                guard let s = substituted(t) else { return nil }
                out.append(s)
            }
            return out
        }
        func optional(_ t: ComponentValueType?) -> ComponentValueType?? {
            guard let t else { return .some(nil) }
            return substituted(t).map { .some($0) }
        }
        switch v {
        case .own(let r): return bindings[ObjectIdentifier(r)].map { .own($0) }
        case .borrow(let r): return bindings[ObjectIdentifier(r)].map { .borrow($0) }
        case .list(let t): return substituted(t).map { .list($0) }
        case .fixedLengthList(let t, let n): return substituted(t).map { .fixedLengthList($0, length: n) }
        case .option(let t): return substituted(t).map { .option($0) }
        case .tuple(let ts): return all(ts).map { .tuple($0) }
        case .record(let fields):
            return all(fields.map(\.type)).map { types in .record(zip(fields, types).map { ComponentField(name: $0.name, type: $1) }) }
        case .variant(let cases):
            var out: [ComponentCase] = []
            for c in cases {
                guard let p = optional(c.payload) else { return nil }
                out.append(ComponentCase(name: c.name, payload: p))
            }
            return .variant(out)
        case .result(let ok, let error):
            guard let o = optional(ok), let e = optional(error) else { return nil }
            return .result(ok: o, error: e)
        default: return v
        }
    }

    /// Checks `supplied` against `expected`; returns it, an instance completed with the type
    /// exports the host may leave out.
    func check(_ expected: ComponentExternType, _ supplied: ComponentExtern, path: String) throws -> ComponentExtern {
        switch (expected, supplied) {
        case (.function(let t), .function(let f)):
            guard matches(t, f.type) else { throw mismatch(path, describe(t), describe(f.type)) }
        case (.instance(let t), .instance(let exports)):
            var completed = exports
            for (name, type) in t.exports {
                guard let item = exports[name] else {
                    if case .type(let definition) = type, let known = substituted(definition) {
                        completed[name] = .type(known)
                        continue
                    }
                    throw ComponentLinkError("import \(path): the instance has no export \"\(name)\" (expected \(describe(type)))")
                }
                completed[name] = try check(type, item, path: "\(path) / \"\(name)\"")
            }
            return .instance(completed)
        case (.type(let t), .type(let d)):
            switch (t, d) {
            case (.resource(let s), .resource(let r)):
                guard bind(s, r) else { throw mismatch(path, "resource \(s)", "a different resource \(r)") }
            case (.value(let s), .value(let v)):
                guard matches(s, v) else { throw mismatch(path, "type \(s.witText)", "type \(v.witText)") }
            case (.function(let s), .function(let v)):
                guard matches(s, v) else { throw mismatch(path, describe(s), describe(v)) }
            case (.instance, .instance), (.component, .component):
                break
            default:
                throw mismatch(path, withArticle("\(t.kindName) type"), withArticle("\(d.kindName) type"))
            }
        case (.coreModule(let imports, let exports), .coreModule(let module)):
            let names = Set(module.exports.map(\.name))
            if let missing = exports.first(where: { !names.contains($0) }) {
                throw ComponentLinkError("import \(path): the core module has no export \"\(missing)\"")
            }
            let needed = module.imports.map { "\($0.module)\u{0}\($0.name)" }
            let offered = Set(imports.map { "\($0.module)\u{0}\($0.name)" })
            if let extra = needed.first(where: { !offered.contains($0) }) {
                throw ComponentLinkError("import \(path): the core module imports \(extra.replacingNulls), which the type does not declare")
            }
        case (.component, .component), (.value, .value):
            break
        default:
            throw mismatch(path, kindName(expected), supplied.kindWithArticle)
        }
        return supplied
    }

    func bind(_ s: ResourceType, _ r: ResourceType) -> Bool {
        if let bound = bindings[ObjectIdentifier(s)] { return bound === r }
        bindings[ObjectIdentifier(s)] = r
        return true
    }

    func matches(_ a: ComponentFunctionType, _ b: ComponentFunctionType) -> Bool {
        guard a.parameters.count == b.parameters.count else { return false }
        for (p, q) in zip(a.parameters, b.parameters) where p.name != q.name || !matches(p.type, q.type) { return false }
        switch (a.result, b.result) {
        case (nil, nil): return true
        case (let x?, let y?): return matches(x, y)
        default: return false
        }
    }

    func matches(_ a: ComponentValueType?, _ b: ComponentValueType?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return matches(x, y)
        default: return false
        }
    }

    func matches(_ a: ComponentValueType, _ b: ComponentValueType) -> Bool {
        switch (a, b) {
        case (.own(let s), .own(let r)), (.borrow(let s), .borrow(let r)): return bind(s, r)
        case (.list(let x), .list(let y)), (.option(let x), .option(let y)): return matches(x, y)
        case (.fixedLengthList(let x, let n), .fixedLengthList(let y, let m)): return n == m && matches(x, y)
        case (.record(let x), .record(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && matches($0.type, $1.type) }
        case (.variant(let x), .variant(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && matches($0.payload, $1.payload) }
        case (.tuple(let x), .tuple(let y)): return x.count == y.count && zip(x, y).allSatisfy { matches($0, $1) }
        case (.result(let o, let e), .result(let p, let f)): return matches(o, p) && matches(e, f)
        default: return a == b
        }
    }
}

private extension String {
    var replacingNulls: String { split(separator: "\u{0}").joined(separator: " ") }
}

private func kindName(_ t: ComponentExternType) -> String {
    switch t {
    case .coreModule: return "a core module"
    case .function(let f): return describe(f)
    case .value(let v): return "a value of type \(v.witText)"
    case .type: return "a type"
    case .instance: return "an instance"
    case .component: return "a component"
    }
}

extension ComponentTypeDefinition {
    var kindName: String {
        switch self {
        case .value: return "value"
        case .resource: return "resource"
        case .function: return "function"
        case .instance: return "instance"
        case .component: return "component"
        }
    }
}

/// A function type in WIT syntax: `func(a: u32, b: string) -> string`.
func describe(_ f: ComponentFunctionType) -> String {
    let parameters = f.parameters.map { "\($0.name): \($0.type.witText)" }.joined(separator: ", ")
    return "func(\(parameters))" + (f.result.map { " -> \($0.witText)" } ?? "")
}

/// An import type, for messages.
func describe(_ t: ComponentExternType) -> String {
    switch t {
    case .function(let f): return describe(f)
    case .instance(let i): return "an instance exporting \(i.exports.map { "\"\($0.name)\"" }.joined(separator: ", "))"
    case .type(let d): return withArticle("\(d.kindName) type")
    default: return kindName(t)
    }
}
