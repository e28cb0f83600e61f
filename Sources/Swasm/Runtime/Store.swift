#if canImport(Synchronization) && os(Linux)
import Synchronization
#endif

/// Owns everything instances create: functions, memories, tables, globals, and the virtual
/// machine's stacks. Handles (`Instance`, `Function`, `Memory`, ...) keep their store alive;
/// everything is freed together when the last handle goes.
///
/// A store is not thread-safe: use it from one thread at a time. (Only `interrupt()` may be
/// called from another thread.)
public final class Store {
    /// The limits and features this store was created with.
    public let configuration: Configuration
    /// Identity checked when a function, memory, table or global crosses into an instantiation.
    var id: Int { Int(bitPattern: Unmanaged.passUnretained(self).toOpaque()) }
    let vm: UnsafeMutablePointer<VMState>

    /// Owns the bodies that host function entries point to.
    var hostFunctions: [HostFunctionBox] = []
    var typeIDs: [FunctionType: Int] = [:]
    var functionTypes: [FunctionType] = []
    var functionEntries: [UnsafeMutablePointer<FunctionEntry>] = []
    var memoryStorages: [UnsafeMutablePointer<MemoryStorage>] = []
    var tableStorages: [UnsafeMutablePointer<TableStorage>] = []
    var globalCells: [UnsafeMutablePointer<UInt64>] = []
    var globalTypes: [UnsafeMutablePointer<UInt64>: GlobalType] = [:]
    var records: [InstanceRecord] = []
    /// Fuel set or added since the last reset (for `fuelConsumed`).
    var fuelGiven: UInt64 = 0
    var externObjects: [Any] = []
    /// The error a host function threw, while it travels up through the interpreter.
    var pendingHostError: Error?
    /// An exception that left a run uncaught, until `takeTrap` turns it into a `WasmException`.
    var thrownException: UnsafeMutablePointer<UInt64>?
    /// Exceptions that became `exnref` values: they live as long as the store.
    var escapedExceptions: [UnsafeMutablePointer<UInt64>] = []
    /// Tags created in this store (defined by instances or by the host).
    var tagObjects: [TagObject] = []
    /// An empty memory for instances without one, so the interpreter always has a valid base.
    let emptyMemory: UnsafeMutablePointer<MemoryStorage>
    private let placeholderContext: UnsafeMutablePointer<InstanceContext>
    private let placeholderFunction: UnsafeMutablePointer<FunctionEntry>

    let interruptFlag = InterruptFlag()
    /// The VM's call stack and value stack (SystemMemory.allocateStack).
    private let stackRegion: UnsafeMutableRawPointer
    private let stackRegionBytes: Int
    private let stackIsMapped: Bool
    // Page-aligned stacks would start at the same offset within a page as the VM state and its
    // handler table, so a store to a stack slot and the next handler-table load 4K-alias: the CPU
    // stalls the load until it rules the store out (recursive fib: 0.92 s aligned, 0.75 s skewed).
    // Both stacks start at distinct offsets inside the region's first page instead.
    private static let frameSkew = 0x440
    private static let valueStackSkew = 0x880
    private static let stackSkew = 4096

