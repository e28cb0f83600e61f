import SwasmBinary

/// Typed calls into exported functions: checked once, then called with Swift values and
/// without `Value` arrays (no allocation per call).
extension Function {
    /// A Swift closure that calls this function with typed arguments and returns typed results.
    /// The types are checked here, once: a mismatch throws `UsageError` naming both types.
    ///
    /// ```swift
    /// let add = try instance.function("add").typed(Int32.self, Int32.self, returning: Int32.self)
    /// let sum = try add(2, 3)                       // 5
    /// let run = try instance.function("run").typed()  // () throws -> ()
    /// ```
    /// Several results come back as a tuple. A trap is thrown as `Trap`. The closure keeps the
    /// store alive and, like the store, is used from one thread at a time.
    @inlinable
    public func typed<each Parameter: WasmValue, each Result: WasmValue>(
        _ parameters: repeat (each Parameter).Type, returning results: repeat (each Result).Type
    ) throws -> (repeat each Parameter) throws -> (repeat each Result) {
        let expected = typedFunctionType((repeat (each Parameter).self), (repeat (each Result).self))
        guard expected == type else {
            throw UsageError("function of type \(type) cannot be called as \(expected)")
        }
        let function = self
        return { (arguments: repeat each Parameter) in
            let store = Unmanaged.passUnretained(function.store)
            let frame = try function.callFrame()
            var offset = 0
            repeat try writeSlots(each arguments, frame, &offset, store)
            try function.run(frame: frame)
            offset = 0
            return (repeat readSlots((each Result).self, frame, &offset, store))
        }
    }

    /// Where a call from Swift places its arguments (see `Store.callFrame(for:)`).
    @usableFromInline
    func callFrame() throws -> UnsafeMutablePointer<UInt64> { try store.callFrame(for: entry) }

    /// Runs the function on the arguments in `frame`, leaving its results there.
    @usableFromInline
    func run(frame: UnsafeMutablePointer<UInt64>) throws { try store.run(entry, frame: frame) }
}
