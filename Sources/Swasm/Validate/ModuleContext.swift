import SwasmBinary

/// What function validation needs to know about the enclosing module (the spec's context C).
struct ModuleContext {
    let module: SwasmBinary.Module
    let features: Features
    /// Type index of every function in the function index space (imports first).
    var functionTypeIndices: [UInt32] = []
    var tables: [TableType] = []
    var memories: [MemoryType] = []
    var globals: [GlobalType] = []
    var importedFunctionCount = 0
    var importedGlobalCount = 0
    /// Type index of every tag (imports first).
    var tagTypeIndices: [UInt32] = []
    var importedTagCount = 0
    /// Functions that `ref.func` may name: those referenced outside function bodies.
    var declaredFunctions: Set<UInt32> = []
    /// For each type index, the first index of an equivalent type (types are compared
    /// structurally, as WebAssembly 3.0's iso-recursive equivalence does for one-type groups).
    var canonicalTypeIndices: [Int] = []

    init(module: SwasmBinary.Module, features: Features) {
        self.module = module
        self.features = features
        for imp in module.imports {
            switch imp.descriptor {
            case .function(let t):
                functionTypeIndices.append(t)
                importedFunctionCount += 1
            case .table(let t): tables.append(t)
            case .memory(let m): memories.append(m)
            case .global(let g):
                globals.append(g)
                importedGlobalCount += 1
            case .tag(let t):
                tagTypeIndices.append(t)
                importedTagCount += 1
            }
        }
        functionTypeIndices.append(contentsOf: module.functions)
        tables.append(contentsOf: module.tables)
        memories.append(contentsOf: module.memories)
        globals.append(contentsOf: module.globals.map(\.type))
        tagTypeIndices.append(contentsOf: module.tags)

        canonicalTypeIndices = TypeCanonicalizer.canonicalIndices(of: module.types)
        for global in module.globals { collectReferences(global.initializer) }
        for case let initializer? in module.tableInitializers { collectReferences(initializer) }
        for segment in module.elements {
            for e in segment.initializers { collectReferences(e) }
        }
        for export in module.exports {
            if case .function(let f) = export.descriptor { declaredFunctions.insert(f) }
        }
    }

    private mutating func collectReferences(_ expr: ConstantExpression) {
        for i in expr.instructions {
            if case .refFunc(let f) = i { declaredFunctions.insert(f) }
        }
    }

    var types: [FunctionType] { module.types }

    func functionType(_ index: UInt32) -> FunctionType? {
        guard Int(index) < functionTypeIndices.count else { return nil }
        let t = Int(functionTypeIndices[Int(index)])
        return t < module.types.count ? module.types[t] : nil
    }

    /// The parameters a tag's exceptions carry (nil for an unknown tag or type).
    func tagType(_ index: UInt32) -> FunctionType? {
        guard Int(index) < tagTypeIndices.count else { return nil }
        let t = Int(tagTypeIndices[Int(index)])
        return t < module.types.count ? module.types[t] : nil
    }

    var dataCount: Int? { module.dataCount.map { Int($0) } }
}
