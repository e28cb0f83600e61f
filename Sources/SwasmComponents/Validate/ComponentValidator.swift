import Swasm
import SwasmBinary

/// Validates a component as its sections are decoded, in order, as wasmparser does: every
/// section is checked against the index spaces built by the sections before it.
final class ComponentValidator {
    let bytes: [UInt8]
    let types = TypeArena()
    /// The enclosing scopes, innermost last (nested components and type definitions).
    var scopes: [Scope] = []
    /// Where the error being built is: the current section and item.
    var section: String?
    var itemIndex: Int?
    /// The core modules, decoded and validated, in the order of their sections (all depths).
    var coreModules: [Swasm.Module] = []
    /// Where each of `coreModules` starts in `bytes` (instantiation finds them by offset).
    var coreModuleStarts: [Int] = []

    var current: Scope { scopes[scopes.count - 1] }

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Validates the whole component; returns its type.
    func validate() throws -> ComponentType {
        do {
            return try validateComponent(start: 0, end: bytes.count)
        } catch var e as ComponentError {
            if e.section == nil { e.section = section; e.index = itemIndex }
            throw e
        }
    }

    /// How deeply components and component or instance types may nest (validation and
    /// instantiation recurse on them).
    static let maxNesting = 100

    func validateComponent(start: Int, end: Int) throws -> ComponentType {
        if scopes.count >= Self.maxNesting {
            throw fail("components nest too deeply: more than \(Self.maxNesting) levels", start)
        }
        scopes.append(Scope(kind: .component))
        try ComponentDecoder(bytes: bytes, start: start, end: end).decode { section, offset in
            self.section = section.name
            self.itemIndex = nil
            try self.handle(section, at: offset)
        }
        let scope = scopes.removeLast()
        return try finish(scope, at: end)
    }

    func handle(_ section: ComponentSection, at offset: Int) throws {
        switch section {
        case .custom:
            break
        case .coreModule(let start, let end):
            try addCoreModule(start: start, end: end)
        case .coreInstances(let list):
            for (i, item) in list.enumerated() {
                itemIndex = i
                current.coreInstances.append(try coreInstance(item, at: offset))
            }
        case .coreTypes(let list):
            for (i, item) in list.enumerated() {
                itemIndex = i
                try addCoreType(item, at: offset)
            }
        case .component(let start, let end):
            let saved = (self.section, itemIndex)
            let type = try validateComponent(start: start, end: end)
            (self.section, itemIndex) = saved
            current.components.append(types.push(.component(type)))
        case .instances(let list):
            for (i, item) in list.enumerated() {
                itemIndex = i
                current.instances.append(try instance(item, at: offset))
            }
        case .aliases(let list):
            for (i, item) in list.enumerated() {
                itemIndex = i
                try addAlias(item, at: offset)
            }
        case .types(let list):
            for (i, item) in list.enumerated() {
                itemIndex = i
                try addType(item, at: offset)
            }
        case .canons(let list):
            for (i, item) in list.enumerated() {
                itemIndex = i
                try addCanon(item, at: offset)
            }
        case .start:
            throw ComponentError.invalid("support for component model `value`s is not enabled", at: offset)
        case .imports(let list):
            for (i, (name, desc)) in list.enumerated() {
                itemIndex = i
                try addImport(name, desc, at: offset)
            }
        case .exports(let list):
            for (i, export) in list.enumerated() {
                itemIndex = i
                let entity = try exportEntity(export, at: offset)
                try addExport(export.name, entity, at: offset)
            }
        }
    }

    // MARK: Index spaces

    func fail(_ message: String, _ offset: Int) -> ComponentError { .invalid(message, at: offset) }

    func coreType(_ idx: UInt32, _ offset: Int) throws -> CoreTypeEntry {
        guard Int(idx) < current.coreTypes.count else { throw fail("unknown type \(idx): type index out of bounds", offset) }
        return current.coreTypes[Int(idx)]
    }

    func type(_ idx: UInt32, _ offset: Int, in scope: Scope? = nil) throws -> TypeID {
        let s = scope ?? current
        guard Int(idx) < s.types.count else { throw fail("unknown type \(idx): type index out of bounds", offset) }
        return s.types[Int(idx)]
    }

    func definedType(_ idx: UInt32, _ offset: Int) throws -> TypeID {
        let id = try type(idx, offset)
        guard types.defined(id) != nil else { throw fail("type index \(idx) is not a defined type", offset) }
        return id
    }

