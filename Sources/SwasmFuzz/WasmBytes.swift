/// Just enough of the binary format to mutate modules structurally: LEB128, the section list and
/// the code section's bodies. Everything here is lenient: a module it cannot split is still
/// mutated byte by byte.

let wasmHeader: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

struct Section {
    var id: UInt8
    var payload: [UInt8]
}

/// A module split into its header and sections.
struct SplitModule {
    var header: [UInt8]
    var sections: [Section]
}

/// Reads an unsigned LEB128 of at most `maxBytes` bytes at `pos`; nil if it runs off the end or
/// is longer.
func readULEB(_ bytes: [UInt8], _ pos: inout Int, maxBytes: Int = 10) -> UInt64? {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    var i = pos
    while i < bytes.count, i - pos < maxBytes {
        let b = bytes[i]
        if shift < 64 { result |= UInt64(b & 0x7F) << shift }
        shift += 7
        i += 1
        if b & 0x80 == 0 {
            pos = i
            return result
        }
    }
    return nil
}

/// Unsigned LEB128, padded with continuation bytes to at least `minBytes` bytes.
func encodeULEB(_ value: UInt64, minBytes: Int = 1) -> [UInt8] {
    var out: [UInt8] = []
    var v = value
    repeat {
        var b = UInt8(v & 0x7F)
        v >>= 7
        if v != 0 || out.count + 1 < minBytes { b |= 0x80 }
        out.append(b)
    } while v != 0 || out.count < minBytes
    return out
}

/// Signed LEB128.
func encodeSLEB(_ value: Int64) -> [UInt8] {
    var out: [UInt8] = []
    var v = value
    while true {
        let b = UInt8(v & 0x7F)
        v >>= 7
        if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
            out.append(b)
            return out
        }
        out.append(b | 0x80)
    }
}

/// Splits `bytes` into sections; nil unless the header is 8 bytes and every section fits.
func splitModule(_ bytes: [UInt8]) -> SplitModule? {
    guard bytes.count >= 8 else { return nil }
    var sections: [Section] = []
    var pos = 8
    while pos < bytes.count {
        let id = bytes[pos]
        pos += 1
        guard let size = readULEB(bytes, &pos, maxBytes: 5), size <= UInt64(bytes.count - pos) else { return nil }
        let end = pos + Int(size)
        sections.append(Section(id: id, payload: Array(bytes[pos..<end])))
        pos = end
    }
    return SplitModule(header: Array(bytes[0..<8]), sections: sections)
}

/// How to write one section's size wrongly (see `joinModule`).
enum SizeCorruption {
    case delta(Int)
    case value(UInt64)
    /// The right size in a padded (longer than needed, still well-formed up to 5 bytes) encoding.
    case padded(Int)
}

/// Joins sections back into a module, with the size of section `corrupt` written wrongly if asked.
func joinModule(_ module: SplitModule, corrupt: (index: Int, how: SizeCorruption)? = nil) -> [UInt8] {
    var out = module.header
    out.reserveCapacity(module.sections.reduce(out.count) { $0 + $1.payload.count + 6 })
    for (i, s) in module.sections.enumerated() {
        out.append(s.id)
        let size = UInt64(s.payload.count)
        if let corrupt, corrupt.index == i {
            switch corrupt.how {
            case .delta(let d): out += encodeULEB(UInt64(max(0, Int(size) + d)))
            case .value(let v): out += encodeULEB(v)
            case .padded(let n): out += encodeULEB(size, minBytes: n)
            }
        } else {
            out += encodeULEB(size)
        }
        out += s.payload
    }
    return out
}

/// The code section's function bodies (each without its size prefix); nil if it does not parse.
func splitBodies(_ payload: [UInt8]) -> [[UInt8]]? {
    var pos = 0
    guard let count = readULEB(payload, &pos, maxBytes: 5), count <= UInt64(payload.count) else { return nil }
    var bodies: [[UInt8]] = []
    for _ in 0..<count {
        guard let size = readULEB(payload, &pos, maxBytes: 5), size <= UInt64(payload.count - pos) else { return nil }
        bodies.append(Array(payload[pos..<pos + Int(size)]))
        pos += Int(size)
    }
    return bodies
}

func joinBodies(_ bodies: [[UInt8]]) -> [UInt8] {
    var out = encodeULEB(UInt64(bodies.count))
    for b in bodies {
        out += encodeULEB(UInt64(b.count))
        out += b
    }
    return out
}

/// Where a body's instructions start (after its local declarations), or nil.
func instructionsStart(_ body: [UInt8]) -> Int? {
    var pos = 0
    guard let groups = readULEB(body, &pos, maxBytes: 5), groups < 10_000 else { return nil }
    for _ in 0..<groups {
        guard readULEB(body, &pos, maxBytes: 5) != nil, pos < body.count else { return nil }
        pos += 1
    }
    return pos <= body.count ? pos : nil
}

/// CRC-32 (the zlib polynomial), to fingerprint memories for differential runs: Python's
/// `zlib.crc32` computes the same.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in buffer { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}
