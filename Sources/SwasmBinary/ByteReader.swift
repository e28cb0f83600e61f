/// A cursor over a module's bytes that reads the binary format's primitive encodings
/// (bytes, LEB128 integers, floats, names), throwing `ModuleError` (malformed) with the
/// file offset on any violation.
public struct ByteReader {
    /// The whole buffer (reads happen between `position` and `end`).
    public let bytes: [UInt8]
    /// Offset of the next byte to read.
    public var position: Int
    /// One past the last byte this reader may read (the end of the current section or body).
    public var end: Int
    /// Section name used in error messages.
    public var section: String?

    /// A reader of `bytes[position..<end]`; `section` names the section in errors.
    public init(bytes: [UInt8], position: Int = 0, end: Int? = nil, section: String? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = Swift.min(end ?? bytes.count, bytes.count)
        self.section = section
    }

    /// True when nothing is left before `end`.
    @inlinable public var isAtEnd: Bool { position >= end }
    /// Bytes left before `end`.
    @inlinable public var remaining: Int { end - position }

    /// Message for running out of bytes (the reference interpreter's wording; the spec tests
    /// that expect just "unexpected end" match it as a prefix).
    public static let unexpectedEnd = "unexpected end of section or function"

    @inlinable
    /// A malformed-module error at `offset` (default: the current position), in this reader's section.
    public func error(_ message: String, at offset: Int? = nil) -> ModuleError {
        .malformed(message, at: offset ?? position, section: section)
    }

    @inlinable
    /// Reads one byte; "unexpected end" when none is left.
    public mutating func readByte() throws -> UInt8 {
        guard position < end else { throw error(ByteReader.unexpectedEnd) }
        let b = bytes[position]
        position += 1
        return b
    }

    @inlinable
    /// The next byte, without consuming it.
    public func peekByte() throws -> UInt8 {
        guard position < end else { throw error(ByteReader.unexpectedEnd) }
        return bytes[position]
    }

