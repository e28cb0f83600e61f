import Swasm
import SwasmBinary

// Instantiation: the component's sections are decoded again and run in order against the
// index spaces of one component instance (an `InstanceFrame`). The component was validated
// when it was loaded, so indices are in range and kinds fit; the checks here still throw
// (never crash) if they do not.

/// A core instance: a module's instance, or one made of inline exports.
enum CoreInstanceValue {
    case instance(Swasm.Instance)
    case exports([(name: String, value: ExternalValue)])

    func export(_ name: String) -> ExternalValue? {
        switch self {
        case .instance(let i): return i.export(name)
        case .exports(let list): return list.first { $0.name == name }?.value
        }
    }

    var all: [(name: String, value: ExternalValue)] {
        switch self {
        case .instance(let i): return i.exports
        case .exports(let list): return list
        }
    }
}

/// The index spaces of one component instance being (or done being) instantiated.
final class InstanceFrame {
    let name: String
    let definition: ComponentDefinition
    let state: ComponentInstanceState
    var parent: InstanceFrame? { definition.parent }

    var coreModules: [Swasm.Module] = []
    var coreInstances: [CoreInstanceValue] = []
    var coreFuncs: [Function] = []
    var coreTables: [Swasm.Table] = []
    var coreMemories: [Swasm.Memory] = []
    var coreGlobals: [Swasm.Global] = []
    var coreTags: [Swasm.Tag] = []
    var coreTypeCount = 0
    var types: [ComponentTypeDefinition] = []
    var funcs: [ComponentFunction] = []
    var values: [ComponentValue] = []
    var instances: [ComponentExports] = []
    var components: [ComponentDefinition] = []
    var exports = ComponentExports()

    init(name: String, definition: ComponentDefinition) {
        self.name = name
        self.definition = definition
        self.state = ComponentInstanceState(name: name)
    }

    /// What a nested component defined now can reach by outer aliases: the types, core
    /// modules and components so far (nothing else may be aliased from outside). A copy, not
    /// `self`: the frame holds its nested definitions, and its core functions hold the store,
    /// so a definition holding the frame would keep the store alive through a cycle.
    func outerView() -> InstanceFrame {
        let view = InstanceFrame(name: name, definition: definition)
        view.types = types
        view.coreModules = coreModules
        view.components = components
        view.coreTypeCount = coreTypeCount
        return view
    }
}

/// Looks up an index, throwing (naming the index space) when it is out of range.
func element<T>(_ list: [T], _ index: UInt32, _ space: String) throws -> T {
    guard Int(index) < list.count else {
        throw ComponentLinkError("\(space) index \(index) out of range (there are \(list.count))")
    }
    return list[Int(index)]
}

/// One instantiation of a component and its nested components, in one store.
final class InstantiationContext {
    let store: Store
    /// Modules that import a host function and export it, by signature: they turn the host
    /// functions of `canon lower` and the resource built-ins into core functions.
    private var trampolines: [FunctionType: Swasm.Module] = [:]
    /// Component and core instances made so far: nested components that instantiate each
    /// other twice over would otherwise make exponentially many from a few bytes.
    private var instanceCount = 0
    static let maxInstances = 10_000
    /// Keeps the host functions given to the store (they capture the store's functions and
    /// memories); the component instance holds it, the store reaches them weakly.
    let hostFunctions = HostFunctionOwner(
        releasedMessage: "the component instance that defined this function is gone (keep the ComponentInstance)")

    init(store: Store) { self.store = store }

    /// Instantiates `definition`, whose import `name` is bound to `arguments(name)`.
    func instantiate(_ definition: ComponentDefinition, name: String,
                     arguments: (String) -> ComponentExtern?) throws -> InstanceFrame {
        try countInstance()
        let frame = InstanceFrame(name: name, definition: definition)
        let component = definition.component
        var section = ""
        var item = 0
        do {
            try ComponentDecoder(bytes: component.bytes, start: definition.start, end: definition.end).decode { s, offset in
                section = s.name
                item = 0
                try run(s, in: frame, arguments: arguments, item: &item)
            }
        } catch var e as ComponentLinkError where e.location == nil {
            e.location = "component instance \"\(name)\", \(section) section, item \(item)"
            throw e
        }
        return frame
    }

