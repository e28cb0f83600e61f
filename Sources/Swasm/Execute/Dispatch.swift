/// Threaded dispatch. Every internal operation has a handler function; a handler does its work
/// and ends by calling the next instruction's handler, which the optimizer turns into a jump.
/// So each handler has its own indirect jump (better prediction than one shared `switch`), and
/// the interpreter's registers (pc, frame pointer, memory base and size) stay in machine
/// registers across instructions.
///
/// Handlers never throw, never touch class instances inline (retain/release would prevent the
/// tail call), and report traps by returning a code. Debug builds do not turn calls into jumps,
/// so there `next` returns to a trampoline loop instead (`Dispatch.run`).

typealias PC = UnsafeMutablePointer<UInt64>
typealias FP = UnsafeMutablePointer<UInt64>
typealias Mem = UnsafeMutableRawPointer
typealias VM = UnsafeMutablePointer<VMState>
/// Every handler's signature. The seven arguments stay in machine registers from handler to
/// handler: pc, fp, mem, size, vm and acc in the six integer argument registers, facc in xmm0.
/// `acc` and `facc` are the accumulators: the result of an instruction whose only consumer is
/// the next instruction travels there instead of through a frame slot.
typealias Handler = @convention(thin) (PC, FP, Mem, UInt64, VM, UInt64, Double) -> Int
/// A handler as an ordinary Swift function value. Under complete concurrency checking (Swift 6)
/// a reference to a global function is inferred `@Sendable`, and Swift 6.3 cannot convert that
/// to a thin function ("INTERNAL ERROR: feature not implemented: nontrivial thin function
/// reference"), so `handler(for:)` returns these and `thinHandler` takes out the code pointer.
typealias HandlerReference = (PC, FP, Mem, UInt64, VM, UInt64, Double) -> Int

/// Holds a handler reference in a non-generic stored property, so it keeps its natural
/// representation: (code pointer, nil context), with no reabstraction thunk.
private struct HandlerReferenceBox {
    var function: HandlerReference
}

/// The code pointer of a context-free handler reference: the handler itself, callable as thin.
func thinHandler(_ function: @escaping HandlerReference) -> Handler {
    var box = HandlerReferenceBox(function: function)
    return withUnsafeBytes(of: &box) { $0.load(as: Handler.self) }
}

/// Returned by a handler in trampoline mode, or by `resume`: "state saved in the VM, keep going".
let continueCode = -1
/// Returned when the run's outermost function returns.
let finishedCode = 0

/// The handler table lives right after the `VMState` it belongs to, so dispatch needs no
/// register of its own: one `jmp *offset(vm, op, 8)`.
let handlerTableOffset = MemoryLayout<VMState>.stride

/// Debug builds return to a trampoline loop after each instruction. (A function rather than a
/// direct `_isDebugAssertConfiguration()` test, so that a release build does not warn that the
/// trampoline code "will never be executed"; it is inlined and folded all the same.)
@inline(__always)
func usesTrampoline() -> Bool { _isDebugAssertConfiguration() }

@inline(__always)
func next(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    if usesTrampoline() {
        vm.pointee.pc = pc
        vm.pointee.fp = fp
        vm.pointee.mem = mem
        vm.pointee.size = size
        vm.pointee.acc = acc
        vm.pointee.facc = facc
        return continueCode
    }
    let op = UnsafeRawPointer(pc).load(as: UInt16.self)
    let handler = UnsafeRawPointer(vm).load(fromByteOffset: handlerTableOffset &+ Int(truncatingIfNeeded: op) &* 8,
                                            as: Handler.self)
    return handler(pc, fp, mem, size, vm, acc, facc)
}

