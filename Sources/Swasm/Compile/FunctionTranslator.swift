import SwasmBinary

/// Validates one function body and translates it to internal code in a single pass.
///
/// The operand stack of validation doubles as the register allocator: each operand knows where
/// its value is — in its own fixed slot (`.stack`), still in a local (`.local`, after
/// `local.get`, copied only when needed), or a constant not yet written anywhere (`.constant`).
/// Instructions then name their operands' slots directly, so most `local.get`, `local.set` and
/// constants cost no instruction at all.
struct FunctionTranslator {
    let context: ModuleContext
    let functionIndex: Int
    let type: FunctionType
    var reader: ByteReader
    let options: CompilationOptions

    // Validation state
    var operands: [Operand] = []
    var controls: [ControlFrame] = []
    var localTypes: [ValueType] = []
    /// Function references: which locals hold a value. Only non-defaultable locals (non-null
    /// references) start out unset; `initLog` lists those set since, so that leaving a block
    /// can forget them again.
    var localInitialized: [Bool] = []
    var initLog: [Int] = []
    var localSlot: [Int] = []
    var localSlotCount = 0
    var parameterSlotCount = 0
    var resultSlotCount = 0
    var maxSlot = 0

    /// Code is emitted for the current position (its frame was entered reachably and is not
    /// past an unconditional branch).
    var emitting = false
    var topHeight = 0
    var topUnreachable = false

    // Emission state
    /// The module's code buffer; this function's code starts at `codeStart`.
    var code: [UInt64] = []
    var codeStart = 0
    /// The function's try_table handlers, innermost first.
    var exceptionHandlers: [ExceptionHandler] = []
    /// Start of the last emitted instruction whose only effect is writing field A, if no label
    /// was bound after it: the candidate for retargeting by `local.set` or fusing into a branch.
    var lastProducer: Int?
    /// Starts of the last and the one-before-last emitted instructions, with no label between.
    var lastInstruction: Int?
    var previousInstruction: Int?
    /// Start of the instruction being decoded (for error messages).
    var instructionOffset = 0
    /// Checkpoint whose fuel cost is still being counted, and the count.
    var openCheckpoint: Int?
    var instructionsSinceCheckpoint = 0

    struct Operand {
        enum Location: Equatable {
            case stack
            case local(Int)
            case constant(UInt64)
        }
        var location: Location
        /// nil: unknown type (popped from the polymorphic stack of unreachable code).
        var type: ValueType?
        // Kept to 32 bits so an operand fits in three words (returned in registers, not memory).
        private var slot32: Int32
        private var producer32: Int32

        /// The slot this operand occupies when materialised (fixed by its stack position).
        var slot: Int {
            get { Int(slot32) }
            set { slot32 = Int32(truncatingIfNeeded: newValue) }
        }

        /// Start of the instruction that wrote this value into `slot`, if it did.
        var producer: Int? {
            get { producer32 < 0 ? nil : Int(producer32) }
            set { producer32 = newValue.map { Int32(truncatingIfNeeded: $0) } ?? -1 }
        }

        init(type: ValueType?, location: Location, slot: Int, producer: Int?) {
            self.location = location
            self.type = type
            self.slot32 = Int32(truncatingIfNeeded: slot)
            self.producer32 = producer.map { Int32(truncatingIfNeeded: $0) } ?? -1
        }
    }

    struct Fixup {
        /// Start of the branch instruction (offsets are relative to it).
        var instruction: Int
        /// Word holding the offset.
        var position: Int
        /// The offset lives in the high 32 bits (field W) rather than a whole word.
        var inHighBits: Bool
    }

    struct ControlFrame {
        enum Kind { case function, block, loop, `if`, `else` }
        var kind: Kind
        var parameters: [ValueType]
        var results: [ValueType]
        /// Operand count when the frame was entered (below its parameters).
        var height: Int
        /// Slot of the first parameter / result.
        var baseSlot: Int
        var unreachable = false
        /// Code is emitted for this frame (its entry was reachable).
        var emitting: Bool
        /// For loops: where branches to the label go.
        var loopStart = 0
        /// Forward branches to this frame's end.
        var fixups: [Fixup] = []
        /// For `if`: the branch to patch at `else` (or `end`).
        var elseFixup: Fixup?
        /// For `try_table`: its handler, recorded when it ends.
        var exceptionHandler: ExceptionHandler?
        /// `initLog.count` on entry: locals set inside the frame are unset again at its end.
        var initLogHeight = 0

