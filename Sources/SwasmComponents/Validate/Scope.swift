import SwasmBinary

/// A concrete component, a component type or an instance type being validated.
enum ScopeKind { case component, componentType, instanceType }

/// A core type index space entry.
enum CoreTypeEntry {
    case function(FunctionType)
    case module(TypeID)
}

/// Resource names known in an import or export context, for `[method]r.m` and the like.
struct ResourceNameContext {
    var nameOf: [TypeID: String] = [:]
    var all: Set<String> = []

    mutating func register(_ name: String, _ id: TypeID) {
        nameOf[id] = name
        all.insert(name)
    }
}

/// The index spaces and bookkeeping of one component or type scope (wasmparser's
/// `ComponentState`).
final class Scope {
    let kind: ScopeKind

    var coreTypes: [CoreTypeEntry] = []
    var coreFuncs: [FunctionType] = []
    var coreTags: [FunctionType] = []
    var coreModules: [TypeID] = []
    var coreInstances: [OrderedMap<CoreEntity>] = []
    var coreMemories: [CoreMemoryType] = []
    var coreTables: [TableType] = []
    var coreGlobals: [GlobalType] = []

    var types: [TypeID] = []
    var funcs: [TypeID] = []
    var instances: [TypeID] = []
    var components: [TypeID] = []

    var imports = OrderedMap<Entity>()
    var importNames: [ComponentName] = []
    var exports = OrderedMap<Entity>()
    var exportNames: [ComponentName] = []

    /// Resources imported (type variables), with their path in the imports.
    var importedResources: [(ResourceID, [Int])] = []
    /// Resources defined here (or by instances created here); the representation when local.
    var definedResources: [(ResourceID, ValueType?)] = []
    var explicitResources: [ResourceID: [Int]] = [:]
    var exportedTypes: Set<TypeID> = []
    var importedTypes: Set<TypeID> = []
    var exportedResourceNames = ResourceNameContext()
    var importedResourceNames = ResourceNameContext()

    init(kind: ScopeKind) { self.kind = kind }

    func definedRep(_ r: ResourceID) -> ValueType?? {
        definedResources.first(where: { $0.0 == r }).map(\.1)
    }
}
