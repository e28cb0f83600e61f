/// LEB128 and the other primitive encodings of the binary format (`package`: the text oracle
/// in SwasmSpec writes them too).
package enum LEB {
    package static func unsigned(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { byte |= 0x80 }
            out.append(byte)
        } while v != 0
    }

    static func signed(_ value: Int64, _ out: inout [UInt8]) {
        var v = value
        while true {
            let byte = UInt8(v & 0x7F)
            v >>= 7
            let done = (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0)
            out.append(done ? byte : byte | 0x80)
            if done { return }
        }
    }

    static func u32(_ value: Int, _ out: inout [UInt8]) { unsigned(UInt64(value), &out) }

    /// A length-prefixed byte vector (names, data, custom section payloads).
    static func bytes(_ value: [UInt8], _ out: inout [UInt8]) {
        unsigned(UInt64(value.count), &out)
        out += value
    }

    static func littleEndian(_ value: UInt64, bytes count: Int, _ out: inout [UInt8]) {
        for i in 0..<count { out.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
    }
}
