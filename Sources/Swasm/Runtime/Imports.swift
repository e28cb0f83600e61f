/// A function implemented in Swift that a module can import.
///
/// ```swift
/// let double = HostFunction(type: FunctionType(parameters: [.i32], results: [.i32])) { caller, args in
///     [.i32(args[0].int32.map { UInt32(bitPattern: $0 &* 2) } ?? 0)]
/// }
/// ```
/// The closure receives the arguments (already checked against `type`) and returns the results.
/// An error it throws becomes a trap; a `MemoryAccessError` becomes an "out of bounds memory
/// access" trap. For calls without arrays (and without allocation), define host functions from
/// typed Swift closures instead: `Imports.define(module:name:_:)`.
public struct HostFunction {
    /// A host function's body on `Value` arrays.
    public typealias Body = (Caller, [Value]) throws -> [Value]
    /// A host function's body on the interpreter's value slots: the arguments are in
    /// `slots[0...]` (v128 takes two) and the results are written there.
    public typealias SlotBody = (Caller, UnsafeMutablePointer<UInt64>) throws -> Void

    /// The function's WebAssembly type, checked against the import at instantiation.
    public let type: FunctionType
    /// What the interpreter calls.
    let invoke: SlotBody

    /// A host function on `Value` arrays: the results must match `type.results`.
    public init(type: FunctionType, body: @escaping Body) {
        self.type = type
        self.invoke = { caller, slots in
            let store = caller.store
            let results = try body(caller, store.read(type.parameters, from: slots))
            guard results.count == type.results.count, zip(results, type.results).allSatisfy({ store.matches($0, $1) }) else {
                throw UsageError("host function returned \(results.map(\.type)), expected \(type.results)")
            }
            for case .funcRef(let f?) in results where f.store !== store {
                throw UsageError("host function returned a function reference from another store")
            }
            store.write(results, to: slots)
        }
    }

    /// A host function on value slots (what typed host functions are made of).
    @usableFromInline
    init(type: FunctionType, slots: @escaping SlotBody) {
        self.type = type
        self.invoke = slots
    }
}

/// Owns host functions that a store reaches only weakly, to break reference cycles.
///
/// A store keeps its host functions alive, so a host function whose body captures the
/// store's own functions or memories (each holds its store) keeps the store alive for ever.
/// Give such a function to the store through `owned(_:)` and keep the owner where the rest
/// of that state lives (the component runtime keeps one per component instance): when the
/// owner goes, the cycle is broken, and a later call of the function throws `UsageError`.
public final class HostFunctionOwner {
    private var bodies: [HostFunction.SlotBody] = []
    /// What a call throws once the owner is gone.
    private let releasedMessage: String

    /// An owner whose functions, called after it is gone, throw `releasedMessage`.
    public init(releasedMessage: String) { self.releasedMessage = releasedMessage }

    /// `function`, kept alive by this owner; the returned function reaches it weakly.
    public func owned(_ function: HostFunction) -> HostFunction {
        let index = bodies.count
        bodies.append(function.invoke)
        let message = releasedMessage
        return HostFunction(type: function.type, slots: { [weak self] caller, slots in
            guard let self else { throw UsageError(message) }
            try self.bodies[index](caller, slots)
        })
    }
}

/// A host function's body, at a fixed address for its function entry.
final class HostFunctionBox {
    let invoke: HostFunction.SlotBody
    init(_ invoke: @escaping HostFunction.SlotBody) { self.invoke = invoke }
}

/// What a host function can reach of the instance that called it.
///
/// A caller is valid only during the host call it is passed to: do not keep it after the
/// function returns. (It holds its store and instance without retaining them, which keeps a
/// host call free of reference counting; the running call keeps both alive.)
public struct Caller {
    @usableFromInline let storeReference: Unmanaged<Store>
    let recordReference: Unmanaged<InstanceRecord>?

    init(store: Unmanaged<Store>, record: Unmanaged<InstanceRecord>?) {
        storeReference = store
        recordReference = record
    }

    /// The store the call runs in.
    public var store: Store { storeReference.takeUnretainedValue() }
    var record: InstanceRecord? { recordReference?.takeUnretainedValue() }

    /// The calling instance (nil when the host function was called directly from Swift).
    public var instance: Instance? { record.map { Instance(store: store, record: $0) } }

    /// The calling instance's memory: its export named "memory", or else its first memory.
    public var memory: Memory? {
        guard let storage = recordReference?._withUnsafeGuaranteedRef({ $0.defaultMemory }) else { return nil }
        return Memory(store: store, storage: storage)
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
    /// What an import name is bound to.
    public enum Definition {
        case host(HostFunction)
        case external(ExternalValue)
    }

    /// Keyed by the names' UTF-8 bytes: wasm names match byte for byte, while Swift's String
    /// equality would merge canonically equivalent names.
    var definitions: [ImportName: Definition] = [:]

    /// Namespaces whose definitions are made on demand, keyed by module name.
    var resolvers: [String: (String) -> Definition?] = [:]

    /// No definitions.
    public init() {}

    /// Resolves the names of `module` on demand: instantiation asks `resolver` only for the
    /// names a module imports (WASI defines its 46 functions this way, so that instantiating
    /// a program that imports 4 of them makes 4). A name defined with `define(module:name:...)`
    /// takes precedence over the resolver. A later resolver for the same module replaces it.
    public mutating func define(module: String, resolver: @escaping (_ name: String) -> Definition?) {
        resolvers[module] = resolver
    }

    /// Defines `module.name` as a host function (replacing an earlier definition).
    public mutating func define(module: String, name: String, _ function: HostFunction) {
        definitions[ImportName(module: module, name: name)] = .host(function)
    }

    /// Defines a host function from its type and body.
    public mutating func define(module: String, name: String, type: FunctionType, _ body: @escaping HostFunction.Body) {
        define(module: module, name: name, HostFunction(type: type, body: body))
    }

    /// Defines `module.name` as a function, table, memory or global of a store.
    public mutating func define(module: String, name: String, _ value: ExternalValue) {
        definitions[ImportName(module: module, name: name)] = .external(value)
    }

    /// Makes every export of `instance` importable under `module`.
    public mutating func define(module: String, instance: Instance) {
        for (name, value) in instance.exports {
            define(module: module, name: name, value)
        }
    }

    /// The definition of `module.name`, if any (names compare byte for byte).
    public func lookup(module: String, name: String) -> Definition? {
        if let definition = definitions[ImportName(module: module, name: name)] { return definition }
        return resolvers[module]?(name)
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