    private func countInstance() throws {
        instanceCount += 1
        guard instanceCount <= Self.maxInstances else {
            throw ComponentLinkError("more than \(Self.maxInstances) component and core instances")
        }
    }

    // MARK: Sections

    private func run(_ section: ComponentSection, in f: InstanceFrame,
                     arguments: (String) -> ComponentExtern?, item: inout Int) throws {
        switch section {
        case .custom:
            break
        case .coreModule(let start, _):
            guard let module = f.definition.component.coreModulesByStart[start] else {
                throw ComponentLinkError("no compiled core module at offset \(start)")
            }
            f.coreModules.append(module)
        case .coreInstances(let list):
            for (i, def) in list.enumerated() {
                item = i
                f.coreInstances.append(try coreInstance(def, f))
            }
        case .coreTypes(let list):
            for def in list {
                if case .functions(let group) = def { f.coreTypeCount += group.count } else { f.coreTypeCount += 1 }
            }
        case .component(let start, let end):
            f.components.append(ComponentDefinition(component: f.definition.component, start: start, end: end,
                                                    parent: f.outerView()))
        case .instances(let list):
            for (i, def) in list.enumerated() {
                item = i
                f.instances.append(try instance(def, f, index: f.instances.count))
            }
        case .aliases(let list):
            for (i, def) in list.enumerated() {
                item = i
                try alias(def, f)
            }
        case .types(let list):
            for (i, def) in list.enumerated() {
                item = i
                f.types.append(try typeDefinition(def, f))
            }
        case .canons(let list):
            for (i, def) in list.enumerated() {
                item = i
                try canon(def, f)
            }
        case .start:
            throw ComponentLinkError("a component start function needs component values, which are not supported")
        case .imports(let list):
            for (i, (name, desc)) in list.enumerated() {
                item = i
                guard let supplied = arguments(name.name) else {
                    throw ComponentLinkError("missing import \"\(name.name)\"")
                }
                try push(supplied, as: desc.sort, in: f, what: "import \"\(name.name)\"")
            }
        case .exports(let list):
            for (i, export) in list.enumerated() {
                item = i
                var exported = try self.item(export.sort, export.index, f)
                if case .function(let function) = exported { exported = .function(function.renamed(export.name.name)) }
                if case .type(.resource(let r)) = exported, r.name.isEmpty { r.name = export.name.name }
                f.exports[export.name.name] = exported
                try push(exported, as: export.sort, in: f, what: "export \"\(export.name.name)\"")
            }
        }
    }

    // MARK: Core instances

    private func coreInstance(_ def: CoreInstanceDef, _ f: InstanceFrame) throws -> CoreInstanceValue {
        switch def {
        case .instantiate(let moduleIndex, let args):
            let module = try element(f.coreModules, moduleIndex, "core module")
            var imports = Imports()
            for (name, instanceIndex) in args {
                for (field, value) in try element(f.coreInstances, instanceIndex, "core instance").all {
                    imports.define(module: name, name: field, value)
                }
            }
            try countInstance()
            return .instance(try store.instantiate(module, imports: imports))
        case .exports(let list):
            return .exports(try list.map { ($0.name, try coreExtern($0.sort, $0.index, f)) })
        }
    }

    private func coreExtern(_ sort: CoreSort, _ index: UInt32, _ f: InstanceFrame) throws -> ExternalValue {
        switch sort {
        case .function: return .function(try element(f.coreFuncs, index, "core func"))
        case .table: return .table(try element(f.coreTables, index, "core table"))
        case .memory: return .memory(try element(f.coreMemories, index, "core memory"))
        case .global: return .global(try element(f.coreGlobals, index, "core global"))
        case .tag: return .tag(try element(f.coreTags, index, "core tag"))
        case .type, .module, .instance:
            throw ComponentLinkError("a core \(sort.name) cannot be a core instance export")
        }
    }

