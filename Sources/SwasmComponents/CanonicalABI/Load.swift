import Swasm

// Lifting component values out of linear memory (CanonicalABI.md "Loading").

/// Floats are lifted with NaN canonicalized: one NaN per float type.
let canonicalNaN32: UInt32 = 0x7fc0_0000
let canonicalNaN64: UInt64 = 0x7ff8_0000_0000_0000

func canonicalized(_ bits: UInt32) -> UInt32 { Float(bitPattern: bits).isNaN ? canonicalNaN32 : bits }
func canonicalized(_ bits: UInt64) -> UInt64 { Double(bitPattern: bits).isNaN ? canonicalNaN64 : bits }

extension LiftLowerContext {
    /// The `char` an `i32` holds; traps for surrogates and values past U+10FFFF.
    func char(_ value: UInt32) throws -> ComponentValue {
        guard let scalar = Unicode.Scalar(value) else { throw ComponentTrap.invalidChar(value, boundary) }
        return .char(scalar)
    }

    /// Reads a value of type `type` at `ptr` (aligned and in bounds, as the caller checked).
    func load(_ ptr: Int, _ type: ComponentValueType) throws -> ComponentValue {
        let memory = try self.memory()
        switch type {
        case .bool: return .bool(try memory.load(UInt8.self, at: ptr) != 0)
        case .u8: return .u8(try memory.load(UInt8.self, at: ptr))
        case .s8: return .s8(try memory.load(Int8.self, at: ptr))
        case .u16: return .u16(try memory.load(UInt16.self, at: ptr))
        case .s16: return .s16(try memory.load(Int16.self, at: ptr))
        case .u32: return .u32(try memory.load(UInt32.self, at: ptr))
        case .s32: return .s32(try memory.load(Int32.self, at: ptr))
        case .u64: return .u64(try memory.load(UInt64.self, at: ptr))
        case .s64: return .s64(try memory.load(Int64.self, at: ptr))
        case .f32: return .f32(bitPattern: canonicalized(try memory.load(UInt32.self, at: ptr)))
        case .f64: return .f64(bitPattern: canonicalized(try memory.load(UInt64.self, at: ptr)))
        case .char: return try char(memory.load(UInt32.self, at: ptr))
        case .string:
            let begin = try memory.load(UInt32.self, at: ptr)
            let tagged = try memory.load(UInt32.self, at: ptr + 4)
            return .string(try loadString(Int(begin), tagged))
        case .list(let element):
            let begin = try memory.load(UInt32.self, at: ptr)
            let length = try memory.load(UInt32.self, at: ptr + 4)
            return .list(try loadList(Int(begin), Int(length), element))
        case .fixedLengthList(let element, let length):
            return .list(try loadValidList(ptr, Int(length), element))
        case .record(let fields):
            let offsets = ComponentValueType.fieldOffsets(fields.map(\.type))
            var values: [(name: String, value: ComponentValue)] = []
            values.reserveCapacity(fields.count)
            for (field, offset) in zip(fields, offsets) {
                values.append((field.name, try load(ptr + offset, field.type)))
            }
            return .record(values)
        case .tuple(let types):
            let offsets = ComponentValueType.fieldOffsets(types)
            return .tuple(try zip(types, offsets).map { try load(ptr + $1, $0) })
        case .variant, .enum, .option, .result:
            guard let layout = VariantLayout(type) else { throw UsageError("\(type.witText) is not a variant") }
            let discriminant: UInt32
            switch layout.discriminantSize {
            case 1: discriminant = UInt32(try memory.load(UInt8.self, at: ptr))
            case 2: discriminant = UInt32(try memory.load(UInt16.self, at: ptr))
            default: discriminant = try memory.load(UInt32.self, at: ptr)
            }
            guard Int(discriminant) < layout.payloads.count else {
                throw ComponentTrap.invalidDiscriminant(discriminant, of: type, cases: layout.payloads.count, boundary)
            }
            let payload = try layout.payloads[Int(discriminant)].map { try load(ptr + layout.payloadOffset, $0) }
            return variantValue(type, Int(discriminant), payload)
        case .flags(let labels):
            var words: [UInt32] = []
            switch CanonicalLayout.flagsSize(count: labels.count) {
            case 0: break
            case 1: words = [UInt32(try memory.load(UInt8.self, at: ptr))]
            case 2: words = [UInt32(try memory.load(UInt16.self, at: ptr))]
            case let size: words = try (0 ..< size / 4).map { try memory.load(UInt32.self, at: ptr + 4 * $0) }
            }
            return flagsValue(labels, words)
        case .own(let resource): return try liftOwn(try memory.load(UInt32.self, at: ptr), resource)
        case .borrow(let resource): return try liftBorrow(try memory.load(UInt32.self, at: ptr), resource)
        }
    }

    /// `load_list_from_range`: checks alignment and bounds, then reads `length` elements.
    func loadList(_ ptr: Int, _ length: Int, _ element: ComponentValueType) throws -> [ComponentValue] {
        try checkAlignment(ptr, element.canonicalAlignment, .list)
        let (byteLength, overflow) = length.multipliedReportingOverflow(by: element.canonicalSize)
        if overflow { throw ComponentTrap.outOfBounds(.list, boundary) }
        try checkBounds(ptr, byteLength, .list)
        return try loadValidList(ptr, length, element)
    }

    /// `load_list_from_valid_range`; lists of numbers are read in one go.
    func loadValidList(_ ptr: Int, _ length: Int, _ element: ComponentValueType) throws -> [ComponentValue] {
        let size = element.canonicalSize
        let memory = try self.memory()
        switch element {
        case .u8: return try memory.read(at: ptr, count: length).map { .u8($0) }
        case .s8: return try memory.read(at: ptr, count: length).map { .s8(Int8(bitPattern: $0)) }
        case .bool: return try memory.read(at: ptr, count: length).map { .bool($0 != 0) }
        case .u16, .s16, .u32, .s32, .u64, .s64, .f32, .f64:
            return try memory.withUnsafeMutableBytes(at: ptr, count: length * size) { raw in
                (0 ..< length).map { i in
                    let at = i * size
                    switch element {
                    case .u16: return .u16(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt16.self)))
                    case .s16: return .s16(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int16.self)))
                    case .u32: return .u32(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                    case .s32: return .s32(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self)))
                    case .u64: return .u64(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                    case .s64: return .s64(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self)))
                    case .f32:
                        let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
                        return .f32(bitPattern: canonicalized(bits))
                    default:
                        let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                        return .f64(bitPattern: canonicalized(bits))
                    }
                }
            }
        default:
            var values: [ComponentValue] = []
            values.reserveCapacity(length)
            for i in 0 ..< length { values.append(try load(ptr + i * size, element)) }
            return values
        }
    }
}

/// The value of a variant-like type for case `index` with `payload`.
func variantValue(_ type: ComponentValueType, _ index: Int, _ payload: ComponentValue?) -> ComponentValue {
    switch type {
    case .variant(let cases): return .variant(caseName: cases[index].name, payload: payload)
    case .enum(let labels): return .enum(labels[index])
    case .option: return .option(index == 0 ? nil : payload)
    default: return .result(isError: index == 1, payload: payload)
    }
}

/// The names of the flags set in `words` (bit 0 of word 0 is the first label); bits past the
/// labels are ignored.
func flagsValue(_ labels: [String], _ words: [UInt32]) -> ComponentValue {
    var names: [String] = []
    for (i, label) in labels.enumerated() where i / 32 < words.count && words[i / 32] >> UInt32(i % 32) & 1 == 1 {
        names.append(label)
    }
    return .flags(names)
}
