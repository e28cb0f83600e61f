import Swasm

// Strings in linear memory (CanonicalABI.md `load_string_from_range`, `store_string_into_range`
// and the transcoding functions after it). Lowering follows the spec's realloc protocol
// exactly: the first allocation is sized from the source encoding and length, grown to the
// worst case when the guess fails, and shrunk at the end; each result is checked.

extension LiftLowerContext {
    /// Reads the string at `ptr` with `taggedCodeUnits` in this context's encoding.
    func loadString(_ ptr: Int, _ taggedCodeUnits: UInt32) throws -> String {
        let memory = try self.memory()
        var alignment = 2
        let byteLength: Int
        var sourceEncoding = options.stringEncoding
        switch options.stringEncoding {
        case .utf8:
            alignment = 1
            byteLength = Int(taggedCodeUnits)
        case .utf16:
            byteLength = 2 * Int(taggedCodeUnits)
        case .latin1UTF16:
            if taggedCodeUnits & CanonicalLayout.utf16Tag != 0 {
                byteLength = 2 * Int(taggedCodeUnits ^ CanonicalLayout.utf16Tag)
                sourceEncoding = .utf16
            } else {
                byteLength = Int(taggedCodeUnits)
            }
        }
        try checkAlignment(ptr, alignment, .string)
        try checkBounds(ptr, byteLength, .string)
        let string: String
        switch (options.stringEncoding, sourceEncoding) {
        case (.utf8, _): string = try decodeUTF8(memory, ptr, byteLength)
        case (_, .utf16): string = try decodeUTF16(memory, ptr, byteLength)
        default: string = try decodeLatin1(memory, ptr, byteLength)
        }
        liftedStringHints.append(StringHint(encoding: options.stringEncoding, taggedCodeUnits: taggedCodeUnits))
        return string
    }

