import Swasm

/// What a component instance exports or a component imports, at run time: a function, an
/// instance (a nested name map), a core module, a component, a type or a value.
public enum ComponentExtern {
    case function(ComponentFunction)
    /// A component instance's exports (or any name map given as an instance).
    case instance(ComponentExports)
    case coreModule(Swasm.Module)
    /// A component, not yet instantiated (with what its outer aliases refer to).
    case component(ComponentDefinition)
    /// A type: a value type, a resource type (a runtime one: equal only to itself), or a
    /// function type. Instance and component types are given without their exports.
    case type(ComponentTypeDefinition)
    case value(ComponentValue)

    /// The kind, as the binary format's sorts are spelled ("func", "instance", ...).
    public var kindName: String {
        switch self {
        case .function: return "func"
        case .instance: return "instance"
        case .coreModule: return "core module"
        case .component: return "component"
        case .type: return "type"
        case .value: return "value"
        }
    }

    /// The kind with its article ("a func", "an instance"), for messages.
    var kindWithArticle: String { withArticle(kindName) }
}

/// "a func", "an instance".
func withArticle(_ word: String) -> String {
    (word.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + word
}

/// A component instance's exports, in order, by name.
public struct ComponentExports: Sequence {
    /// The names in order.
    public private(set) var names: [String] = []
    private var items: [String: ComponentExtern] = [:]

    /// No exports.
    public init() {}

    /// The exports `entries`, in this order (a later duplicate name replaces the earlier item).
    public init(_ entries: [(String, ComponentExtern)]) {
        for (name, item) in entries { self[name] = item }
    }

    /// The item exported under `name`.
    public subscript(name: String) -> ComponentExtern? {
        get { items[name] }
        set {
            if items[name] == nil, newValue != nil { names.append(name) }
            if newValue == nil { names.removeAll { $0 == name } }
            items[name] = newValue
        }
    }

    /// How many names there are.
    public var count: Int { names.count }

    public func makeIterator() -> AnyIterator<(name: String, item: ComponentExtern)> {
        var i = 0
        return AnyIterator {
            guard i < names.count else { return nil }
            defer { i += 1 }
            let name = names[i]
            guard let item = items[name] else { return nil }
            return (name, item)
        }
    }
}

/// What the host supplies to a component's imports, by import name.
///
/// ```swift
/// var imports = ComponentImports()
/// imports.define("log", ComponentFunction(hostFunction: "log", type: logType) { (s: String) in print(s) })
/// imports.define("wasi:cli/stdout", instance: ["get-stdout": .function(getStdout)])
/// imports.define("counter", resource: ResourceType(hostDefined: "counter"))
/// ```
/// An instance import is a nested name map (`ComponentExports`), for instance the exports of
/// another `ComponentInstance`. Names match the import names exactly (with any version).
public struct ComponentImports {
    /// The definitions, by import name.
    public private(set) var definitions: [String: ComponentExtern] = [:]

    /// No definitions.
    public init() {}

    /// Defines `name` as `item` (replacing an earlier definition).
    public mutating func define(_ name: String, _ item: ComponentExtern) {
        definitions[name] = item
    }

    /// Defines `name` as a component function (typically a host function).
    public mutating func define(_ name: String, _ function: ComponentFunction) {
        definitions[name] = .function(function)
    }

    /// Defines `name` as an instance with these exports.
    public mutating func define(_ name: String, instance exports: ComponentExports) {
        definitions[name] = .instance(exports)
    }

    /// Defines `name` as an instance with these exports, in order.
    public mutating func define(_ name: String, instance exports: [(String, ComponentExtern)]) {
        definitions[name] = .instance(ComponentExports(exports))
    }

    /// Defines `name` as the exports of another component instance.
    public mutating func define(_ name: String, instance: ComponentInstance) {
        definitions[name] = .instance(instance.exports)
    }

    /// Defines `name` as a core module.
    public mutating func define(_ name: String, module: Swasm.Module) {
        definitions[name] = .coreModule(module)
    }

    /// Defines `name` as a component (to be instantiated by the importer).
    public mutating func define(_ name: String, component: Component) {
        definitions[name] = .component(ComponentDefinition(component))
    }

    /// Defines `name` as a resource type (for an import `(type (sub resource))`).
    public mutating func define(_ name: String, resource: ResourceType) {
        definitions[name] = .type(.resource(resource))
    }

    /// Defines `name` as a value type (for an import `(type (eq T))`).
    public mutating func define(_ name: String, type: ComponentValueType) {
        definitions[name] = .type(.value(type))
    }

    /// The definition of `name`, if any.
    public subscript(name: String) -> ComponentExtern? { definitions[name] }
}

/// A component ready to be instantiated: a `Component`, or a nested component of one (whose
/// outer aliases refer to the instance that defined it).
public final class ComponentDefinition {
    let component: Component
    let start: Int
    let end: Int
    /// The index spaces of the enclosing component instance, for outer aliases.
    let parent: InstanceFrame?

    /// The whole of `component`.
    public init(_ component: Component) {
        self.component = component
        self.start = 0
        self.end = component.bytes.count
        self.parent = nil
    }

    init(component: Component, start: Int, end: Int, parent: InstanceFrame?) {
        self.component = component
        self.start = start
        self.end = end
        self.parent = parent
    }
}

/// Instantiation failed: an import is missing or has the wrong kind or type, or the component
/// uses something the runtime does not support. The message names the import (or item) and
/// the expected and actual types.
public struct ComponentLinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, naming the import or item.
    public let message: String
    /// Where: the component instance (a path through nested instances), section and item.
    public var location: String?
    public init(_ message: String, location: String? = nil) {
        self.message = message
        self.location = location
    }
    public var description: String { location.map { "\(message) (\($0))" } ?? message }
}
