/// The interpreter loop: one `switch` over the internal code. All state lives in locals (pc, frame
/// pointer, instance context, memory base and size) and in plain structs reached through raw
/// pointers; cold operations (host calls, growth, bulk operations, SIMD) are out of line.
///
/// Runs `function` with its arguments already in `fp[0...]`; on return its results are in
/// `fp[0...]`. Returns `.none` or the trap that stopped execution.
func interpret(
    _ vm: UnsafeMutablePointer<VMState>,
    function entry: UnsafeMutablePointer<FunctionEntry>,
    fp initialFP: UnsafeMutablePointer<UInt64>
) -> TrapCode {
    guard let startCode = entry.pointee.code, let startContext = entry.pointee.context else {
        return .unreachable
    }
    let baseDepth = vm.pointee.depth
    var pc = startCode
    var fp = initialFP
    var fn = entry
    var ctx = startContext
    var memBase = ctx.pointee.memory.pointee.base
    var memSize = UInt64(truncatingIfNeeded: ctx.pointee.memory.pointee.byteCount)
    var depth = baseDepth
    var trap = TrapCode.none

    @inline(__always) func i32(_ slot: Int) -> UInt32 { UInt32(truncatingIfNeeded: fp[slot]) }
    @inline(__always) func s32(_ slot: Int) -> Int32 { Int32(truncatingIfNeeded: fp[slot]) }
    @inline(__always) func s64(_ slot: Int) -> Int64 { Int64(bitPattern: fp[slot]) }
    @inline(__always) func f32(_ slot: Int) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: fp[slot])) }
    @inline(__always) func f64(_ slot: Int) -> Double { Double(bitPattern: fp[slot]) }
    @inline(__always) func bool(_ b: Bool) -> UInt64 { b ? 1 : 0 }

    loop: while true {
        let w = pc.pointee
        switch Op(rawValue: UInt16(truncatingIfNeeded: w)).unsafelyUnwrapped {
        // MARK: Control
        case .unreachable:
            trap = .unreachable
            break loop
        case .br:
            pc += fieldWSigned(w)
        case .brIfNez:
            if i32(fieldA(w)) != 0 { pc += fieldWSigned(w) } else { pc += 1 }
        case .brIfEqz:
            if i32(fieldA(w)) == 0 { pc += fieldWSigned(w) } else { pc += 1 }
        case .brTable:
            let count = UInt64(fieldW(w))
            let index = UInt64(i32(fieldA(w)))
            let slot = index < count ? index : count
            pc += Int(truncatingIfNeeded: Int64(bitPattern: pc[1 + Int(slot)]))
        case .ret:
            if depth == baseDepth { break loop }
            depth -= 1
            let frame = vm.pointee.frames + depth
            pc = frame.pointee.returnPC
            fp = frame.pointee.fp
            fn = frame.pointee.function
            ctx = frame.pointee.context
            memBase = ctx.pointee.memory.pointee.base
            memSize = UInt64(truncatingIfNeeded: ctx.pointee.memory.pointee.byteCount)
        case .call, .callIndirect:
            let callee: UnsafeMutablePointer<FunctionEntry>
            if Op(rawValue: UInt16(truncatingIfNeeded: w)).unsafelyUnwrapped == .call {
                callee = ctx.pointee.functions[Int(fieldW(w))]
            } else {
                let table = ctx.pointee.tables[fieldC(w)]
                let index = Int(i32(fieldB(w)))
                guard index < table.pointee.count else { trap = .undefinedElement; break loop }
                let ref = table.pointee.elements[index]
                guard ref != 0, let target = UnsafeMutablePointer<FunctionEntry>(bitPattern: UInt(ref)) else {
                    trap = .uninitializedElement; break loop
                }
                guard target.pointee.typeID == ctx.pointee.typeIDs[Int(truncatingIfNeeded: pc[1])] else {
                    trap = .indirectCallTypeMismatch; break loop
                }
                callee = target
            }
            let newFP = fp + fieldA(w)
            let next = pc + (Op(rawValue: UInt16(truncatingIfNeeded: w)).unsafelyUnwrapped == .call ? 1 : 2)
            guard let code = callee.pointee.code else {
                vm.pointee.depth = depth
                let result = callHostFunction(vm, callee, newFP, ctx)
                if result != .none {
                    trap = result
                    break loop
                }
                memBase = ctx.pointee.memory.pointee.base
                memSize = UInt64(truncatingIfNeeded: ctx.pointee.memory.pointee.byteCount)
                pc = next
                continue loop
            }
            if _slowPath(depth >= vm.pointee.maxDepth || newFP + callee.pointee.frameSlots > vm.pointee.stackEnd) {
                trap = .callStackExhausted
                break loop
            }
            let frame = vm.pointee.frames + depth
            frame.pointee = CallFrame(returnPC: next, fp: fp, context: ctx, function: fn)
            depth += 1
            let params = callee.pointee.parameterSlots
            let locals = callee.pointee.localSlots
            if locals > 0 { (newFP + params).initialize(repeating: 0, count: locals) }
            fp = newFP
            fn = callee
            pc = code
            if let calleeContext = callee.pointee.context, calleeContext != ctx { ctx = calleeContext }
            memBase = ctx.pointee.memory.pointee.base
            memSize = UInt64(truncatingIfNeeded: ctx.pointee.memory.pointee.byteCount)
        case .checkpoint:
            if vm.pointee.interrupt._withUnsafeGuaranteedRef({ $0.isSet }) { trap = .interrupted; break loop }
            if vm.pointee.fuelEnabled {
                vm.pointee.fuel -= Int64(fieldW(w))
                if vm.pointee.fuel < 0 { vm.pointee.fuel = 0; trap = .fuelExhausted; break loop }
            }
            pc += 1

        // MARK: Moves and constants
        case .copy:
            fp[fieldA(w)] = fp[fieldB(w)]
            pc += 1
        case .copy2:
            let a = fieldA(w), b = fieldB(w)
            fp[a] = fp[b]
            fp[a + 1] = fp[b + 1]
            pc += 1
        case .const32:
            fp[fieldA(w)] = UInt64(fieldW(w))
            pc += 1
        case .const64:
            fp[fieldA(w)] = pc[1]
            pc += 2
        case .const128:
            let a = fieldA(w)
            fp[a] = pc[1]
            fp[a + 1] = pc[2]
            pc += 3
        case .select:
            fp[fieldA(w)] = i32(Int(truncatingIfNeeded: pc[1])) != 0 ? fp[fieldB(w)] : fp[fieldC(w)]
            pc += 2
        case .select2:
            let src = i32(Int(truncatingIfNeeded: pc[1])) != 0 ? fieldB(w) : fieldC(w)
            let a = fieldA(w)
            fp[a] = fp[src]
            fp[a + 1] = fp[src + 1]
            pc += 2
        case .globalGet:
            fp[fieldA(w)] = ctx.pointee.globals[Int(fieldW(w))].pointee
            pc += 1
        case .globalSet:
            ctx.pointee.globals[Int(fieldW(w))].pointee = fp[fieldA(w)]
            pc += 1
        case .globalGet2:
            let cell = ctx.pointee.globals[Int(fieldW(w))]
            let a = fieldA(w)
            fp[a] = cell[0]
            fp[a + 1] = cell[1]
            pc += 1
        case .globalSet2:
            let cell = ctx.pointee.globals[Int(fieldW(w))]
            let a = fieldA(w)
            cell[0] = fp[a]
            cell[1] = fp[a + 1]
            pc += 1

        // MARK: Memory
        case .load8s:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 1 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            fp[fieldA(w)] = UInt64(bitPattern: Int64(memBase.load(fromByteOffset: Int(ea), as: Int8.self)))
            pc += 2
        case .load8u:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 1 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            fp[fieldA(w)] = UInt64(memBase.load(fromByteOffset: Int(ea), as: UInt8.self))
            pc += 2
        case .load16s:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 2 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            fp[fieldA(w)] = UInt64(bitPattern: Int64(memBase.loadUnaligned(fromByteOffset: Int(ea), as: Int16.self)))
            pc += 2
        case .load16u:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 2 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            fp[fieldA(w)] = UInt64(memBase.loadUnaligned(fromByteOffset: Int(ea), as: UInt16.self))
            pc += 2
        case .load32s:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 4 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            fp[fieldA(w)] = UInt64(bitPattern: Int64(memBase.loadUnaligned(fromByteOffset: Int(ea), as: Int32.self)))
            pc += 2
        case .load32u:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 4 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            fp[fieldA(w)] = UInt64(memBase.loadUnaligned(fromByteOffset: Int(ea), as: UInt32.self))
            pc += 2
        case .load64:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 8 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            fp[fieldA(w)] = memBase.loadUnaligned(fromByteOffset: Int(ea), as: UInt64.self)
            pc += 2
        case .store8:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 1 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            memBase.storeBytes(of: UInt8(truncatingIfNeeded: fp[fieldA(w)]), toByteOffset: Int(ea), as: UInt8.self)
            pc += 2
        case .store16:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 2 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            memBase.storeBytes(of: UInt16(truncatingIfNeeded: fp[fieldA(w)]), toByteOffset: Int(ea), as: UInt16.self)
            pc += 2
        case .store32:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 4 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            memBase.storeBytes(of: UInt32(truncatingIfNeeded: fp[fieldA(w)]), toByteOffset: Int(ea), as: UInt32.self)
            pc += 2
        case .store64:
            let ea = UInt64(i32(fieldB(w))) &+ pc[1]
            guard ea &+ 8 <= memSize else { trap = .outOfBoundsMemoryAccess; break loop }
            memBase.storeBytes(of: fp[fieldA(w)], toByteOffset: Int(ea), as: UInt64.self)
            pc += 2
        case .memorySize:
            fp[fieldA(w)] = UInt64(ctx.pointee.memory.pointee.byteCount / pageSize)
            pc += 1
        case .memoryGrow:
            fp[fieldA(w)] = UInt64(UInt32(bitPattern: growMemory(ctx.pointee.memory, by: i32(fieldB(w)))))
            memBase = ctx.pointee.memory.pointee.base
            memSize = UInt64(truncatingIfNeeded: ctx.pointee.memory.pointee.byteCount)
            pc += 1
        case .memoryFill, .memoryCopy, .memoryInit, .dataDrop,
             .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop,
             .refFunc:
            let result = executeColdOperation(pc, fp, ctx)
            if result.trap != .none { trap = result.trap; break loop }
            memBase = ctx.pointee.memory.pointee.base
            memSize = UInt64(truncatingIfNeeded: ctx.pointee.memory.pointee.byteCount)
            pc += result.length
        case .refIsNull:
            fp[fieldA(w)] = bool(fp[fieldB(w)] == 0)
            pc += 1

        // MARK: i32
        case .i32Eqz: fp[fieldA(w)] = bool(i32(fieldB(w)) == 0); pc += 1
        case .i32Eq: fp[fieldA(w)] = bool(i32(fieldB(w)) == i32(fieldC(w))); pc += 1
        case .i32Ne: fp[fieldA(w)] = bool(i32(fieldB(w)) != i32(fieldC(w))); pc += 1
        case .i32LtS: fp[fieldA(w)] = bool(s32(fieldB(w)) < s32(fieldC(w))); pc += 1
        case .i32LtU: fp[fieldA(w)] = bool(i32(fieldB(w)) < i32(fieldC(w))); pc += 1
        case .i32GtS: fp[fieldA(w)] = bool(s32(fieldB(w)) > s32(fieldC(w))); pc += 1
        case .i32GtU: fp[fieldA(w)] = bool(i32(fieldB(w)) > i32(fieldC(w))); pc += 1
        case .i32LeS: fp[fieldA(w)] = bool(s32(fieldB(w)) <= s32(fieldC(w))); pc += 1
        case .i32LeU: fp[fieldA(w)] = bool(i32(fieldB(w)) <= i32(fieldC(w))); pc += 1
        case .i32GeS: fp[fieldA(w)] = bool(s32(fieldB(w)) >= s32(fieldC(w))); pc += 1
        case .i32GeU: fp[fieldA(w)] = bool(i32(fieldB(w)) >= i32(fieldC(w))); pc += 1
        case .i32Clz: fp[fieldA(w)] = UInt64(i32(fieldB(w)).leadingZeroBitCount); pc += 1
        case .i32Ctz: fp[fieldA(w)] = UInt64(i32(fieldB(w)).trailingZeroBitCount); pc += 1
        case .i32Popcnt: fp[fieldA(w)] = UInt64(i32(fieldB(w)).nonzeroBitCount); pc += 1
        case .i32Add: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &+ i32(fieldC(w))); pc += 1
        case .i32Sub: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &- i32(fieldC(w))); pc += 1
        case .i32Mul: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &* i32(fieldC(w))); pc += 1
        case .i32DivS:
            let a = s32(fieldB(w)), b = s32(fieldC(w))
            if b == 0 { trap = .integerDivideByZero; break loop }
            if a == .min && b == -1 { trap = .integerOverflow; break loop }
            fp[fieldA(w)] = UInt64(UInt32(bitPattern: a / b)); pc += 1
        case .i32DivU:
            let a = i32(fieldB(w)), b = i32(fieldC(w))
            if b == 0 { trap = .integerDivideByZero; break loop }
            fp[fieldA(w)] = UInt64(a / b); pc += 1
        case .i32RemS:
            let a = s32(fieldB(w)), b = s32(fieldC(w))
            if b == 0 { trap = .integerDivideByZero; break loop }
            fp[fieldA(w)] = b == -1 ? 0 : UInt64(UInt32(bitPattern: a % b)); pc += 1
        case .i32RemU:
            let a = i32(fieldB(w)), b = i32(fieldC(w))
            if b == 0 { trap = .integerDivideByZero; break loop }
            fp[fieldA(w)] = UInt64(a % b); pc += 1
        case .i32And: fp[fieldA(w)] = fp[fieldB(w)] & fp[fieldC(w)]; pc += 1
        case .i32Or: fp[fieldA(w)] = fp[fieldB(w)] | fp[fieldC(w)]; pc += 1
        case .i32Xor: fp[fieldA(w)] = fp[fieldB(w)] ^ fp[fieldC(w)]; pc += 1
        case .i32Shl: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &<< i32(fieldC(w))); pc += 1
        case .i32ShrS: fp[fieldA(w)] = UInt64(UInt32(bitPattern: s32(fieldB(w)) &>> s32(fieldC(w)))); pc += 1
        case .i32ShrU: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &>> i32(fieldC(w))); pc += 1
        case .i32Rotl: fp[fieldA(w)] = UInt64(rotateLeft(i32(fieldB(w)), i32(fieldC(w)))); pc += 1
        case .i32Rotr: fp[fieldA(w)] = UInt64(rotateRight(i32(fieldB(w)), i32(fieldC(w)))); pc += 1

        // MARK: i64
        case .i64Eqz: fp[fieldA(w)] = bool(fp[fieldB(w)] == 0); pc += 1
        case .i64Eq: fp[fieldA(w)] = bool(fp[fieldB(w)] == fp[fieldC(w)]); pc += 1
        case .i64Ne: fp[fieldA(w)] = bool(fp[fieldB(w)] != fp[fieldC(w)]); pc += 1
        case .i64LtS: fp[fieldA(w)] = bool(s64(fieldB(w)) < s64(fieldC(w))); pc += 1
        case .i64LtU: fp[fieldA(w)] = bool(fp[fieldB(w)] < fp[fieldC(w)]); pc += 1
        case .i64GtS: fp[fieldA(w)] = bool(s64(fieldB(w)) > s64(fieldC(w))); pc += 1
        case .i64GtU: fp[fieldA(w)] = bool(fp[fieldB(w)] > fp[fieldC(w)]); pc += 1
        case .i64LeS: fp[fieldA(w)] = bool(s64(fieldB(w)) <= s64(fieldC(w))); pc += 1
        case .i64LeU: fp[fieldA(w)] = bool(fp[fieldB(w)] <= fp[fieldC(w)]); pc += 1
        case .i64GeS: fp[fieldA(w)] = bool(s64(fieldB(w)) >= s64(fieldC(w))); pc += 1
        case .i64GeU: fp[fieldA(w)] = bool(fp[fieldB(w)] >= fp[fieldC(w)]); pc += 1
        case .i64Clz: fp[fieldA(w)] = UInt64(fp[fieldB(w)].leadingZeroBitCount); pc += 1
        case .i64Ctz: fp[fieldA(w)] = UInt64(fp[fieldB(w)].trailingZeroBitCount); pc += 1
        case .i64Popcnt: fp[fieldA(w)] = UInt64(fp[fieldB(w)].nonzeroBitCount); pc += 1
        case .i64Add: fp[fieldA(w)] = fp[fieldB(w)] &+ fp[fieldC(w)]; pc += 1
        case .i64Sub: fp[fieldA(w)] = fp[fieldB(w)] &- fp[fieldC(w)]; pc += 1
        case .i64Mul: fp[fieldA(w)] = fp[fieldB(w)] &* fp[fieldC(w)]; pc += 1
        case .i64DivS:
            let a = s64(fieldB(w)), b = s64(fieldC(w))
            if b == 0 { trap = .integerDivideByZero; break loop }
            if a == .min && b == -1 { trap = .integerOverflow; break loop }
            fp[fieldA(w)] = UInt64(bitPattern: a / b); pc += 1
        case .i64DivU:
            let a = fp[fieldB(w)], b = fp[fieldC(w)]
            if b == 0 { trap = .integerDivideByZero; break loop }
            fp[fieldA(w)] = a / b; pc += 1
        case .i64RemS:
            let a = s64(fieldB(w)), b = s64(fieldC(w))
            if b == 0 { trap = .integerDivideByZero; break loop }
            fp[fieldA(w)] = b == -1 ? 0 : UInt64(bitPattern: a % b); pc += 1
        case .i64RemU:
            let a = fp[fieldB(w)], b = fp[fieldC(w)]
            if b == 0 { trap = .integerDivideByZero; break loop }
            fp[fieldA(w)] = a % b; pc += 1
        case .i64And: fp[fieldA(w)] = fp[fieldB(w)] & fp[fieldC(w)]; pc += 1
        case .i64Or: fp[fieldA(w)] = fp[fieldB(w)] | fp[fieldC(w)]; pc += 1
        case .i64Xor: fp[fieldA(w)] = fp[fieldB(w)] ^ fp[fieldC(w)]; pc += 1
        case .i64Shl: fp[fieldA(w)] = fp[fieldB(w)] &<< fp[fieldC(w)]; pc += 1
        case .i64ShrS: fp[fieldA(w)] = UInt64(bitPattern: s64(fieldB(w)) &>> s64(fieldC(w))); pc += 1
        case .i64ShrU: fp[fieldA(w)] = fp[fieldB(w)] &>> fp[fieldC(w)]; pc += 1
        case .i64Rotl: fp[fieldA(w)] = rotateLeft(fp[fieldB(w)], fp[fieldC(w)]); pc += 1
        case .i64Rotr: fp[fieldA(w)] = rotateRight(fp[fieldB(w)], fp[fieldC(w)]); pc += 1

        // MARK: f32
        case .f32Eq: fp[fieldA(w)] = bool(f32(fieldB(w)) == f32(fieldC(w))); pc += 1
        case .f32Ne: fp[fieldA(w)] = bool(f32(fieldB(w)) != f32(fieldC(w))); pc += 1
        case .f32Lt: fp[fieldA(w)] = bool(f32(fieldB(w)) < f32(fieldC(w))); pc += 1
        case .f32Gt: fp[fieldA(w)] = bool(f32(fieldB(w)) > f32(fieldC(w))); pc += 1
        case .f32Le: fp[fieldA(w)] = bool(f32(fieldB(w)) <= f32(fieldC(w))); pc += 1
        case .f32Ge: fp[fieldA(w)] = bool(f32(fieldB(w)) >= f32(fieldC(w))); pc += 1
        case .f32Abs: fp[fieldA(w)] = UInt64(i32(fieldB(w)) & 0x7FFF_FFFF); pc += 1
        case .f32Neg: fp[fieldA(w)] = UInt64(i32(fieldB(w)) ^ 0x8000_0000); pc += 1
        case .f32Ceil: fp[fieldA(w)] = UInt64(f32(fieldB(w)).rounded(.up).bitPattern); pc += 1
        case .f32Floor: fp[fieldA(w)] = UInt64(f32(fieldB(w)).rounded(.down).bitPattern); pc += 1
        case .f32Trunc: fp[fieldA(w)] = UInt64(f32(fieldB(w)).rounded(.towardZero).bitPattern); pc += 1
        case .f32Nearest: fp[fieldA(w)] = UInt64(f32(fieldB(w)).rounded(.toNearestOrEven).bitPattern); pc += 1
        case .f32Sqrt: fp[fieldA(w)] = UInt64(f32(fieldB(w)).squareRoot().bitPattern); pc += 1
        case .f32Add: fp[fieldA(w)] = UInt64((f32(fieldB(w)) + f32(fieldC(w))).bitPattern); pc += 1
        case .f32Sub: fp[fieldA(w)] = UInt64((f32(fieldB(w)) - f32(fieldC(w))).bitPattern); pc += 1
        case .f32Mul: fp[fieldA(w)] = UInt64((f32(fieldB(w)) * f32(fieldC(w))).bitPattern); pc += 1
        case .f32Div: fp[fieldA(w)] = UInt64((f32(fieldB(w)) / f32(fieldC(w))).bitPattern); pc += 1
        case .f32Min: fp[fieldA(w)] = UInt64(wasmMin(f32(fieldB(w)), f32(fieldC(w))).bitPattern); pc += 1
        case .f32Max: fp[fieldA(w)] = UInt64(wasmMax(f32(fieldB(w)), f32(fieldC(w))).bitPattern); pc += 1
        case .f32Copysign:
            fp[fieldA(w)] = UInt64((i32(fieldB(w)) & 0x7FFF_FFFF) | (i32(fieldC(w)) & 0x8000_0000)); pc += 1

        // MARK: f64
        case .f64Eq: fp[fieldA(w)] = bool(f64(fieldB(w)) == f64(fieldC(w))); pc += 1
        case .f64Ne: fp[fieldA(w)] = bool(f64(fieldB(w)) != f64(fieldC(w))); pc += 1
        case .f64Lt: fp[fieldA(w)] = bool(f64(fieldB(w)) < f64(fieldC(w))); pc += 1
        case .f64Gt: fp[fieldA(w)] = bool(f64(fieldB(w)) > f64(fieldC(w))); pc += 1
        case .f64Le: fp[fieldA(w)] = bool(f64(fieldB(w)) <= f64(fieldC(w))); pc += 1
        case .f64Ge: fp[fieldA(w)] = bool(f64(fieldB(w)) >= f64(fieldC(w))); pc += 1
        case .f64Abs: fp[fieldA(w)] = fp[fieldB(w)] & 0x7FFF_FFFF_FFFF_FFFF; pc += 1
        case .f64Neg: fp[fieldA(w)] = fp[fieldB(w)] ^ 0x8000_0000_0000_0000; pc += 1
        case .f64Ceil: fp[fieldA(w)] = f64(fieldB(w)).rounded(.up).bitPattern; pc += 1
        case .f64Floor: fp[fieldA(w)] = f64(fieldB(w)).rounded(.down).bitPattern; pc += 1
        case .f64Trunc: fp[fieldA(w)] = f64(fieldB(w)).rounded(.towardZero).bitPattern; pc += 1
        case .f64Nearest: fp[fieldA(w)] = f64(fieldB(w)).rounded(.toNearestOrEven).bitPattern; pc += 1
        case .f64Sqrt: fp[fieldA(w)] = f64(fieldB(w)).squareRoot().bitPattern; pc += 1
        case .f64Add: fp[fieldA(w)] = (f64(fieldB(w)) + f64(fieldC(w))).bitPattern; pc += 1
        case .f64Sub: fp[fieldA(w)] = (f64(fieldB(w)) - f64(fieldC(w))).bitPattern; pc += 1
        case .f64Mul: fp[fieldA(w)] = (f64(fieldB(w)) * f64(fieldC(w))).bitPattern; pc += 1
        case .f64Div: fp[fieldA(w)] = (f64(fieldB(w)) / f64(fieldC(w))).bitPattern; pc += 1
        case .f64Min: fp[fieldA(w)] = wasmMin(f64(fieldB(w)), f64(fieldC(w))).bitPattern; pc += 1
        case .f64Max: fp[fieldA(w)] = wasmMax(f64(fieldB(w)), f64(fieldC(w))).bitPattern; pc += 1
        case .f64Copysign:
            fp[fieldA(w)] = (fp[fieldB(w)] & 0x7FFF_FFFF_FFFF_FFFF) | (fp[fieldC(w)] & 0x8000_0000_0000_0000); pc += 1

        // MARK: Conversions
        case .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U,
             .i64TruncF32S, .i64TruncF32U, .i64TruncF64S, .i64TruncF64U:
            let result = truncateToInteger(Op(rawValue: UInt16(truncatingIfNeeded: w)).unsafelyUnwrapped, fp[fieldB(w)])
            if result.trap != .none { trap = result.trap; break loop }
            fp[fieldA(w)] = result.value; pc += 1
        case .i32TruncSatF32S, .i32TruncSatF32U, .i32TruncSatF64S, .i32TruncSatF64U,
             .i64TruncSatF32S, .i64TruncSatF32U, .i64TruncSatF64S, .i64TruncSatF64U:
            fp[fieldA(w)] = truncateSaturating(Op(rawValue: UInt16(truncatingIfNeeded: w)).unsafelyUnwrapped, fp[fieldB(w)])
            pc += 1
        case .i64ExtendI32S: fp[fieldA(w)] = UInt64(bitPattern: Int64(s32(fieldB(w)))); pc += 1
        case .i64ExtendI32U: fp[fieldA(w)] = UInt64(i32(fieldB(w))); pc += 1
        case .f32ConvertI32S: fp[fieldA(w)] = UInt64(Float(s32(fieldB(w))).bitPattern); pc += 1
        case .f32ConvertI32U: fp[fieldA(w)] = UInt64(Float(i32(fieldB(w))).bitPattern); pc += 1
        case .f32ConvertI64S: fp[fieldA(w)] = UInt64(Float(s64(fieldB(w))).bitPattern); pc += 1
        case .f32ConvertI64U: fp[fieldA(w)] = UInt64(Float(fp[fieldB(w)]).bitPattern); pc += 1
        case .f32DemoteF64: fp[fieldA(w)] = UInt64(Float(f64(fieldB(w))).bitPattern); pc += 1
        case .f64ConvertI32S: fp[fieldA(w)] = Double(s32(fieldB(w))).bitPattern; pc += 1
        case .f64ConvertI32U: fp[fieldA(w)] = Double(i32(fieldB(w))).bitPattern; pc += 1
        case .f64ConvertI64S: fp[fieldA(w)] = Double(s64(fieldB(w))).bitPattern; pc += 1
        case .f64ConvertI64U: fp[fieldA(w)] = Double(fp[fieldB(w)]).bitPattern; pc += 1
        case .f64PromoteF32: fp[fieldA(w)] = Double(f32(fieldB(w))).bitPattern; pc += 1
        case .i32Extend8S: fp[fieldA(w)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[fieldB(w)]))); pc += 1
        case .i32Extend16S: fp[fieldA(w)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[fieldB(w)]))); pc += 1
        case .i64Extend8S: fp[fieldA(w)] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: fp[fieldB(w)]))); pc += 1
        case .i64Extend16S: fp[fieldA(w)] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: fp[fieldB(w)]))); pc += 1
        case .i64Extend32S: fp[fieldA(w)] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[fieldB(w)]))); pc += 1

        // MARK: Fused: operation with an immediate
        case .i32AddImm: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &+ UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32MulImm: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &* UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32AndImm: fp[fieldA(w)] = fp[fieldB(w)] & pc[1]; pc += 2
        case .i32OrImm: fp[fieldA(w)] = fp[fieldB(w)] | pc[1]; pc += 2
        case .i32XorImm: fp[fieldA(w)] = fp[fieldB(w)] ^ pc[1]; pc += 2
        case .i32ShlImm: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &<< UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32ShrSImm:
            fp[fieldA(w)] = UInt64(UInt32(bitPattern: s32(fieldB(w)) &>> Int32(truncatingIfNeeded: pc[1]))); pc += 2
        case .i32ShrUImm: fp[fieldA(w)] = UInt64(i32(fieldB(w)) &>> UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32EqImm: fp[fieldA(w)] = bool(i32(fieldB(w)) == UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32NeImm: fp[fieldA(w)] = bool(i32(fieldB(w)) != UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32LtSImm: fp[fieldA(w)] = bool(s32(fieldB(w)) < Int32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32LtUImm: fp[fieldA(w)] = bool(i32(fieldB(w)) < UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32GtSImm: fp[fieldA(w)] = bool(s32(fieldB(w)) > Int32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32GtUImm: fp[fieldA(w)] = bool(i32(fieldB(w)) > UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32LeSImm: fp[fieldA(w)] = bool(s32(fieldB(w)) <= Int32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32LeUImm: fp[fieldA(w)] = bool(i32(fieldB(w)) <= UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32GeSImm: fp[fieldA(w)] = bool(s32(fieldB(w)) >= Int32(truncatingIfNeeded: pc[1])); pc += 2
        case .i32GeUImm: fp[fieldA(w)] = bool(i32(fieldB(w)) >= UInt32(truncatingIfNeeded: pc[1])); pc += 2
        case .i64AddImm: fp[fieldA(w)] = fp[fieldB(w)] &+ pc[1]; pc += 2
        case .i64MulImm: fp[fieldA(w)] = fp[fieldB(w)] &* pc[1]; pc += 2
        case .i64AndImm: fp[fieldA(w)] = fp[fieldB(w)] & pc[1]; pc += 2
        case .i64OrImm: fp[fieldA(w)] = fp[fieldB(w)] | pc[1]; pc += 2
        case .i64XorImm: fp[fieldA(w)] = fp[fieldB(w)] ^ pc[1]; pc += 2
        case .i64ShlImm: fp[fieldA(w)] = fp[fieldB(w)] &<< pc[1]; pc += 2
        case .i64ShrSImm: fp[fieldA(w)] = UInt64(bitPattern: s64(fieldB(w)) &>> Int64(bitPattern: pc[1])); pc += 2
        case .i64ShrUImm: fp[fieldA(w)] = fp[fieldB(w)] &>> pc[1]; pc += 2

        // MARK: Fused: compare and branch
        case .brIfI32Eq: pc += i32(fieldA(w)) == i32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32Ne: pc += i32(fieldA(w)) != i32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LtS: pc += s32(fieldA(w)) < s32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LtU: pc += i32(fieldA(w)) < i32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GtS: pc += s32(fieldA(w)) > s32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GtU: pc += i32(fieldA(w)) > i32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LeS: pc += s32(fieldA(w)) <= s32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LeU: pc += i32(fieldA(w)) <= i32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GeS: pc += s32(fieldA(w)) >= s32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GeU: pc += i32(fieldA(w)) >= i32(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64Eq: pc += fp[fieldA(w)] == fp[fieldB(w)] ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64Ne: pc += fp[fieldA(w)] != fp[fieldB(w)] ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64LtS: pc += s64(fieldA(w)) < s64(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64LtU: pc += fp[fieldA(w)] < fp[fieldB(w)] ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64GtS: pc += s64(fieldA(w)) > s64(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64GtU: pc += fp[fieldA(w)] > fp[fieldB(w)] ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64LeS: pc += s64(fieldA(w)) <= s64(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64LeU: pc += fp[fieldA(w)] <= fp[fieldB(w)] ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64GeS: pc += s64(fieldA(w)) >= s64(fieldB(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI64GeU: pc += fp[fieldA(w)] >= fp[fieldB(w)] ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32EqImm: pc += i32(fieldA(w)) == fieldW(w) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32NeImm: pc += i32(fieldA(w)) != fieldW(w) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LtSImm: pc += s32(fieldA(w)) < Int32(bitPattern: fieldW(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LtUImm: pc += i32(fieldA(w)) < fieldW(w) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GtSImm: pc += s32(fieldA(w)) > Int32(bitPattern: fieldW(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GtUImm: pc += i32(fieldA(w)) > fieldW(w) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LeSImm: pc += s32(fieldA(w)) <= Int32(bitPattern: fieldW(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32LeUImm: pc += i32(fieldA(w)) <= fieldW(w) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GeSImm: pc += s32(fieldA(w)) >= Int32(bitPattern: fieldW(w)) ? Int(truncatingIfNeeded: pc[1]) : 2
        case .brIfI32GeUImm: pc += i32(fieldA(w)) >= fieldW(w) ? Int(truncatingIfNeeded: pc[1]) : 2

        // MARK: SIMD (out of line)
        case .simd, .simdLoad, .simdStore:
            let result = executeSIMD(pc, fp, memBase, memSize)
            if result.trap != .none { trap = result.trap; break loop }
            pc += result.length
        }
    }

    vm.pointee.depth = baseDepth
    if trap != .none {
        recordBacktrace(vm, innermost: fn, depth: depth, baseDepth: baseDepth)
    }
    return trap
}

/// Records the functions on the call stack at a trap, innermost first.
@inline(never)
func recordBacktrace(_ vm: UnsafeMutablePointer<VMState>, innermost: UnsafeMutablePointer<FunctionEntry>,
                     depth: Int, baseDepth: Int) {
    var count = 0
    vm.pointee.trapFunctions[count] = innermost
    count += 1
    var d = depth - 1
    while d >= baseDepth && count < maxBacktraceFrames {
        vm.pointee.trapFunctions[count] = vm.pointee.frames[d].function
        count += 1
        d -= 1
    }
    vm.pointee.trapFunctionCount = count
}

@inline(__always) func rotateLeft(_ a: UInt32, _ k: UInt32) -> UInt32 { (a &<< k) | (a &>> (32 &- k)) }
@inline(__always) func rotateRight(_ a: UInt32, _ k: UInt32) -> UInt32 { (a &>> k) | (a &<< (32 &- k)) }
@inline(__always) func rotateLeft(_ a: UInt64, _ k: UInt64) -> UInt64 { (a &<< k) | (a &>> (64 &- k)) }
@inline(__always) func rotateRight(_ a: UInt64, _ k: UInt64) -> UInt64 { (a &>> k) | (a &<< (64 &- k)) }

let pageSize = 65_536
