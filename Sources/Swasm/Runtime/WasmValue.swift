import SwasmBinary

/// A Swift type that stands for one WebAssembly value type in typed host functions
/// (`Imports.define(module:name:_:)` with a Swift closure) and typed exports
/// (`Function.typed(_:returning:)`).
///
/// | Swift type       | WebAssembly |
/// |------------------|-------------|
/// | `Int32`, `UInt32` | `i32`      |
/// | `Int64`, `UInt64` | `i64`      |
/// | `Float`           | `f32`      |
/// | `Double`          | `f64`      |
/// | `V128`            | `v128`     |
/// | `ExternRef?`      | `externref`|
/// | `Function?`       | `funcref`  |
///
/// Values move between Swift and the interpreter's 8-byte value slots directly, with no
/// `Value` or array in between. swasm provides every conformance; the requirements are public
/// only so that calls can be specialized in the embedder's module.
public protocol WasmValue {
    /// The WebAssembly type this Swift type stands for.
    static var valueType: ValueType { get }
    /// How many 8-byte slots a value takes (2 for `v128`, 1 for the others).
    static var slotCount: Int { get }
    /// Reads a value from `slots[0]` (and `slots[1]` for `v128`). `store` (unretained: the
    /// running call keeps it alive) owns any reference.
    static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> Self
    /// Writes the value to `slots[0]` (and `slots[1]` for `v128`). Throws `UsageError` for a
    /// function reference from a store other than `store`.
    func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) throws
}

extension WasmValue {
    /// One slot, as for every type but `v128`.
    @inlinable public static var slotCount: Int { 1 }
}

extension Int32: WasmValue {
    @inlinable public static var valueType: ValueType { .i32 }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> Int32 {
        Int32(truncatingIfNeeded: slots[0])
    }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) {
        slots[0] = UInt64(UInt32(bitPattern: self))
    }
}

extension UInt32: WasmValue {
    @inlinable public static var valueType: ValueType { .i32 }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> UInt32 {
        UInt32(truncatingIfNeeded: slots[0])
    }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) { slots[0] = UInt64(self) }
}

extension Int64: WasmValue {
    @inlinable public static var valueType: ValueType { .i64 }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> Int64 {
        Int64(bitPattern: slots[0])
    }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) {
        slots[0] = UInt64(bitPattern: self)
    }
}

extension UInt64: WasmValue {
    @inlinable public static var valueType: ValueType { .i64 }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> UInt64 { slots[0] }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) { slots[0] = self }
}

extension Float: WasmValue {
    @inlinable public static var valueType: ValueType { .f32 }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> Float {
        Float(bitPattern: UInt32(truncatingIfNeeded: slots[0]))
    }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) { slots[0] = UInt64(bitPattern) }
}

extension Double: WasmValue {
    @inlinable public static var valueType: ValueType { .f64 }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> Double {
        Double(bitPattern: slots[0])
    }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) { slots[0] = bitPattern }
}

extension V128: WasmValue {
    @inlinable public static var valueType: ValueType { .v128 }
    @inlinable public static var slotCount: Int { 2 }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> V128 {
        V128(low: slots[0], high: slots[1])
    }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) {
        slots[0] = low
        slots[1] = high
    }
}

/// A reference type that, as an optional (`ExternRef?`, `Function?`), is a `WasmValue`:
/// nil is the null reference.
public protocol WasmReference {
    /// `externref` or `funcref`.
    static var referenceType: ValueType { get }
    /// The reference held in a slot; nil for 0, the null reference.
    static func reference(fromSlot slot: UInt64, store: Unmanaged<Store>) -> Self?
    /// The slot encoding of the reference (never 0). Throws `UsageError` for a function of
    /// another store.
    func slot(in store: Unmanaged<Store>) throws -> UInt64
}

extension Optional: WasmValue where Wrapped: WasmReference {
    @inlinable public static var valueType: ValueType { Wrapped.referenceType }
    @inlinable public static func read(from slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) -> Wrapped? {
        Wrapped.reference(fromSlot: slots[0], store: store)
    }
    @inlinable public func write(to slots: UnsafeMutablePointer<UInt64>, store: Unmanaged<Store>) throws {
        slots[0] = try self.map { try $0.slot(in: store) } ?? 0
    }
}

extension ExternRef: WasmReference {
    @inlinable public static var referenceType: ValueType { .externRef }
    // Slot encoding: id + 1 (0 is null), as `Store.encode` does.
    @inlinable public static func reference(fromSlot slot: UInt64, store: Unmanaged<Store>) -> ExternRef? {
        slot == 0 ? nil : ExternRef(id: slot &- 1)
    }
    @inlinable public func slot(in store: Unmanaged<Store>) -> UInt64 { id &+ 1 }
}

extension Function: WasmReference {
    public static var referenceType: ValueType { .funcRef }
    public static func reference(fromSlot slot: UInt64, store: Unmanaged<Store>) -> Function? {
        // A non-zero funcref slot holds a function entry's address.
        UnsafeMutablePointer<FunctionEntry>(bitPattern: UInt(slot)).map { Function(store: store.takeUnretainedValue(), entry: $0) }
    }
    public func slot(in store: Unmanaged<Store>) throws -> UInt64 {
        guard self.store === store.takeUnretainedValue() else { throw UsageError("a function reference from another store") }
        return UInt64(UInt(bitPattern: entry))
    }
}