    func functionType(_ idx: UInt32, _ offset: Int) throws -> TypeID {
        let id = try type(idx, offset)
        guard types.function(id) != nil else { throw fail("type index \(idx) is not a function type", offset) }
        return id
    }

    func resourceType(_ idx: UInt32, _ offset: Int) throws -> TypeID {
        let id = try type(idx, offset)
        guard types.resource(id) != nil else { throw fail("type index \(idx) is not a resource type", offset) }
        return id
    }

    func function(_ idx: UInt32, _ offset: Int) throws -> TypeID {
        guard Int(idx) < current.funcs.count else { throw fail("unknown function \(idx): function index out of bounds", offset) }
        return current.funcs[Int(idx)]
    }

    func coreFunction(_ idx: UInt32, _ offset: Int) throws -> FunctionType {
        guard Int(idx) < current.coreFuncs.count else {
            throw fail("unknown core function \(idx): function index out of bounds", offset)
        }
        return current.coreFuncs[Int(idx)]
    }

    func module(_ idx: UInt32, _ offset: Int, in scope: Scope? = nil) throws -> TypeID {
        let s = scope ?? current
        guard Int(idx) < s.coreModules.count else { throw fail("unknown module \(idx): module index out of bounds", offset) }
        return s.coreModules[Int(idx)]
    }

    func component(_ idx: UInt32, _ offset: Int, in scope: Scope? = nil) throws -> TypeID {
        let s = scope ?? current
        guard Int(idx) < s.components.count else {
            throw fail("unknown component \(idx): component index out of bounds", offset)
        }
        return s.components[Int(idx)]
    }

    func instance(_ idx: UInt32, _ offset: Int) throws -> TypeID {
        guard Int(idx) < current.instances.count else {
            throw fail("unknown instance \(idx): instance index out of bounds", offset)
        }
        return current.instances[Int(idx)]
    }

    func coreInstance(_ idx: UInt32, _ offset: Int) throws -> OrderedMap<CoreEntity> {
        guard Int(idx) < current.coreInstances.count else {
            throw fail("unknown core instance \(idx): instance index out of bounds", offset)
        }
        return current.coreInstances[Int(idx)]
    }

    func memory(_ idx: UInt32, _ offset: Int) throws -> CoreMemoryType {
        guard Int(idx) < current.coreMemories.count else { throw fail("unknown memory \(idx): memory index out of bounds", offset) }
        return current.coreMemories[Int(idx)]
    }

    func outerScope(_ count: UInt32, _ offset: Int) throws -> Scope {
        guard Int(count) < scopes.count else { throw fail("invalid outer alias count of \(count)", offset) }
        return scopes[scopes.count - 1 - Int(count)]
    }

    // MARK: Core modules and instances

    func addCoreModule(start: Int, end: Int) throws {
        if end - start >= 8, bytes[start + 6] != 0 || bytes[start + 7] != 0 {
            throw fail("expected a version header for a module", start + 4)
        }
        let module: Swasm.Module
        do {
            module = try Swasm.Module(bytes: Array(bytes[start..<end]), features: .wasm3)
        } catch let e as ModuleError {
            let message = e.message == "unexpected content after last section" ? "section out of order (\(e.message))" : e.message
            var where_ = ""
            if let f = e.functionIndex { where_ = " (core function \(f))" }
            throw ComponentError(e.kind == .malformed ? .malformed : .invalid, "core module: \(message)\(where_)",
                                 offset: start + (e.offset ?? 0))
        }
        coreModules.append(module)
        coreModuleStarts.append(start)
        current.coreModules.append(types.push(.module(try moduleType(module.decoded, at: start))))
    }

