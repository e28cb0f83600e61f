import Swasm

// Lowering component values into linear memory (CanonicalABI.md "Storing").

extension LiftLowerContext {
    /// A mismatch between a value being lowered and its type (values the host passes are
    /// checked before lowering starts, so this only guards internal mix-ups).
    func mismatch(_ value: ComponentValue, _ type: ComponentValueType) -> ComponentTypeMismatch {
        ComponentTypeMismatch(expected: type.witText, found: value.kindDescription)
    }

    /// Writes `value` of type `type` at `ptr` (aligned and in bounds, as the caller checked).
    func store(_ value: ComponentValue, _ type: ComponentValueType, _ ptr: Int) throws {
        let memory = try self.memory()
        switch (value, type) {
        case (.bool(let v), .bool): try memory.store(UInt8(v ? 1 : 0), at: ptr)
        case (.u8(let v), .u8): try memory.store(v, at: ptr)
        case (.s8(let v), .s8): try memory.store(v, at: ptr)
        case (.u16(let v), .u16): try memory.store(v, at: ptr)
        case (.s16(let v), .s16): try memory.store(v, at: ptr)
        case (.u32(let v), .u32): try memory.store(v, at: ptr)
        case (.s32(let v), .s32): try memory.store(v, at: ptr)
        case (.u64(let v), .u64): try memory.store(v, at: ptr)
        case (.s64(let v), .s64): try memory.store(v, at: ptr)
        case (.f32(let bits), .f32): try memory.store(canonicalized(bits), at: ptr)
        case (.f64(let bits), .f64): try memory.store(canonicalized(bits), at: ptr)
        case (.char(let c), .char): try memory.store(c.value, at: ptr)
        case (.string(let s), .string):
            let (begin, tagged) = try storeStringIntoRange(s)
            try memory.store(UInt32(begin), at: ptr)
            try memory.store(tagged, at: ptr + 4)
        case (.list(let items), .list(let element)):
            let begin = try storeListIntoRange(items, element)
            try memory.store(UInt32(begin), at: ptr)
            try memory.store(UInt32(items.count), at: ptr + 4)
        case (.list(let items), .fixedLengthList(let element, let length)):
            guard items.count == Int(length) else { throw mismatch(value, type) }
            try storeValidList(items, element, ptr)
        case (.record(let values), .record(let fields)):
            guard values.count == fields.count else { throw mismatch(value, type) }
            let offsets = ComponentValueType.fieldOffsets(fields.map(\.type))
            for ((v, field), offset) in zip(zip(values, fields), offsets) {
                try store(v.value, field.type, ptr + offset)
            }
        case (.tuple(let values), .tuple(let types)):
            guard values.count == types.count else { throw mismatch(value, type) }
            for ((v, t), offset) in zip(zip(values, types), ComponentValueType.fieldOffsets(types)) {
                try store(v, t, ptr + offset)
            }
        case (_, .variant), (_, .enum), (_, .option), (_, .result):
            guard let layout = VariantLayout(type), let found = caseOf(value, type) else {
                throw mismatch(value, type)
            }
            let (index, payload) = found
            switch layout.discriminantSize {
            case 1: try memory.store(UInt8(truncatingIfNeeded: index), at: ptr)
            case 2: try memory.store(UInt16(truncatingIfNeeded: index), at: ptr)
            default: try memory.store(UInt32(truncatingIfNeeded: index), at: ptr)
            }
            if let payloadType = layout.payloads[index] {
                guard let payload else { throw mismatch(value, type) }
                try store(payload, payloadType, ptr + layout.payloadOffset)
            }
        case (.flags(let names), .flags(let labels)):
            let words = flagWords(names, labels)
            switch CanonicalLayout.flagsSize(count: labels.count) {
            case 0: break
            case 1: try memory.store(UInt8(truncatingIfNeeded: words[0]), at: ptr)
            case 2: try memory.store(UInt16(truncatingIfNeeded: words[0]), at: ptr)
            default: for (i, word) in words.enumerated() { try memory.store(word, at: ptr + 4 * i) }
            }
        case (.resource(let handle), .own(let resource)):
            try memory.store(try lowerOwn(handle, resource), at: ptr)
        case (.resource(let handle), .borrow(let resource)):
            try memory.store(try lowerBorrow(handle, resource), at: ptr)
        default:
            throw mismatch(value, type)
        }
    }

    /// `store_list_into_range`: allocates with realloc, checks the result, stores the
    /// elements; returns the pointer.
    func storeListIntoRange(_ items: [ComponentValue], _ element: ComponentValueType) throws -> Int {
        let (byteLength, overflow) = items.count.multipliedReportingOverflow(by: element.canonicalSize)
        if overflow || byteLength >= 1 << 32 { throw ComponentTrap.outOfBounds(.list, boundary) }
        let ptr = try allocate(0, 0, element.canonicalAlignment, byteLength, for: .list)
        try storeValidList(items, element, ptr)
        return ptr
    }

    /// `store_list_into_valid_range`; lists of bytes are written in one go.
    func storeValidList(_ items: [ComponentValue], _ element: ComponentValueType, _ ptr: Int) throws {
        if element == .u8 || element == .s8 {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(items.count)
            for item in items {
                switch item {
                case .u8(let b): bytes.append(b)
                case .s8(let b): bytes.append(UInt8(bitPattern: b))
                default: throw mismatch(item, element)
                }
            }
            try memory().write(bytes, at: ptr)
            return
        }
        let size = element.canonicalSize
        for (i, item) in items.enumerated() { try store(item, element, ptr + i * size) }
    }
}

/// The case index and payload of a variant-like value of `type`; nil if the value is not of it.
func caseOf(_ value: ComponentValue, _ type: ComponentValueType) -> (Int, ComponentValue?)? {
    switch (value, type) {
    case (.variant(let name, let payload), .variant(let cases)):
        return cases.firstIndex(where: { $0.name == name }).map { ($0, payload) }
    case (.enum(let name), .enum(let labels)):
        return labels.firstIndex(of: name).map { ($0, nil) }
    case (.option(let payload), .option):
        return payload == nil ? (0, nil) : (1, payload)
    case (.result(let isError, let payload), .result):
        return (isError ? 1 : 0, payload)
    default:
        return nil
    }
}

/// The bit vector of the flags named in `names` (one `UInt32` per 32 labels, at least one).
func flagWords(_ names: [String], _ labels: [String]) -> [UInt32] {
    var words = [UInt32](repeating: 0, count: max(1, CanonicalLayout.flagsWordCount(count: labels.count)))
    for (i, label) in labels.enumerated() where names.contains(label) {
        words[i / 32] |= 1 << UInt32(i % 32)
    }
    return words
}
