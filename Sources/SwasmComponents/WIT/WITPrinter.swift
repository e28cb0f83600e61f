// A component's imports and exports as a WIT world, laid out as `wasm-tools component wit`
// lays it out: interface imports, then the world's types (`use` lines first), then function
// imports; a blank line; the exports; then one `package ... { interface ... }` block per
// package of the named interfaces.

extension Component {
    /// The component's interface as WIT text (`package root:component;` and `world root`),
    /// with the names the component gives its types, resources with their constructors,
    /// methods and static functions, and the named interfaces (`ns:pkg/iface@1.0.0`) it
    /// imports or exports in `package` blocks after the world.
    public var wit: String {
        WITPrinter(types: validatedTypes, attributes: externAttributes).world(validatedType)
    }
}

/// Prints a component type's imports and exports from the validator's types, which keep the
/// names: a type import or export (`.type(referenced:created:)`) is a new arena entry, which
/// every use of the name refers to.
final class WITPrinter {
    struct Named {
        var name: String
        /// The world ("") or the interface that names it (an interface name, or "import i" /
        /// "export i" for an inline interface).
        var owner: String
    }

    let types: TypeArena
    /// The `implements` and `external-id` of the world's imports and exports ("import NAME").
    let attributes: [String: (implements: String?, externalID: String?)]
    private var typeNames: [TypeID: Named] = [:]
    private var resourceNames: [ResourceID: Named] = [:]
    /// The named interfaces' packages in order of first mention, each with its interfaces.
    /// An interface imported and exported has one instance type for each: printed merged.
    private var packages: [(name: String, interfaces: [(name: String, types: [TypeID])])] = []
    private var out = ""
    /// Whether the current block has printed an item (the next item gets a blank line first).
    private var anyItems = false

    init(types: TypeArena, attributes: [String: (implements: String?, externalID: String?)] = [:]) {
        self.types = types
        self.attributes = attributes
    }

    // MARK: World

    func world(_ component: ComponentType) -> String {
        collectNames(component.imports, owner: "", place: "import")
        collectNames(component.exports, owner: "", place: "export")
        out = "package root:component;\n\nworld root {\n"
        anyItems = false
        let indent = "  "
        for (name, e) in component.imports.entries {
            if case .instance(let id) = e { worldInstance("import", name, id, indent: indent) }
        }
        let typeImports = component.imports.entries.compactMap { name, e -> (String, TypeID, TypeID)? in
            if case .type(let referenced, let created) = e { return (name, referenced, created) }
            return nil
        }
        let functions = component.imports.entries.compactMap { name, e -> (String, TypeID)? in
            if case .function(let id) = e { return (name, id) }
            return nil
        }
        printTypes(typeImports, owner: "", package: "root:component", functions: functions, indent: indent)
        for (name, id) in functions where ResourceFunction(name) == nil {
            externalID("import", name, indent)
            out += "\(indent)import \(escape(name)): \(function(id, .freestanding));\n"
            anyItems = true
        }
        let exports = component.exports.entries.filter { _, e in
            switch e {
            case .instance, .function: return true
            default: return false
            }
        }
        if !exports.isEmpty { newItem() }
        for (name, e) in exports {
            switch e {
            case .instance(let id): worldInstance("export", name, id, indent: indent)
            case .function(let id):
                externalID("export", name, indent)
                out += "\(indent)export \(escape(name)): \(function(id, .freestanding));\n"
            default: break
            }
        }
        out += "}\n"
        for (i, package) in packagesInDependencyOrder().enumerated() {
            if i > 0 { out += "\n\n" }
            out += "package \(package.name) {\n"
            for interface in package.interfaces {
                out += "  interface \(escape(interface.name)) {\n"
                let owner = InterfaceName(package: package.name, interface: interface.name).full
                interfaceBody(interface.types, owner: owner, package: package.name, indent: "    ")
                out += "  }\n"
            }
            out += "}\n"
        }
        return out
    }

    private func worldInstance(_ place: String, _ name: String, _ id: TypeID, indent: String) {
        externalID(place, name, indent)
        if let implements = attributes["\(place) \(name)"]?.implements, let interface = InterfaceName(implements) {
            out += "\(indent)\(place) \(escape(name)): \(implements);\n"
            addInterface(interface, id)
        } else if let interface = InterfaceName(name) {
            out += "\(indent)\(place) \(name);\n"
            addInterface(interface, id)
        } else {
            out += "\(indent)\(place) \(escape(name)): interface {\n"
            interfaceBody([id], owner: "\(place) \(name)", package: "root:component", indent: indent + "  ")
            out += "\(indent)}\n"
        }
        anyItems = true
    }

