// Checking what the host supplies against a component's import types. The import types name
// resources by the validator's (static) resource types; each is bound to the runtime resource
// type supplied for it the first time it is met, and must be that type everywhere after.

/// Checks `imports` against every import of `component`; throws `ComponentLinkError` naming
/// the import and the expected and supplied types.
func checkImports(_ component: Component, _ imports: ComponentImports) throws {
    let checker = ImportChecker()
    for (name, type) in component.imports {
        guard let supplied = imports[name] else {
            throw ComponentLinkError("missing import \"\(name)\": expected \(describe(type))")
        }
        try checker.check(type, supplied, path: "\"\(name)\"")
    }
}

private final class ImportChecker {
    /// Static resource type (by identity) → the runtime type supplied for it.
    var bindings: [ObjectIdentifier: ResourceType] = [:]

    func mismatch(_ path: String, _ expected: String, _ found: String) -> ComponentLinkError {
        ComponentLinkError("import \(path): expected \(expected), found \(found)")
    }

    func check(_ expected: ComponentExternType, _ supplied: ComponentExtern, path: String) throws {
        switch (expected, supplied) {
        case (.function(let t), .function(let f)):
            guard matches(t, f.type) else { throw mismatch(path, describe(t), describe(f.type)) }
        case (.instance(let t), .instance(let exports)):
            for (name, type) in t.exports {
                guard let item = exports[name] else {
                    throw ComponentLinkError("import \(path): the instance has no export \"\(name)\" (expected \(describe(type)))")
                }
                try check(type, item, path: "\(path) / \"\(name)\"")
            }
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
                throw mismatch(path, "a \(t.kindName) type", "a \(d.kindName) type")
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
            throw mismatch(path, kindName(expected), "a \(supplied.kindName)")
        }
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
    case .type(let d): return "a \(d.kindName) type"
    default: return kindName(t)
    }
}
