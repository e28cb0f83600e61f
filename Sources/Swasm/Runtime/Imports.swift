/// A function implemented in Swift that a module can import.
///
/// ```swift
/// let double = HostFunction(type: FunctionType(parameters: [.i32], results: [.i32])) { caller, args in
///     [.i32(args[0].int32.map { UInt32(bitPattern: $0 &* 2) } ?? 0)]
/// }
/// ```
/// The closure receives the arguments (already checked against `type`) and returns the results.
/// An error it throws becomes a trap; a `MemoryAccessError` becomes an "out of bounds memory
/// access" trap.
public struct HostFunction {
    public typealias Body = (Caller, [Value]) throws -> [Value]
    public let type: FunctionType
    public let body: Body

    public init(type: FunctionType, body: @escaping Body) {
        self.type = type
        self.body = body
    }
}

/// What a host function can reach of the instance that called it.
public struct Caller {
    public let store: Store
    let record: InstanceRecord?

    /// The calling instance (nil when the host function was called directly from Swift).
    public var instance: Instance? { record.map { Instance(store: store, record: $0) } }

    /// The calling instance's memory: its export named "memory", or else its first memory.
    public var memory: Memory? {
        guard let record else { return nil }
        if case .memory(let m)? = instance?.export("memory") { return m }
        guard let first = record.memories.first else { return nil }
        return Memory(store: store, storage: first)
    }
}

/// The values a module's imports are resolved against, by module and field name.
///
/// ```swift
/// var imports = Imports()
/// imports.define(module: "host", name: "log", HostFunction(type: FunctionType(parameters: [.i32])) { _, args in
///     print(args[0]); return []
/// })
/// imports.define(module: "env", instance: library)  // every export of another instance
/// ```
public struct Imports {
    public enum Definition {
        case host(HostFunction)
        case external(ExternalValue)
    }

    /// Keyed by the names' UTF-8 bytes: wasm names match byte for byte, while Swift's String
    /// equality would merge canonically equivalent names.
    var definitions: [ImportName: Definition] = [:]

    public init() {}

    public mutating func define(module: String, name: String, _ function: HostFunction) {
        definitions[ImportName(module: module, name: name)] = .host(function)
    }

    /// Defines a host function from its type and body.
    public mutating func define(module: String, name: String, type: FunctionType, _ body: @escaping HostFunction.Body) {
        define(module: module, name: name, HostFunction(type: type, body: body))
    }

    public mutating func define(module: String, name: String, _ value: ExternalValue) {
        definitions[ImportName(module: module, name: name)] = .external(value)
    }

    /// Makes every export of `instance` importable under `module`.
    public mutating func define(module: String, instance: Instance) {
        for (name, value) in instance.exports {
            define(module: module, name: name, value)
        }
    }

    public func lookup(module: String, name: String) -> Definition? {
        definitions[ImportName(module: module, name: name)]
    }
}

/// A module and field name pair, compared and hashed as UTF-8 bytes (hashed in one call: a
/// per-byte `Hasher.combine` made defining WASI's imports a visible part of instantiation).
struct ImportName: Hashable {
    let bytes: [UInt8]
    let moduleLength: Int

    init(module: String, name: String) {
        var bytes = Array(module.utf8)
        moduleLength = bytes.count
        bytes += name.utf8
        self.bytes = bytes
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(moduleLength)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
