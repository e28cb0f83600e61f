/// Crossing between Swift and wasm: calls from the host into a function, and calls from wasm
/// code into host functions.
extension Store {
    /// Runs `entry` with `arguments` on this store's VM and returns its results.
    func invoke(_ entry: UnsafeMutablePointer<FunctionEntry>, _ arguments: [Value]) throws -> [Value] {
        let type = functionTypes[entry.pointee.typeID]
        guard arguments.count == type.parameters.count else {
            throw UsageError("expected \(type.parameters.count) arguments \(type.parameters), got \(arguments.count)")
        }
        for (i, (value, expected)) in zip(arguments, type.parameters).enumerated() {
            guard matches(value, expected) else {
                throw UsageError("argument \(i): expected \(expected), got \(value)")
            }
            if case .funcRef(let f?) = value, f.store !== self {
                throw UsageError("argument \(i): a function reference from another store")
            }
        }
        let fp = try callFrame(for: entry)
        write(arguments, to: fp)
        try run(entry, frame: fp)
        return read(type.results, from: fp)
    }

    /// The frame for a call from Swift to `entry`: where its arguments go and its results come
    /// back. Throws "call stack exhausted" when the value stack has no room for it.
    func callFrame(for entry: UnsafeMutablePointer<FunctionEntry>) throws -> UnsafeMutablePointer<UInt64> {
        let fp = vm.pointee.stackTop
        let needed = max(entry.pointee.frameSlots, entry.pointee.parameterSlots, entry.pointee.resultSlots)
        guard fp + needed <= vm.pointee.stackEnd else { throw Trap(.callStackExhausted) }
        return fp
    }

    /// Runs `entry` on the arguments in `fp[0...]` (a frame from `callFrame(for:)`); the results
    /// are left there. Throws the trap, if any.
    func run(_ entry: UnsafeMutablePointer<FunctionEntry>, frame fp: UnsafeMutablePointer<UInt64>) throws {
        if entry.pointee.code == nil {
            let result = callHostFunction(vm, entry, fp, nil)
            if result != .none { throw takeTrap(result) }
        } else {
            let locals = entry.pointee.localSlots
            if locals > 0 { (fp + entry.pointee.parameterSlots).initialize(repeating: 0, count: locals) }
            let result = interpret(vm, function: entry, fp: fp)
            if result != .none { throw takeTrap(result) }
        }
    }

    /// Writes values to consecutive slots (v128 takes two).
    func write(_ values: [Value], to fp: UnsafeMutablePointer<UInt64>) {
        var slot = 0
        for value in values {
            let (a, b) = encode(value)
            fp[slot] = a
            if value.type == .v128 {
                fp[slot + 1] = b
                slot += 2
            } else {
                slot += 1
            }
        }
    }

    /// Reads values of `types` from consecutive slots.
    func read(_ types: [ValueType], from fp: UnsafeMutablePointer<UInt64>) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(types.count)
        var slot = 0
        for t in types {
            values.append(decode(t, fp[slot], t == .v128 ? fp[slot + 1] : 0))
            slot += t == .v128 ? 2 : 1
        }
        return values
    }

    /// Turns the VM's record of the last trap into a `Trap` error (or the host's own error).
    func takeTrap(_ code: TrapCode) -> Error {
        if code == .exception, let exception = thrownException {
            thrownException = nil
            if let thrown = WasmException(taking: exception, store: self) { return thrown }
        }
        let kind = Trap.Kind(code) ?? .unreachable
        var frames: [Trap.Frame] = []
        if code != .hostError {
            for i in 0..<vm.pointee.trapFunctionCount {
                guard let f = vm.pointee.trapFunctions[i] else { continue }
                frames.append(frame(for: f))
            }
        }
        vm.pointee.trapFunctionCount = 0
        if code == .hostError {
            let error = pendingHostError
            pendingHostError = nil
            if let trap = error as? Trap { return trap }
            if let exception = error as? WasmException { return exception }
            if let memoryError = error as? MemoryAccessError {
                return Trap(.outOfBoundsMemoryAccess, underlyingError: memoryError)
            }
            return Trap(.hostError, underlyingError: error)
        }
        return Trap(kind, backtrace: frames)
    }

    func frame(for f: UnsafeMutablePointer<FunctionEntry>) -> Trap.Frame {
        guard let context = f.pointee.context else {
            return Trap.Frame(functionIndex: f.pointee.functionIndex, name: "<host>", moduleName: nil)
        }
        let module = context.pointee.instance.takeUnretainedValue().module
        return Trap.Frame(functionIndex: f.pointee.functionIndex, name: module.functionName(at: f.pointee.functionIndex),
                          moduleName: module.decoded.names.moduleName)
    }
}

/// Calls a host function from wasm code: arguments are in `fp[0...]`, results go there too.
@inline(never)
func callHostFunction(_ vm: UnsafeMutablePointer<VMState>, _ entry: UnsafeMutablePointer<FunctionEntry>,
                      _ fp: UnsafeMutablePointer<UInt64>, _ caller: UnsafeMutablePointer<InstanceContext>?) -> TrapCode {
    guard vm.pointee.hostReentry < vm.pointee.maxHostReentry else { return .callStackExhausted }
    let store = vm.pointee.store
    let savedTop = vm.pointee.stackTop
    let savedFrameTop = vm.pointee.frameTop
    vm.pointee.stackTop = fp + max(entry.pointee.parameterSlots, entry.pointee.resultSlots)
    vm.pointee.hostReentry += 1
    defer {
        vm.pointee.hostReentry -= 1
        vm.pointee.stackTop = savedTop
        vm.pointee.frameTop = savedFrameTop
    }
    guard let host = entry.pointee.host else { return .unreachable }
    do {
        // The store keeps the body, itself and the calling instance alive: no retains.
        let context = Caller(store: store, record: caller?.pointee.instance)
        try host._withUnsafeGuaranteedRef { try $0.invoke(context, fp) }
    } catch {
        store.takeUnretainedValue().pendingHostError = error
        return .hostError
    }
    return .none
}