        var labelTypes: [ValueType] { kind == .loop ? parameters : results }
    }

    init(context: ModuleContext, functionIndex: Int, body: FunctionBody, options: CompilationOptions) throws {
        self.context = context
        self.functionIndex = functionIndex
        self.options = options
        guard let type = context.functionType(UInt32(functionIndex)) else {
            throw ModuleError.invalid("unknown type", at: body.offset, section: "code", function: functionIndex)
        }
        self.type = type
        self.reader = ByteReader(bytes: context.module.bytes, position: body.code.lowerBound,
                                 end: body.code.upperBound, section: "code")
        for p in type.parameters { addLocal(p) }
        parameterSlotCount = localSlotCount
        for group in body.localGroups {
            // Each local costs at least one slot: bound the count before allocating anything.
            guard Int(group.count) <= maxFrameSlots - localSlotCount else {
                throw ModuleError(.implementationLimit, "too many locals (swasm supports \(maxFrameSlots) value slots per function)",
                                  offset: body.offset, section: "code", functionIndex: functionIndex)
            }
            try context.validateTypeReferences([group.type], section: "code", at: body.offset)
            if !group.type.isDefaultable && !context.features.contains(.functionReferences) {
                throw ModuleError.invalid("non-defaultable local type", at: body.offset, section: "code", function: functionIndex)
            }
            for _ in 0..<group.count { addLocal(group.type) }
        }
        guard localSlotCount <= maxFrameSlots else {
            throw ModuleError(.implementationLimit, "too many locals (swasm supports \(maxFrameSlots) value slots per function)",
                              offset: body.offset, section: "code", functionIndex: functionIndex)
        }
        resultSlotCount = slotWidth(type.results)
        maxSlot = max(localSlotCount, resultSlotCount)
    }

    private mutating func addLocal(_ t: ValueType) {
        localTypes.append(t)
        // Parameters are set by the caller.
        localInitialized.append(t.isDefaultable || localTypes.count <= type.parameters.count)
        localSlot.append(localSlotCount)
        localSlotCount += width(t)
    }

    // MARK: Errors

    func invalid(_ message: String) -> ModuleError {
        .invalid(message, at: instructionOffset, section: "code", function: functionIndex)
    }

    func malformed(_ message: String) -> ModuleError {
        ModuleError(.malformed, message, offset: instructionOffset, section: "code", functionIndex: functionIndex)
    }

    // MARK: Operand stack (validation)

    /// Mirrors `controls.last` (emitting, height, unreachable) so the hot paths need not copy frames.
    mutating func syncTop() {
        if let i = controls.indices.last {
            topHeight = controls[i].height
            topUnreachable = controls[i].unreachable
            emitting = controls[i].emitting && !controls[i].unreachable
        } else {
            topHeight = 0
            topUnreachable = false
            emitting = false
        }
    }

    var nextSlot: Int {
        if let top = operands.last { return top.slot + width(top.type) }
        return localSlotCount
    }

    @inline(__always)
    mutating func push(_ type: ValueType?, _ location: Operand.Location = .stack, producer: Int? = nil) {
        let slot = nextSlot
        operands.append(Operand(type: type, location: location, slot: slot, producer: producer))
        maxSlot = max(maxSlot, slot + width(type))
    }

    @inline(__always)
    mutating func pop() throws -> Operand {
        guard !controls.isEmpty else { throw invalid("type mismatch") }
        if operands.count == topHeight {
            if topUnreachable {
                return Operand(type: nil, location: .stack, slot: nextSlot, producer: nil)
            }
            throw invalid("type mismatch")
        }
        return operands.removeLast()
    }

    @discardableResult @inline(__always)
    mutating func pop(_ expected: ValueType) throws -> Operand {
        let operand = try pop()
        if let actual = operand.type, !context.isSubtype(actual, of: expected) {
            throw invalid("type mismatch: expected \(expected), found \(actual)")
        }
        return operand
    }