    private func pushCore(_ value: ExternalValue, as sort: CoreSort, in f: InstanceFrame, what: String) throws {
        switch (sort, value) {
        case (.function, .function(let v)): f.coreFuncs.append(v)
        case (.table, .table(let v)): f.coreTables.append(v)
        case (.memory, .memory(let v)): f.coreMemories.append(v)
        case (.global, .global(let v)): f.coreGlobals.append(v)
        case (.tag, .tag(let v)): f.coreTags.append(v)
        default: throw ComponentLinkError("\(what): expected a core \(sort.name), found a core \(value.kindName)")
        }
    }

    // MARK: Component items

    /// The item of `sort` at `index`.
    func item(_ sort: Sort, _ index: UInt32, _ f: InstanceFrame) throws -> ComponentExtern {
        switch sort {
        case .function: return .function(try element(f.funcs, index, "func"))
        case .value: return .value(try element(f.values, index, "value"))
        case .type: return .type(try element(f.types, index, "type"))
        case .instance: return .instance(try element(f.instances, index, "instance"))
        case .component: return .component(try element(f.components, index, "component"))
        case .core(.module): return .coreModule(try element(f.coreModules, index, "core module"))
        case .core(let s): throw ComponentLinkError("a core \(s.name) is not a component item")
        }
    }

    /// Appends `item` to the index space of `sort`.
    func push(_ item: ComponentExtern, as sort: Sort, in f: InstanceFrame, what: String) throws {
        switch (sort, item) {
        case (.function, .function(let v)): f.funcs.append(v)
        case (.value, .value(let v)): f.values.append(v)
        case (.type, .type(let v)): f.types.append(v)
        case (.instance, .instance(let v)): f.instances.append(v)
        case (.component, .component(let v)): f.components.append(v)
        case (.core(.module), .coreModule(let v)): f.coreModules.append(v)
        default:
            throw ComponentLinkError("\(what): expected \(withArticle(sort.name)), found \(item.kindWithArticle)")
        }
    }

    private func instance(_ def: InstanceDef, _ f: InstanceFrame, index: Int) throws -> ComponentExports {
        switch def {
        case .instantiate(let componentIndex, let args):
            let definition = try element(f.components, componentIndex, "component")
            var supplied: [String: ComponentExtern] = [:]
            for (name, sort, index) in args { supplied[name] = try item(sort, index, f) }
            let child = try instantiate(definition, name: "\(f.name)/instance \(index)", arguments: { supplied[$0] })
            return child.exports
        case .exports(let list):
            var exports = ComponentExports()
            for export in list {
                var exported = try item(export.sort, export.index, f)
                if case .function(let function) = exported { exported = .function(function.renamed(export.name.name)) }
                exports[export.name.name] = exported
            }
            return exports
        }
    }

    private func alias(_ def: AliasDef, _ f: InstanceFrame) throws {
        switch def {
        case .instanceExport(let sort, let instanceIndex, let name):
            let instance = try element(f.instances, instanceIndex, "instance")
            guard let exported = instance[name] else {
                throw ComponentLinkError("instance \(instanceIndex) has no export \"\(name)\"")
            }
            try push(exported, as: sort, in: f, what: "alias of export \"\(name)\"")
        case .coreInstanceExport(let sort, let instanceIndex, let name):
            let instance = try element(f.coreInstances, instanceIndex, "core instance")
            guard let exported = instance.export(name) else {
                throw ComponentLinkError("core instance \(instanceIndex) has no export \"\(name)\"")
            }
            try pushCore(exported, as: sort, in: f, what: "alias of core export \"\(name)\"")
        case .outer(let sort, let count, let index):
            var target = f
            for _ in 0..<count {
                guard let parent = target.parent else { throw ComponentLinkError("outer alias count \(count) is too large") }
                target = parent
            }
            if case .core(.type) = sort {
                f.coreTypeCount += 1
                return
            }
            try push(try item(sort, index, target), as: sort, in: f, what: "outer alias")
        }
    }

