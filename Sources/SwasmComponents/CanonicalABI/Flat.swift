import Swasm

// Lifting and lowering component values as core values (CanonicalABI.md "Flat Lifting",
// "Flat Lowering", "Lifting and Lowering Values").

/// Core values read one at a time in flattening order (`CoreValueIter`).
final class FlatReader {
    private let values: [Value]
    private var index = 0

    init(_ values: [Value]) { self.values = values }

    func next(_ type: ValueType) throws -> Value {
        guard index < values.count, values[index].type == type else {
            throw UsageError("core value \(index) of \(values) is not the \(type) the flattening expects")
        }
        defer { index += 1 }
        return values[index]
    }

    func nextI32() throws -> UInt32 {
        guard case .i32(let v) = try next(.i32) else { return 0 }
        return v
    }

    func nextI64() throws -> UInt64 {
        guard case .i64(let v) = try next(.i64) else { return 0 }
        return v
    }
}

/// The zero of a core type (what lowering pads a short variant payload with).
func zero(_ type: ValueType) -> Value {
    switch type {
    case .i64: return .i64(0)
    case .f32: return .f32(0)
    case .f64: return .f64(0)
    default: return .i32(0)
    }
}

extension LiftLowerContext {
    /// `lift_flat`: one value of `type` from the next core values.
    func liftFlat(_ reader: FlatReader, _ type: ComponentValueType) throws -> ComponentValue {
        switch type {
        case .bool: return .bool(try reader.nextI32() != 0)
        case .u8: return .u8(UInt8(truncatingIfNeeded: try reader.nextI32()))
        case .s8: return .s8(Int8(truncatingIfNeeded: try reader.nextI32()))
        case .u16: return .u16(UInt16(truncatingIfNeeded: try reader.nextI32()))
        case .s16: return .s16(Int16(truncatingIfNeeded: try reader.nextI32()))
        case .u32: return .u32(try reader.nextI32())
        case .s32: return .s32(Int32(bitPattern: try reader.nextI32()))
        case .u64: return .u64(try reader.nextI64())
        case .s64: return .s64(Int64(bitPattern: try reader.nextI64()))
        case .f32:
            guard case .f32(let bits) = try reader.next(.f32) else { return .f32(bitPattern: 0) }
            return .f32(bitPattern: canonicalized(bits))
        case .f64:
            guard case .f64(let bits) = try reader.next(.f64) else { return .f64(bitPattern: 0) }
            return .f64(bitPattern: canonicalized(bits))
        case .char: return try char(reader.nextI32())
        case .string:
            let ptr = try reader.nextI32()
            return .string(try loadString(Int(ptr), try reader.nextI32()))
        case .list(let element):
            let ptr = try reader.nextI32()
            return .list(try loadList(Int(ptr), Int(try reader.nextI32()), element))
        case .fixedLengthList(let element, let length):
            return .list(try (0 ..< Int(length)).map { _ in try liftFlat(reader, element) })
        case .record(let fields):
            return .record(try fields.map { ($0.name, try liftFlat(reader, $0.type)) })
        case .tuple(let types):
            return .tuple(try types.map { try liftFlat(reader, $0) })
        case .variant, .enum, .option, .result:
            guard let layout = VariantLayout(type) else { throw UsageError("\(type.witText) is not a variant") }
            let joined = CanonicalLayout.flattenVariant(layout.payloads).dropFirst()
            let discriminant = try reader.nextI32()
            guard Int(discriminant) < layout.payloads.count else {
                throw ComponentTrap.invalidDiscriminant(discriminant, of: type, cases: layout.payloads.count, boundary)
            }
            let slots = try joined.map { try reader.next($0) }
            guard let payloadType = layout.payloads[Int(discriminant)] else {
                return variantValue(type, Int(discriminant), nil)
            }
            let coerced = zip(slots, payloadType.flattened).map { Self.coerce($0, to: $1) }
            return variantValue(type, Int(discriminant), try liftFlat(FlatReader(coerced), payloadType))
        case .flags(let labels):
            let count = labels.count <= 32 ? 1 : CanonicalLayout.flagsWordCount(count: labels.count)
            return flagsValue(labels, try (0 ..< count).map { _ in try reader.nextI32() })
        case .own(let resource): return try liftOwn(try reader.nextI32(), resource)
        case .borrow(let resource): return try liftBorrow(try reader.nextI32(), resource)
        }
    }

    /// A joined variant slot read as the case's own core type (`CoerceValueIter`): the low 32
    /// bits of an `i64` for 32-bit types, float bits reinterpreted.
    static func coerce(_ value: Value, to want: ValueType) -> Value {
        switch (value, want) {
        case (.i32(let v), .f32): return .f32(v)
        case (.i64(let v), .i32): return .i32(UInt32(truncatingIfNeeded: v))
        case (.i64(let v), .f32): return .f32(UInt32(truncatingIfNeeded: v))
        case (.i64(let v), .f64): return .f64(v)
        default: return value
        }
    }

