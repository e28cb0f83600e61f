/// A WebAssembly value type.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case i32
    case i64
    case f32
    case f64
    case v128
    /// A reference: `(ref null? heaptype)`.
    case ref(ReferenceType)

    /// `funcref`: `(ref null func)`.
    public static let funcRef = ValueType.ref(.funcRef)
    /// `externref`: `(ref null extern)`.
    public static let externRef = ValueType.ref(.externRef)
    /// `exnref`: a caught exception, `(ref null exn)` (WebAssembly 3.0 exception handling).
    public static let exnRef = ValueType.ref(.exnRef)

    /// True for reference types.
    @inlinable public var isReference: Bool {
        if case .ref = self { return true }
        return false
    }

    /// True for the numeric types (and `v128`).
    @inlinable public var isNumeric: Bool { !isReference }

    /// The reference type, for references.
    @inlinable public var referenceType: ReferenceType? {
        if case .ref(let r) = self { return r }
        return nil
    }

    /// True when the type has a default value (zero, or null): every type but non-nullable
    /// references. Locals of other types must be set before they are read.
    @inlinable public var isDefaultable: Bool {
        if case .ref(let r) = self { return r.isNullable }
        return true
    }

    /// The type's binary encoding (one byte for the numeric types and the shorthands).
    public var encoded: [UInt8] {
        switch self {
        case .i32: return [0x7F]
        case .i64: return [0x7E]
        case .f32: return [0x7D]
        case .f64: return [0x7C]
        case .v128: return [0x7B]
        case .ref(let r): return r.encoded
        }
    }

    public var description: String {
        switch self {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .v128: return "v128"
        case .ref(let r): return r.description
        }
    }
}

/// A reference type: a heap type and whether null is a value of the type.
public struct ReferenceType: Hashable, Sendable, CustomStringConvertible {
    /// What the reference points to.
    public var heapType: HeapType
    /// True for `(ref null ht)`.
    public var isNullable: Bool

    /// A reference type from its heap type and nullability.
    public init(_ heapType: HeapType, nullable: Bool) {
        self.heapType = heapType
        self.isNullable = nullable
    }

    /// `funcref`.
    public static let funcRef = ReferenceType(.func, nullable: true)
    /// `externref`.
    public static let externRef = ReferenceType(.extern, nullable: true)
    /// `exnref`.
    public static let exnRef = ReferenceType(.exn, nullable: true)

    /// The same reference type without null.
    public var nonNullable: ReferenceType { ReferenceType(heapType, nullable: false) }

    /// The binary encoding: the one-byte shorthand for nullable abstract types, else
    /// `0x63` (nullable) or `0x64` and the heap type.
    public var encoded: [UInt8] {
        if isNullable, case let code? = heapType.code { return [code] }
        return [isNullable ? 0x63 : 0x64] + heapType.encoded
    }

    public var description: String {
        if isNullable, let short = heapType.shorthandName { return short }
        return isNullable ? "(ref null \(heapType))" : "(ref \(heapType))"
    }
}

/// What a reference points to: an abstract heap type or a type of the module's type section.
public enum HeapType: Hashable, Sendable, CustomStringConvertible {
    case `func`
    case extern
    case exn
    /// The GC proposal's abstract types (decoded for messages; not implemented yet).
    case any, eq, i31, `struct`, array
    /// The bottom types of each hierarchy (`none`, `nofunc`, `noextern`, `noexn`).
    case noneType, noFunc, noExtern, noExn
    /// A defined type, by its index in the module's type section. (In the types a store gives
    /// back, such as `Function.type`, the index is the store's canonical type identifier.)
    case concrete(UInt32)

    /// The heap type of an abstract heap type's binary code (one negative s33 byte), if any.
    public init?(code: UInt8) {
        switch code {
        case 0x70: self = .func
        case 0x6F: self = .extern
        case 0x69: self = .exn
        case 0x6E: self = .any
        case 0x6D: self = .eq
        case 0x6C: self = .i31
        case 0x6B: self = .struct
        case 0x6A: self = .array
        case 0x71: self = .noneType
        case 0x73: self = .noFunc
        case 0x72: self = .noExtern
        case 0x74: self = .noExn
        default: return nil
        }
    }

    /// The one-byte code of an abstract heap type (nil for a type index).
    public var code: UInt8? {
        switch self {
        case .func: return 0x70
        case .extern: return 0x6F
        case .exn: return 0x69
        case .any: return 0x6E
        case .eq: return 0x6D
        case .i31: return 0x6C
        case .struct: return 0x6B
        case .array: return 0x6A
        case .noneType: return 0x71
        case .noFunc: return 0x73
        case .noExtern: return 0x72
        case .noExn: return 0x74
        case .concrete: return nil
        }
    }