    /// A store with its own value stack, call stack and limits.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let slots = max(1024, configuration.valueStackSlots)
        let depth = max(1, configuration.maxCallDepth)
        // The call stack and the value stack share one region, touched (committed) as used.
        let frameBytes = SystemMemory.roundUp(depth * MemoryLayout<CallFrame>.stride)
        stackRegionBytes = frameBytes + Store.stackSkew + slots * MemoryLayout<UInt64>.stride
        if let region = SystemMemory.allocateStack(byteCount: stackRegionBytes) {
            (stackRegion, stackIsMapped) = (region, true)
        } else {
            (stackRegion, stackIsMapped) = (UnsafeMutableRawPointer.allocate(byteCount: stackRegionBytes, alignment: 4096), false)
        }
        let frames = (stackRegion + Store.frameSkew).bindMemory(to: CallFrame.self, capacity: depth)
        let stack = (stackRegion + frameBytes + Store.valueStackSkew).bindMemory(to: UInt64.self, capacity: slots)
        let trapFunctions = UnsafeMutablePointer<UnsafeMutablePointer<FunctionEntry>?>.allocate(capacity: maxBacktraceFrames)
        trapFunctions.initialize(repeating: nil, count: maxBacktraceFrames)
        // The handler table follows the state (Dispatch.swift: `handlerTableOffset`).
        vm = UnsafeMutableRawPointer.allocate(byteCount: handlerTableOffset + Op.count * MemoryLayout<Handler>.stride,
                                              alignment: 64).bindMemory(to: VMState.self, capacity: 1)
        placeholderContext = .allocate(capacity: 1)
        placeholderFunction = .allocate(capacity: 1)
        emptyMemory = UnsafeMutablePointer<MemoryStorage>.allocate(capacity: 1)
        emptyMemory.initialize(to: MemoryStorage(base: UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8),
                                                 byteCount: 0, reservedBytes: 0, accessibleBytes: 0, maxPages: 0, declaredMax: 0))
        vm.initialize(to: VMState(
            stackBase: stack, stackEnd: stack + slots, stackTop: stack,
            frames: frames, frameLimit: frames + depth, frameTop: frames, baseFrame: frames,
            // Placeholders until a function runs (Dispatch.run sets both before executing).
            context: placeholderContext, entryFunction: placeholderFunction,
            hostReentry: 0, maxHostReentry: max(1, configuration.maxHostReentry),
            fuel: 0, fuelSlice: fuelSliceSize, fuelEnabled: false, interrupt: Unmanaged.passUnretained(interruptFlag),
            store: Unmanaged.passUnretained(self),
            trapFunctions: trapFunctions, trapFunctionCount: 0,
            pc: stack, fp: stack, mem: UnsafeMutableRawPointer(stack), size: 0, acc: 0, facc: 0))
        Dispatch.installHandlerTable(after: vm)
    }

    deinit {
        let state = vm.pointee
        if stackIsMapped {
            SystemMemory.releaseStack(stackRegion, byteCount: stackRegionBytes)
        } else {
            stackRegion.deallocate()
        }
        state.trapFunctions.deallocate()
        UnsafeMutableRawPointer(vm).deallocate()
        placeholderContext.deallocate()
        placeholderFunction.deallocate()
        for e in functionEntries { e.deallocate() }
        for e in escapedExceptions { e.deallocate() }
        for m in memoryStorages {
            SystemMemory.releaseMemory(m.pointee.base, reserved: m.pointee.reservedBytes, accessible: m.pointee.accessibleBytes)
            m.deallocate()
        }
        emptyMemory.pointee.base.deallocate()
        emptyMemory.deallocate()
        for t in tableStorages {
            t.pointee.elements.deallocate()
            t.deallocate()
        }
        for g in globalCells { g.deallocate() }
    }

    /// The store's ids for a module's types: equivalent types (also across modules) share one.
    func canonicalTypeIDs(of types: [FunctionType]) -> [Int] {
        var ids: [Int] = []
        ids.reserveCapacity(types.count)
        for (i, t) in types.enumerated() {
            ids.append(typeID(for: TypeCanonicalizer.key(of: t, at: i, identity: { ids[$0] })))
        }
        return ids
    }

    /// A module's value type in the store's form: concrete types named by store type ids.
    func canonical(_ type: ValueType, _ ids: [Int]) -> ValueType {
        guard case .ref(var r) = type, case .concrete(let k) = r.heapType, Int(k) < ids.count else { return type }
        r.heapType = .concrete(UInt32(truncatingIfNeeded: ids[Int(k)]))
        return .ref(r)
    }

    /// Whether a host-side value may be stored where the store-form type `type` is expected.
    func matches(_ value: Value, _ type: ValueType) -> Bool {
        switch (value, type) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64), (.v128, .v128): return true
        case (.funcRef(let f), .ref(let r)):
            guard r.heapType.top == .func else { return false }
            guard let f else { return r.isNullable }
            switch r.heapType {
            case .func: return true
            case .concrete(let id): return f.store === self && f.entry.pointee.typeID == Int(id)
            default: return false
            }
        case (.externRef(let e), .ref(let r)):
            guard r.heapType.top == .extern else { return false }
            return e == nil ? r.isNullable : r.heapType == .extern
        case (.exnRef(let e), .ref(let r)):
            guard r.heapType.top == .exn else { return false }
            return e == nil ? r.isNullable : r.heapType == .exn
        default: return false
        }
    }

    /// Subtyping between store-form value types (concrete types are equal when their ids are).
    func isSubtype(_ a: ValueType, of b: ValueType) -> Bool {
        if a == b { return true }
        guard case .ref(let ra) = a, case .ref(let rb) = b, !ra.isNullable || rb.isNullable else { return false }
        return Subtyping.isSubtype(ra.heapType, of: rb.heapType, sameType: ==)
    }

    /// The store's id for a function type (equal types share one id).
    func typeID(for type: FunctionType) -> Int {
        if let id = typeIDs[type] { return id }
        let id = functionTypes.count
        functionTypes.append(type)
        typeIDs[type] = id
        return id
    }

    /// Wraps a Swift value so the guest can hold it as an `externref`.
    public func externRef(for object: Any) -> ExternRef {
        externObjects.append(object)
        return ExternRef(id: UInt64(externObjects.count - 1))
    }

    /// The Swift value behind an `externref` made by `externRef(for:)`.
    public func object(for ref: ExternRef) -> Any? {
        guard ref.id < UInt64(externObjects.count) else { return nil }
        return externObjects[Int(ref.id)]
    }

    /// Asks the running guest to stop with an "interrupted" trap at its next checkpoint (function
    /// entry or loop header). Safe to call from any thread. Only modules compiled with
    /// `CompilationOptions(checkpoints: true)` have checkpoints. The request is consumed by the
    /// trap it causes; if nothing is running, the next call into the store stops at its first
    /// checkpoint.
    public func interrupt() {
        interruptFlag.set(true)
    }

    /// Withdraws a pending interruption request.
    public func clearInterrupt() {
        interruptFlag.set(false)
    }

    /// A handle that another thread (a timer, a watchdog) can use to interrupt this store's guest.
    public var interruptHandle: InterruptHandle { InterruptHandle(flag: interruptFlag) }

    /// Remaining fuel: an instruction budget charged at checkpoints (one unit per WebAssembly
    /// instruction, counted per straight-line region). When it runs out, the guest traps with
    /// "fuel exhausted". nil (the default) means unlimited. Setting it restarts `fuelConsumed`.
    /// Fuel needs modules compiled with `CompilationOptions(checkpoints: true)`; instantiating a
    /// module without checkpoints in a store with fuel throws `UsageError`.
    public var fuel: UInt64? {
        get {
            guard vm.pointee.fuelEnabled else { return nil }
            return UInt64(max(0, vm.pointee.fuel)) + UInt64(max(0, vm.pointee.fuelSlice))
        }
        set {
            if let newValue {
                vm.pointee.fuelEnabled = true
                vm.pointee.fuel = Int64(clamping: newValue)
                vm.pointee.fuelSlice = 0
                fuelGiven = newValue
            } else {
                vm.pointee.fuelEnabled = false
                vm.pointee.fuelSlice = fuelSliceSize
                fuelGiven = 0
            }
        }
    }

    /// Adds fuel (after a "fuel exhausted" trap, to resume with a new call or rerun).
    public func addFuel(_ amount: UInt64) {
        let remaining = fuel ?? 0
        vm.pointee.fuelEnabled = true
        vm.pointee.fuel = Int64(clamping: remaining.addingReportingOverflow(amount).partialValue)
        vm.pointee.fuelSlice = 0
        fuelGiven = fuelGiven.addingReportingOverflow(amount).partialValue
    }

    /// Fuel used since it was last set.
    public var fuelConsumed: UInt64 {
        guard let remaining = fuel else { return 0 }
        return fuelGiven >= remaining ? fuelGiven - remaining : 0
    }

    // MARK: Allocation

    func allocateFunction(_ entry: FunctionEntry) -> UnsafeMutablePointer<FunctionEntry> {
        let p = UnsafeMutablePointer<FunctionEntry>.allocate(capacity: 1)
        p.initialize(to: entry)
        functionEntries.append(p)
        return p
    }

    func allocateHostFunction(_ host: HostFunction) -> UnsafeMutablePointer<FunctionEntry> {
        let box = HostFunctionBox(host.invoke)
        hostFunctions.append(box)
        let params = host.type.parameters.reduce(0) { $0 + ($1 == .v128 ? 2 : 1) }
        let results = host.type.results.reduce(0) { $0 + ($1 == .v128 ? 2 : 1) }
        return allocateFunction(FunctionEntry(
            code: nil, context: nil, typeID: typeID(for: host.type), parameterSlots: params, resultSlots: results,
            localSlots: 0, frameSlots: max(params, results), host: Unmanaged.passUnretained(box),
            functionIndex: 0, storeID: id))
    }

    /// Allocates a memory of `type`; nil if its minimum exceeds the store's limit or the host is
    /// out of memory (or, for a 64-bit memory, address space).
    func allocateMemory(_ type: MemoryType) -> UnsafeMutablePointer<MemoryStorage>? {
        // The architectural limit: 2^16 pages (4 GiB) for a 32-bit memory, 2^48 for a 64-bit one.
        var maxPages = type.is64 ? 1 << 48 : 65_536
        if let declared = type.limits.max { maxPages = min(maxPages, Int(clamping: declared)) }
        if let limit = configuration.maxMemoryPages { maxPages = min(maxPages, limit) }
        guard type.limits.min <= UInt64(maxPages) || (type.limits.min <= 65_536 && configuration.maxMemoryPages == nil) else {
            return nil
        }
        // The whole range the memory may ever use is reserved once: its maximum, or 4 GiB for a
        // 32-bit memory. A 64-bit memory's is capped (it cannot grow past its reservation).
        var reservedPages = max(maxPages, Int(clamping: type.limits.min))
        if type.is64 {
            reservedPages = min(reservedPages, max(0, configuration.memory64ReservationPages), 1 << 30)
            guard type.limits.min <= UInt64(reservedPages) else { return nil }
        }
        let bytes = Int(type.limits.min) * pageSize
        guard let (base, reserved, accessible) = SystemMemory.reserveMemory(maximumBytes: reservedPages * pageSize,
                                                                            initialBytes: bytes) else { return nil }
        let p = UnsafeMutablePointer<MemoryStorage>.allocate(capacity: 1)
        p.initialize(to: MemoryStorage(base: base, byteCount: bytes, reservedBytes: reserved, accessibleBytes: accessible, maxPages: maxPages,
                                       declaredMax: type.limits.max, addressMask: type.is64 ? .max : 0xFFFF_FFFF))
        memoryStorages.append(p)
        return p
    }

    func allocateTable(_ type: TableType, initial: UInt64 = 0) -> UnsafeMutablePointer<TableStorage>? {
        var maxCount = type.is64 ? Int.max : Int(UInt32.max)
        if let declared = type.limits.max { maxCount = min(maxCount, Int(clamping: declared)) }
        maxCount = min(maxCount, configuration.maxTableElements ?? 10_000_000)
        guard type.limits.min <= UInt64(maxCount) else { return nil }
        let count = Int(type.limits.min)
        let elements = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, count))
        elements.initialize(repeating: initial, count: max(1, count))
        let p = UnsafeMutablePointer<TableStorage>.allocate(capacity: 1)
        p.initialize(to: TableStorage(elements: elements, count: count, capacity: max(1, count), maxCount: maxCount,
                                      declaredMax: type.limits.max, elementType: type.elementType,
                                      indexMask: type.is64 ? .max : 0xFFFF_FFFF))
        tableStorages.append(p)
        return p
    }

    func allocateGlobal(_ type: GlobalType, value: (UInt64, UInt64)) -> UnsafeMutablePointer<UInt64> {
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        p[0] = value.0
        p[1] = value.1
        globalCells.append(p)
        globalTypes[p] = type
        return p
    }
}

/// Stops a store's running guest from any thread (see `Store.interrupt()`).
public struct InterruptHandle: @unchecked Sendable {
    let flag: InterruptFlag

    /// Requests an "interrupted" trap at the guest's next checkpoint.
    public func interrupt() { flag.set(true) }
}

/// A flag another thread sets to stop a running guest.
final class InterruptFlag: @unchecked Sendable {
    #if canImport(Synchronization) && os(Linux)
    private let value = Atomic<Int>(0)
    var isSet: Bool { value.load(ordering: .relaxed) != 0 }
    func set(_ on: Bool) { value.store(on ? 1 : 0, ordering: .relaxed) }
    #else
    private let value = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    init() { value.initialize(to: 0) }
    deinit { value.deallocate() }
    var isSet: Bool { value.pointee != 0 }
    func set(_ on: Bool) { value.pointee = on ? 1 : 0 }
    #endif
}
