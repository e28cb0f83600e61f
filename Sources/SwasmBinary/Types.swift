/// A WebAssembly value type.
public enum ValueType: UInt8, Hashable, Sendable, CustomStringConvertible {
    case i32 = 0x7F
    case i64 = 0x7E
    case f32 = 0x7D
    case f64 = 0x7C
    case v128 = 0x7B
    case funcRef = 0x70
    case externRef = 0x6F
    /// `exnref`: a caught exception (WebAssembly 3.0 exception handling).
    case exnRef = 0x69

    /// True for `funcref`, `externref` and `exnref`.
    @inlinable public var isReference: Bool { self == .funcRef || self == .externRef || self == .exnRef }

    /// True for the numeric types (and `v128`).
    @inlinable public var isNumeric: Bool { !isReference }

    public var description: String {
        switch self {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .v128: return "v128"
        case .funcRef: return "funcref"
        case .externRef: return "externref"
        case .exnRef: return "exnref"
        }
    }
}

/// A function signature: parameter and result types.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    public var parameters: [ValueType]
    public var results: [ValueType]

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
    public var min: UInt64
    public var max: UInt64?

    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }
}

public struct TableType: Hashable, Sendable {
    /// `funcref` or `externref`.
    public var elementType: ValueType
    public var limits: Limits

    public init(elementType: ValueType, limits: Limits) {
        self.elementType = elementType
        self.limits = limits
    }
}

public struct MemoryType: Hashable, Sendable {
    public var limits: Limits
    public init(limits: Limits) { self.limits = limits }
}

public struct GlobalType: Hashable, Sendable {
    public var valueType: ValueType
    public var isMutable: Bool

    public init(valueType: ValueType, isMutable: Bool) {
        self.valueType = valueType
        self.isMutable = isMutable
    }
}

public enum ImportDescriptor: Hashable, Sendable {
    case function(typeIndex: UInt32)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    /// An exception tag, with the index of its function type (parameters only).
    case tag(typeIndex: UInt32)
}

public struct Import: Hashable, Sendable {
    public var module: String
    public var name: String
    public var descriptor: ImportDescriptor

    public init(module: String, name: String, descriptor: ImportDescriptor) {
        self.module = module
        self.name = name
        self.descriptor = descriptor
    }
}

public enum ExportDescriptor: Hashable, Sendable {
    case function(UInt32)
    case table(UInt32)
    case memory(UInt32)
    case global(UInt32)
    case tag(UInt32)
}

public struct Export: Hashable, Sendable {
    public var name: String
    public var descriptor: ExportDescriptor

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
    case refNull(ValueType)
    case refFunc(UInt32)
    case globalGet(UInt32)
    /// `i32.add`, `i32.sub`, `i32.mul`, `i64.add`, `i64.sub`, `i64.mul` (opcode kept as its byte).
    case integerArithmetic(UInt8)
}

/// A constant expression as decoded: its instructions before `end`.
/// Decoding accepts any sequence of constant instructions; the validator checks
/// that it yields exactly one value of the expected type.
public struct ConstantExpression: Hashable, Sendable {
    public var instructions: [ConstantInstruction]
    /// File offset of the first instruction.
    public var offset: Int

    public init(instructions: [ConstantInstruction], offset: Int) {
        self.instructions = instructions
        self.offset = offset
    }
}

/// 128-bit SIMD value, stored as two little-endian 64-bit halves.
public struct V128: Hashable, Sendable {
    public var low: UInt64
    public var high: UInt64

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

    public var bytes: [UInt8] {
        (0..<16).map { i in
            let word = i < 8 ? low : high
            return UInt8(truncatingIfNeeded: word >> (8 * UInt64(i % 8)))
        }
    }
}

public struct Global: Hashable, Sendable {
    public var type: GlobalType
    public var initializer: ConstantExpression

    public init(type: GlobalType, initializer: ConstantExpression) {
        self.type = type
        self.initializer = initializer
    }
}

public struct ElementSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case passive
        case active(table: UInt32, offset: ConstantExpression)
        case declarative
    }
    /// `funcref` or `externref`.
    public var type: ValueType
    public var mode: Mode
    /// One expression per element; the function-index encodings become `.refFunc`.
    public var initializers: [ConstantExpression]
    /// File offset of the segment.
    public var offset: Int

    public init(type: ValueType, mode: Mode, initializers: [ConstantExpression], offset: Int) {
        self.type = type
        self.mode = mode
        self.initializers = initializers
        self.offset = offset
    }
}

public struct DataSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case passive
        case active(memory: UInt32, offset: ConstantExpression)
    }
    public var mode: Mode
    public var bytes: [UInt8]
    /// File offset of the segment.
    public var offset: Int

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

    public struct LocalGroup: Hashable, Sendable {
        public var count: UInt32
        public var type: ValueType
        public init(count: UInt32, type: ValueType) {
            self.count = count
            self.type = type
        }
    }

    public init(localGroups: [LocalGroup], code: Range<Int>, offset: Int) {
        self.localGroups = localGroups
        self.code = code
        self.offset = offset
    }
}

/// Names from the `name` custom section (subsections that fail to parse are ignored,
/// as the specification allows).
public struct NameSection: Hashable, Sendable {
    public var moduleName: String?
    public var functionNames: [UInt32: String] = [:]

    public init(moduleName: String? = nil, functionNames: [UInt32: String] = [:]) {
        self.moduleName = moduleName
        self.functionNames = functionNames
    }
}

public struct CustomSection: Hashable, Sendable {
    public var name: String
    /// Byte range of the payload (after the name) within `Module.bytes`.
    public var payload: Range<Int>

    public init(name: String, payload: Range<Int>) {
        self.name = name
        self.payload = payload
    }
}

/// A decoded (not yet validated) WebAssembly module.
public struct Module: Sendable {
    /// The module's bytes; function bodies and custom sections refer to ranges of it.
    public var bytes: [UInt8]
    public var types: [FunctionType] = []
    public var imports: [Import] = []
    /// Type index of each function defined in the module (imports excluded).
    public var functions: [UInt32] = []
    public var tables: [TableType] = []
    public var memories: [MemoryType] = []
    public var globals: [Global] = []
    /// Type index of each tag defined in the module (imports excluded).
    public var tags: [UInt32] = []
    public var exports: [Export] = []
    public var start: UInt32?
    public var elements: [ElementSegment] = []
    public var dataCount: UInt32?
    public var bodies: [FunctionBody] = []
    public var data: [DataSegment] = []
    public var names = NameSection()
    public var customSections: [CustomSection] = []

    public init(bytes: [UInt8]) { self.bytes = bytes }
}