    // MARK: Types

    private func typeDefinition(_ def: TypeDef, _ f: InstanceFrame) throws -> ComponentTypeDefinition {
        switch def {
        case .defined(let d): return .value(try definedType(d, f))
        case .function(let ft): return .function(try functionType(ft, f))
        case .component: return .component(ComponentSignature(imports: [], exports: []))
        case .instance: return .instance(ComponentInstanceType(exports: []))
        case .resource(_, let destructorIndex):
            let destructor = try destructorIndex.map { ResourceDestructor(coreFunction: try element(f.coreFuncs, $0, "core func")) }
            // Generative: every instantiation makes a new resource type, implemented here.
            return .resource(ResourceType(name: "", implementation: f.state, destructor: destructor))
        }
    }

    func functionType(_ ft: FuncTypeDef, _ f: InstanceFrame) throws -> ComponentFunctionType {
        if ft.isAsync { throw ComponentLinkError("async functions are not supported") }
        return ComponentFunctionType(parameters: try ft.params.map { ComponentField(name: $0.0, type: try valueType($0.1, f)) },
                                     result: try ft.result.map { try valueType($0, f) })
    }

    func valueType(_ ref: ValTypeRef, _ f: InstanceFrame) throws -> ComponentValueType {
        switch ref {
        case .primitive(let p): return p.valueType
        case .index(let i):
            guard case .value(let v) = try element(f.types, i, "type") else {
                throw ComponentLinkError("type \(i) is not a value type")
            }
            return v
        }
    }

    private func resource(_ index: UInt32, _ f: InstanceFrame) throws -> ResourceType {
        guard case .resource(let r) = try element(f.types, index, "type") else {
            throw ComponentLinkError("type \(index) is not a resource type")
        }
        return r
    }

    private func definedType(_ d: DefinedTypeDef, _ f: InstanceFrame) throws -> ComponentValueType {
        func v(_ r: ValTypeRef) throws -> ComponentValueType { try valueType(r, f) }
        switch d {
        case .primitive(let p): return p.valueType
        case .record(let fields): return .record(try fields.map { ComponentField(name: $0.0, type: try v($0.1)) })
        case .variant(let cases): return .variant(try cases.map { ComponentCase(name: $0.name, payload: try $0.type.map(v)) })
        case .list(let t): return .list(try v(t))
        case .fixedLengthList(let t, let n): return .fixedLengthList(try v(t), length: n)
        case .tuple(let ts): return .tuple(try ts.map(v))
        case .flags(let names): return .flags(names)
        case .enum(let names): return .enum(names)
        case .option(let t): return .option(try v(t))
        case .result(let ok, let err): return .result(ok: try ok.map(v), error: try err.map(v))
        case .own(let i): return .own(try resource(i, f))
        case .borrow(let i): return .borrow(try resource(i, f))
        case .map(let k, let value): return .list(.tuple([try v(k), try v(value)]))
        case .stream, .future: throw ComponentLinkError("streams and futures are not supported")
        }
    }

    // MARK: Canonical functions

    private func canon(_ def: CanonDef, _ f: InstanceFrame) throws {
        switch def {
        case .lift(let coreIndex, let options, let typeIndex):
            let core = try element(f.coreFuncs, coreIndex, "core func")
            guard case .function(let type) = try element(f.types, typeIndex, "type") else {
                throw ComponentLinkError("canon lift: type \(typeIndex) is not a function type")
            }
            f.funcs.append(.lifted(core, name: "\(f.name) func \(f.funcs.count)", type: type,
                                   options: try canonicalOptions(options, f), instance: f.state))
        case .lower(let functionIndex, let options):
            let function = try element(f.funcs, functionIndex, "func")
            f.coreFuncs.append(try coreFunction(function.lowered(options: try canonicalOptions(options, f), instance: f.state)))
        case .resourceNew(let t):
            f.coreFuncs.append(try coreFunction(f.state.resourceNewFunction(try resource(t, f))))
        case .resourceDrop(let t):
            f.coreFuncs.append(try coreFunction(f.state.resourceDropFunction(try resource(t, f))))
        case .resourceRep(let t):
            f.coreFuncs.append(try coreFunction(f.state.resourceRepFunction(try resource(t, f))))
        case .unsupported(let name):
            throw ComponentLinkError("canon \(name) is not supported")
        }
    }

