// The Component Model's value types, resolved: no type indices, every name spelled out.
// The decoder keeps the binary's index form; validation resolves it to these, and the
// Canonical ABI, the host API and the CLI work on these only.

/// A component-level value type (a WIT type), with every type index resolved.
public indirect enum ComponentValueType: Hashable, Sendable {
    case bool
    case s8, u8, s16, u16, s32, u32, s64, u64
    case f32, f64
    case char
    case string
    case list(ComponentValueType)
    /// A list of a fixed length (`list<T, N>`).
    case fixedLengthList(ComponentValueType, length: UInt32)
    case record([ComponentField])
    case tuple([ComponentValueType])
    case variant([ComponentCase])
    case `enum`([String])
    case option(ComponentValueType)
    case result(ok: ComponentValueType?, error: ComponentValueType?)
    case flags([String])
    /// An owned handle to a resource.
    case own(ResourceType)
    /// A borrowed handle to a resource, valid for the duration of one call.
    case borrow(ResourceType)
}

/// A named field of a record.
public struct ComponentField: Hashable, Sendable {
    public var name: String
    public var type: ComponentValueType
    public init(name: String, type: ComponentValueType) {
        self.name = name
        self.type = type
    }
}

/// A case of a variant: a name and an optional payload type.
public struct ComponentCase: Hashable, Sendable {
    public var name: String
    public var payload: ComponentValueType?
    public init(name: String, payload: ComponentValueType?) {
        self.name = name
        self.payload = payload
    }
}

/// A component function's type: named parameters and an optional result.
public struct ComponentFunctionType: Hashable, Sendable {
    public var parameters: [ComponentField]
    public var result: ComponentValueType?
    public init(parameters: [ComponentField], result: ComponentValueType?) {
        self.parameters = parameters
        self.result = result
    }
}

/// A resource type. Resource types are generative: each definition (and each instantiation of a
/// component that defines one) is a new type, so equality is identity.
///
/// A runtime resource type also says who implements it: a component instance (whose
/// `resource.new` makes its handles, and whose core function is the destructor) or the host.
// @unchecked: the mutable state is the weak reference to the implementing instance, set once
// in `init`, and the name, set once when instantiation exports the type; instances and their
// resources are used from one thread at a time.
public final class ResourceType: Hashable, @unchecked Sendable, CustomStringConvertible {
    /// The name the resource was imported or exported under, for messages (may be empty; a
    /// component's resource is named by its first export).
    public internal(set) var name: String
    /// Whether the host defines the resource (its representations are the host's numbers).
    public let isHostDefined: Bool
    /// The component instance that defined the resource (`rt.impl` in the Canonical ABI), for
    /// guest-defined runtime types. Weak: the instance's handle table refers to its types.
    public private(set) weak var implementation: ComponentInstanceState?
    /// Called with the representation when an owned handle is dropped (`rt.dtor`), if any.
    public let destructor: ResourceDestructor?

    /// A resource type known by name only (as the validator resolves types), guest-defined.
    public init(name: String) {
        self.name = name
        self.isHostDefined = false
        self.destructor = nil
    }

    /// A runtime resource type defined by the component instance `implementation`.
    public init(name: String, implementation: ComponentInstanceState, destructor: ResourceDestructor? = nil) {
        self.name = name
        self.isHostDefined = false
        self.implementation = implementation
        self.destructor = destructor
    }

    /// A resource type the host defines; `destructor` runs when a component drops an owned handle.
    public init(hostDefined name: String, destructor: ResourceDestructor? = nil) {
        self.name = name
        self.isHostDefined = true
        self.destructor = destructor
    }

    public static func == (lhs: ResourceType, rhs: ResourceType) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { name.isEmpty ? "resource" : name }
}

/// A resource's destructor: called with the representation of a dropped owned handle.
public struct ResourceDestructor: @unchecked Sendable {
    /// Runs the destructor (a core function of the implementing instance, or host code).
    public let call: (UInt32) throws -> Void
    /// A destructor in Swift.
    public init(_ call: @escaping (UInt32) throws -> Void) { self.call = call }
}
