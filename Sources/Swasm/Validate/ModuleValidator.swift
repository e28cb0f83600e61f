import SwasmBinary

/// The module-level validation rules (everything except function bodies, which
/// `FunctionTranslator` validates while it compiles them).
struct ModuleValidator {
    let context: ModuleContext
    var module: SwasmBinary.Module { context.module }
    var features: Features { context.features }

    func validate() throws {
        if !features.contains(.multiValue) {
            for t in module.types where t.results.count > 1 {
                throw ModuleError.invalid("invalid result arity", section: "type")
            }
        }
        for (i, t) in module.types.enumerated() {
            // A type may refer to itself and to earlier types only.
            for v in t.parameters + t.results {
                try context.validateTypeReferences(v, limit: i + 1, section: "type")
            }
        }
        try validateImports()
        for (i, typeIndex) in module.functions.enumerated() {
            guard Int(typeIndex) < module.types.count else {
                throw ModuleError.invalid("unknown type \(typeIndex)", section: "function",
                                          function: context.importedFunctionCount + i)
            }
        }
        if !features.contains(.referenceTypes) && context.tables.count > 1 {
            throw ModuleError.invalid("multiple tables", section: "table")
        }
        for (i, table) in module.tables.enumerated() {
            try validateTableType(table, section: "table")
            if i < module.tableInitializers.count, let initializer = module.tableInitializers[i] {
                try validateConstant(initializer, type: table.elementType, section: "table",
                                     visibleGlobals: context.importedGlobalCount)
            } else if !table.elementType.isDefaultable {
                throw ModuleError.invalid("type mismatch: a table of \(table.elementType) needs an initial value", section: "table")
            }
        }
        if !features.contains(.multiMemory) && context.memories.count > 1 {
            throw ModuleError.invalid("multiple memories", section: "memory")
        }
        for memory in module.memories { try validateMemoryType(memory, section: "memory") }
        // WebAssembly 3.0 lets a constant expression read any earlier immutable global, not
        // only imported ones.
        let laterGlobals = features.contains(.extendedConst)
        for (i, global) in module.globals.enumerated() {
            try context.validateTypeReferences([global.type.valueType], section: "global")
            try validateConstant(global.initializer, type: global.type.valueType, section: "global",
                                 visibleGlobals: laterGlobals ? context.importedGlobalCount + i : context.importedGlobalCount)
        }
        try validateExports()
        if let start = module.start {
            guard let type = context.functionType(start) else {
                throw ModuleError.invalid("unknown function \(start)", section: "start")
            }
            guard type.parameters.isEmpty && type.results.isEmpty else {
                throw ModuleError.invalid("start function must have type [] -> []", section: "start")
            }
        }
        try validateElements()
        try validateData()
    }

    func validateImports() throws {
        for imp in module.imports {
            switch imp.descriptor {
            case .function(let t):
                guard Int(t) < module.types.count else { throw ModuleError.invalid("unknown type \(t)", section: "import") }
            case .table(let t):
                try validateTableType(t, section: "import")
            case .memory(let m):
                try validateMemoryType(m, section: "import")
            case .global(let g):
                try context.validateTypeReferences([g.valueType], section: "import")
                if g.isMutable && !features.contains(.mutableGlobals) {
                    throw ModuleError.invalid("mutable globals cannot be imported", section: "import")
                }
            case .tag(let t):
                try validateTagType(t, section: "import")
            }
        }
        for t in module.tags { try validateTagType(t, section: "tag") }
    }

    /// A tag's type is a function type with no results.
    func validateTagType(_ typeIndex: UInt32, section: String) throws {
        guard Int(typeIndex) < module.types.count else { throw ModuleError.invalid("unknown type \(typeIndex)", section: section) }
        guard module.types[Int(typeIndex)].results.isEmpty else {
            throw ModuleError.invalid("non-empty tag result type", section: section)
        }
    }

    /// A table's limits fit its index type: at most 2^32-1 elements for a 32-bit table (a
    /// table64's u64 bounds cannot exceed 2^64-1).
    func validateTableType(_ t: TableType, section: String) throws {
        try context.validateTypeReferences([t.elementType], section: section)
        if !t.is64 {
            guard t.limits.min <= UInt64(UInt32.max), (t.limits.max ?? 0) <= UInt64(UInt32.max) else {
                throw ModuleError.invalid("table size must be at most 2^32-1", section: section)
            }
        }
        if let max = t.limits.max, t.limits.min > max {
            throw ModuleError.invalid("size minimum must not be greater than maximum", section: section)
        }
    }

    /// A memory's limits fit its address type: 2^16 pages (4 GiB) for a 32-bit memory, 2^48
    /// pages (2^64 bytes) for a 64-bit one.
    func validateMemoryType(_ m: MemoryType, section: String) throws {
        if m.is64 {
            guard m.limits.min <= 1 << 48, (m.limits.max ?? 0) <= 1 << 48 else {
                throw ModuleError.invalid("memory size must be at most 2^48 pages (2^64 bytes)", section: section)
            }
        } else {
            guard m.limits.min <= 65_536, (m.limits.max ?? 0) <= 65_536 else {
                throw ModuleError.invalid("memory size must be at most 65536 pages (4GiB)", section: section)
            }
        }
        if let max = m.limits.max, m.limits.min > max {
            throw ModuleError.invalid("size minimum must not be greater than maximum", section: section)
        }
    }