    /// Reads `count` bytes.
    public mutating func readBytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= remaining else { throw error(ByteReader.unexpectedEnd) }
        let slice = Array(bytes[position..<(position + count)])
        position += count
        return slice
    }

    /// Skips `count` bytes.
    public mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= remaining else { throw error(ByteReader.unexpectedEnd) }
        position += count
    }

    /// Unsigned LEB128 of at most 32 bits.
    @inlinable
    public mutating func readU32() throws -> UInt32 {
        // Fast paths: one or two bytes.
        if position < end {
            let b0 = bytes[position]
            if b0 < 0x80 {
                position += 1
                return UInt32(b0)
            }
            if position + 1 < end {
                let b1 = bytes[position + 1]
                if b1 < 0x80 {
                    position += 2
                    return UInt32(b0 & 0x7F) | UInt32(b1) << 7
                }
            }
        }
        return UInt32(truncatingIfNeeded: try readUnsignedSlow(bits: 32))
    }

    /// Unsigned LEB128 of at most 64 bits.
    @inlinable
    public mutating func readU64() throws -> UInt64 {
        try readUnsignedSlow(bits: 64)
    }

    /// LEB128 decoding of an unsigned integer of `bits` bits, byte by byte (the fast path's fallback).
    public mutating func readUnsignedSlow(bits: Int) throws -> UInt64 {
        let start = position
        let maxBytes = (bits + 6) / 7
        var result: UInt64 = 0
        var shift: UInt64 = 0
        for i in 0..<maxBytes {
            let b = try readByte()
            if i == maxBytes - 1 {
                // Last possible byte: no continuation, and the bits beyond `bits` must be zero.
                if b & 0x80 != 0 { throw error("integer representation too long", at: start) }
                let usedBits = bits - 7 * (maxBytes - 1)
                if UInt64(b) >> UInt64(usedBits) != 0 { throw error("integer too large", at: start) }
            }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
        throw error("integer representation too long", at: start)
    }

    /// Signed LEB128 of at most `bits` bits (32, 33 or 64), sign-extended to 64 bits.
    public mutating func readSigned(bits: Int) throws -> Int64 {
        let start = position
        let maxBytes = (bits + 6) / 7
        var result: Int64 = 0
        var shift: Int64 = 0
        for i in 0..<maxBytes {
            let b = try readByte()
            if i == maxBytes - 1 {
                if b & 0x80 != 0 { throw error("integer representation too long", at: start) }
                // The unused high bits of the last byte must all equal its sign bit.
                let usedBits = bits - 7 * (maxBytes - 1)
                let signAndUnused = Int8(bitPattern: b << 1) >> Int8(usedBits)  // bits [usedBits-1 ... 6]
                if signAndUnused != 0 && signAndUnused != -1 { throw error("integer too large", at: start) }
            }
            result |= Int64(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 {
                if shift < 64 && b & 0x40 != 0 { result |= -1 << shift }
                return result
            }
        }
        throw error("integer representation too long", at: start)
    }

    @inlinable
    /// Reads a signed 32-bit LEB128 integer.
    public mutating func readS32() throws -> Int32 {
        if position < end {
            let b = bytes[position]
            if b < 0x80 {
                position += 1
                return Int32(Int8(bitPattern: b << 1) >> 1)
            }
        }
        return Int32(truncatingIfNeeded: try readSigned(bits: 32))
    }

    @inlinable
    /// Reads a signed 64-bit LEB128 integer.
    public mutating func readS64() throws -> Int64 {
        try readSigned(bits: 64)
    }

    /// Reads an f32 as its little-endian bit pattern.
    public mutating func readF32Bits() throws -> UInt32 {
        guard remaining >= 4 else { position = end; throw error(ByteReader.unexpectedEnd) }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
        position += 4
        return v
    }

    /// Reads an f64 as its little-endian bit pattern.
    public mutating func readF64Bits() throws -> UInt64 {
        guard remaining >= 8 else { position = end; throw error(ByteReader.unexpectedEnd) }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return v
    }

    /// Reads 16 bytes as a v128.
    public mutating func readV128() throws -> V128 {
        let lo = try readF64Bits()
        let hi = try readF64Bits()
        return V128(low: lo, high: hi)
    }

    /// A u32 length or vector count. As in the reference interpreter, a value larger than what
    /// is left of the whole module (counting from the length's first byte) is
    /// "length out of bounds"; a smaller one may still run past the end of the current
    /// section or body, which the caller's reads then report. Either way a count can never
    /// exceed the module size, so it is safe to loop over (and to reserve, capped by `remaining`).
    @inlinable
    public mutating func readLength() throws -> Int {
        let start = position
        let n = Int(try readU32())
        guard n <= bytes.count - start else { throw error("length out of bounds", at: start) }
        return n
    }

    /// A length-prefixed UTF-8 name.
    public mutating func readName() throws -> String {
        let length = try readLength()
        guard length <= remaining else { throw error(ByteReader.unexpectedEnd) }
        let start = position
        let slice = bytes[start..<(start + length)]
        guard Self.isValidUTF8(slice) else { throw error("malformed UTF-8 encoding", at: start) }
        position += length
        return slice.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF).
    public static func isValidUTF8(_ s: ArraySlice<UInt8>) -> Bool {
        var i = s.startIndex
        let e = s.endIndex
        while i < e {
            let b0 = s[i]
            if b0 < 0x80 { i += 1; continue }
            var need = 0
            var minValue: UInt32 = 0
            var value: UInt32 = 0
            switch b0 {
            case 0xC2...0xDF: need = 1; value = UInt32(b0 & 0x1F); minValue = 0x80
            case 0xE0...0xEF: need = 2; value = UInt32(b0 & 0x0F); minValue = 0x800
            case 0xF0...0xF4: need = 3; value = UInt32(b0 & 0x07); minValue = 0x10000
            default: return false
            }
            guard e - i > need else { return false }
            for k in 1...need {
                let c = s[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minValue || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return false }
            i += need + 1
        }
        return true
    }

    /// Reads a value type, accepting only the types `features` allow.
    public mutating func readValueType(_ features: Features) throws -> ValueType {
        let at = position
        let b = try readByte()
        switch b {
        case 0x7F: return .i32
        case 0x7E: return .i64
        case 0x7D: return .f32
        case 0x7C: return .f64
        case 0x7B:
            guard features.contains(.simd) else { throw error("malformed value type", at: at) }
            return .v128
        default:
            guard features.contains(.referenceTypes) else {
                if b & 0x80 != 0 { throw error("integer representation too long", at: at) }
                throw error("malformed value type", at: at)
            }
            position = at
            return .ref(try readReferenceType(features, malformed: "malformed value type"))
        }
    }

    /// Reads a reference type: a shorthand (`funcref`, ...) or `0x63`/`0x64` and a heap type.
    public mutating func readReferenceType(_ features: Features, malformed: String = "malformed reference type") throws -> ReferenceType {
        let at = position
        let b = try readByte()
        if b == 0x63 || b == 0x64 {
            guard features.contains(.functionReferences) else { throw error(malformed, at: at) }
            return ReferenceType(try readHeapType(features), nullable: b == 0x63)
        }
        guard let heap = HeapType(code: b), allows(heap, features) else {
            // Types are one-byte signed LEB128 (s7): a continuation bit makes the encoding too
            // long, as the reference interpreter reports it.
            if b & 0x80 != 0 { throw error("integer representation too long", at: at) }
            throw error(malformed, at: at)
        }
        return ReferenceType(heap, nullable: true)
    }

    /// Reads a heap type: an abstract type's code or a type index (as s33).
    public mutating func readHeapType(_ features: Features) throws -> HeapType {
        let at = position
        let b = try peekByte()
        if b & 0xC0 == 0x40 {
            // A one-byte negative s33: an abstract heap type.
            position += 1
            guard let heap = HeapType(code: b), allows(heap, features) else { throw error("malformed reference type", at: at) }
            return heap
        }
        let index = try readSigned(bits: 33)
        guard index >= 0 else { throw error("malformed reference type", at: at) }
        guard features.contains(.functionReferences) else { throw error("malformed reference type", at: at) }
        return .concrete(UInt32(index))
    }

    /// Whether a block type starting with byte `b` is a value type (rather than a type index).
    public func startsValueType(_ b: UInt8, _ features: Features) -> Bool {
        switch b {
        case 0x7B...0x7F, 0x70, 0x6F, 0x69: return true
        case 0x63, 0x64: return features.contains(.functionReferences)
        default: return features.contains(.gc) && HeapType(code: b) != nil
        }
    }

    private func allows(_ heap: HeapType, _ features: Features) -> Bool {
        switch heap {
        case .func: return true
        case .extern: return features.contains(.referenceTypes)
        case .exn: return features.contains(.exceptions)
        case .noExn: return features.contains(.exceptions) && features.contains(.gc)
        case .noFunc, .noExtern: return features.contains(.gc)
        case .concrete: return features.contains(.functionReferences)
        default: return features.contains(.gc)
        }
    }
}