    /// `@external-id("...")` before an item that has one.
    private func externalID(_ place: String, _ name: String, _ indent: String) {
        guard let id = attributes["\(place) \(name)"]?.externalID else { return }
        var text = ""
        for c in id.unicodeScalars {
            if c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" {
                text.unicodeScalars.append(c)
            } else {
                text += "\\u{\(String(c.value, radix: 16))}"
            }
        }
        out += "\(indent)@external-id(\"\(text)\")\n"
    }

    private func addInterface(_ name: InterfaceName, _ id: TypeID) {
        if let p = packages.firstIndex(where: { $0.name == name.package }) {
            if let i = packages[p].interfaces.firstIndex(where: { $0.name == name.interface }) {
                packages[p].interfaces[i].types.append(id)
            } else {
                packages[p].interfaces.append((name.interface, [id]))
            }
        } else {
            packages.append((name.package, [(name.interface, [id])]))
        }
    }

    /// The packages in order of first mention, each after the packages whose types it uses.
    private func packagesInDependencyOrder() -> [(name: String, interfaces: [(name: String, types: [TypeID])])] {
        var done: Set<String> = []
        var order: [Int] = []
        func visit(_ p: Int) {
            guard done.insert(packages[p].name).inserted else { return }
            for interface in packages[p].interfaces {
                let owner = InterfaceName(package: packages[p].name, interface: interface.name).full
                for (_, e) in mergedExports(interface.types) {
                    guard case .type(let referenced, let created) = e, let other = aliased(referenced, created),
                          other.owner != owner, let used = InterfaceName(other.owner),
                          let q = packages.firstIndex(where: { $0.name == used.package }) else { continue }
                    visit(q)
                }
            }
            order.append(p)
        }
        for p in packages.indices { visit(p) }
        return order.map { packages[$0] }
    }

    /// The exports of an interface's instance types: the first's, then those only later ones have.
    private func mergedExports(_ ids: [TypeID]) -> [(String, Entity)] {
        var seen: Set<String> = []
        var merged: [(String, Entity)] = []
        for id in ids {
            for (name, e) in (types.instance(id)?.exports ?? OrderedMap()).entries where seen.insert(name).inserted {
                merged.append((name, e))
            }
        }
        return merged
    }

    private func newItem() {
        if anyItems { out += "\n" }
        anyItems = true
    }

    // MARK: Names

    private func collectNames(_ entries: OrderedMap<Entity>, owner: String, place: String) {
        for (name, e) in entries.entries {
            switch e {
            case .type(_, let created):
                if typeNames[created] == nil { typeNames[created] = Named(name: name, owner: owner) }
                if let r = types.resource(created), resourceNames[r] == nil {
                    resourceNames[r] = Named(name: name, owner: owner)
                }
            case .instance(let id):
                let inner = InterfaceName(name)?.full ?? "\(place) \(name)"
                collectNames(types.instance(id)?.exports ?? OrderedMap(), owner: inner, place: place)
            default:
                break
            }
        }
    }

    // MARK: Interfaces and types

    private func interfaceBody(_ ids: [TypeID], owner: String, package: String, indent: String) {
        let saved = anyItems
        anyItems = false
        let exports = mergedExports(ids)
        let typeExports = exports.compactMap { name, e -> (String, TypeID, TypeID)? in
            if case .type(let referenced, let created) = e { return (name, referenced, created) }
            return nil
        }
        let functions = exports.compactMap { name, e -> (String, TypeID)? in
            if case .function(let id) = e { return (name, id) }
            return nil
        }
        printTypes(typeExports, owner: owner, package: package, functions: functions, indent: indent)
        for (name, fid) in functions where ResourceFunction(name) == nil {
            newItem()
            out += "\(indent)\(escape(name)): \(function(fid, .freestanding));\n"
        }
        anyItems = saved
    }

    /// `use` lines for the types that name another interface's type, then a declaration for
    /// each other type (resources with their functions from `functions`).
    private func printTypes(_ entries: [(String, TypeID, TypeID)], owner: String, package: String,
                            functions: [(String, TypeID)], indent: String) {
        var uses: [(owner: String, names: [(mine: String, theirs: String)])] = []
        var declarations: [(String, TypeID, TypeID)] = []
        for (name, referenced, created) in entries {
            if let other = aliased(referenced, created), other.owner != owner, !other.owner.isEmpty {
                if let last = uses.last, last.owner == other.owner {
                    uses[uses.count - 1].names.append((name, other.name))
                } else {
                    uses.append((other.owner, [(name, other.name)]))
                }
            } else {
                declarations.append((name, referenced, created))
            }
        }
        for use in uses {
            anyItems = true
            let names = use.names.map { $0.mine == $0.theirs ? escape($0.mine) : "\(escape($0.theirs)) as \(escape($0.mine))" }
            out += "\(indent)use \(path(to: use.owner, from: package)).{\(names.joined(separator: ", "))};\n"
        }
        for (name, referenced, created) in declarations {
            newItem()
            if owner.isEmpty { externalID("import", name, indent) }
            declare(name, referenced, created, owner: owner, functions: functions, indent: indent)
        }
    }

    /// The named type that a type import or export equals, if it is another name's.
    private func aliased(_ referenced: TypeID, _ created: TypeID) -> Named? {
        if let r = types.resource(created) {
            if referenced != created, let named = typeNames[referenced] { return named }
            guard let first = resourceNames[r], typeNames[created].map({ $0.name != first.name || $0.owner != first.owner }) ?? true else {
                return nil
            }
            return first
        }
        guard referenced != created, let named = typeNames[referenced] else { return nil }
        return named
    }

    private func path(to owner: String, from package: String) -> String {
        guard let name = InterfaceName(owner) else { return owner.split(separator: " ").last.map(String.init) ?? owner }
        return name.package == package ? escape(name.interface) : name.full
    }

    private func declare(_ name: String, _ referenced: TypeID, _ created: TypeID, owner: String,
                         functions: [(String, TypeID)], indent: String) {
        if types.resource(created) != nil {
            if let other = aliased(referenced, created) {
                out += "\(indent)type \(escape(name)) = \(escape(other.name));\n"
                return
            }
            let methods = functions.filter { ResourceFunction($0.0)?.resource == name }
            guard !methods.isEmpty else {
                out += "\(indent)resource \(escape(name));\n"
                return
            }
            out += "\(indent)resource \(escape(name)) {\n"
            for (functionName, id) in methods {
                guard let kind = ResourceFunction(functionName) else { continue }
                switch kind.kind {
                case .constructor:
                    out += "\(indent)  \(function(id, .constructor(resource: name)));\n"
                case .method(let m):
                    out += "\(indent)  \(escape(m)): \(function(id, .method));\n"
                case .static(let m):
                    out += "\(indent)  \(escape(m)): static \(function(id, .freestanding));\n"
                }
            }
            out += "\(indent)}\n"
            return
        }
        if let other = aliased(referenced, created) {
            out += "\(indent)type \(escape(name)) = \(escape(other.name));\n"
            return
        }
        let inner = indent + "  "
        switch types.defined(created) {
        case .record(let fields):
            out += "\(indent)record \(escape(name)) {\n"
            for f in fields { out += "\(inner)\(escape(f.name)): \(ref(f.type)),\n" }
            out += "\(indent)}\n"
        case .variant(let cases):
            out += "\(indent)variant \(escape(name)) {\n"
            for c in cases { out += "\(inner)\(escape(c.name))\(c.type.map { "(\(ref($0)))" } ?? ""),\n" }
            out += "\(indent)}\n"
        case .enum(let names):
            out += "\(indent)enum \(escape(name)) {\n"
            for n in names { out += "\(inner)\(escape(n)),\n" }
            out += "\(indent)}\n"
        case .flags(let names):
            out += "\(indent)flags \(escape(name)) {\n"
            for n in names { out += "\(inner)\(escape(n)),\n" }
            out += "\(indent)}\n"
        case .some(let d):
            out += "\(indent)type \(escape(name)) = \(structural(d));\n"
        case nil:
            out += "\(indent)type \(escape(name)) = \(escape(name));\n"
        }
    }

    // MARK: Type references

    enum FunctionKind {
        case freestanding, method
        case constructor(resource: String)
    }

    private func function(_ id: TypeID, _ kind: FunctionKind) -> String {
        guard let f = types.function(id) else { return "func()" }
        var params = f.params
        var text: String
        switch kind {
        case .constructor: text = "constructor("
        case .method:
            if !params.isEmpty { params.removeFirst() }
            text = f.isAsync ? "async func(" : "func("
        case .freestanding: text = f.isAsync ? "async func(" : "func("
        }
        text += params.map { "\(escape($0.name)): \(ref($0.type))" }.joined(separator: ", ") + ")"
        if let result = f.result {
            let r = ref(result)
            if case .constructor(let resource) = kind, r == escape(resource) { return text }
            text += " -> " + r
        }
        return text
    }

    /// How a value type is written where it is used: its name if it has one.
    func ref(_ v: VType) -> String {
        switch v {
        case .primitive(let p): return p.description
        case .type(let id):
            if let named = typeNames[id] { return escape(named.name) }
            guard let d = types.defined(id) else { return "_" }
            return structural(d)
        }
    }

    private func resourceName(_ id: TypeID) -> String {
        if let named = typeNames[id] { return escape(named.name) }
        if let r = types.resource(id), let named = resourceNames[r] { return escape(named.name) }
        return "resource"
    }

    private func structural(_ d: DefinedType) -> String {
        switch d {
        case .primitive(let p): return p.description
        case .list(let t): return "list<\(ref(t))>"
        case .fixedLengthList(let t, let n): return "list<\(ref(t)), \(n)>"
        case .tuple(let ts): return "tuple<\(ts.map(ref).joined(separator: ", "))>"
        case .option(let t): return "option<\(ref(t))>"
        case .result(nil, nil): return "result"
        case .result(let ok, nil): return "result<\(ok.map(ref) ?? "_")>"
        case .result(let ok, let error): return "result<\(ok.map(ref) ?? "_"), \(error.map(ref) ?? "_")>"
        case .own(let r): return resourceName(r)
        case .borrow(let r): return "borrow<\(resourceName(r))>"
        case .stream(let t): return t.map { "stream<\(ref($0))>" } ?? "stream"
        case .future(let t): return t.map { "future<\(ref($0))>" } ?? "future"
        case .map(let k, let v): return "map<\(ref(k)), \(ref(v))>"
        case .record(let fields): return "record { \(fields.map { "\(escape($0.name)): \(ref($0.type))" }.joined(separator: ", ")) }"
        case .variant(let cases):
            return "variant { \(cases.map { c in c.type.map { "\(escape(c.name))(\(ref($0)))" } ?? escape(c.name) }.joined(separator: ", ")) }"
        case .enum(let names): return "enum { \(names.map(escape).joined(separator: ", ")) }"
        case .flags(let names): return "flags { \(names.map(escape).joined(separator: ", ")) }"
        }
    }

    // MARK: Identifiers

    static let keywords: Set<String> = [
        "as", "async", "bool", "borrow", "char", "constructor", "enum", "export", "f32", "f64", "flags",
        "float32", "float64", "from", "func", "future", "import", "include", "interface", "list", "map",
        "option", "own", "package", "record", "resource", "result", "s8", "s16", "s32", "s64", "static",
        "stream", "string", "tuple", "type", "u8", "u16", "u32", "u64", "use", "variant", "with", "world",
        "error-context", "_",
    ]

    /// An identifier, with `%` when it is a WIT keyword.
    func escape(_ name: String) -> String { Self.keywords.contains(name) ? "%" + name : name }
}