    private func canonicalOptions(_ list: [CanonOption], _ f: InstanceFrame) throws -> CanonicalOptions {
        var options = CanonicalOptions()
        for option in list {
            switch option {
            case .utf8: options.stringEncoding = .utf8
            case .utf16: options.stringEncoding = .utf16
            case .latin1UTF16: options.stringEncoding = .latin1UTF16
            case .memory(let i): options.memory = try element(f.coreMemories, i, "core memory")
            case .realloc(let i): options.realloc = try element(f.coreFuncs, i, "core func")
            case .postReturn(let i): options.postReturn = try element(f.coreFuncs, i, "core func")
            case .coreType: break
            case .async, .callback: throw ComponentLinkError("async canonical options are not supported")
            case .gc: throw ComponentLinkError("the gc canonical option is not supported")
            }
        }
        return options
    }

    /// `host` as a core function of the store: imported by a small module that exports it.
    func coreFunction(_ host: HostFunction) throws -> Function {
        let module: Swasm.Module
        if let m = trampolines[host.type] {
            module = m
        } else {
            // With checkpoints, so that stores that charge fuel accept it too (it has no loop).
            module = try Swasm.Module(bytes: trampolineBytes(host.type), options: CompilationOptions(checkpoints: true))
            trampolines[host.type] = module
        }
        try countInstance()
        var imports = Imports()
        imports.define(module: "", name: "f", hostFunctions.owned(host))
        return try store.instantiate(module, imports: imports).function("f")
    }
}

/// `(module (import "" "f" (func (type T))) (export "f" (func 0)))`.
private func trampolineBytes(_ type: FunctionType) -> [UInt8] {
    func leb(_ n: Int) -> [UInt8] {
        var n = UInt(n), out: [UInt8] = []
        repeat {
            var byte = UInt8(n & 0x7F)
            n >>= 7
            if n != 0 { byte |= 0x80 }
            out.append(byte)
        } while n != 0
        return out
    }
    func code(_ t: ValueType) -> UInt8 {
        switch t {
        case .i32: return 0x7F
        case .i64: return 0x7E
        case .f32: return 0x7D
        case .f64: return 0x7C
        default: return 0x7B
        }
    }
    func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] { [id] + leb(content.count) + content }
    let typeSection = [0x01, 0x60] + leb(type.parameters.count) + type.parameters.map(code)
        + leb(type.results.count) + type.results.map(code)
    let importSection: [UInt8] = [0x01, 0x00, 0x01, 0x66, 0x00, 0x00]
    let exportSection: [UInt8] = [0x01, 0x01, 0x66, 0x00, 0x00]
    return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        + section(1, typeSection) + section(2, importSection) + section(7, exportSection)
}


extension ExternDesc {
    /// The sort of what the import or export describes.
    var sort: Sort {
        switch self {
        case .module: return .core(.module)
        case .function: return .function
        case .value: return .value
        case .type: return .type
        case .instance: return .instance
        case .component: return .component
        }
    }
}

extension ExternalValue {
    var kindName: String {
        switch self {
        case .function: return "func"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .tag: return "tag"
        }
    }
}

extension ComponentFunction {
    /// The same function under another name (for messages).
    func renamed(_ newName: String) -> ComponentFunction {
        newName == name ? self : ComponentFunction(name: newName, type: type, isHostDefined: isHostDefined, invoke: invoke)
    }
}
