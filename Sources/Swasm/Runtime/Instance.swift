import SwasmBinary

/// An instance's runtime state. Owned by its store; referenced from compiled code through its
/// `InstanceContext`.
final class InstanceRecord {
    let module: Module
    let context: UnsafeMutablePointer<InstanceContext>
    let functions: UnsafeMutablePointer<UnsafeMutablePointer<FunctionEntry>>
    let functionCount: Int
    let globals: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    let globalTypes: [GlobalType]
    let tables: UnsafeMutablePointer<UnsafeMutablePointer<TableStorage>>
    let tableCount: Int
    let typeIDs: UnsafeMutablePointer<Int>
    var memories: [UnsafeMutablePointer<MemoryStorage>] = []
    /// `memories` at a fixed address, for the interpreter (`InstanceContext.memories`).
    let memoryTable: UnsafeMutablePointer<UnsafeMutablePointer<MemoryStorage>>
    /// What host functions see as the caller's memory: the export "memory", else the first one.
    var defaultMemory: UnsafeMutablePointer<MemoryStorage>?
    /// Passive data segments' bytes; a dropped segment is empty.
    var dataSegments: [[UInt8]] = []
    /// Element segments' references; a dropped segment is empty.
    var elementSegments: [[UInt64]] = []
    /// The tag index space: imported tags, then defined ones.
    var tags: [TagObject] = []

    init(module: Module, functionCount: Int, globalTypes: [GlobalType], tableCount: Int, memoryCount: Int, typeCount: Int) {
        self.module = module
        self.functionCount = functionCount
        self.globalTypes = globalTypes
        self.tableCount = tableCount
        functions = .allocate(capacity: max(1, functionCount))
        globals = .allocate(capacity: max(1, globalTypes.count))
        tables = .allocate(capacity: max(1, tableCount))
        typeIDs = .allocate(capacity: max(1, typeCount))
        memoryTable = .allocate(capacity: max(1, memoryCount))
        context = .allocate(capacity: 1)
    }

    deinit {
        functions.deallocate()
        globals.deallocate()
        tables.deallocate()
        typeIDs.deallocate()
        memoryTable.deallocate()
        context.deallocate()
    }
}

/// An instantiated module: its exports can be called and read.
public struct Instance {
    /// The store the instance lives in.
    public let store: Store
    let record: InstanceRecord

    init(store: Store, record: InstanceRecord) {
        self.store = store
        self.record = record
    }

    /// The module this is an instance of.
    public var module: Module { record.module }

    /// The export called `name`, if any.
    public func export(_ name: String) -> ExternalValue? {
        let key = Array(name.utf8)
        guard let e = record.module.decoded.exports.first(where: { $0.name.utf8.elementsEqual(key) }) else { return nil }
        return externalValue(e.descriptor)
    }

    /// All exports, in the module's order.
    public var exports: [(name: String, value: ExternalValue)] {
        record.module.decoded.exports.map { ($0.name, externalValue($0.descriptor)) }
    }

    func externalValue(_ d: ExportDescriptor) -> ExternalValue {
        switch d {
        case .function(let i): return .function(Function(store: store, entry: record.functions[Int(i)]))
        case .table(let i): return .table(Table(store: store, storage: record.tables[Int(i)]))
        case .memory(let i): return .memory(Memory(store: store, storage: record.memories[Int(i)]))
        case .global(let i): return .global(Global(store: store, cell: record.globals[Int(i)], type: record.globalTypes[Int(i)]))
        case .tag(let i): return .tag(Tag(store: store, object: record.tags[Int(i)]))
        }
    }

    /// The exported function `name`; throws `UsageError` if there is none.
    public func function(_ name: String) throws -> Function {
        guard case .function(let f)? = export(name) else { throw UsageError("no exported function named \"\(name)\"") }
        return f
    }

    /// The exported memory `name`; throws `UsageError` if there is none.
    public func memory(_ name: String = "memory") throws -> Memory {
        guard case .memory(let m)? = export(name) else { throw UsageError("no exported memory named \"\(name)\"") }
        return m
    }