    /// The type of a decoded core module: its imports and exports.
    func moduleType(_ m: SwasmBinary.Module, at offset: Int) throws -> ModuleType {
        var t = ModuleType()
        var funcs: [FunctionType] = [], tables: [TableType] = [], memories: [CoreMemoryType] = []
        var globals: [GlobalType] = [], tags: [FunctionType] = []
        func ft(_ i: UInt32) -> FunctionType { Int(i) < m.types.count ? m.types[Int(i)] : FunctionType() }
        for imp in m.imports {
            let e: CoreEntity
            switch imp.descriptor {
            case .function(let i): e = .function(ft(i)); funcs.append(ft(i))
            case .table(let tt): e = .table(tt); tables.append(tt)
            case .memory(let mt):
                let c = CoreMemoryType(limits: mt.limits, shared: false, memory64: false)
                e = .memory(c); memories.append(c)
            case .global(let g): e = .global(g); globals.append(g)
            case .tag(let i): e = .tag(ft(i)); tags.append(ft(i))
            }
            if t.imports.contains(where: { $0.module == imp.module && $0.name == imp.name }) {
                throw fail("duplicate import name `\(imp.module):\(imp.name)`", offset)
            }
            t.imports.append((imp.module, imp.name, e))
        }
        funcs += m.functions.map(ft)
        tables += m.tables
        memories += m.memories.map { CoreMemoryType(limits: $0.limits, shared: false, memory64: false) }
        globals += m.globals.map(\.type)
        tags += m.tags.map(ft)
        for exp in m.exports {
            let e: CoreEntity?
            switch exp.descriptor {
            case .function(let i): e = Int(i) < funcs.count ? .function(funcs[Int(i)]) : nil
            case .table(let i): e = Int(i) < tables.count ? .table(tables[Int(i)]) : nil
            case .memory(let i): e = Int(i) < memories.count ? .memory(memories[Int(i)]) : nil
            case .global(let i): e = Int(i) < globals.count ? .global(globals[Int(i)]) : nil
            case .tag(let i): e = Int(i) < tags.count ? .tag(tags[Int(i)]) : nil
            }
            if let e { t.exports.insert(exp.name, e) }
        }
        return t
    }

    func coreInstance(_ def: CoreInstanceDef, at offset: Int) throws -> OrderedMap<CoreEntity> {
        switch def {
        case .instantiate(let moduleIndex, let args):
            let moduleID = try module(moduleIndex, offset)
            var supplied: [String: OrderedMap<CoreEntity>] = [:]
            for arg in args {
                let inst = try coreInstance(arg.instance, offset)
                guard supplied[arg.name] == nil else {
                    throw fail("duplicate module instantiation argument named `\(arg.name)`", offset)
                }
                supplied[arg.name] = inst
            }
            guard let mt = types.module(moduleID) else { return OrderedMap() }
            for imp in mt.imports {
                guard let inst = supplied[imp.module] else {
                    throw fail("missing module instantiation argument named `\(imp.module)`", offset)
                }
                guard let actual = inst[imp.name] else {
                    throw fail("module instantiation argument `\(imp.module)` does not export an item named `\(imp.name)`", offset)
                }
                do { try types.checkCore(actual, isSubtypeOf: imp.type, at: offset) } catch let e as ComponentError {
                    throw e.context("type mismatch for export `\(imp.name)` of module instantiation argument `\(imp.module)`")
                }
            }
            return mt.exports
        case .exports(let list):
            var exports = OrderedMap<CoreEntity>()
            for (name, sort, index) in list {
                let e: CoreEntity
                let i = Int(index)
                switch sort {
                case .function: e = .function(try coreFunction(index, offset))
                case .table:
                    guard i < current.coreTables.count else { throw fail("unknown table \(index): table index out of bounds", offset) }
                    e = .table(current.coreTables[i])
                case .memory: e = .memory(try memory(index, offset))
                case .global:
                    guard i < current.coreGlobals.count else { throw fail("unknown global \(index): global index out of bounds", offset) }
                    e = .global(current.coreGlobals[i])
                case .tag:
                    guard i < current.coreTags.count else { throw fail("unknown tag \(index): tag index out of bounds", offset) }
                    e = .tag(current.coreTags[i])
                default:
                    throw fail("invalid core export kind", offset)
                }
                guard exports.insert(name, e) else {
                    throw fail("duplicate instantiation export name `\(name)` already defined", offset)
                }
            }
            return exports
        }
    }

