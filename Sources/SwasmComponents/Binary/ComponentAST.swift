import SwasmBinary

// The component binary format as decoded: index form, nothing resolved (validation resolves it).

/// The primitive value types (`primvaltype`).
enum PrimitiveType: UInt8, Hashable, CustomStringConvertible {
    case bool = 0x7F, s8 = 0x7E, u8 = 0x7D, s16 = 0x7C, u16 = 0x7B, s32 = 0x7A, u32 = 0x79
    case s64 = 0x78, u64 = 0x77, f32 = 0x76, f64 = 0x75, char = 0x74, string = 0x73
    case errorContext = 0x64

    var description: String {
        switch self {
        case .bool: return "bool"
        case .s8: return "s8"
        case .u8: return "u8"
        case .s16: return "s16"
        case .u16: return "u16"
        case .s32: return "s32"
        case .u32: return "u32"
        case .s64: return "s64"
        case .u64: return "u64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .char: return "char"
        case .string: return "string"
        case .errorContext: return "error-context"
        }
    }
}

/// `valtype`: a primitive or a type index.
enum ValTypeRef: Hashable {
    case primitive(PrimitiveType)
    case index(UInt32)
}

/// `defvaltype`.
enum DefinedTypeDef {
    case primitive(PrimitiveType)
    case record([(String, ValTypeRef)])
    case variant([(name: String, type: ValTypeRef?)])
    case list(ValTypeRef)
    case fixedLengthList(ValTypeRef, UInt32)
    case tuple([ValTypeRef])
    case flags([String])
    case `enum`([String])
    case option(ValTypeRef)
    case result(ok: ValTypeRef?, error: ValTypeRef?)
    case own(UInt32)
    case borrow(UInt32)
    case stream(ValTypeRef?)
    case future(ValTypeRef?)
    case map(ValTypeRef, ValTypeRef)
}

struct FuncTypeDef {
    var isAsync: Bool
    var params: [(String, ValTypeRef)]
    var result: ValTypeRef?
}

/// `type`: a component-level type definition.
indirect enum TypeDef {
    case defined(DefinedTypeDef)
    case function(FuncTypeDef)
    case component([ComponentDecl])
    case instance([ComponentDecl])
    case resource(rep: ValueType, destructor: UInt32?)
}

/// A declarator of a component or instance type (instance types have no imports).
enum ComponentDecl {
    case coreType(CoreTypeDef)
    case type(TypeDef)
    case alias(AliasDef)
    case export(ExternName, ExternDesc)
    case `import`(ExternName, ExternDesc)
}

/// A core type: function types (in rec groups), or a module type.
enum CoreTypeDef {
    case functions([FunctionType])
    case module([ModuleTypeDecl])
}

enum ModuleTypeDecl {
    case `import`(module: String, name: String, CoreTypeRef)
    case type([FunctionType])
    case outerTypeAlias(count: UInt32, index: UInt32)
    case export(String, CoreTypeRef)
}

/// A core memory type with the flags SwasmBinary's `MemoryType` does not keep.
struct CoreMemoryType: Hashable {
    var limits: Limits
    var shared: Bool
    var memory64: Bool
}

/// What a core import or export declaration describes.
enum CoreTypeRef {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(CoreMemoryType)
    case global(GlobalType)
    case tag(typeIndex: UInt32)
}

/// `externname` with its options (`implements`, `external-id`, a version suffix).
struct ExternName {
    var name: String
    var implements: String?
    var externalID: String?
    var versionSuffix: String?
}

enum TypeBound {
    case eq(UInt32)
    case subResource
}

/// `externdesc`.
enum ExternDesc {
    case module(UInt32)
    case function(UInt32)
    case value(ValTypeRef)
    case type(TypeBound)
    case instance(UInt32)
    case component(UInt32)
}

/// `core:sort`.
enum CoreSort: UInt8 {
    case function = 0x00, table = 0x01, memory = 0x02, global = 0x03, tag = 0x04
    case type = 0x10, module = 0x11, instance = 0x12

    var name: String {
        switch self {
        case .function: return "func"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .tag: return "tag"
        case .type: return "type"
        case .module: return "module"
        case .instance: return "instance"
        }
    }
}

/// `sort`.
enum Sort: Hashable {
    case core(CoreSort)
    case function, value, type, component, instance

    var name: String {
        switch self {
        case .core(let s): return "core \(s.name)"
        case .function: return "func"
        case .value: return "value"
        case .type: return "type"
        case .component: return "component"
        case .instance: return "instance"
        }
    }
}

enum AliasDef {
    case instanceExport(Sort, instance: UInt32, name: String)
    case coreInstanceExport(CoreSort, instance: UInt32, name: String)
    case outer(Sort, count: UInt32, index: UInt32)
}

enum CoreInstanceDef {
    case instantiate(module: UInt32, args: [(name: String, instance: UInt32)])
    case exports([(name: String, sort: CoreSort, index: UInt32)])
}

struct ExportDef {
    var name: ExternName
    var sort: Sort
    var index: UInt32
    var ascribed: ExternDesc?
}

enum InstanceDef {
    case instantiate(component: UInt32, args: [(name: String, sort: Sort, index: UInt32)])
    case exports([ExportDef])
}

enum CanonOption: Hashable {
    case utf8, utf16, latin1UTF16
    case memory(UInt32)
    case realloc(UInt32)
    case postReturn(UInt32)
    case async
    case callback(UInt32)
    case coreType(UInt32)
    case gc
}

enum CanonDef {
    case lift(coreFunction: UInt32, options: [CanonOption], type: UInt32)
    case lower(function: UInt32, options: [CanonOption])
    case resourceNew(UInt32)
    case resourceDrop(UInt32)
    case resourceRep(UInt32)
    /// One of the async, threading or error-context built-ins, by its name.
    case unsupported(String)
}

struct StartDef {
    var function: UInt32
    var arguments: [UInt32]
    var results: UInt32
}
