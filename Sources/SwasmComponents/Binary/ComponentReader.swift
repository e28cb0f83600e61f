import SwasmBinary

/// A cursor over a component's bytes: the primitive encodings of the binary format, with
/// wasmparser's error words ("unexpected end-of-file", "invalid leading byte (0x..) for ...").
struct ComponentReader {
    let bytes: [UInt8]
    var position: Int
    /// One past the last byte this reader may read.
    var end: Int
    /// How many component and instance types enclose the one being read (decoding recurses).
    var typeDepth = 0

    init(bytes: [UInt8], position: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = Swift.min(end ?? bytes.count, bytes.count)
    }

    var isAtEnd: Bool { position >= end }
    var remaining: Int { end - position }

    func eof() -> ComponentError { .malformed("unexpected end-of-file", at: position) }

    mutating func readByte() throws -> UInt8 {
        guard position < end else { throw eof() }
        let b = bytes[position]
        position += 1
        return b
    }

    func peekByte() throws -> UInt8 {
        guard position < end else { throw eof() }
        return bytes[position]
    }

    func invalidLeadingByte(_ byte: UInt8, _ what: String, at offset: Int? = nil) -> ComponentError {
        .malformed("invalid leading byte (0x\(String(byte, radix: 16))) for \(what)", at: offset ?? position - 1)
    }

    mutating func readU32() throws -> UInt32 {
        let start = position
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let b = try readByte()
            if shift == 28 && b >> 4 != 0 {
                if b & 0x80 != 0 { throw ComponentError.malformed("invalid var_u32: integer representation too long", at: start) }
                throw ComponentError.malformed("invalid var_u32: integer too large", at: start)
            }
            result |= UInt32(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A signed 33-bit LEB128 (a value type's index form).
    mutating func readS33() throws -> Int64 {
        let start = position
        var result: Int64 = 0
        var shift: Int64 = 0
        for i in 0..<5 {
            let b = try readByte()
            if i == 4 {
                if b & 0x80 != 0 { throw ComponentError.malformed("invalid var_s33: integer representation too long", at: start) }
                let signAndUnused = Int8(bitPattern: b << 1) >> 5
                if signAndUnused != 0 && signAndUnused != -1 {
                    throw ComponentError.malformed("invalid var_s33: integer too large", at: start)
                }
            }
            result |= Int64(b & 0x7F) << shift
            shift += 7
            if b & 0x80 == 0 {
                if shift < 64 && b & 0x40 != 0 { result |= -1 << shift }
                return result
            }
        }
        throw ComponentError.malformed("invalid var_s33: integer representation too long", at: start)
    }

    /// A vector count: it cannot exceed the bytes left (each item takes at least one byte).
    mutating func readCount() throws -> Int {
        let n = Int(try readU32())
        guard n <= remaining else { throw eof() }
        return n
    }

    mutating func readString() throws -> String {
        let length = Int(try readU32())
        guard length <= remaining else { throw eof() }
        let slice = bytes[position..<(position + length)]
        guard ByteReader.isValidUTF8(slice) else {
            throw ComponentError.malformed("malformed UTF-8 encoding", at: position)
        }
        position += length
        return String(decoding: slice, as: UTF8.self)
    }

    mutating func readBool() throws -> Bool {
        let b = try readByte()
        switch b {
        case 0: return false
        case 1: return true
        default: throw ComponentError.malformed("invalid boolean value: 0x\(String(b, radix: 16))", at: position - 1)
        }
    }

    /// A byte that must be zero.
    mutating func readZero() throws {
        let b = try readByte()
        if b != 0 { throw invalidLeadingByte(b, "zero byte required") }
    }
}