    /// How many memories the instance has (imported ones first), exported or not.
    public var memoryCount: Int { record.memories.count }

    /// The memory at `index` in the instance's memory index space (imports first, then the
    /// module's own), exported or not; throws `UsageError` if there is none.
    public func memory(at index: Int) throws -> Memory {
        guard index >= 0, index < record.memories.count else {
            throw UsageError("no memory \(index): the instance has \(record.memories.count)")
        }
        return Memory(store: store, storage: record.memories[index])
    }

    /// Every memory of the instance, by index (imports first).
    public var memories: [Memory] { record.memories.map { Memory(store: store, storage: $0) } }

    /// The exported global `name`; throws `UsageError` if there is none.
    public func global(_ name: String) throws -> Global {
        guard case .global(let g)? = export(name) else { throw UsageError("no exported global named \"\(name)\"") }
        return g
    }

    /// The exported tag `name`; throws `UsageError` if there is none.
    public func tag(_ name: String) throws -> Tag {
        guard case .tag(let t)? = export(name) else { throw UsageError("no exported tag named \"\(name)\"") }
        return t
    }

    /// The exported table `name`; throws `UsageError` if there is none.
    public func table(_ name: String) throws -> Table {
        guard case .table(let t)? = export(name) else { throw UsageError("no exported table named \"\(name)\"") }
        return t
    }

    /// Calls the exported function `name` with `arguments`.
    @discardableResult
    public func call(_ name: String, _ arguments: [Value] = []) throws -> [Value] {
        try function(name).call(arguments)
    }
}

