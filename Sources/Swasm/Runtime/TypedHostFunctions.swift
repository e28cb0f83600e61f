import SwasmBinary

/// Host functions from typed Swift closures: the WebAssembly type comes from the Swift
/// signature, and arguments and results move straight between the interpreter's value slots
/// and Swift values (no `Value`, no array, no allocation per call).
extension Imports {
    /// Defines a host function from a Swift closure whose parameter and result types are
    /// `WasmValue`s (`Int32`, `UInt32`, `Int64`, `UInt64`, `Float`, `Double`, `V128`,
    /// `ExternRef?`, `Function?`); no result, one, or a tuple of several.
    ///
    /// ```swift
    /// imports.define(module: "host", name: "add") { (a: Int32, b: Int32) -> Int32 in a + b }
    /// imports.define(module: "host", name: "divmod") { (a: UInt32, b: UInt32) -> (UInt32, UInt32) in
    ///     b == 0 ? (0, 0) : (a / b, a % b)
    /// }
    /// ```
    /// The type, here `(func (param i32 i32) (result i32))`, is checked against the import when a
    /// module is instantiated: a mismatch is a `LinkError` naming both types. An error the
    /// closure throws becomes a trap, as for any host function.
    @inlinable
    public mutating func define<each Parameter: WasmValue, each Result: WasmValue>(
        module: String, name: String,
        _ body: @escaping (repeat each Parameter) throws -> (repeat each Result)
    ) {
        let type = typedFunctionType((repeat (each Parameter).self), (repeat (each Result).self))
        define(module: module, name: name, HostFunction(type: type, slots: { caller, slots in
            var offset = 0
            let results = try body(repeat readSlots((each Parameter).self, slots, &offset, caller.storeReference))
            offset = 0
            repeat try writeSlots(each results, slots, &offset, caller.storeReference)
        }))
    }

    /// Defines a host function from a Swift closure that also receives the `Caller` (for its
    /// memory, instance and store) as its first parameter.
    ///
    /// ```swift
    /// imports.define(module: "host", name: "log") { (caller: Caller, offset: UInt32, length: UInt32) in
    ///     guard let memory = caller.memory else { return }
    ///     print(try memory.readString(at: Int(offset), count: Int(length)))
    /// }
    /// ```
    @inlinable
    public mutating func define<each Parameter: WasmValue, each Result: WasmValue>(
        module: String, name: String,
        _ body: @escaping (Caller, repeat each Parameter) throws -> (repeat each Result)
    ) {
        let type = typedFunctionType((repeat (each Parameter).self), (repeat (each Result).self))
        define(module: module, name: name, HostFunction(type: type, slots: { caller, slots in
            var offset = 0
            let results = try body(caller, repeat readSlots((each Parameter).self, slots, &offset, caller.storeReference))
            offset = 0
            repeat try writeSlots(each results, slots, &offset, caller.storeReference)
        }))
    }
}

/// The function type of typed parameters and results.
@inlinable
func typedFunctionType<each Parameter: WasmValue, each Result: WasmValue>(
    _ parameters: (repeat (each Parameter).Type), _ results: (repeat (each Result).Type)
) -> FunctionType {
    var type = FunctionType()
    repeat type.parameters.append((each Parameter).valueType)
    repeat type.results.append((each Result).valueType)
    return type
}

/// Reads a `T` at `slots[offset]` and moves `offset` past it.
@inlinable @inline(__always)
func readSlots<T: WasmValue>(_ type: T.Type, _ slots: UnsafeMutablePointer<UInt64>, _ offset: inout Int,
                             _ store: Unmanaged<Store>) -> T {
    let value = T.read(from: slots + offset, store: store)
    offset += T.slotCount
    return value
}

/// Writes `value` at `slots[offset]` and moves `offset` past it.
@inlinable @inline(__always)
func writeSlots<T: WasmValue>(_ value: T, _ slots: UnsafeMutablePointer<UInt64>, _ offset: inout Int,
                              _ store: Unmanaged<Store>) throws {
    try value.write(to: slots + offset, store: store)
    offset += T.slotCount
}