    /// Pops values of `types` (last type on top); returns them bottom first.
    @discardableResult
    mutating func pop(_ types: [ValueType]) throws -> [Operand] {
        var popped: [Operand] = []
        popped.reserveCapacity(types.count)
        for t in types.reversed() { popped.append(try pop(t)) }
        return popped.reversed()
    }

    mutating func markUnreachable() {
        guard !controls.isEmpty else { return }
        operands.removeSubrange(controls[controls.count - 1].height...)
        controls[controls.count - 1].unreachable = true
        syncTop()
    }

    // MARK: Emission

    @discardableResult
    mutating func emit(_ word: UInt64) -> Int {
        let at = code.count
        code.append(word)
        lastProducer = nil
        noteInstruction(at)
        return at
    }

    /// Emits an instruction that writes only its field A; it may later be retargeted.
    @discardableResult
    mutating func emitProducer(_ word: UInt64) -> Int {
        let at = code.count
        code.append(word)
        lastProducer = at
        noteInstruction(at)
        return at
    }

    @discardableResult
    mutating func emitProducer(_ word: UInt64, _ extra: UInt64) -> Int {
        let at = code.count
        code.append(word)
        code.append(extra)
        lastProducer = at
        noteInstruction(at)
        return at
    }

    @discardableResult
    mutating func emitProducer(_ word: UInt64, _ extra1: UInt64, _ extra2: UInt64) -> Int {
        let at = code.count
        code.append(word)
        code.append(extra1)
        code.append(extra2)
        lastProducer = at
        noteInstruction(at)
        return at
    }

    /// Marks the current position as a branch target: nothing before it may be rewritten.
    mutating func bindLabel() {
        lastProducer = nil
        previousInstruction = nil
        lastInstruction = nil
    }

    /// Remembers the last two instruction starts (since the last label), for fusing pairs.
    mutating func noteInstruction(_ at: Int) {
        previousInstruction = lastInstruction == at ? previousInstruction : lastInstruction
        lastInstruction = at
    }

    /// The slot holding `operand`'s value; constants must have been materialised.
    func source(_ operand: Operand) -> Int {
        switch operand.location {
        case .stack: return operand.slot
        case .local(let s): return s
        case .constant: return operand.slot
        }
    }

    /// Writes `operand`'s value into `slot` (no-op if it is already there).
    mutating func move(_ operand: Operand, to slot: Int) {
        let w = width(operand.type)
        switch operand.location {
        case .constant(let value):
            if value <= UInt64(UInt32.max) {
                emitProducer(encode(.const32, a: slot, w: UInt32(value)))
            } else {
                emitProducer(encode(.const64, a: slot), value)
            }
        case .local(let s):
            if s != slot { emitCopy(to: slot, from: s, wide: w == 2) }
        case .stack:
            if operand.slot != slot { emitCopy(to: slot, from: operand.slot, wide: w == 2) }
        }
    }

    /// A copy between slots; two copies in a row (loop-carried locals, block results) become one
    /// instruction that does both in order.
    mutating func emitCopy(to slot: Int, from source: Int, wide: Bool) {
        if !wide, let previous = lastInstruction, previous == code.count - 1, decodeOp(code[previous]) == .copy {
            let first = code[previous]
            code.removeLast()
            // Not retargetable: it writes two slots.
            emit(encode(.copyTwo, a: fieldA(first), b: fieldB(first), c: slot))
            code.append(UInt64(source))
            return
        }
        emitProducer(encode(wide ? .copy2 : .copy, a: slot, b: source))
    }

    /// Puts the operand at stack index `i` into its own slot.
    mutating func materialize(at i: Int) {
        let operand = operands[i]
        guard operand.location != .stack else { return }
        if emitting { move(operand, to: operand.slot) }
        operands[i].location = .stack
        operands[i].producer = nil
    }

    /// Materialises constants in the given operands (popped values about to be read by slot).
    mutating func materializeConstant(_ operand: inout Operand) {
        if case .constant = operand.location {
            if emitting { move(operand, to: operand.slot) }
            operand.location = .stack
        }
    }

    /// Materialises every operand that still refers to local slot `slot`.
    mutating func materializeReferences(toLocalSlot slot: Int) {
        for i in operands.indices where operands[i].location == .local(slot) {
            materialize(at: i)
        }
    }