extension Store {
    /// Instantiates `module`: resolves its imports against `imports`, allocates its functions,
    /// tables, memories and globals, applies its element and data segments, and runs its start
    /// function.
    ///
    /// Throws `LinkError` if an import is missing or has the wrong type, and `Trap` if a segment
    /// does not fit or the start function traps (2.0 semantics: segments applied before the
    /// failing one stay applied).
    public func instantiate(_ module: Module, imports: Imports = Imports()) throws -> Instance {
        if fuel != nil && !module.options.checkpoints {
            throw UsageError("this store charges fuel, but the module was compiled without checkpoints: "
                             + "load it with CompilationOptions(checkpoints: true)")
        }
        let decoded = module.decoded
        let context = module.context
        // Types in the store's form: concrete types named by store type ids, so that equivalent
        // types of different modules compare equal.
        let ids = canonicalTypeIDs(of: decoded.types)
        func storeType(_ t: ValueType) -> ValueType { canonical(t, ids) }
        let record = InstanceRecord(module: module, functionCount: context.functionTypeIndices.count,
                                    globalTypes: context.globals.map { GlobalType(valueType: storeType($0.valueType), isMutable: $0.isMutable) },
                                    tableCount: context.tables.count,
                                    memoryCount: context.memories.count, typeCount: decoded.types.count)
        for (i, id) in ids.enumerated() { record.typeIDs[i] = id }

        // Imports
        var functionIndex = 0, tableIndex = 0, globalIndex = 0
        for imp in decoded.imports {
            let definition = imports.lookup(module: imp.module, name: imp.name)
            switch imp.descriptor {
            case .function(let t):
                let expected = functionTypes[ids[Int(t)]]
                let entry: UnsafeMutablePointer<FunctionEntry>
                switch definition {
                case .host(let host)?:
                    guard typeID(for: host.type) == ids[Int(t)] else { throw incompatible(imp, expected: "\(expected)", found: "\(host.type)") }
                    entry = allocateHostFunction(host)
                case .external(.function(let f))?:
                    guard f.store === self else { throw LinkError("import \(imp.module).\(imp.name) comes from another store") }
                    guard f.entry.pointee.typeID == ids[Int(t)] else { throw incompatible(imp, expected: "\(expected)", found: "\(f.type)") }
                    entry = f.entry
                case nil:
                    throw LinkError("unknown import: \(imp.module).\(imp.name) \(expected)")
                default:
                    throw incompatible(imp, expected: "\(expected)", found: "a non-function")
                }
                record.functions[functionIndex] = entry
                functionIndex += 1
            case .table(let t):
                guard case .external(.table(let table))? = definition else {
                    throw definition == nil ? LinkError("unknown import: \(imp.module).\(imp.name) (table)")
                                            : incompatible(imp, expected: "table", found: "another kind")
                }
                guard table.store === self else { throw LinkError("import \(imp.module).\(imp.name) comes from another store") }
                let s = table.storage.pointee
                guard s.elementType == storeType(t.elementType), s.is64 == t.is64,
                      limitsMatch(count: UInt64(s.count), max: s.declaredMax, t.limits) else {
                    throw incompatible(imp, expected: "table", found: "a table with other limits, element type or index type")
                }
                record.tables[tableIndex] = table.storage
                tableIndex += 1
            case .memory(let m):
                guard case .external(.memory(let memory))? = definition else {
                    throw definition == nil ? LinkError("unknown import: \(imp.module).\(imp.name) (memory)")
                                            : incompatible(imp, expected: "memory", found: "another kind")
                }
                guard memory.store === self else { throw LinkError("import \(imp.module).\(imp.name) comes from another store") }
                let s = memory.storage.pointee
                guard s.is64 == m.is64 else {
                    throw incompatible(imp, expected: m.is64 ? "a 64-bit memory" : "a 32-bit memory",
                                       found: s.is64 ? "a 64-bit memory" : "a 32-bit memory")
                }
                guard limitsMatch(count: UInt64(s.byteCount / pageSize), max: s.declaredMax, m.limits) else {
                    throw incompatible(imp, expected: "memory", found: "a memory with other limits")
                }
                record.memories.append(memory.storage)
            case .global(let g):
                guard case .external(.global(let global))? = definition else {
                    throw definition == nil ? LinkError("unknown import: \(imp.module).\(imp.name) (global \(g.valueType))")
                                            : incompatible(imp, expected: "global", found: "another kind")
                }
                guard global.store === self else { throw LinkError("import \(imp.module).\(imp.name) comes from another store") }
                let expectedType = storeType(g.valueType)
                guard global.type.isMutable == g.isMutable,
                      g.isMutable ? global.type.valueType == expectedType : isSubtype(global.type.valueType, of: expectedType) else {
                    throw incompatible(imp, expected: "global \(g.valueType)", found: "global \(global.type.valueType)")
                }
                record.globals[globalIndex] = global.cell
                globalIndex += 1
            case .tag(let t):
                let expected = functionTypes[ids[Int(t)]]
                guard case .external(.tag(let tag))? = definition else {
                    throw definition == nil ? LinkError("unknown import: \(imp.module).\(imp.name) (tag \(expected))")
                                            : incompatible(imp, expected: "tag \(expected)", found: "another kind")
                }
                guard tag.store === self else { throw LinkError("import \(imp.module).\(imp.name) comes from another store") }
                guard typeID(for: tag.type) == ids[Int(t)] else {
                    throw incompatible(imp, expected: "tag \(expected)", found: "tag \(tag.type)")
                }
                record.tags.append(tag.object)
            }
        }
        for t in decoded.tags {
            let tag = TagObject(type: functionTypes[ids[Int(t)]])
            tagObjects.append(tag)
            record.tags.append(tag)
        }

        // Definitions
        for (i, typeIndex) in decoded.functions.enumerated() {
            let info = module.functionCode[i]
            let type = decoded.types[Int(typeIndex)]
            record.functions[functionIndex] = allocateFunction(FunctionEntry(
                code: module.code + info.offset, context: record.context, typeID: ids[Int(typeIndex)],
                parameterSlots: info.parameterSlots, resultSlots: type.results.reduce(0) { $0 + ($1 == .v128 ? 2 : 1) },
                localSlots: info.localSlots, frameSlots: info.frameSlots, host: nil,
                functionIndex: functionIndex, storeID: id))
            functionIndex += 1
        }
        for (i, t) in decoded.tables.enumerated() {
            // A table with an initial value (function references) may read imported globals.
            var initial: UInt64 = 0
            if i < decoded.tableInitializers.count, let initializer = decoded.tableInitializers[i] {
                initial = evaluate(initializer, record).0
            }
            var type = t
            type.elementType = storeType(t.elementType)
            guard let storage = allocateTable(type, initial: initial) else {
                throw LinkError("table of \(t.limits.min) elements exceeds the store's limit")
            }
            record.tables[tableIndex] = storage
            tableIndex += 1
        }
        for m in decoded.memories {
            guard let storage = allocateMemory(m) else {
                throw LinkError("memory of \(m.limits.min) pages exceeds the store's limit or the host's memory")
            }
            record.memories.append(storage)
        }
        for (i, storage) in record.memories.enumerated() { record.memoryTable[i] = storage }
        record.context.initialize(to: InstanceContext(
            memory: record.memories.first ?? emptyMemory, globals: record.globals, functions: record.functions,
            tables: record.tables, typeIDs: record.typeIDs, instance: Unmanaged.passUnretained(record),
            memories: record.memoryTable))
        records.append(record)

        for global in decoded.globals {
            let value = evaluate(global.initializer, record)
            record.globals[globalIndex] = allocateGlobal(record.globalTypes[globalIndex], value: value)
            globalIndex += 1
        }

        record.elementSegments = decoded.elements.map { segment in
            segment.initializers.map { evaluate($0, record).0 }
        }
        record.dataSegments = decoded.data.map(\.bytes)

        if !module.features.contains(.bulkMemory) { try checkSegmentsFit(decoded, record) }

        // Active segments, in order; a failing one traps and leaves earlier ones applied.
        for (i, segment) in decoded.elements.enumerated() {
            switch segment.mode {
            case .active(let table, let offset):
                let storage = record.tables[Int(table)]
                let start = evaluate(offset, record).0 & storage.pointee.indexMask
                let elements = record.elementSegments[i]
                let result = initializeTable(storage, from: elements, source: 0,
                                             destination: start, count: UInt32(elements.count))
                if result != .none { throw Trap(Trap.Kind(result) ?? .outOfBoundsTableAccess) }
                record.elementSegments[i] = []
            case .declarative:
                record.elementSegments[i] = []
            case .passive:
                break
            }
        }
        for (i, segment) in decoded.data.enumerated() {
            if case .active(let memory, let offset) = segment.mode {
                let storage = record.memories[Int(memory)]
                let start = evaluate(offset, record).0 & storage.pointee.addressMask
                let result = initializeMemory(storage, from: segment.bytes, source: 0,
                                              destination: start, count: UInt32(segment.bytes.count))
                if result != .none { throw Trap(.outOfBoundsMemoryAccess) }
                record.dataSegments[i] = []
            }
        }

        let instance = Instance(store: self, record: record)
        if case .memory(let exported)? = instance.export("memory") {
            record.defaultMemory = exported.storage
        } else {
            record.defaultMemory = record.memories.first
        }
        if let start = decoded.start {
            _ = try invoke(record.functions[Int(start)], [])
        }
        return instance
    }