    /// `lower_flat`: the core values of `value` of type `type`.
    func lowerFlat(_ value: ComponentValue, _ type: ComponentValueType) throws -> [Value] {
        switch (value, type) {
        case (.bool(let v), .bool): return [.i32(v ? 1 : 0)]
        case (.u8(let v), .u8): return [.i32(UInt32(v))]
        case (.s8(let v), .s8): return [.i32(UInt32(bitPattern: Int32(v)))]
        case (.u16(let v), .u16): return [.i32(UInt32(v))]
        case (.s16(let v), .s16): return [.i32(UInt32(bitPattern: Int32(v)))]
        case (.u32(let v), .u32): return [.i32(v)]
        case (.s32(let v), .s32): return [.i32(UInt32(bitPattern: v))]
        case (.u64(let v), .u64): return [.i64(v)]
        case (.s64(let v), .s64): return [.i64(UInt64(bitPattern: v))]
        case (.f32(let bits), .f32): return [.f32(canonicalized(bits))]
        case (.f64(let bits), .f64): return [.f64(canonicalized(bits))]
        case (.char(let c), .char): return [.i32(c.value)]
        case (.string(let s), .string):
            let (ptr, tagged) = try storeStringIntoRange(s)
            return [.i32(UInt32(ptr)), .i32(tagged)]
        case (.list(let items), .list(let element)):
            let ptr = try storeListIntoRange(items, element)
            return [.i32(UInt32(ptr)), .i32(UInt32(items.count))]
        case (.list(let items), .fixedLengthList(let element, let length)):
            guard items.count == Int(length) else { throw mismatch(value, type) }
            return try items.flatMap { try lowerFlat($0, element) }
        case (.record(let values), .record(let fields)):
            guard values.count == fields.count else { throw mismatch(value, type) }
            return try zip(values, fields).flatMap { try lowerFlat($0.value, $1.type) }
        case (.tuple(let values), .tuple(let types)):
            guard values.count == types.count else { throw mismatch(value, type) }
            return try zip(values, types).flatMap { try lowerFlat($0, $1) }
        case (_, .variant), (_, .enum), (_, .option), (_, .result):
            guard let layout = VariantLayout(type), let found = caseOf(value, type) else { throw mismatch(value, type) }
            let (index, payload) = found
            let joined = Array(CanonicalLayout.flattenVariant(layout.payloads).dropFirst())
            var flat: [Value] = [.i32(UInt32(index))]
            if let payloadType = layout.payloads[index] {
                guard let payload else { throw mismatch(value, type) }
                let lowered = try lowerFlat(payload, payloadType)
                for (v, want) in zip(lowered, joined) { flat.append(Self.widen(v, to: want)) }
            }
            for want in joined.dropFirst(flat.count - 1) { flat.append(zero(want)) }
            return flat
        case (.flags(let names), .flags(let labels)):
            let words = flagWords(names, labels)
            return (labels.count <= 32 ? Array(words.prefix(1)) : words).map { .i32($0) }
        case (.resource(let handle), .own(let resource)): return [.i32(try lowerOwn(handle, resource))]
        case (.resource(let handle), .borrow(let resource)): return [.i32(try lowerBorrow(handle, resource))]
        default:
            throw mismatch(value, type)
        }
    }

    /// A case's core value put in its joined variant slot: floats as their bits, `i32`s
    /// zero-extended.
    static func widen(_ value: Value, to want: ValueType) -> Value {
        switch (value, want) {
        case (.f32(let bits), .i32): return .i32(bits)
        case (.i32(let v), .i64): return .i64(UInt64(v))
        case (.f32(let bits), .i64): return .i64(UInt64(bits))
        case (.f64(let bits), .i64): return .i64(bits)
        default: return value
        }
    }

    /// `lift_flat_values`: values of `types` from core values; through memory when they
    /// flatten to more than `maxFlat` core values. Returns them with their strings' hints.
    func liftFlatValues(_ maxFlat: Int, _ reader: FlatReader, _ types: [ComponentValueType]) throws -> LiftedValues {
        liftedStringHints = []
        var values: [ComponentValue]
        if CanonicalLayout.flatten(types).count > maxFlat {
            let ptr = Int(try reader.nextI32())
            let tuple = ComponentValueType.tuple(types)
            try checkAlignment(ptr, tuple.canonicalAlignment, .returnArea)
            try checkBounds(ptr, tuple.canonicalSize, .returnArea)
            guard case .tuple(let items) = try load(ptr, tuple) else { return LiftedValues(values: []) }
            values = items
        } else {
            values = try types.map { try liftFlat(reader, $0) }
        }
        return LiftedValues(values: values, stringHints: liftedStringHints)
    }

    /// `lower_flat_values`: core values of `lifted` of `types`; through memory when they
    /// flatten to more than `maxFlat` core values: into space from realloc, or at the pointer
    /// `outParameter` reads. The instance may not call out meanwhile.
    func lowerFlatValues(_ maxFlat: Int, _ lifted: LiftedValues, _ types: [ComponentValueType],
                         outParameter: FlatReader? = nil) throws -> [Value] {
        guard lifted.values.count == types.count else {
            throw UsageError("\(lifted.values.count) values for \(types.count) types")
        }
        instance.mayLeave = false
        defer { instance.mayLeave = true }
        pendingStringHints = lifted.stringHints[...]
        if CanonicalLayout.flatten(types).count > maxFlat {
            let tuple = ComponentValueType.tuple(types)
            let ptr: Int
            var flat: [Value] = []
            if let outParameter {
                ptr = Int(try outParameter.nextI32())
                try checkAlignment(ptr, tuple.canonicalAlignment, .returnArea)
                try checkBounds(ptr, tuple.canonicalSize, .returnArea)
            } else {
                ptr = try allocate(0, 0, tuple.canonicalAlignment, tuple.canonicalSize, for: .returnArea)
                flat = [.i32(UInt32(ptr))]
            }
            try store(.tuple(lifted.values), tuple, ptr)
            return flat
        }
        return try zip(lifted.values, types).flatMap { try lowerFlat($0, $1) }
    }
}