    mutating func materializeAllLocals() {
        for i in operands.indices {
            if case .local = operands[i].location { materialize(at: i) }
        }
    }

    /// Retargets the instruction that produced `operand` to write `slot` instead; false if it cannot.
    mutating func retarget(_ operand: Operand, to slot: Int) -> Bool {
        guard let producer = operand.producer, producer == lastProducer, operand.location == .stack else { return false }
        code[producer] = (code[producer] & ~(UInt64(0xFFFF) << 16)) | (UInt64(slot & 0xFFFF) << 16)
        return true
    }

    // MARK: Branch targets

    mutating func emitBranch(_ op: Op, a: Int = 0, to frameIndex: Int) {
        // A copy just before an unconditional branch (a block result): one instruction.
        if op == .br, let copies = lastInstruction, copies == code.count - 2, decodeOp(code[copies]) == .copyTwo {
            let word = code[copies], source = code[copies + 1]
            code.removeLast(2)
            emitWideBranch(encode(.copyTwoBr, a: fieldA(word), b: fieldB(word), c: fieldC(word)), to: frameIndex, extra: source)
            return
        }
        if op == .br, let copy = lastInstruction, copy == code.count - 1, decodeOp(code[copy]) == .copy {
            let word = code[copy]
            code.removeLast()
            emitWideBranch(encode(.copyBr, a: fieldA(word), b: fieldB(word)), to: frameIndex)
            return
        }
        let at = code.count
        let frame = controls[frameIndex]
        if frame.kind == .loop {
            emit(encode(op, a: a, w: UInt32(truncatingIfNeeded: frame.loopStart - at)))
        } else {
            emit(encode(op, a: a, w: 0))
            controls[frameIndex].fixups.append(Fixup(instruction: at, position: at, inHighBits: true))
        }
    }

    /// Emits a two-word compare-and-branch (`first` holds the operands, the offset goes in word 2).
    mutating func emitWideBranch(_ first: UInt64, to frameIndex: Int, extra: UInt64? = nil) {
        let at = code.count
        let frame = controls[frameIndex]
        emit(first)
        if let extra { code.append(extra) }
        if frame.kind == .loop {
            code.append(UInt64(bitPattern: Int64(frame.loopStart - at)))
        } else {
            code.append(0)
            controls[frameIndex].fixups.append(Fixup(instruction: at, position: code.count - 1, inHighBits: false))
        }
    }

    mutating func patch(_ fixup: Fixup, to target: Int) {
        let offset = target - fixup.instruction
        if fixup.inHighBits {
            code[fixup.position] = (code[fixup.position] & 0xFFFF_FFFF) | (UInt64(UInt32(truncatingIfNeeded: offset)) << 32)
        } else {
            code[fixup.position] = UInt64(bitPattern: Int64(offset))
        }
    }

    // MARK: Slots

    func width(_ t: ValueType?) -> Int { t == .v128 ? 2 : 1 }
    func slotWidth(_ types: [ValueType]) -> Int { types.reduce(0) { $0 + width($1) } }

    /// Slots of a label's values starting at `base`.
    func slots(for types: [ValueType], from base: Int) -> [Int] {
        var result: [Int] = []
        var s = base
        for t in types {
            result.append(s)
            s += width(t)
        }
        return result
    }
}

/// The most value slots one function frame may use (operands are 16-bit slot numbers).
let maxFrameSlots = 65_535

/// Options that change the generated code.
public struct CompilationOptions: Hashable, Sendable {
    /// Emit checkpoints at function entries and loop headers, so that fuel can be charged and a
    /// running guest can be interrupted. Off by default: checkpoints cost time.
    public var checkpoints: Bool
    /// The most threads that compile a big module's functions at once (nil: one per core).
    /// Small modules always compile on the calling thread.
    public var compilationThreads: Int?

    /// Options for compiling a module; checkpoints are off unless asked for, and big modules
    /// compile on every core unless `compilationThreads` says otherwise.
    public init(checkpoints: Bool = false, compilationThreads: Int? = nil) {
        self.checkpoints = checkpoints
        self.compilationThreads = compilationThreads
    }
}
