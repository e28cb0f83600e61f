/// A component-level value, as the host sees it: the dynamic counterpart of `ComponentValueType`.
public indirect enum ComponentValue: Hashable, Sendable {
    case bool(Bool)
    case s8(Int8), u8(UInt8), s16(Int16), u16(UInt16), s32(Int32), u32(UInt32), s64(Int64), u64(UInt64)
    /// Floats keep their bit pattern so that NaN payloads can be compared exactly.
    case f32(bitPattern: UInt32), f64(bitPattern: UInt64)
    case char(Unicode.Scalar)
    case string(String)
    /// A list or a fixed-length list.
    case list([ComponentValue])
    /// A record's field values, in the order of the type's fields, with their names.
    case record([(name: String, value: ComponentValue)])
    case tuple([ComponentValue])
    case variant(caseName: String, payload: ComponentValue?)
    case `enum`(String)
    case option(ComponentValue?)
    case result(isError: Bool, payload: ComponentValue?)
    /// The names of the flags that are set, in the order of the type's flags.
    case flags([String])
    /// A handle to a resource, owned or borrowed, as the host holds it.
    case resource(ResourceHandle)

    public static func == (lhs: ComponentValue, rhs: ComponentValue) -> Bool {
        switch (lhs, rhs) {
        case let (.bool(a), .bool(b)): return a == b
        case let (.s8(a), .s8(b)): return a == b
        case let (.u8(a), .u8(b)): return a == b
        case let (.s16(a), .s16(b)): return a == b
        case let (.u16(a), .u16(b)): return a == b
        case let (.s32(a), .s32(b)): return a == b
        case let (.u32(a), .u32(b)): return a == b
        case let (.s64(a), .s64(b)): return a == b
        case let (.u64(a), .u64(b)): return a == b
        case let (.f32(a), .f32(b)): return a == b
        case let (.f64(a), .f64(b)): return a == b
        case let (.char(a), .char(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.list(a), .list(b)), let (.tuple(a), .tuple(b)): return a == b
        case let (.record(a), .record(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value == $1.value }
        case let (.variant(a, p), .variant(b, q)): return a == b && p == q
        case let (.enum(a), .enum(b)): return a == b
        case let (.option(a), .option(b)): return a == b
        case let (.result(e, p), .result(f, q)): return e == f && p == q
        case let (.flags(a), .flags(b)): return a == b
        case let (.resource(a), .resource(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .bool(v): hasher.combine(0); hasher.combine(v)
        case let .s8(v): hasher.combine(1); hasher.combine(v)
        case let .u8(v): hasher.combine(2); hasher.combine(v)
        case let .s16(v): hasher.combine(3); hasher.combine(v)
        case let .u16(v): hasher.combine(4); hasher.combine(v)
        case let .s32(v): hasher.combine(5); hasher.combine(v)
        case let .u32(v): hasher.combine(6); hasher.combine(v)
        case let .s64(v): hasher.combine(7); hasher.combine(v)
        case let .u64(v): hasher.combine(8); hasher.combine(v)
        case let .f32(v): hasher.combine(9); hasher.combine(v)
        case let .f64(v): hasher.combine(10); hasher.combine(v)
        case let .char(v): hasher.combine(11); hasher.combine(v)
        case let .string(v): hasher.combine(12); hasher.combine(v)
        case let .list(v): hasher.combine(13); hasher.combine(v)
        case let .record(v):
            hasher.combine(14)
            for field in v { hasher.combine(field.name); hasher.combine(field.value) }
        case let .tuple(v): hasher.combine(15); hasher.combine(v)
        case let .variant(c, p): hasher.combine(16); hasher.combine(c); hasher.combine(p)
        case let .enum(v): hasher.combine(17); hasher.combine(v)
        case let .option(v): hasher.combine(18); hasher.combine(v)
        case let .result(e, p): hasher.combine(19); hasher.combine(e); hasher.combine(p)
        case let .flags(v): hasher.combine(20); hasher.combine(v)
        case let .resource(v): hasher.combine(21); hasher.combine(v)
        }
    }
}

/// A resource handle held by the host: the resource's type, whether it is owned or borrowed,
/// and the representation (the `i32` the defining component gave it).
public struct ResourceHandle: Hashable, Sendable {
    public var type: ResourceType
    public var isOwned: Bool
    public var representation: UInt32
    public init(type: ResourceType, isOwned: Bool, representation: UInt32) {
        self.type = type
        self.isOwned = isOwned
        self.representation = representation
    }
}
