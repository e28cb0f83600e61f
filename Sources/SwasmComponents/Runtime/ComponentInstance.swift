import Swasm

/// An instance of a component: its core modules instantiated in a core `Store`, its imports
/// bound to what the host supplies, its exports ready to call.
///
/// ```swift
/// let component = try Component(bytes: bytes)
/// var imports = ComponentImports()
/// imports.define("log", ComponentFunction(hostFunction: "log", type: logType) { (s: String) in print(s) })
/// let instance = try ComponentInstance(component, store: Store(), imports: imports)
/// let reply = try instance.call("greet", [.string("Rust")])        // .string("Hello, Rust")
/// let names: [String] = try instance.call("multiply", Input(name: "Rust", num: 10))
/// let f = try instance.function("ns:pkg/iface", "f")                 // inside an exported instance
/// ```
/// Instantiation runs the component's sections in order: core modules and instances, types
/// (each resource definition makes a new resource type for this instance), `canon lift`,
/// `canon lower` and the resource built-ins, nested components and instances, aliases,
/// imports and exports. A missing or mistyped import throws `ComponentLinkError`; a trap
/// while instantiating (a core start function) throws `Trap` or `ComponentTrap`.
public final class ComponentInstance {
    /// The component this is an instance of.
    public let component: Component
    /// The store its core instances live in.
    public let store: Store
    /// What the instance exports, in order.
    public let exports: ComponentExports
    /// The Canonical ABI state of the instance (its handle table).
    public let state: ComponentInstanceState

    /// Instantiates `component` in `store`, binding its imports to `imports` (checked against
    /// the import types: a missing import or a mismatch throws `ComponentLinkError`). Imports
    /// of types equal to a known type (`(type (eq T))`), also inside imported instances, may be
    /// left out.
    ///
    /// At most 10,000 component and core instances are made (nested components that
    /// instantiate each other could otherwise make exponentially many).
    public init(_ component: Component, store: Store, imports: ComponentImports = ComponentImports()) throws {
        self.component = component
        self.store = store
        let imports = try checkImports(component, imports)
        let context = InstantiationContext(store: store)
        let frame = try context.instantiate(ComponentDefinition(component), name: "root",
                                            arguments: { imports[$0] })
        exports = frame.exports
        state = frame.state
    }

    /// The export `name`, if any.
    public func export(_ name: String) -> ComponentExtern? { exports[name] }

    /// The item at `path`: an export, then exports of the exported instances in turn
    /// (`item("ns:pkg/iface", "f")`). Throws `UsageError` naming the missing part.
    public func item(_ path: [String]) throws -> ComponentExtern {
        guard let first = path.first else { throw UsageError("an empty export path") }
        guard var item = exports[first] else { throw UsageError(missing(first, in: exports, path: [])) }
        for (i, name) in path.enumerated().dropFirst() {
            guard case .instance(let inner) = item else {
                throw UsageError("export \(quoted(path[..<i])) is \(item.kindWithArticle), not an instance")
            }
            guard let next = inner[name] else { throw UsageError(missing(name, in: inner, path: Array(path[..<i]))) }
            item = next
        }
        return item
    }

    /// The exported function at `path` (`function("greet")`, `function("ns:pkg/iface", "f")`).
    /// Throws `UsageError` if there is none.
    public func function(_ path: String...) throws -> ComponentFunction {
        try function(path: path)
    }

    /// The exported function at `path`.
    public func function(path: [String]) throws -> ComponentFunction {
        let item = try item(path)
        guard case .function(let f) = item else {
            throw UsageError("export \(quoted(path[...])) is \(item.kindWithArticle), not a function")
        }
        return f
    }

    /// Calls the exported function `name` with component values (checked against its
    /// parameter types: a mismatch throws `ComponentTypeMismatch` naming the function, the
    /// parameter and both types). Returns the result, or nil for a function without one.
    @discardableResult
    public func call(_ name: String, _ arguments: [ComponentValue]) throws -> ComponentValue? {
        try function(name).call(arguments)
    }

    /// Calls the exported function at `path` with component values.
    @discardableResult
    public func call(path: [String], _ arguments: [ComponentValue]) throws -> ComponentValue? {
        try function(path: path).call(arguments)
    }

    /// Calls the exported function `name` with Swift values (encoded as the parameter types,
    /// see `ComponentValueEncoder`) and decodes the result as `R`:
    /// `let names: [String] = try instance.call("multiply", Input(name: "Rust", num: 10))`.
    public func call<R: Decodable>(_ name: String, _ arguments: any Encodable..., returning _: R.Type = R.self) throws -> R {
        try function(name).call(arguments: arguments, returning: R.self)
    }

    /// Calls the exported function `name` with Swift values, ignoring any result.
    public func callIgnoringResult(_ name: String, _ arguments: any Encodable...) throws {
        try function(name).call(arguments: arguments)
    }

    private func quoted(_ path: ArraySlice<String>) -> String {
        path.map { "\"\($0)\"" }.joined(separator: " / ")
    }

    private func missing(_ name: String, in exports: ComponentExports, path: [String]) -> String {
        let place = path.isEmpty ? "the component" : "instance \(quoted(path[...]))"
        let known = exports.names.map { "\"\($0)\"" }.joined(separator: ", ")
        return "\(place) exports no \"\(name)\" (its exports: \(known.isEmpty ? "none" : known))"
    }
}