    /// The binary encoding: the code, or the type index as s33.
    public var encoded: [UInt8] {
        if let code { return [code] }
        guard case .concrete(var index) = self else { return [] }
        var bytes: [UInt8] = []
        while true {
            let byte = UInt8(index & 0x7F)
            index >>= 7
            // s33: stop once the rest is zero and the sign bit (0x40) of this byte is clear.
            if index == 0 && byte & 0x40 == 0 { bytes.append(byte); return bytes }
            bytes.append(byte | 0x80)
        }
    }

    /// True for the abstract types that only the GC proposal defines.
    public var needsGC: Bool {
        switch self {
        case .any, .eq, .i31, .struct, .array, .noneType: return true
        default: return false
        }
    }

    var shorthandName: String? {
        switch self {
        case .func: return "funcref"
        case .extern: return "externref"
        case .exn: return "exnref"
        case .any: return "anyref"
        case .eq: return "eqref"
        case .i31: return "i31ref"
        case .struct: return "structref"
        case .array: return "arrayref"
        case .noneType: return "nullref"
        case .noFunc: return "nullfuncref"
        case .noExtern: return "nullexternref"
        case .noExn: return "nullexnref"
        case .concrete: return nil
        }
    }

    public var description: String {
        switch self {
        case .func: return "func"
        case .extern: return "extern"
        case .exn: return "exn"
        case .any: return "any"
        case .eq: return "eq"
        case .i31: return "i31"
        case .struct: return "struct"
        case .array: return "array"
        case .noneType: return "none"
        case .noFunc: return "nofunc"
        case .noExtern: return "noextern"
        case .noExn: return "noexn"
        case .concrete(let i): return "\(i)"
        }
    }
}

/// A function signature: parameter and result types.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    /// Parameter types, in order.
    public var parameters: [ValueType]
    /// Result types, in order.
    public var results: [ValueType]

    /// A signature with these parameter and result types.
    public init(parameters: [ValueType] = [], results: [ValueType] = []) {
        self.parameters = parameters
        self.results = results
    }

    public var description: String {
        let p = parameters.map(\.description).joined(separator: " ")
        let r = results.map(\.description).joined(separator: " ")
        return "(func (param \(p)) (result \(r)))"
    }
}

/// Size limits of a table or memory (in elements or 64 KiB pages).
public struct Limits: Hashable, Sendable {
    /// The initial size.
    public var min: UInt64
    /// The largest size the object may grow to (nil: no maximum).
    public var max: UInt64?

    /// Limits from a minimum and an optional maximum.
    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }
}

/// A table's type: its element type, size limits and address type.
public struct TableType: Hashable, Sendable {
    /// `funcref` or `externref`.
    public var elementType: ValueType
    /// Initial and maximum size in elements.
    public var limits: Limits
    /// True for a table64 (memory64 proposal): its indices and sizes are `i64`, not `i32`.
    public var is64: Bool

    /// A table type from its element type, limits and (for table64) 64-bit indices.
    public init(elementType: ValueType, limits: Limits, is64: Bool = false) {
        self.elementType = elementType
        self.limits = limits
        self.is64 = is64
    }

    /// The type of the table's indices and sizes: `i64` for a table64, else `i32`.
    public var addressType: ValueType { is64 ? .i64 : .i32 }
}

/// A memory's type: its size limits in 64 KiB pages and its address type.
public struct MemoryType: Hashable, Sendable {
    /// Initial and maximum size in pages.
    public var limits: Limits
    /// True for a 64-bit memory (memory64 proposal): its addresses and sizes are `i64`, not `i32`.
    public var is64: Bool

    /// A memory type with these limits and (for memory64) 64-bit addresses.
    public init(limits: Limits, is64: Bool = false) {
        self.limits = limits
        self.is64 = is64
    }

    /// The type of the memory's addresses and sizes: `i64` for a 64-bit memory, else `i32`.
    public var addressType: ValueType { is64 ? .i64 : .i32 }
}

/// A global's type: its value type and whether it can be set.
public struct GlobalType: Hashable, Sendable {
    /// The type of the global's value.
    public var valueType: ValueType
    /// True for `(mut T)` globals.
    public var isMutable: Bool

    /// A global type from its value type and mutability.
    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
}