/// An interface name `ns:pkg/iface@version`, split.
struct InterfaceName {
    /// `ns:pkg` or `ns:pkg@version`.
    var package: String
    var interface: String

    init(package: String, interface: String) {
        self.package = package
        self.interface = interface
    }

    init?(_ name: String) {
        guard let colon = name.firstIndex(of: ":"), let slash = name[colon...].firstIndex(of: "/") else { return nil }
        var rest = name[name.index(after: slash)...]
        var version = ""
        if let at = rest.firstIndex(of: "@") {
            version = String(rest[at...])
            rest = rest[..<at]
        }
        package = String(name[..<slash]) + version
        interface = String(rest)
    }

    /// `ns:pkg/iface@version`.
    var full: String {
        guard let at = package.firstIndex(of: "@") else { return "\(package)/\(interface)" }
        return "\(package[..<at])/\(interface)\(package[at...])"
    }
}

/// A resource function's name: `[constructor]r`, `[method]r.m`, `[static]r.m`.
struct ResourceFunction {
    enum Kind {
        case constructor
        case method(String)
        case `static`(String)
    }

    var resource: String
    var kind: Kind

    init?(_ name: String) {
        func split(_ rest: Substring) -> (String, String)? {
            guard let dot = rest.firstIndex(of: ".") else { return nil }
            return (String(rest[..<dot]), String(rest[rest.index(after: dot)...]))
        }
        if name.hasPrefix("[constructor]") {
            resource = String(name.dropFirst(13))
            kind = .constructor
        } else if name.hasPrefix("[method]"), let (r, m) = split(name.dropFirst(8)) {
            resource = r
            kind = .method(m)
        } else if name.hasPrefix("[static]"), let (r, m) = split(name.dropFirst(8)) {
            resource = r
            kind = .static(m)
        } else {
            return nil
        }
    }
}