// Operand fields read straight from the code (one narrow load each, instead of loading the
// whole word and shifting). Little-endian layout: op in byte 0, A in bytes 2-3, B 4-5, C 6-7.
@inline(__always) func operandA(_ pc: PC) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 2, as: UInt16.self)) }
@inline(__always) func operandB(_ pc: PC) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 4, as: UInt16.self)) }
@inline(__always) func operandC(_ pc: PC) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 6, as: UInt16.self)) }
@inline(__always) func operandW(_ pc: PC) -> UInt32 { UnsafeRawPointer(pc).load(fromByteOffset: 4, as: UInt32.self) }
@inline(__always) func operandWSigned(_ pc: PC) -> Int { Int(UnsafeRawPointer(pc).load(fromByteOffset: 4, as: Int32.self)) }

/// Continues the run at `pc` from `Dispatch.run`'s loop instead of from here: for cold
/// paths whose frames are not tail calls, which a guest could otherwise stack up without
/// bound (an exception thrown and caught in a loop).
@inline(never)
func resume(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    vm.pointee.pc = pc
    vm.pointee.fp = fp
    vm.pointee.mem = mem
    vm.pointee.size = size
    vm.pointee.acc = acc
    vm.pointee.facc = facc
    return continueCode
}

/// Stops the run with a trap, recording the backtrace.
@inline(never)
func trapExit(_ vm: VM, _ pc: PC, _ code: TrapCode) -> Int {
    var count = 0
    var top = vm.pointee.frameTop
    while top >= vm.pointee.baseFrame && count < maxBacktraceFrames {
        vm.pointee.trapFunctions[count] = runningFunction(vm, top: top)
        count += 1
        top -= 1
    }
    vm.pointee.trapFunctionCount = count
    return Int(code.rawValue)
}

enum Dispatch {
    /// Writes the handler of every operation, indexed by `Op.rawValue`, after `vm`'s state.
    static func installHandlerTable(after vm: VM) {
        (UnsafeMutableRawPointer(vm) + handlerTableOffset).copyMemory(from: handlerTable.pointer,
                                                                      byteCount: Op.count * MemoryLayout<Handler>.stride)
    }

    /// Built once per process and never written again; each VM gets a copy.
    private struct ImmutableTable: @unchecked Sendable {
        let pointer: UnsafeRawPointer
    }

    private static let handlerTable: ImmutableTable = {
        let table = UnsafeMutablePointer<Handler>.allocate(capacity: Op.count)
        for raw in 0..<Op.count {
            table[raw] = thinHandler(handler(for: Op(rawValue: UInt16(raw)) ?? .unreachable))
        }
        return ImmutableTable(pointer: UnsafeRawPointer(table))
    }()

    /// Runs `function` with its arguments in `fp[0...]`; its results end up there too.
    static func run(_ vm: VM, function entry: UnsafeMutablePointer<FunctionEntry>, fp: FP) -> TrapCode {
        guard let code = entry.pointee.code, let context = entry.pointee.context else { return .unreachable }
        let saved = (vm.pointee.baseFrame, vm.pointee.context, vm.pointee.entryFunction)
        vm.pointee.baseFrame = vm.pointee.frameTop
        vm.pointee.context = context
        vm.pointee.entryFunction = entry
        let memory = context.pointee.memory.pointee
        var result = next(code, fp, memory.base, UInt64(truncatingIfNeeded: memory.byteCount), vm, 0, 0)
        // The trampoline (debug builds), and cold paths that must not nest native frames
        // (entering a catch clause: `resume`), hand the next instruction back here.
        if result == continueCode {
            let table = UnsafeRawPointer(vm) + handlerTableOffset
            while result == continueCode {
                let pc = vm.pointee.pc
                if let profile = OperationProfile.current {
                    let entry = runningFunction(vm, top: vm.pointee.frameTop).pointee
                    profile.record(UInt16(truncatingIfNeeded: pc.pointee), function: entry.functionIndex,
                                   offset: entry.code.map { pc - $0 } ?? 0)
                }
                let handler = table.load(fromByteOffset: Int(truncatingIfNeeded: pc.pointee & 0xFFFF) &* 8, as: Handler.self)
                result = handler(pc, vm.pointee.fp, vm.pointee.mem, vm.pointee.size, vm, vm.pointee.acc, vm.pointee.facc)
            }
        }
        vm.pointee.frameTop = vm.pointee.baseFrame
        (vm.pointee.baseFrame, vm.pointee.context, vm.pointee.entryFunction) = saved
        return TrapCode(rawValue: UInt8(truncatingIfNeeded: result)) ?? .unreachable
    }
}