/// What an import provides: a function of a type, a table, a memory, a global or a tag.
public enum ImportDescriptor: Hashable, Sendable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag, with the index of its function type (parameters only).
    case tag(typeIndex: UInt32)
}

/// One entry of the import section.
public struct Import: Hashable, Sendable {
    /// The module name the import is looked up in.
    public var module: String
    /// The name within that module.
    public var name: String
    /// The kind and type of what is imported.
    public var descriptor: ImportDescriptor

    /// An import of `descriptor` as `module`.`name`.
    public init(module: String, name: String, descriptor: ImportDescriptor) {
        self.module = module
        self.name = name
        self.descriptor = descriptor
    }
}

/// What an export names: an index in the function, table, memory, global or tag index space.
public enum ExportDescriptor: Hashable, Sendable {
    case function(UInt32)
    case table(UInt32)
    case memory(UInt32)
    case global(UInt32)
    case tag(UInt32)
}

/// One entry of the export section.
public struct Export: Hashable, Sendable {
    /// The name the host and other modules see.
    public var name: String
    /// The kind and index of the exported item.
    public var descriptor: ExportDescriptor

    /// An export of `descriptor` under `name`.
    public init(name: String, descriptor: ExportDescriptor) {
        self.name = name
        self.descriptor = descriptor
    }
}

/// One instruction of a constant expression (the 2.0 set, plus the integer arithmetic of the
/// extended constant expressions of 3.0).
public enum ConstantInstruction: Hashable, Sendable {
    case i32Const(UInt32)
    case i64Const(UInt64)
    case f32Const(UInt32)   // bit pattern
    case f64Const(UInt64)   // bit pattern
    case v128Const(V128)
    case refNull(HeapType)
    case refFunc(UInt32)
    case globalGet(UInt32)
    /// `i32.add`, `i32.sub`, `i32.mul`, `i64.add`, `i64.sub`, `i64.mul` (opcode kept as its byte).
    case integerArithmetic(UInt8)
}

/// A constant expression as decoded: its instructions before `end`.
/// Decoding accepts any sequence of constant instructions; the validator checks
/// that it yields exactly one value of the expected type.
public struct ConstantExpression: Hashable, Sendable {
    /// The instructions, in order (the final `end` excluded).
    public var instructions: [ConstantInstruction]
    /// File offset of the first instruction.
    public var offset: Int

    /// An expression from its instructions and the file offset of the first one.
    public init(instructions: [ConstantInstruction], offset: Int) {
        self.instructions = instructions
        self.offset = offset
    }
}

/// 128-bit SIMD value, stored as two little-endian 64-bit halves.
public struct V128: Hashable, Sendable {
    /// Lanes 0-7 (bytes 0-7 in memory order).
    public var low: UInt64
    /// Lanes 8-15 (bytes 8-15 in memory order).
    public var high: UInt64

    /// A value from its two halves.
    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Bytes in memory order (little-endian): the first 16 of `bytes`, zero-padded if fewer.
    public init(bytes: [UInt8]) {
        var lo: UInt64 = 0, hi: UInt64 = 0
        for (i, b) in bytes.prefix(16).enumerated() {
            if i < 8 { lo |= UInt64(b) << (8 * UInt64(i)) } else { hi |= UInt64(b) << (8 * UInt64(i - 8)) }
        }
        self.init(low: lo, high: hi)
    }

    /// The 16 bytes in memory order.
    public var bytes: [UInt8] {
        (0..<16).map { i in
            let word = i < 8 ? low : high
            return UInt8(truncatingIfNeeded: word >> (8 * UInt64(i % 8)))
        }
    }
}

/// A global defined in the module: its type and initial value.
public struct Global: Hashable, Sendable {
    /// The global's type.
    public var type: GlobalType
    /// The constant expression that gives its initial value.
    public var initializer: ConstantExpression

    /// A global from its type and initializer.
    public init(type: GlobalType, initializer: ConstantExpression) {
        self.type = type
        self.initializer = initializer
    }
}

/// An element segment: references to put into a table, now (active) or on request.
public struct ElementSegment: Hashable, Sendable {
    /// When and where the segment's references go.
    public enum Mode: Hashable, Sendable {
        case passive
        case active(table: UInt32, offset: ConstantExpression)
        case declarative
    }
    /// `funcref` or `externref`.
    public var type: ValueType
    /// Active (with its table and offset), passive or declarative.
    public var mode: Mode
    /// One expression per element; the function-index encodings become `.refFunc`.
    public var initializers: [ConstantExpression]
    /// File offset of the segment.
    public var offset: Int