    /// Globals that element and data segment offsets may read: all of them in 3.0, the imported
    /// ones before.
    var segmentVisibleGlobals: Int {
        features.contains(.extendedConst) ? context.globals.count : context.importedGlobalCount
    }

    /// A constant expression must leave exactly one value of `type`. `global.get` may only read
    /// immutable globals among the first `visibleGlobals`.
    func validateConstant(_ expr: ConstantExpression, type: ValueType, section: String, visibleGlobals: Int) throws {
        var stack: [ValueType] = []
        for instruction in expr.instructions {
            switch instruction {
            case .i32Const: stack.append(.i32)
            case .i64Const: stack.append(.i64)
            case .f32Const: stack.append(.f32)
            case .f64Const: stack.append(.f64)
            case .v128Const: stack.append(.v128)
            case .refNull(let heap):
                let t = ValueType.ref(ReferenceType(heap, nullable: true))
                try context.validateTypeReferences([t], section: section, at: expr.offset)
                stack.append(t)
            case .refFunc(let f):
                guard Int(f) < context.functionTypeIndices.count else {
                    throw ModuleError.invalid("unknown function \(f)", at: expr.offset, section: section)
                }
                stack.append(context.referenceType(ofFunction: f))
            case .integerArithmetic(let opcode):
                let operand: ValueType = opcode <= 0x6C ? .i32 : .i64
                guard stack.count >= 2, stack[stack.count - 1] == operand, stack[stack.count - 2] == operand else {
                    let found = stack.map(\.description).joined(separator: " ")
                    throw ModuleError.invalid("type mismatch: expected [\(operand) \(operand)], found [\(found)]",
                                              at: expr.offset, section: section)
                }
                stack.removeLast()
            case .globalGet(let g):
                guard Int(g) < visibleGlobals, Int(g) < context.globals.count else {
                    throw ModuleError.invalid("unknown global \(g)", at: expr.offset, section: section)
                }
                guard !context.globals[Int(g)].isMutable else {
                    throw ModuleError.invalid("constant expression required", at: expr.offset, section: section)
                }
                stack.append(context.globals[Int(g)].valueType)
            }
        }
        guard stack.count == 1, context.isSubtype(stack[0], of: type) else {
            let found = stack.map(\.description).joined(separator: " ")
            throw ModuleError.invalid("type mismatch: expected \(type), found [\(found)]", at: expr.offset, section: section)
        }
    }

    func validateExports() throws {
        // Names compare as bytes: Swift's String equality would merge canonically equivalent names.
        var names = Set<[UInt8]>()
        for export in module.exports {
            guard names.insert(Array(export.name.utf8)).inserted else {
                throw ModuleError.invalid("duplicate export name \"\(export.name)\"", section: "export")
            }
            switch export.descriptor {
            case .function(let i):
                guard Int(i) < context.functionTypeIndices.count else { throw ModuleError.invalid("unknown function \(i)", section: "export") }
            case .table(let i):
                guard Int(i) < context.tables.count else { throw ModuleError.invalid("unknown table \(i)", section: "export") }
            case .memory(let i):
                guard Int(i) < context.memories.count else { throw ModuleError.invalid("unknown memory \(i)", section: "export") }
            case .global(let i):
                guard Int(i) < context.globals.count else { throw ModuleError.invalid("unknown global \(i)", section: "export") }
                if context.globals[Int(i)].isMutable && !features.contains(.mutableGlobals) {
                    throw ModuleError.invalid("mutable globals cannot be exported", section: "export")
                }
            case .tag(let i):
                guard Int(i) < context.tagTypeIndices.count else { throw ModuleError.invalid("unknown tag \(i)", section: "export") }
            }
        }
    }

    func validateElements() throws {
        for segment in module.elements {
            try context.validateTypeReferences([segment.type], section: "element", at: segment.offset)
            if case .active(let table, let offset) = segment.mode {
                guard Int(table) < context.tables.count else {
                    throw ModuleError.invalid("unknown table \(table)", at: segment.offset, section: "element")
                }
                guard context.isSubtype(segment.type, of: context.tables[Int(table)].elementType) else {
                    throw ModuleError.invalid("type mismatch", at: segment.offset, section: "element")
                }
                try validateConstant(offset, type: context.tables[Int(table)].addressType, section: "element",
                                     visibleGlobals: segmentVisibleGlobals)
            }
            for e in segment.initializers {
                try validateConstant(e, type: segment.type, section: "element", visibleGlobals: segmentVisibleGlobals)
            }
        }
    }

    func validateData() throws {
        for segment in module.data {
            if case .active(let memory, let offset) = segment.mode {
                guard Int(memory) < context.memories.count else {
                    throw ModuleError.invalid("unknown memory \(memory)", at: segment.offset, section: "data")
                }
                try validateConstant(offset, type: context.memories[Int(memory)].addressType, section: "data",
                                     visibleGlobals: segmentVisibleGlobals)
            }
        }
    }
}