    private func decodeUTF8(_ memory: Memory, _ ptr: Int, _ count: Int) throws -> String {
        try memory.withUnsafeMutableBytes(at: ptr, count: count) { raw in
            let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count)
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            throw UTF8Error(bytes).trap
        }
    }

    private func decodeUTF16(_ memory: Memory, _ ptr: Int, _ byteCount: Int) throws -> String {
        let bytes = try memory.read(at: ptr, count: byteCount)
        var units: [UInt16] = []
        units.reserveCapacity(byteCount / 2)
        var i = 0
        while i + 1 < bytes.count {
            units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
            i += 2
        }
        if let s = String(validating: units, as: UTF16.self) { return s }
        var surrogate: UInt16 = 0
        var j = 0
        while j < units.count {
            let u = units[j]
            if UTF16.isLeadSurrogate(u), j + 1 < units.count, UTF16.isTrailSurrogate(units[j + 1]) {
                j += 2
                continue
            }
            if UTF16.isLeadSurrogate(u) || UTF16.isTrailSurrogate(u) { surrogate = u; break }
            j += 1
        }
        throw ComponentTrap(.invalidString, "unpaired surrogate found: \(String(surrogate, radix: 16))")
    }

    private func decodeLatin1(_ memory: Memory, _ ptr: Int, _ count: Int) throws -> String {
        let bytes = try memory.read(at: ptr, count: count)
        return String(decoding: bytes.lazy.map { UInt16($0) }, as: UTF16.self)
    }

    /// Writes `string` into memory allocated with realloc, in this context's encoding; returns
    /// the pointer and the tagged number of code units.
    func storeStringIntoRange(_ string: String) throws -> (ptr: Int, taggedCodeUnits: UInt32) {
        let hint = nextStringHint(for: string)
        var simple = hint.encoding
        var units = Int(hint.taggedCodeUnits)
        if hint.encoding == .latin1UTF16 {
            if hint.taggedCodeUnits & CanonicalLayout.utf16Tag != 0 {
                simple = .utf16
                units = Int(hint.taggedCodeUnits ^ CanonicalLayout.utf16Tag)
            } else {
                simple = .latin1UTF16 // Latin-1
            }
        }
        switch (options.stringEncoding, simple) {
        case (.utf8, .utf8): return try storeCopy(Array(string.utf8), units, 1)
        case (.utf8, .utf16): return try storeToUTF8(string, units, worstCaseSize: 3 * units)
        case (.utf8, .latin1UTF16): return try storeToUTF8(string, units, worstCaseSize: 2 * units)
        case (.utf16, .utf8): return try storeUTF8ToUTF16(string, units)
        case (.utf16, _): return try storeCopy(utf16Bytes(string), units, 2)
        case (.latin1UTF16, _) where hint.encoding != .latin1UTF16:
            return try storeToLatin1OrUTF16(string, units)
        case (.latin1UTF16, .latin1UTF16): // Latin-1 into Latin-1
            return try storeCopy(string.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }, units, 2)
        case (.latin1UTF16, _):
            return try storeProbablyUTF16ToLatin1OrUTF16(string, units)
        }
    }

    private func checkLength(_ byteLength: Int) throws {
        if byteLength > CanonicalLayout.maxStringByteLength { throw ComponentTrap.outOfBounds(.string, boundary) }
    }

    /// `store_string_copy`: the destination size is known up front.
    private func storeCopy(_ encoded: [UInt8], _ units: Int, _ alignment: Int) throws -> (ptr: Int, taggedCodeUnits: UInt32) {
        try checkLength(encoded.count)
        let ptr = try allocate(0, 0, alignment, encoded.count, for: .string)
        try memory().write(encoded, at: ptr)
        return (ptr, UInt32(units))
    }

    /// `store_string_to_utf8`: guess one byte per code unit; at the first non-ASCII scalar,
    /// grow to the worst case, finish, and shrink.
    private func storeToUTF8(_ string: String, _ units: Int, worstCaseSize: Int) throws -> (ptr: Int, taggedCodeUnits: UInt32) {
        let memory = try self.memory()
        var ptr = try allocate(0, 0, 1, units, checkAlignment: false, for: .string)
        let encoded = Array(string.utf8)
        let asciiPrefix = encoded.firstIndex(where: { $0 >= 0x80 }) ?? encoded.count
        try memory.write(encoded[0 ..< asciiPrefix], at: ptr)
        guard asciiPrefix < encoded.count else { return (ptr, UInt32(units)) }
        try checkLength(worstCaseSize)
        ptr = try allocate(ptr, units, 1, worstCaseSize, checkAlignment: false, for: .string)
        try memory.write(encoded[asciiPrefix...], at: ptr + asciiPrefix)
        if worstCaseSize > encoded.count {
            ptr = try allocate(ptr, worstCaseSize, 1, encoded.count, checkAlignment: false, for: .string)
        }
        return (ptr, UInt32(encoded.count))
    }

    /// `store_utf8_to_utf16`: allocate the worst case (two bytes per UTF-8 byte), then shrink.
    private func storeUTF8ToUTF16(_ string: String, _ units: Int) throws -> (ptr: Int, taggedCodeUnits: UInt32) {
        let worstCaseSize = 2 * units
        try checkLength(worstCaseSize)
        var ptr = try allocate(0, 0, 2, worstCaseSize, for: .string)
        let encoded = utf16Bytes(string)
        try memory().write(encoded, at: ptr)
        if encoded.count < worstCaseSize {
            ptr = try allocate(ptr, worstCaseSize, 2, encoded.count, for: .string)
        }
        return (ptr, UInt32(encoded.count / 2))
    }

    /// `store_string_to_latin1_or_utf16`: guess Latin-1; at the first scalar past U+00FF,
    /// grow to UTF-16's worst case, inflate what was written in place, finish, and shrink.
    private func storeToLatin1OrUTF16(_ string: String, _ units: Int) throws -> (ptr: Int, taggedCodeUnits: UInt32) {
        let memory = try self.memory()
        var ptr = try allocate(0, 0, 2, units, for: .string)
        var latin1: [UInt8] = []
        for scalar in string.unicodeScalars {
            if scalar.value < 256 {
                latin1.append(UInt8(scalar.value))
                continue
            }
            try memory.write(latin1, at: ptr)
            let worstCaseSize = 2 * units
            try checkLength(worstCaseSize)
            ptr = try allocate(ptr, units, 2, worstCaseSize, for: .string)
            let copied = try memory.read(at: ptr, count: latin1.count)
            var inflated = [UInt8](repeating: 0, count: 2 * copied.count)
            for (j, byte) in copied.enumerated() { inflated[2 * j] = byte }
            try memory.write(inflated, at: ptr)
            let encoded = utf16Bytes(string)
            try memory.write(encoded[(2 * latin1.count)...], at: ptr + 2 * latin1.count)
            if worstCaseSize > encoded.count {
                ptr = try allocate(ptr, worstCaseSize, 2, encoded.count, for: .string)
            }
            return (ptr, UInt32(encoded.count / 2) | CanonicalLayout.utf16Tag)
        }
        try memory.write(latin1, at: ptr)
        if latin1.count < units {
            ptr = try allocate(ptr, units, 2, latin1.count, for: .string)
        }
        return (ptr, UInt32(latin1.count))
    }

    /// `store_probably_utf16_to_latin1_or_utf16`: copy as UTF-16, then deflate to Latin-1 in
    /// place and shrink when every scalar fits.
    private func storeProbablyUTF16ToLatin1OrUTF16(_ string: String, _ units: Int) throws -> (ptr: Int, taggedCodeUnits: UInt32) {
        let memory = try self.memory()
        let sourceByteLength = 2 * units
        try checkLength(sourceByteLength)
        var ptr = try allocate(0, 0, 2, sourceByteLength, for: .string)
        let encoded = utf16Bytes(string)
        try memory.write(encoded, at: ptr)
        if string.unicodeScalars.contains(where: { $0.value >= 256 }) {
            return (ptr, UInt32(encoded.count / 2) | CanonicalLayout.utf16Tag)
        }
        let latin1Size = encoded.count / 2
        try memory.write((0 ..< latin1Size).map { encoded[2 * $0] }, at: ptr)
        ptr = try allocate(ptr, sourceByteLength, 1, latin1Size, checkAlignment: false, for: .string)
        return (ptr, UInt32(latin1Size))
    }

    private func utf16Bytes(_ string: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf16.count * 2)
        for unit in string.utf16 {
            bytes.append(UInt8(truncatingIfNeeded: unit))
            bytes.append(UInt8(truncatingIfNeeded: unit >> 8))
        }
        return bytes
    }
}