    /// WebAssembly 1.0 checks every active segment before applying any, and a segment that does
    /// not fit is a link error rather than a trap.
    private func checkSegmentsFit(_ decoded: SwasmBinary.Module, _ record: InstanceRecord) throws {
        for segment in decoded.elements {
            if case .active(let table, let offset) = segment.mode {
                let start = UInt64(UInt32(truncatingIfNeeded: evaluate(offset, record).0))
                guard start + UInt64(segment.initializers.count) <= UInt64(record.tables[Int(table)].pointee.count) else {
                    throw LinkError("elements segment does not fit")
                }
            }
        }
        for segment in decoded.data {
            if case .active(let memory, let offset) = segment.mode {
                let start = UInt64(UInt32(truncatingIfNeeded: evaluate(offset, record).0))
                guard start + UInt64(segment.bytes.count) <= UInt64(record.memories[Int(memory)].pointee.byteCount) else {
                    throw LinkError("data segment does not fit")
                }
            }
        }
    }

    private func incompatible(_ imp: Import, expected: String, found: String) -> LinkError {
        LinkError("incompatible import type: \(imp.module).\(imp.name): expected \(expected), found \(found)")
    }

    /// An import with limits `required` accepts a provided object of `count` with maximum `max`.
    private func limitsMatch(count: UInt64, max: UInt64?, _ required: Limits) -> Bool {
        guard count >= required.min else { return false }
        if let requiredMax = required.max {
            guard let max, max <= requiredMax else { return false }
        }
        return true
    }

