/// Throwing and catching exceptions (WebAssembly 3.0 exception handling). All cold: the
/// unwinder walks the VM's call stack and each function's try_table handlers
/// (`ExceptionHandler`, recorded by the translator).
///
/// An exception in flight is a block of words: [tag object, escaped flag, payload slot count,
/// payload...]. It becomes an `exnref` (and from then on lives as long as its store) only when
/// a `catch_ref`/`catch_all_ref` clause or the host takes it; otherwise it is freed when caught.
enum ExceptionLayout {
    static let tag = 0, escaped = 1, count = 2, payload = 3
}

func op_throwTag(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    throwNewException(pc, fp, vm)
}

func op_throwRef(_ pc: PC, _ fp: FP, _ mem: Mem, _ size: UInt64, _ vm: VM, _ acc: UInt64, _ facc: Double) -> Int {
    guard let exception = UnsafeMutablePointer<UInt64>(bitPattern: UInt(fp[operandA(pc)])) else {
        return trapExit(vm, pc, .nullExceptionReference)
    }
    return unwind(exception, from: pc, fp, vm, skippingCurrentFrame: false)
}

@inline(never)
func throwNewException(_ pc: PC, _ fp: FP, _ vm: VM) -> Int {
    let record = vm.pointee.context.pointee.instance.takeUnretainedValue()
    let tagIndex = Int(operandW(pc))
    guard tagIndex < record.tags.count else { return trapExit(vm, pc, .unreachable) }
    let tag = record.tags[tagIndex]
    let exception = makeException(tag, payload: fp + operandA(pc))
    return unwind(exception, from: pc, fp, vm, skippingCurrentFrame: false)
}

/// A new exception of `tag` whose payload is copied from `payload`.
func makeException(_ tag: TagObject, payload: UnsafePointer<UInt64>) -> UnsafeMutablePointer<UInt64> {
    let slots = tag.payloadSlots
    let exception = UnsafeMutablePointer<UInt64>.allocate(capacity: ExceptionLayout.payload + slots)
    exception[ExceptionLayout.tag] = UInt64(UInt(bitPattern: Unmanaged.passUnretained(tag).toOpaque()))
    exception[ExceptionLayout.escaped] = 0
    exception[ExceptionLayout.count] = UInt64(slots)
    (exception + ExceptionLayout.payload).update(from: payload, count: slots)
    return exception
}

/// Finds the innermost handler for `exception` thrown at `pc` (in the frame `fp`), pops the
/// frames in between and enters the matching clause's stub. Without a handler in this run, the
/// exception leaves the run (`TrapCode.exception`, the exception in `Store.thrownException`).
@inline(never)
func unwind(_ exception: UnsafeMutablePointer<UInt64>, from pc: PC, _ fp: FP, _ vm: VM, skippingCurrentFrame: Bool) -> Int {
    var pc = pc, fp = fp
    var skip = skippingCurrentFrame
    let tagBits = exception[ExceptionLayout.tag]
    while true {
        let function = runningFunction(vm, top: vm.pointee.frameTop)
        if !skip, let code = function.pointee.code, let context = function.pointee.context {
            let record = context.pointee.instance.takeUnretainedValue()
            let offset = pc - code
            let definedIndex = function.pointee.functionIndex - record.module.context.importedFunctionCount
            if definedIndex >= 0, definedIndex < record.module.functionCode.count {
                for handler in record.module.functionCode[definedIndex].exceptionHandlers
                where handler.start <= offset && offset < handler.end {
                    for clause in handler.clauses {
                        if let tag = clause.tag {
                            guard Int(tag) < record.tags.count,
                                  UInt64(UInt(bitPattern: Unmanaged.passUnretained(record.tags[Int(tag)]).toOpaque())) == tagBits
                            else { continue }
                        }
                        return enterCatch(clause, handler, exception, code, fp, context, vm)
                    }
                }
            }
        }
        skip = false
        let top = vm.pointee.frameTop
        if top == vm.pointee.baseFrame {
            vm.pointee.store.takeUnretainedValue().thrownException = exception
            vm.pointee.trapFunctionCount = 0
            return Int(TrapCode.exception.rawValue)
        }
        let frame = (top - 1).pointee
        vm.pointee.frameTop = top - 1
        vm.pointee.context = frame.context
        // The return address follows the call; one word back is inside the call instruction.
        pc = frame.returnPC - 1
        fp = frame.fp
    }
}

private func enterCatch(_ clause: CatchClause, _ handler: ExceptionHandler, _ exception: UnsafeMutablePointer<UInt64>,
                        _ code: PC, _ fp: FP, _ context: UnsafeMutablePointer<InstanceContext>, _ vm: VM) -> Int {
    var slot = handler.payloadSlot
    if clause.tag != nil {
        let count = Int(exception[ExceptionLayout.count])
        (fp + slot).update(from: exception + ExceptionLayout.payload, count: count)
        slot += count
    }
    if clause.capturesReference {
        if exception[ExceptionLayout.escaped] == 0 {
            exception[ExceptionLayout.escaped] = 1
            vm.pointee.store.takeUnretainedValue().escapedExceptions.append(exception)
        }
        fp[slot] = UInt64(UInt(bitPattern: exception))
    } else if exception[ExceptionLayout.escaped] == 0 {
        exception.deallocate()
    }
    vm.pointee.context = context
    // A catch clause may branch back to a loop without passing the loop's checkpoint: charge
    // it here, so that a loop of throws and catches runs out of fuel and can be interrupted.
    let slice = vm.pointee.fuelSlice &- 1
    vm.pointee.fuelSlice = slice
    if slice < 0, let trap = refillFuelSlice(vm) { return trapExit(vm, code + clause.stub, trap) }
    let memory = context.pointee.memory
    return resume(code + clause.stub, fp, memory.pointee.base, UInt64(truncatingIfNeeded: memory.pointee.byteCount), vm, 0, 0)
}

/// A host function failed. If it threw a WasmException, that exception is thrown in the guest
/// at the call (`pc`); any other error is a trap.
@inline(never)
func hostCallFailed(_ code: TrapCode, at pc: PC, _ fp: FP, _ vm: VM, tailCall: Bool) -> Int {
    let store = vm.pointee.store.takeUnretainedValue()
    if code == .hostError, let thrown = store.pendingHostError as? WasmException, thrown.tag.store === store {
        store.pendingHostError = nil
        let exception = thrown.makeInFlight()
        return unwind(exception, from: pc, fp, vm, skippingCurrentFrame: tailCall)
    }
    return trapExit(vm, pc, code)
}
