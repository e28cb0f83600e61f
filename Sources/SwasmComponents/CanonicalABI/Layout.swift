import Swasm

// The Canonical ABI's static layout of component values (CanonicalABI.md: "Despecialization",
// "Alignment", "Element Size", "Flattening"): pure functions of the type.

/// A variant-like type's cases, after despecialization: `enum`, `option` and `result` are
/// variants (`option` is `none | some(T)`, `result` is `ok(T?) | error(E?)`).
struct VariantLayout {
    /// The payload type of each case, in order (nil: no payload).
    let payloads: [ComponentValueType?]

    init?(_ type: ComponentValueType) {
        switch type {
        case .variant(let cases): payloads = cases.map(\.payload)
        case .enum(let labels): payloads = labels.map { _ in nil }
        case .option(let t): payloads = [nil, t]
        case .result(let ok, let error): payloads = [ok, error]
        default: return nil
        }
    }

    /// Bytes of the discriminant: the smallest of u8, u16, u32 that numbers every case.
    var discriminantSize: Int { CanonicalLayout.discriminantSize(caseCount: payloads.count) }

    /// The largest alignment among the payloads (1 when none has a payload).
    var maxCaseAlignment: Int {
        payloads.reduce(1) { a, p in p.map { max(a, $0.canonicalAlignment) } ?? a }
    }

    /// Byte offset of the payload from the start of the variant.
    var payloadOffset: Int { CanonicalLayout.align(discriminantSize, to: maxCaseAlignment) }
}

/// Sizes, alignments and core-type flattenings of component value types and function types.
public enum CanonicalLayout {
    /// Most core parameters a function passes flat; more go through memory (`MAX_FLAT_PARAMS`).
    public static let maxFlatParameters = 16
    /// Most core results a function returns flat; more go through memory (`MAX_FLAT_RESULTS`).
    public static let maxFlatResults = 1
    /// Longest string in bytes, keeping a length's high bit free for the UTF-16 tag.
    public static let maxStringByteLength = (1 << 31) - 1
    /// The UTF-16 tag of a `latin1+utf16` string length.
    public static let utf16Tag: UInt32 = 1 << 31

    /// `ptr` rounded up to a multiple of `alignment`.
    public static func align(_ ptr: Int, to alignment: Int) -> Int {
        (ptr + alignment - 1) / alignment * alignment
    }

    /// Bytes of a variant discriminant for `caseCount` cases (1, 2 or 4).
    public static func discriminantSize(caseCount n: Int) -> Int {
        if n <= 1 << 8 { return 1 }
        if n <= 1 << 16 { return 2 }
        return 4
    }

    /// Bytes of a `flags` value with `count` labels (more than 32 take whole `i32`s).
    public static func flagsSize(count n: Int) -> Int {
        if n == 0 { return 0 }
        if n <= 8 { return 1 }
        if n <= 16 { return 2 }
        return 4 * flagsWordCount(count: n)
    }

    /// Core `i32`s that hold `count` flags.
    public static func flagsWordCount(count n: Int) -> Int { (n + 31) / 32 }

    /// The core types of `types` flattened one after the other.
    public static func flatten(_ types: [ComponentValueType]) -> [ValueType] {
        types.flatMap(\.flattened)
    }

    /// The tightest core type that can carry both `a` and `b` (`join`).
    public static func join(_ a: ValueType, _ b: ValueType) -> ValueType {
        if a == b { return a }
        if (a == .i32 && b == .f32) || (a == .f32 && b == .i32) { return .i32 }
        return .i64
    }

    /// The joined core types of a variant: the discriminant's `i32`, then each payload slot.
    static func flattenVariant(_ payloads: [ComponentValueType?]) -> [ValueType] {
        var flat: [ValueType] = []
        for case let payload? in payloads {
            for (i, t) in payload.flattened.enumerated() {
                if i < flat.count { flat[i] = join(flat[i], t) } else { flat.append(t) }
            }
        }
        return [.i32] + flat
    }
}

extension ComponentValueType {
    /// Alignment in linear memory (`alignment`).
    public var canonicalAlignment: Int {
        switch self {
        case .bool, .s8, .u8: return 1
        case .s16, .u16: return 2
        case .s32, .u32, .f32, .char, .string, .list, .own, .borrow: return 4
        case .s64, .u64, .f64: return 8
        case .fixedLengthList(let element, _): return element.canonicalAlignment
        case .record(let fields): return fields.reduce(1) { max($0, $1.type.canonicalAlignment) }
        case .tuple(let types): return types.reduce(1) { max($0, $1.canonicalAlignment) }
        case .flags(let labels):
            let n = labels.count
            return n <= 8 ? 1 : n <= 16 ? 2 : 4
        case .variant, .enum, .option, .result:
            guard let layout = VariantLayout(self) else { return 1 }
            return max(layout.discriminantSize, layout.maxCaseAlignment)
        }
    }