    func addCoreType(_ def: CoreTypeDef, at offset: Int) throws {
        switch def {
        case .functions(let fs):
            current.coreTypes += fs.map { .function($0) }
        case .module(let decls):
            var t = ModuleType()
            var localTypes: [FunctionType] = []
            func ft(_ i: UInt32) throws -> FunctionType {
                guard Int(i) < localTypes.count else { throw fail("unknown type \(i): type index out of bounds", offset) }
                return localTypes[Int(i)]
            }
            func entity(_ r: CoreTypeRef) throws -> CoreEntity {
                switch r {
                case .function(let i): return .function(try ft(i))
                case .table(let tt): return .table(tt)
                case .memory(let m):
                    let maxPages: UInt64 = m.memory64 ? 1 << 48 : 65536
                    guard m.limits.min <= maxPages, (m.limits.max ?? 0) <= maxPages else {
                        throw fail(m.memory64 ? "memory size must be at most 2**48 pages" : "memory size must be at most 65536 pages (4GiB)", offset)
                    }
                    return .memory(m)
                case .global(let g): return .global(g)
                case .tag(let i):
                    let f = try ft(i)
                    guard f.results.isEmpty else { throw fail("invalid exception type: non-empty tag result type", offset) }
                    return .tag(f)
                }
            }
            for decl in decls {
                switch decl {
                case .type(let fs): localTypes += fs
                case .import(let m, let n, let r):
                    let e = try entity(r)
                    if t.imports.contains(where: { $0.module == m && $0.name == n }) {
                        throw fail("duplicate import name `\(m):\(n)`", offset)
                    }
                    t.imports.append((m, n, e))
                case .export(let n, let r):
                    guard t.exports.insert(n, try entity(r)) else { throw fail("export name `\(n)` already defined", offset) }
                case .outerTypeAlias(let count, let index):
                    if count == 0 {
                        localTypes.append(try ft(index))
                    } else {
                        let scope = try outerScope(count - 1, offset)
                        guard Int(index) < scope.coreTypes.count else {
                            throw fail("unknown type \(index): type index out of bounds", offset)
                        }
                        guard case .function(let f) = scope.coreTypes[Int(index)] else {
                            throw fail("not implemented: aliasing core module types into a core module's types index space", offset)
                        }
                        localTypes.append(f)
                    }
                }
            }
            current.coreTypes.append(.module(types.push(.module(t))))
        }
    }

    // MARK: Aliases

    func addAlias(_ alias: AliasDef, at offset: Int) throws {
        if current.kind != .component {
            switch alias {
            case .instanceExport(.type, _, _), .instanceExport(.instance, _, _), .outer(.type, _, _), .outer(.core(.type), _, _): break
            default: throw fail("aliases in a component or instance type may only refer to types or instances", offset)
            }
        }
        switch alias {
        case .instanceExport(let sort, let index, let name):
            if sort == .value { throw fail("support for component model `value`s is not enabled", offset) }
            guard let it = types.instance(try instance(index, offset)), let e = it.exports[name] else {
                throw fail("instance \(index) has no export named `\(name)`", offset)
            }
            let matches: Bool
            switch (e, sort) {
            case (.module, .core(.module)), (.component, .component), (.function, .function), (.instance, .instance),
                 (.value, .value), (.type, .type): matches = true
            default: matches = false
            }
            let what = sort == .core(.module) ? "module" : sort.name
            guard matches else { throw fail("export `\(name)` for instance \(index) is not a \(what)", offset) }
            var entity = e
            try addEntity(&entity, name: nil, at: offset)
        case .coreInstanceExport(let sort, let index, let name):
            guard let e = try coreInstance(index, offset)[name] else {
                throw fail("core instance \(index) has no export named `\(name)`", offset)
            }
            let what = sort == .function ? "function" : sort.name
            switch (sort, e) {
            case (.function, .function(let f)): current.coreFuncs.append(f)
            case (.table, .table(let t)): current.coreTables.append(t)
            case (.memory, .memory(let m)): current.coreMemories.append(m)
            case (.global, .global(let g)): current.coreGlobals.append(g)
            case (.tag, .tag(let f)): current.coreTags.append(f)
            default: throw fail("export `\(name)` for core instance \(index) is not a \(what)", offset)
            }
        case .outer(let sort, let count, let index):
            let scope = try outerScope(count, offset)
            switch sort {
            case .core(.module): current.coreModules.append(try module(index, offset, in: scope))
            case .component: current.components.append(try component(index, offset, in: scope))
            case .core(.type):
                guard Int(index) < scope.coreTypes.count else { throw fail("unknown type \(index): type index out of bounds", offset) }
                current.coreTypes.append(scope.coreTypes[Int(index)])
            default:
                let id = try type(index, offset, in: scope)
                // Crossing into another component: no resources may come along that are not its own.
                let after = scopes.count - Int(count)
                if after < scopes.count, scopes[after].kind == .component {
                    var free = Set<ResourceID>()
                    types.freeVariables(id, &free)
                    if !free.isEmpty {
                        throw fail("cannot alias outer type which transitively refers to resources not defined in the current component", offset)
                    }
                }
                current.types.append(id)
            }
        }
    }
}
