/// A function of a store: exported by an instance, or defined by the host.
///
/// ```swift
/// let add = try instance.function("add")
/// let sum = try add.call([.i32(2), .i32(3)])   // [.i32(5)]
/// ```
public struct Function: Hashable {
    /// The store that owns this value (kept alive by the handle).
    public let store: Store
    let entry: UnsafeMutablePointer<FunctionEntry>

    init(store: Store, entry: UnsafeMutablePointer<FunctionEntry>) {
        self.store = store
        self.entry = entry
    }

    /// The function's parameter and result types.
    public var type: FunctionType { store.functionTypes[entry.pointee.typeID] }

    /// Calls the function with `arguments`, which must match its parameter types.
    /// Throws `UsageError` for wrong arguments and `Trap` if execution traps.
    @discardableResult
    public func call(_ arguments: [Value]) throws -> [Value] {
        try store.invoke(entry, arguments)
    }

    /// Calls the function with `arguments`.
    @discardableResult
    public func callAsFunction(_ arguments: Value...) throws -> [Value] {
        try call(arguments)
    }

    var entryAddress: UInt { UInt(bitPattern: entry) }

    /// Two handles are equal when they name the same function of the same store.
    public static func == (a: Function, b: Function) -> Bool { a.entry == b.entry }
    /// Hashes the function's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(entry) }
}

/// An external value: what an instance exports and another imports.
public enum ExternalValue {
    case function(Function)
    case table(Table)
    case memory(Memory)
    case global(Global)
    /// An exception tag.
    case tag(Tag)
}

/// A global variable of a store.
public struct Global {
    /// The store that owns this value (kept alive by the handle).
    public let store: Store
    let cell: UnsafeMutablePointer<UInt64>
    /// The global's value type and mutability.
    public let type: GlobalType

    /// Creates a global owned by `store`, for use as an import.
    public init(store: Store, type: GlobalType, value: Value) throws {
        guard store.matches(value, type.valueType) else {
            throw UsageError("global of type \(type.valueType) cannot hold \(value)")
        }
        self.store = store
        self.type = type
        self.cell = store.allocateGlobal(type, value: store.encode(value))
    }

    init(store: Store, cell: UnsafeMutablePointer<UInt64>, type: GlobalType) {
        self.store = store
        self.cell = cell
        self.type = type
    }

    /// The current value.
    public var value: Value { store.decode(type.valueType, cell[0], cell[1]) }

    /// Sets a mutable global. Throws `UsageError` if it is immutable or the type differs.
    public func set(_ newValue: Value) throws {
        guard type.isMutable else { throw UsageError("global is immutable") }
        guard store.matches(newValue, type.valueType) else { throw UsageError("global of type \(type.valueType) cannot hold \(newValue)") }
        let (a, b) = store.encode(newValue)
        cell[0] = a
        cell[1] = b
    }
}

/// A table of references.
public struct Table {
    /// The store that owns this value (kept alive by the handle).
    public let store: Store
    let storage: UnsafeMutablePointer<TableStorage>

    /// Creates a table owned by `store`, for use as an import.
    public init(store: Store, type: TableType, initial: Value? = nil) throws {
        guard type.elementType.isReference else { throw UsageError("table elements must be references") }
        if let initial, !store.matches(initial, type.elementType) {
            throw UsageError("table of \(type.elementType) cannot hold \(initial.type)")
        }
        guard initial != nil || type.elementType.isDefaultable else {
            throw UsageError("a table of \(type.elementType) needs an initial value")
        }
        let fill = initial.map { store.encode($0).0 } ?? 0
        guard let s = store.allocateTable(type, initial: fill) else {
            throw UsageError("table minimum exceeds the store's limit")
        }
        self.store = store
        self.storage = s
    }

    init(store: Store, storage: UnsafeMutablePointer<TableStorage>) {
        self.store = store
        self.storage = storage
    }

    /// The reference type of the elements (`funcref`, `externref`, a typed function reference...).
    public var elementType: ValueType { storage.pointee.elementType }
    /// The current number of elements.
    public var count: Int { storage.pointee.count }
    /// The table's current size as its minimum, with its declared maximum and index type.
    public var type: TableType {
        TableType(elementType: elementType, limits: Limits(min: UInt64(count), max: storage.pointee.declaredMax), is64: is64)
    }

    /// True for a table64 (memory64 proposal): the guest indexes it with `i64` values.
    public var is64: Bool { storage.pointee.is64 }

    /// The element at `index`, or nil if out of bounds.
    public func element(at index: Int) -> Value? {
        guard index >= 0, index < count else { return nil }
        return store.decode(elementType, storage.pointee.elements[index], 0)
    }

    /// Sets the element at `index`. Throws `UsageError` when out of bounds or of the wrong type.
    public func setElement(_ value: Value, at index: Int) throws {
        guard index >= 0, index < count else { throw UsageError("table index \(index) out of bounds (size \(count))") }
        guard store.matches(value, elementType) else { throw UsageError("table of \(elementType) cannot hold \(value)") }
        storage.pointee.elements[index] = store.encode(value).0
    }

    /// The element at the 64-bit index `index` (a table64's index as the guest gives it), or
    /// nil if out of bounds.
    public func element(at index: UInt64) -> Value? {
        guard let i = Int(exactly: index) else { return nil }
        return element(at: i)
    }

    /// Sets the element at the 64-bit index `index`. Throws `UsageError` when out of bounds or
    /// of the wrong type.
    public func setElement(_ value: Value, at index: UInt64) throws {
        guard let i = Int(exactly: index) else { throw UsageError("table index \(index) out of bounds (size \(count))") }
        try setElement(value, at: i)
    }

    /// Grows by `delta` elements; returns the old size, or nil past the maximum (or the store's
    /// limit on table elements).
    @discardableResult
    public func grow(by delta: Int, filling value: Value? = nil) -> Int? {
        guard delta >= 0 else { return nil }
        let r = growTable(storage, by: UInt64(delta), initial: value.map { store.encode($0).0 } ?? 0)
        return r < 0 ? nil : Int(r)
    }
}

extension Store {
    /// Encodes a value into the one or two slots that hold it.
    func encode(_ value: Value) -> (UInt64, UInt64) {
        switch value {
        case .i32(let v): return (UInt64(v), 0)
        case .i64(let v): return (v, 0)
        case .f32(let v): return (UInt64(v), 0)
        case .f64(let v): return (v, 0)
        case .v128(let v): return (v.low, v.high)
        case .funcRef(let f): return (f.map { UInt64(UInt(bitPattern: $0.entry)) } ?? 0, 0)
        case .externRef(let e): return (e.map { $0.id &+ 1 } ?? 0, 0)
        case .exnRef(let e): return (e?.bits ?? 0, 0)
        }
    }

    func decode(_ type: ValueType, _ a: UInt64, _ b: UInt64) -> Value {
        switch type {
        case .i32: return .i32(UInt32(truncatingIfNeeded: a))
        case .i64: return .i64(a)
        case .f32: return .f32(UInt32(truncatingIfNeeded: a))
        case .f64: return .f64(a)
        case .v128: return .v128(V128(low: a, high: b))
        case .ref(let r):
            switch r.heapType.top {
            case .extern: return .externRef(a == 0 ? nil : ExternRef(id: a &- 1))
            case .exn: return .exnRef(a == 0 ? nil : ExceptionReference(bits: a))
            default:
                guard a != 0, let p = UnsafeMutablePointer<FunctionEntry>(bitPattern: UInt(a)) else { return .funcRef(nil) }
                return .funcRef(Function(store: self, entry: p))
            }
        }
    }
}
