import SwasmBinary

/// A tag's identity and type. Compared by identity: two tags with the same type are different
/// tags, and an exception is caught only by a clause naming its own tag.
final class TagObject {
    let type: FunctionType
    let payloadSlots: Int

    init(type: FunctionType) {
        self.type = type
        payloadSlots = type.parameters.reduce(0) { $0 + ($1 == .v128 ? 2 : 1) }
    }
}

/// An exception tag (WebAssembly 3.0 exception handling): exported by an instance, or created
/// by the host to be imported.
public struct Tag {
    /// The store the tag belongs to.
    public let store: Store
    let object: TagObject

    init(store: Store, object: TagObject) {
        self.store = store
        self.object = object
    }

    /// A new tag whose exceptions carry values of `parameters`.
    public init(store: Store, parameters: [ValueType]) {
        self.store = store
        object = TagObject(type: FunctionType(parameters: parameters))
        store.tagObjects.append(object)
    }

    /// The tag's type: its parameters are the exception's payload; it has no results.
    public var type: FunctionType { object.type }

    /// Whether `other` is the same tag.
    public func isSame(as other: Tag) -> Bool { object === other.object }
}

/// A WebAssembly exception that no handler in the guest caught, thrown out of `Function.call`;
/// or an exception a host function throws into the guest (`throw WasmException(tag:payload:)`),
/// which the guest's `try_table` handlers can catch.
///
/// It carries values of its store (references, the tag): use it on the store's thread. Its
/// `Sendable` conformance only lets it travel as an `Error`.
public struct WasmException: Error, @unchecked Sendable, CustomStringConvertible {
    /// The exception's tag.
    public let tag: Tag
    /// The values the exception carries, typed by the tag's parameters.
    public let payload: [Value]

    /// An exception of `tag` carrying `payload`; throw it from a host function to raise it in
    /// the guest. The payload must match the tag's parameter types.
    public init(tag: Tag, payload: [Value]) throws {
        guard payload.map(\.type) == tag.type.parameters else {
            throw UsageError("exception payload \(payload.map(\.type)) does not match the tag's parameters \(tag.type.parameters)")
        }
        self.tag = tag
        self.payload = payload
    }

    init?(taking exception: UnsafeMutablePointer<UInt64>, store: Store) {
        guard let tagPointer = UnsafeRawPointer(bitPattern: UInt(exception[ExceptionLayout.tag])) else { return nil }
        let object = Unmanaged<TagObject>.fromOpaque(tagPointer).takeUnretainedValue()
        tag = Tag(store: store, object: object)
        payload = store.read(object.type.parameters, from: exception + ExceptionLayout.payload)
        if exception[ExceptionLayout.escaped] == 0 { exception.deallocate() }
    }

    /// A new in-flight exception with this tag and payload.
    func makeInFlight() -> UnsafeMutablePointer<UInt64> {
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, tag.object.payloadSlots))
        defer { slots.deallocate() }
        tag.store.write(payload, to: slots)
        return makeException(tag.object, payload: slots)
    }

    /// The tag's type and the payload.
    public var description: String {
        "uncaught WebAssembly exception (tag \(tag.type)) with payload [\(payload.map(\.description).joined(separator: ", "))]"
    }
}

/// A caught exception as a value (`exnref`): opaque to the host, which can pass it back.
public struct ExceptionReference: Hashable, @unchecked Sendable {
    let bits: UInt64
}