/// Counts executed operations and pairs of consecutive operations, to choose fused
/// instructions from data. Debug builds only (the trampoline sees every instruction).
public final class OperationProfile {
    nonisolated(unsafe) static var current: OperationProfile?
    var counts = [Int](repeating: 0, count: Op.count)
    var pairs = [Int](repeating: 0, count: Op.count * Op.count)
    var previous: UInt16 = 0

    /// An empty profile; `start()` begins counting.
    public init() {}

    var functions: [Int: Int] = [:]
    /// Executions per instruction, keyed by function index << 32 | word offset in its code.
    var spots: [Int: Int] = [:]

    func record(_ op: UInt16, function: Int, offset: Int) {
        guard Int(op) < Op.count else { return }
        functions[function, default: 0] += 1
        spots[function << 32 | offset, default: 0] += 1
        counts[Int(op)] += 1
        pairs[Int(previous) * Op.count + Int(op)] += 1
        previous = op
    }

    /// Starts counting (in this process's debug build); returns false in a release build.
    public func start() -> Bool {
        OperationProfile.current = self
        return _isDebugAssertConfiguration()
    }

    /// Stops counting.
    public func stop() { OperationProfile.current = nil }

    /// The most frequent operations and pairs, as text.
    public func report(top: Int = 40) -> String {
        let total = max(1, counts.reduce(0, +))
        func name(_ raw: Int) -> String { Op(rawValue: UInt16(raw)).map { "\($0)" } ?? "?" }
        var lines = ["\(total) operations"]
        for (op, n) in counts.enumerated().sorted(by: { $0.1 > $1.1 }).prefix(top) where n > 0 {
            lines.append("\(percent(n, total))  \(name(op))")
        }
        lines.append("functions (index in the module):")
        for (function, n) in functions.sorted(by: { $0.value > $1.value }).prefix(top / 2) {
            lines.append("\(percent(n, total))  function \(function)")
        }
        lines.append("hot instructions (function: word offset, as in `swasm internal-code`):")
        for (spot, n) in spots.sorted(by: { $0.value > $1.value }).prefix(top) {
            lines.append("\(percent(n, total))  \(spot >> 32): \(spot & 0xFFFF_FFFF)")
        }
        lines.append("pairs:")
        for (pair, n) in pairs.enumerated().sorted(by: { $0.1 > $1.1 }).prefix(top) where n > 0 {
            lines.append("\(percent(n, total))  \(name(pair / Op.count)) → \(name(pair % Op.count))")
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ n: Int, _ total: Int) -> String {
        let hundredths = n * 10_000 / total
        let text = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
        return String(repeating: " ", count: max(0, 7 - text.count)) + text
    }
}

func interpret(_ vm: VM, function entry: UnsafeMutablePointer<FunctionEntry>, fp: FP) -> TrapCode {
    Dispatch.run(vm, function: entry, fp: fp)
}

// MARK: Control

func op_unreachable(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    trapExit(vm, pc, .unreachable)
}

func op_br(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    next(pc + fieldWSigned(pc.pointee), fp, mem, size, vm, acc, facc)
}

func op_brTable(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let count = UInt64(operandW(pc))
    let index = UInt64(i32(fp, operandA(pc)))
    let entry = index < count ? index : count
    return next(pc + Int(truncatingIfNeeded: Int64(bitPattern: pc[1 + Int(entry)])), fp, mem, size, vm, acc, facc)
}

func op_ret(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let top = vm.pointee.frameTop
    if top == vm.pointee.baseFrame { return finishedCode }
    vm.pointee.frameTop = top - 1
    let frame = (top - 1).pointee
    // Back in the same instance: its memory is the one in the registers, up to date.
    if frame.context == vm.pointee.context { return next(frame.returnPC, frame.fp, mem, size, vm, acc, facc) }
    vm.pointee.context = frame.context
    let memory = frame.context.pointee.memory
    return next(frame.returnPC, frame.fp, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, acc, facc)
}

/// `ret` of a function with one result, fused with the copy of that result into slot 0.
func op_ret1(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    fp[0] = fp[operandA(pc)]
    return op_ret(pc, fp, mem, size, vm, acc, facc)
}

/// The callee of the call at `pc`, or the trap that prevents the call (`call_indirect` checks).
@inline(__always)
func callee(at pc: PC, _ fp: FP, _ vm: VM) -> (UnsafeMutablePointer<FunctionEntry>?, TrapCode) {
    let context = vm.pointee.context
    let op = decodeOp(pc.pointee)
    if op == .call { return (context.pointee.functions[Int(operandW(pc))], .none) }
    if op == .callRef || op == .returnCallRef {
        let ref = fp[operandB(pc)]
        guard ref != 0, let target = UnsafeMutablePointer<FunctionEntry>(bitPattern: UInt(ref)) else {
            return (nil, .nullFunctionReference)
        }
        return (target, .none)
    }
    return tableCallee(at: pc, fp, vm)
}

/// The callee of a `call_indirect` or `return_call_indirect` at `pc`, or the trap its checks give.
@inline(__always)
func tableCallee(at pc: PC, _ fp: FP, _ vm: VM) -> (UnsafeMutablePointer<FunctionEntry>?, TrapCode) {
    let context = vm.pointee.context
    let elements = context.pointee.tables[operandC(pc)]
    // An i32 index (its slot's upper half is not cleared), or a table64's i64 one.
    let index = fp[operandB(pc)] & elements.pointee.indexMask
    guard index < UInt64(elements.pointee.count) else { return (nil, .undefinedElement) }
    let ref = elements.pointee.elements[Int(index)]
    guard ref != 0, let target = UnsafeMutablePointer<FunctionEntry>(bitPattern: UInt(ref)) else {
        return (nil, .uninitializedElement)
    }
    guard target.pointee.typeID == context.pointee.typeIDs[Int(truncatingIfNeeded: pc[1])] else {
        return (nil, .indirectCallTypeMismatch)
    }
    return (target, .none)
}

/// Pushes the caller's state for a call to `callee` whose frame starts at `newFP`; false when
/// the call stack or the value stack is full.
@inline(__always)
func pushCallFrame(_ callee: UnsafeMutablePointer<FunctionEntry>, returnPC: PC, callerFP fp: FP, newFP: FP, _ vm: VM) -> Bool {
    let top = vm.pointee.frameTop
    if _slowPath(top >= vm.pointee.frameLimit || newFP + callee.pointee.frameSlots > vm.pointee.stackEnd) {
        return false
    }
    top.initialize(to: CallFrame(returnPC: returnPC, fp: fp, context: vm.pointee.context, function: callee))
    vm.pointee.frameTop = top + 1
    return true
}

/// Switches to the callee's instance and starts executing its code.
@inline(__always)
func jump(into callee: UnsafeMutablePointer<FunctionEntry>, _ code: PC, _ newFP: FP, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    var calleeContext = vm.pointee.context
    if let c = callee.pointee.context { calleeContext = c }
    vm.pointee.context = calleeContext
    let memory = calleeContext.pointee.memory
    // The accumulators are dead across a call: zeros free their registers.
    return next(code, newFP, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, 0, 0)
}

/// Enters a wasm callee with at most `inlineZeroedLocals` locals: nothing here may need a stack frame.
@inline(__always)
func enterFast(_ callee: UnsafeMutablePointer<FunctionEntry>, _ code: PC, returnPC: PC, callerFP fp: FP, newFP: FP,
               _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    guard pushCallFrame(callee, returnPC: returnPC, callerFP: fp, newFP: newFP, vm) else {
        return trapExit(vm, returnPC, .callStackExhausted)
    }
    let locals = newFP + callee.pointee.parameterSlots
    switch callee.pointee.localSlots {
    case 0: break
    case 1: locals[0] = 0
    case 2: locals[0] = 0; locals[1] = 0
    case 3: locals[0] = 0; locals[1] = 0; locals[2] = 0
    default: locals[0] = 0; locals[1] = 0; locals[2] = 0; locals[3] = 0
    }
    return jump(into: callee, code, newFP, vm, acc, facc)
}

let inlineZeroedLocals = 4

/// Calls: the common case (a wasm callee with few locals) stays small so it needs no stack
/// frame; host callees and large frames go through `op_callSlow`.
func op_call(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let callee = vm.pointee.context.pointee.functions[Int(operandW(pc))]
    guard let code = callee.pointee.code, callee.pointee.localSlots <= inlineZeroedLocals else {
        return op_callSlow(pc, fp, mem, size, vm, acc, facc)
    }
    return enterFast(callee, code, returnPC: pc + 1, callerFP: fp, newFP: fp + operandA(pc), vm, acc, facc)
}

/// A call to a function defined in the running instance (the translator knows it, and how many
/// local slots it has): no instance switch, the locals are zeroed by straight-line stores. The
/// common call, kept free of a stack frame. `count` nil: the callee's own count, zeroed by a loop.
@inline(__always)
func enterDirect(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double,
                 zeroing count: Int?) -> Int {
    let context = vm.pointee.context
    let callee = context.pointee.functions[Int(operandW(pc))]
    let newFP = fp + operandA(pc)
    guard let code = callee.pointee.code, pushCallFrame(callee, returnPC: pc + 1, callerFP: fp, newFP: newFP, vm) else {
        return trapExit(vm, pc + 1, .callStackExhausted)
    }
    let locals = newFP + callee.pointee.parameterSlots
    if let count {
        for i in 0..<count { locals[i] = 0 }
    } else {
        locals.initialize(repeating: 0, count: callee.pointee.localSlots)
    }
    // The accumulators are dead across a call (a call reads its arguments from slots), and the
    // memory registers are reloaded: that frees registers for the frame push (no stack frame).
    let memory = context.pointee.memory
    return next(code, newFP, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, 0, 0)
}

func op_callDirect0(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    enterDirect(pc, fp, mem, size, vm, acc, facc, zeroing: 0)
}

func op_callDirect1(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    enterDirect(pc, fp, mem, size, vm, acc, facc, zeroing: 1)
}

func op_callDirect2(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    enterDirect(pc, fp, mem, size, vm, acc, facc, zeroing: 2)
}

func op_callDirect3(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    enterDirect(pc, fp, mem, size, vm, acc, facc, zeroing: 3)
}

func op_callDirect4(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    enterDirect(pc, fp, mem, size, vm, acc, facc, zeroing: 4)
}

/// A call to a function of this instance with more local slots than the straight-line forms zero.
func op_callDirectMany(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    enterDirect(pc, fp, mem, size, vm, acc, facc, zeroing: nil)
}

func op_callIndirect(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let (target, trap) = tableCallee(at: pc, fp, vm)
    guard let callee = target else { return trapExit(vm, pc, trap) }
    guard let code = callee.pointee.code, callee.pointee.localSlots <= inlineZeroedLocals else {
        return op_callSlow(pc, fp, mem, size, vm, acc, facc)
    }
    return enterFast(callee, code, returnPC: pc + 2, callerFP: fp, newFP: fp + operandA(pc), vm, acc, facc)
}

/// Any call: host functions, and wasm callees with many locals to zero. Kept out of line so that
/// the fast path of `op_call` needs no stack frame.
@inline(never)
func op_callSlow(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let (target, trap) = callee(at: pc, fp, vm)
    guard let callee = target else { return trapExit(vm, pc, trap) }
    let op = decodeOp(pc.pointee)
    let returnPC = pc + (op == .call || op == .callRef ? 1 : 2)
    let newFP = fp + operandA(pc)
    let context = vm.pointee.context
    guard let code = callee.pointee.code else {
        let result = callHostFunction(vm, callee, newFP, context)
        if result != .none { return hostCallFailed(result, at: returnPC - 1, fp, vm, tailCall: false) }
        let memory = context.pointee.memory
        return next(returnPC, fp, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, acc, facc)
    }
    guard pushCallFrame(callee, returnPC: returnPC, callerFP: fp, newFP: newFP, vm) else {
        return trapExit(vm, returnPC, .callStackExhausted)
    }
    let locals = callee.pointee.localSlots
    if locals > 0 { (newFP + callee.pointee.parameterSlots).initialize(repeating: 0, count: locals) }
    return jump(into: callee, code, newFP, vm, acc, facc)
}

// MARK: Tail calls

/// `return_call`: the callee takes over the caller's frame, so an endless tail-recursive loop
/// runs in constant stack (no call frame is pushed).
func op_returnCall(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let callee = vm.pointee.context.pointee.functions[Int(operandW(pc))]
    return tailCall(callee, pc, fp, vm, acc, facc)
}

func op_returnCallIndirect(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let (target, trap) = tableCallee(at: pc, fp, vm)
    guard let callee = target else { return trapExit(vm, pc, trap) }
    return tailCall(callee, pc, fp, vm, acc, facc)
}

/// `call_ref`: the function reference's type was checked by validation; only null traps.
func op_callRef(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let (target, trap) = callee(at: pc, fp, vm)
    guard let callee = target else { return trapExit(vm, pc, trap) }
    guard let code = callee.pointee.code, callee.pointee.localSlots <= inlineZeroedLocals else {
        return op_callSlow(pc, fp, mem, size, vm, acc, facc)
    }
    return enterFast(callee, code, returnPC: pc + 1, callerFP: fp, newFP: fp + operandA(pc), vm, acc, facc)
}

func op_returnCallRef(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let (target, trap) = callee(at: pc, fp, vm)
    guard let callee = target else { return trapExit(vm, pc, trap) }
    return tailCall(callee, pc, fp, vm, acc, facc)
}

/// Moves the arguments (at slot A) down to slot 0 and enters the callee in the same frame.
@inline(__always)
func tailCall(_ callee: UnsafeMutablePointer<FunctionEntry>, _ pc: PC, _ fp: FP, _ vm: VM,
              _ acc: UInt64, _ facc: Double) -> Int {
    guard let code = callee.pointee.code else { return tailCallHost(callee, pc, fp, vm, acc, facc) }
    if _slowPath(fp + callee.pointee.frameSlots > vm.pointee.stackEnd) {
        return trapExit(vm, pc, .callStackExhausted)
    }
    let base = operandA(pc)
    // The arguments sit above slot 0 (base > 0), so a forward copy never overwrites one unread.
    if base != 0 {
        for i in 0..<callee.pointee.parameterSlots { fp[i] = fp[base + i] }
    }
    let locals = callee.pointee.localSlots
    if locals > 0 { (fp + callee.pointee.parameterSlots).initialize(repeating: 0, count: locals) }
    setRunningFunction(vm, callee)
    return jump(into: callee, code, fp, vm, acc, facc)
}

/// A tail call of a host function: call it, move its results to slot 0, then return.
@inline(never)
func tailCallHost(_ callee: UnsafeMutablePointer<FunctionEntry>, _ pc: PC, _ fp: FP, _ vm: VM,
                  _ acc: UInt64, _ facc: Double) -> Int {
    let base = operandA(pc)
    let result = callHostFunction(vm, callee, fp + base, vm.pointee.context)
    if result != .none { return hostCallFailed(result, at: pc, fp, vm, tailCall: true) }
    if base != 0 {
        for i in 0..<callee.pointee.resultSlots { fp[i] = fp[base + i] }
    }
    let memory = vm.pointee.context.pointee.memory
    return op_ret(pc, fp, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, acc, facc)
}

/// Fuel and interruption, at function entries and loop headers (only when compiled in).
func op_checkpoint(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    // Fast path: charge the region against the current slice of fuel.
    let slice = vm.pointee.fuelSlice &- Int64(operandW(pc))
    vm.pointee.fuelSlice = slice
    if _slowPath(slice < 0), let trap = refillFuelSlice(vm) { return trapExit(vm, pc, trap) }
    return next(pc + 1, fp, mem, size, vm, acc, facc)
}

/// How much fuel a checkpoint may use before the slow path looks at the interruption flag and
/// the fuel budget again (bounds how long an interruption request waits).
let fuelSliceSize: Int64 = 10_000

/// The current slice ran out: honour an interruption request, or move fuel from the budget
/// into a new slice (the overshoot of the last region is paid first).
@inline(never)
func refillFuelSlice(_ vm: VM) -> TrapCode? {
    if vm.pointee.interrupt._withUnsafeGuaranteedRef({ $0.isSet }) {
        vm.pointee.interrupt._withUnsafeGuaranteedRef { $0.set(false) }
        vm.pointee.fuelSlice = vm.pointee.fuelEnabled ? 0 : fuelSliceSize
        return .interrupted
    }
    guard vm.pointee.fuelEnabled else {
        vm.pointee.fuelSlice = fuelSliceSize
        return nil
    }
    let owed = -vm.pointee.fuelSlice
    guard vm.pointee.fuel >= owed else {
        vm.pointee.fuel = 0
        vm.pointee.fuelSlice = 0
        return .fuelExhausted
    }
    vm.pointee.fuel -= owed
    let take = min(vm.pointee.fuel, fuelSliceSize)
    vm.pointee.fuel -= take
    vm.pointee.fuelSlice = take
    return nil
}

func op_memorySize(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    fp[fieldA(pc.pointee)] = size / UInt64(pageSize)
    return next(pc + 1, fp, mem, size, vm, acc, facc)
}

func op_memoryGrow(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let memory = vm.pointee.context.pointee.memory
    fp[operandA(pc)] = UInt64(UInt32(truncatingIfNeeded: growMemory(memory, by: UInt64(i32(fp, operandB(pc))))))
    return next(pc + 1, fp, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, acc, facc)
}

/// Bulk memory, tables and segments: out of line.
func op_cold(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let result = executeColdOperation(pc, fp, vm.pointee.context)
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    let memory = vm.pointee.context.pointee.memory
    return next(pc + result.length, fp, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, acc, facc)
}

func op_simd(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    let result = executeSIMD(pc, fp, mem, size)
    if result.trap != .none { return trapExit(vm, pc, result.trap) }
    return next(pc + result.length, fp, mem, size, vm, acc, facc)
}

@inline(__always) func i32(_ fp: FP, _ slot: Int) -> UInt32 { UInt32(truncatingIfNeeded: fp[slot]) }
@inline(__always) func s32(_ fp: FP, _ slot: Int) -> Int32 { Int32(truncatingIfNeeded: fp[slot]) }
@inline(__always) func s64(_ fp: FP, _ slot: Int) -> Int64 { Int64(bitPattern: fp[slot]) }
@inline(__always) func f32(_ fp: FP, _ slot: Int) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: fp[slot])) }
@inline(__always) func f64(_ fp: FP, _ slot: Int) -> Double { Double(bitPattern: fp[slot]) }
@inline(__always) func bool(_ b: Bool) -> UInt64 { b ? 1 : 0 }

@inline(__always) func rotateLeft(_ a: UInt32, _ k: UInt32) -> UInt32 { (a &<< k) | (a &>> (32 &- k)) }
@inline(__always) func rotateRight(_ a: UInt32, _ k: UInt32) -> UInt32 { (a &>> k) | (a &<< (32 &- k)) }
@inline(__always) func rotateLeft(_ a: UInt64, _ k: UInt64) -> UInt64 { (a &<< k) | (a &>> (64 &- k)) }
@inline(__always) func rotateRight(_ a: UInt64, _ k: UInt64) -> UInt64 { (a &>> k) | (a &<< (64 &- k)) }

let pageSize = 65_536