    /// Size in linear memory, as an element of a list (`elem_size`).
    public var canonicalSize: Int {
        switch self {
        case .bool, .s8, .u8: return 1
        case .s16, .u16: return 2
        case .s32, .u32, .f32, .char, .own, .borrow: return 4
        case .s64, .u64, .f64, .string, .list: return 8
        case .fixedLengthList(let element, let length): return Int(length) * element.canonicalSize
        case .record(let fields): return Self.recordSize(fields.map(\.type))
        case .tuple(let types): return Self.recordSize(types)
        case .flags(let labels): return CanonicalLayout.flagsSize(count: labels.count)
        case .variant, .enum, .option, .result:
            guard let layout = VariantLayout(self) else { return 0 }
            let payloadSize = layout.payloads.reduce(0) { s, p in p.map { max(s, $0.canonicalSize) } ?? s }
            return CanonicalLayout.align(layout.payloadOffset + payloadSize, to: canonicalAlignment)
        }
    }

    /// Offsets of a record's (or tuple's) fields from its start.
    static func fieldOffsets(_ types: [ComponentValueType]) -> [Int] {
        var offset = 0
        return types.map { t in
            offset = CanonicalLayout.align(offset, to: t.canonicalAlignment)
            defer { offset += t.canonicalSize }
            return offset
        }
    }

    static func recordSize(_ types: [ComponentValueType]) -> Int {
        var size = 0
        var alignment = 1
        for t in types {
            size = CanonicalLayout.align(size, to: t.canonicalAlignment) + t.canonicalSize
            alignment = max(alignment, t.canonicalAlignment)
        }
        return CanonicalLayout.align(size, to: alignment)
    }

    /// The core value types this type flattens to (`flatten_type`).
    public var flattened: [ValueType] {
        switch self {
        case .bool, .s8, .u8, .s16, .u16, .s32, .u32, .char, .own, .borrow: return [.i32]
        case .s64, .u64: return [.i64]
        case .f32: return [.f32]
        case .f64: return [.f64]
        case .string, .list: return [.i32, .i32]
        case .fixedLengthList(let element, let length):
            let one = element.flattened
            return Array([[ValueType]](repeating: one, count: Int(length)).joined())
        case .record(let fields): return fields.flatMap(\.type.flattened)
        case .tuple(let types): return types.flatMap(\.flattened)
        case .flags(let labels):
            return labels.count <= 32 ? [.i32]
                : [ValueType](repeating: .i32, count: CanonicalLayout.flagsWordCount(count: labels.count))
        case .variant, .enum, .option, .result:
            return CanonicalLayout.flattenVariant(VariantLayout(self)?.payloads ?? [])
        }
    }
}

/// The core signature of a lifted or lowered component function (`flatten_functype`).
public struct CanonicalSignature: Hashable, Sendable {
    /// Which side of the boundary the core function is on.
    public enum Context: Hashable, Sendable {
        /// `canon lift`: the core function is the callee (a component export).
        case lift
        /// `canon lower`: the core function is what core code calls (an import).
        case lower
    }

    /// The core function type.
    public let coreType: FunctionType
    /// The parameters go through memory: one `i32` pointer to a tuple of them.
    public let parametersInMemory: Bool
    /// The result goes through memory: returned as an `i32` pointer (`lift`) or written to
    /// the pointer passed as the last parameter (`lower`).
    public let resultsInMemory: Bool

    /// The signature of `type` (synchronous: at most 16 flat parameters and 1 flat result).
    public init(_ type: ComponentFunctionType, context: Context) {
        var parameters = CanonicalLayout.flatten(type.parameters.map(\.type))
        var results = CanonicalLayout.flatten(type.result.map { [$0] } ?? [])
        parametersInMemory = parameters.count > CanonicalLayout.maxFlatParameters
        if parametersInMemory { parameters = [.i32] }
        resultsInMemory = results.count > CanonicalLayout.maxFlatResults
        if resultsInMemory {
            switch context {
            case .lift: results = [.i32]
            case .lower:
                parameters.append(.i32)
                results = []
            }
        }
        coreType = FunctionType(parameters: parameters, results: results)
    }
}