/// Where UTF-8 bytes stop being valid, worded as Rust's `Utf8Error` (which wasmtime reports).
struct UTF8Error {
    /// Bytes before the error that form valid UTF-8.
    var validUpTo = 0
    /// Length of the invalid sequence; nil when the input ends in the middle of a sequence.
    var errorLength: Int?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        func continuation(_ k: Int) -> Bool? { k < n ? (bytes[k] & 0xC0 == 0x80) : nil }
        while i < n {
            let b = bytes[i]
            var width = 1
            if b >= 0x80 {
                let range: ClosedRange<UInt8>
                switch b {
                case 0xC2 ... 0xDF: width = 2; range = 0x80 ... 0xBF
                case 0xE0: width = 3; range = 0xA0 ... 0xBF
                case 0xE1 ... 0xEC, 0xEE ... 0xEF: width = 3; range = 0x80 ... 0xBF
                case 0xED: width = 3; range = 0x80 ... 0x9F
                case 0xF0: width = 4; range = 0x90 ... 0xBF
                case 0xF1 ... 0xF3: width = 4; range = 0x80 ... 0xBF
                case 0xF4: width = 4; range = 0x80 ... 0x8F
                default: validUpTo = i; errorLength = 1; return
                }
                guard i + 1 < n else { validUpTo = i; errorLength = nil; return }
                guard range.contains(bytes[i + 1]) else { validUpTo = i; errorLength = 1; return }
                for k in 2 ..< width {
                    guard let ok = continuation(i + k) else { validUpTo = i; errorLength = nil; return }
                    guard ok else { validUpTo = i; errorLength = k; return }
                }
            }
            i += width
        }
        validUpTo = n
    }

    var trap: ComponentTrap {
        guard let errorLength else {
            return ComponentTrap(.invalidString, "incomplete utf-8 byte sequence from index \(validUpTo)")
        }
        return ComponentTrap(.invalidString, "invalid utf-8 sequence of \(errorLength) bytes from index \(validUpTo)")
    }
}
