/// The state of one store's virtual machine: the value stack that holds every wasm frame, and the
/// call stack of saved caller states. Wasm calls never recurse on the Swift stack; only a host
/// function calling back into wasm starts a nested run, which is bounded by `maxHostReentry`.
struct VMState {
    var stackBase: UnsafeMutablePointer<UInt64>
    /// One past the last usable slot.
    var stackEnd: UnsafeMutablePointer<UInt64>
    /// First free slot: where a call from the host places its arguments.
    var stackTop: UnsafeMutablePointer<UInt64>
    /// The call stack: `frames..<frameLimit`, in use up to `frameTop` (the next free frame).
    /// Pointers rather than a depth, so a call pushes with no index arithmetic.
    var frames: UnsafeMutablePointer<CallFrame>
    var frameLimit: UnsafeMutablePointer<CallFrame>
    var frameTop: UnsafeMutablePointer<CallFrame>
    /// Where the current run returns to its host caller.
    var baseFrame: UnsafeMutablePointer<CallFrame>
    /// The running function's instance.
    var context: UnsafeMutablePointer<InstanceContext>
    /// The function running at `baseFrame`: the run's entry, or what it tail-called (deeper
    /// functions are recorded in their call frames: `runningFunction`).
    var entryFunction: UnsafeMutablePointer<FunctionEntry>
    /// Nested runs (host → wasm → host → wasm ...).
    var hostReentry: Int
    var maxHostReentry: Int
    /// Fuel not yet moved into the current slice; only charged when the code was compiled with
    /// checkpoints. Remaining fuel = `fuel + max(0, fuelSlice)`.
    var fuel: Int64
    /// Units the checkpoints may still use before `refillFuelSlice` runs.
    var fuelSlice: Int64
    var fuelEnabled: Bool
    /// Set (from any thread) to request an "interrupted" trap at the next checkpoint.
    var interrupt: Unmanaged<InterruptFlag>
    var store: Unmanaged<Store>
    /// Where the last trap happened: the function and its callers (innermost first).
    var trapFunctions: UnsafeMutablePointer<UnsafeMutablePointer<FunctionEntry>?>
    var trapFunctionCount: Int
    /// Registers saved between steps when handlers cannot tail-call (debug builds).
    var pc: UnsafeMutablePointer<UInt64>
    var fp: UnsafeMutablePointer<UInt64>
    var mem: UnsafeMutableRawPointer
    var size: UInt64
    var acc: UInt64
    var facc: Double
}

/// How many frames of a trap's backtrace are kept.
let maxBacktraceFrames = 64