    /// Evaluates a validated constant expression.
    func evaluate(_ expr: ConstantExpression, _ record: InstanceRecord) -> (UInt64, UInt64) {
        if expr.instructions.count == 1 { return evaluate(expr.instructions[0], record) }
        var stack: [(UInt64, UInt64)] = []
        for instruction in expr.instructions {
            guard case .integerArithmetic(let opcode) = instruction else {
                stack.append(evaluate(instruction, record))
                continue
            }
            // Validated: two integer operands of the opcode's width are on the stack.
            guard let b = stack.popLast(), let a = stack.popLast() else { return (0, 0) }
            let result: UInt64
            switch opcode {
            case 0x6A: result = UInt64(UInt32(truncatingIfNeeded: a.0) &+ UInt32(truncatingIfNeeded: b.0))
            case 0x6B: result = UInt64(UInt32(truncatingIfNeeded: a.0) &- UInt32(truncatingIfNeeded: b.0))
            case 0x6C: result = UInt64(UInt32(truncatingIfNeeded: a.0) &* UInt32(truncatingIfNeeded: b.0))
            case 0x7C: result = a.0 &+ b.0
            case 0x7D: result = a.0 &- b.0
            default: result = a.0 &* b.0
            }
            stack.append((result, 0))
        }
        return stack.last ?? (0, 0)
    }

    private func evaluate(_ instruction: ConstantInstruction, _ record: InstanceRecord) -> (UInt64, UInt64) {
        switch instruction {
        case .i32Const(let v): return (UInt64(v), 0)
        case .i64Const(let v): return (v, 0)
        case .f32Const(let v): return (UInt64(v), 0)
        case .f64Const(let v): return (v, 0)
        case .v128Const(let v): return (v.low, v.high)
        case .refNull, .integerArithmetic: return (0, 0)
        case .refFunc(let f): return (UInt64(UInt(bitPattern: record.functions[Int(f)])), 0)
        case .globalGet(let g):
            let cell = record.globals[Int(g)]
            return (cell[0], cell[1])
        }
    }
}

/// `table.init` semantics: bounds-checked copy of `count` references (`destination` is a
/// 64-bit index for a table64).
func initializeTable(_ table: UnsafeMutablePointer<TableStorage>, from elements: [UInt64], source: UInt32,
                     destination: UInt64, count: UInt32) -> TrapCode {
    guard fits(UInt64(source), UInt64(count), UInt64(elements.count)),
          fits(destination, UInt64(count), UInt64(table.pointee.count)) else { return .outOfBoundsTableAccess }
    for i in 0..<Int(count) {
        table.pointee.elements[Int(destination) + i] = elements[Int(source) + i]
    }
    return .none
}

/// `memory.init` semantics: bounds-checked copy of `count` bytes (`destination` is a 64-bit
/// address for a 64-bit memory).
func initializeMemory(_ memory: UnsafeMutablePointer<MemoryStorage>, from bytes: [UInt8], source: UInt32,
                      destination: UInt64, count: UInt32) -> TrapCode {
    guard fits(UInt64(source), UInt64(count), UInt64(bytes.count)),
          fits(destination, UInt64(count), UInt64(memory.pointee.byteCount)) else { return .outOfBoundsMemoryAccess }
    if count > 0 {
        bytes.withUnsafeBytes { src in
            guard let from = src.baseAddress else { return }
            (memory.pointee.base + Int(destination)).copyMemory(from: from + Int(source), byteCount: Int(count))
        }
    }
    return .none
}