    /// A segment from its element type, mode, one constant expression per element and file offset.
    public init(type: ValueType, mode: Mode, initializers: [ConstantExpression], offset: Int) {
        self.type = type
        self.mode = mode
        self.initializers = initializers
        self.offset = offset
    }
}

/// A data segment: bytes to copy into a memory, now (active) or on request (passive).
public struct DataSegment: Hashable, Sendable {
    /// When and where the segment's bytes go.
    public enum Mode: Hashable, Sendable {
        case passive
        case active(memory: UInt32, offset: ConstantExpression)
    }
    /// Active (with its memory and offset) or passive.
    public var mode: Mode
    /// The bytes to copy.
    public var bytes: [UInt8]
    /// File offset of the segment.
    public var offset: Int

    /// A segment from its mode, bytes and file offset.
    public init(mode: Mode, bytes: [UInt8], offset: Int) {
        self.mode = mode
        self.bytes = bytes
        self.offset = offset
    }
}

/// A function body as found in the code section: its local declarations and the
/// byte range of its instructions (up to and including the final `end`).
public struct FunctionBody: Hashable, Sendable {
    /// Run-length encoded local declarations, as in the binary.
    public var localGroups: [LocalGroup]
    /// Byte range of the instruction sequence within `Module.bytes`.
    public var code: Range<Int>
    /// File offset of the body's size field.
    public var offset: Int

    /// A run of locals of one type, as the code section declares them.
    public struct LocalGroup: Hashable, Sendable {
        /// How many locals.
        public var count: UInt32
        /// Their type.
        public var type: ValueType
        /// A group of `count` locals of `type`.
        public init(count: UInt32, type: ValueType) {
            self.count = count
            self.type = type
        }
    }

    /// A body from its local groups, the byte range of its instructions and its file offset.
    public init(localGroups: [LocalGroup], code: Range<Int>, offset: Int) {
        self.localGroups = localGroups
        self.code = code
        self.offset = offset
    }
}

/// Names from the `name` custom section (subsections that fail to parse are ignored,
/// as the specification allows).
public struct NameSection: Hashable, Sendable {
    /// The module's name (subsection 0), if given.
    public var moduleName: String?
    /// Function names by index (subsection 1).
    public var functionNames: [UInt32: String] = [:]

    /// A name section with these names.
    public init(moduleName: String? = nil, functionNames: [UInt32: String] = [:]) {
        self.moduleName = moduleName
        self.functionNames = functionNames
    }
}

/// A custom section other than `name`: its name and where its bytes are.
public struct CustomSection: Hashable, Sendable {
    /// The section's name.
    public var name: String
    /// Byte range of the payload (after the name) within `Module.bytes`.
    public var payload: Range<Int>

    /// A custom section named `name` whose content is `payload` (a range of the module's bytes).
    public init(name: String, payload: Range<Int>) {
        self.name = name
        self.payload = payload
    }
}

/// A decoded (not yet validated) WebAssembly module.
public struct Module: Sendable {
    /// The module's bytes; function bodies and custom sections refer to ranges of it.
    public var bytes: [UInt8]
    /// The type section: function signatures by type index.
    public var types: [FunctionType] = []
    /// The import section, in order.
    public var imports: [Import] = []
    /// Type index of each function defined in the module (imports excluded).
    public var functions: [UInt32] = []
    /// Tables defined in the module (imports excluded).
    public var tables: [TableType] = []
    /// Each defined table's initial element (function references: `0x40 0x00` tables), or nil
    /// for tables that start out null.
    public var tableInitializers: [ConstantExpression?] = []
    /// Memories defined in the module (imports excluded).
    public var memories: [MemoryType] = []
    /// Globals defined in the module (imports excluded).
    public var globals: [Global] = []
    /// Type index of each tag defined in the module (imports excluded).
    public var tags: [UInt32] = []
    /// The export section, in order.
    public var exports: [Export] = []
    /// The start function's index, if any.
    public var start: UInt32?
    /// The element section.
    public var elements: [ElementSegment] = []
    /// The data count section's value, if present.
    public var dataCount: UInt32?
    /// The code section: one body per defined function.
    public var bodies: [FunctionBody] = []
    /// The data section.
    public var data: [DataSegment] = []
    /// The `name` custom section, as parsed (empty when absent or malformed).
    public var names = NameSection()
    /// The other custom sections, in order.
    public var customSections: [CustomSection] = []

    /// An empty module over `bytes` (the decoder fills in the sections).
    public init(bytes: [UInt8]) { self.bytes = bytes }
}
