/// Plain-data structures the interpreter reads through raw pointers, so that its loop touches no
/// class references (no ARC, no exclusivity checks). Their storage is owned by `Store` objects and
/// stays at a fixed address for the store's lifetime.

/// A linear memory's storage: a reservation of address space whose first `byteCount` bytes are
/// accessible (SystemMemory). `base` never moves; the interpreter reloads the size after
/// `memory.grow` and after every call and return.
struct MemoryStorage {
    var base: UnsafeMutableRawPointer
    var byteCount: Int
    /// Bytes of address space reserved at `base` (0 for the store's placeholder memory), and
    /// how many of them are readable and writable (at least `byteCount`).
    var reservedBytes: Int
    var accessibleBytes: Int
    /// Upper bound on pages: the declared maximum, the embedder's limit and the address type's
    /// (65,536 pages, or 2^48 for a 64-bit memory), whichever is lowest.
    var maxPages: Int
    var declaredMax: UInt64?
    /// What an address operand's slot is masked with: 0xFFFF_FFFF for a 32-bit memory (its i32
    /// slot may hold other bits above), all ones for a 64-bit one.
    var addressMask: UInt64 = 0xFFFF_FFFF

    var is64: Bool { addressMask == .max }
}

/// A table's elements: references encoded as `UInt64` (0 is null).
struct TableStorage {
    var elements: UnsafeMutablePointer<UInt64>
    var count: Int
    var capacity: Int
    var maxCount: Int
    var declaredMax: UInt64?
    /// In the store's canonical form (concrete types named by store type ids).
    var elementType: ValueType
    /// What an index operand's slot is masked with: 0xFFFF_FFFF for a 32-bit table, all ones
    /// for a table64.
    var indexMask: UInt64 = 0xFFFF_FFFF

    var is64: Bool { indexMask == .max }
}

/// One entry of the function index space: a compiled wasm function or a host function.
struct FunctionEntry {
    /// Internal code; nil for host functions.
    var code: UnsafeMutablePointer<UInt64>?
    /// The defining instance's context (wasm functions); for host functions, unused.
    var context: UnsafeMutablePointer<InstanceContext>?
    /// The store's canonical id of the function's type (for `call_indirect`).
    var typeID: Int
    var parameterSlots: Int
    var resultSlots: Int
    /// Slots after the parameters that hold declared locals and must be zeroed on entry.
    var localSlots: Int
    /// Parameters + locals + the operand stack's maximum height, in slots.
    var frameSlots: Int
    /// For host functions: the body, owned by the store (`Store.hostFunctions`); nil for wasm code.
    var host: Unmanaged<HostFunctionBox>?
    /// Index in the defining module's function index space (for backtraces).
    var functionIndex: Int
    /// Identity of the owning store, for cross-store checks.
    var storeID: Int
}

/// What the interpreter needs of an instance, at fixed offsets.
struct InstanceContext {
    /// Memory 0 (the store's empty placeholder if the instance has none): its base and size
    /// travel in the handler registers.
    var memory: UnsafeMutablePointer<MemoryStorage>
    var globals: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    var functions: UnsafeMutablePointer<UnsafeMutablePointer<FunctionEntry>>
    var tables: UnsafeMutablePointer<UnsafeMutablePointer<TableStorage>>
    /// Module type index → the store's canonical type id (what `call_indirect` compares).
    var typeIDs: UnsafeMutablePointer<Int>
    /// The owning `Instance`, for cold paths (segments, names). Unretained: the instance owns this context.
    var instance: Unmanaged<InstanceRecord>
    /// Every memory by index (imports first), for instructions on memories other than memory 0.
    var memories: UnsafeMutablePointer<UnsafeMutablePointer<MemoryStorage>>
}

/// A saved caller state on the VM's call stack, and the function the call entered: a frame
/// records the function running above it (`runningFunction`), so a call does not also save and
/// restore a "current function" register.
struct CallFrame {
    var returnPC: UnsafeMutablePointer<UInt64>
    var fp: UnsafeMutablePointer<UInt64>
    var context: UnsafeMutablePointer<InstanceContext>
    var function: UnsafeMutablePointer<FunctionEntry>
}

/// The function running when the call stack's top is `top` (for backtraces and unwinding).
@inline(__always)
func runningFunction(_ vm: VM, top: UnsafeMutablePointer<CallFrame>) -> UnsafeMutablePointer<FunctionEntry> {
    top > vm.pointee.baseFrame ? (top - 1).pointee.function : vm.pointee.entryFunction
}

/// Makes `function` the running one (a tail call replaces it).
@inline(__always)
func setRunningFunction(_ vm: VM, _ function: UnsafeMutablePointer<FunctionEntry>) {
    let top = vm.pointee.frameTop
    if top > vm.pointee.baseFrame {
        (top - 1).pointee.function = function
    } else {
        vm.pointee.entryFunction = function
    }
}

/// Why the interpreter loop stopped. `.none` means the function returned normally.
enum TrapCode: UInt8 {
    case none
    case unreachable
    case integerDivideByZero
    case integerOverflow
    case invalidConversionToInteger
    case outOfBoundsMemoryAccess
    case outOfBoundsTableAccess
    case undefinedElement
    case uninitializedElement
    case indirectCallTypeMismatch
    case callStackExhausted
    case fuelExhausted
    case interrupted
    /// A host function threw; the error is in `VMState.hostError`.
    case hostError
    case nullExceptionReference
    case nullFunctionReference
    case nullReference
    /// An exception left the run uncaught; it is in `Store.thrownException`.
    case exception
}
