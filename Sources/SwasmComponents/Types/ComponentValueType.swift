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
public final class ResourceType: Hashable, Sendable, CustomStringConvertible {
    /// The name the resource was imported or exported under, for messages (may be empty).
    public let name: String
    public init(name: String) { self.name = name }
    public static func == (lhs: ResourceType, rhs: ResourceType) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { name.isEmpty ? "resource" : name }
}
