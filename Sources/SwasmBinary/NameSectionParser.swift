/// Parses the `name` custom section leniently: the section is only debugging information, so
/// whatever is malformed in it is ignored (never an error for the module).
///
/// Subsections are an id byte, a u32 size and their content, with ids in increasing order.
/// The module name (id 0) and function names (id 1, a name map of increasing function indices)
/// are kept; other subsections are skipped. A subsection whose content does not parse exactly is
/// dropped; a broken subsection header or an out-of-order id ends parsing (what was parsed before
/// it is kept).
enum NameSectionParser {
    static func parse(_ bytes: [UInt8], _ payload: Range<Int>) -> NameSection {
        var names = NameSection()
        var reader = ByteReader(bytes: bytes, position: payload.lowerBound, end: payload.upperBound,
                                section: "name")
        var lastID = -1
        while !reader.isAtEnd {
            guard let id = try? reader.readByte(),
                  let size = try? reader.readU32(),
                  Int(size) <= reader.remaining,
                  Int(id) > lastID else { break }
            lastID = Int(id)
            let end = reader.position + Int(size)
            var sub = ByteReader(bytes: bytes, position: reader.position, end: end, section: "name")
            reader.position = end
            switch id {
            case 0:
                if let name = try? sub.readName(), sub.isAtEnd {
                    names.moduleName = name
                }
            case 1:
                if let map = try? readNameMap(&sub), sub.isAtEnd {
                    names.functionNames = map
                }
            default:
                break
            }
        }
        return names
    }

    /// A vector of (index, name) pairs with strictly increasing indices.
    private static func readNameMap(_ r: inout ByteReader) throws -> [UInt32: String] {
        let count = try r.readLength()
        var map: [UInt32: String] = [:]
        map.reserveCapacity(Swift.min(count, r.remaining / 2))
        var previous: UInt32?
        for _ in 0..<count {
            let index = try r.readU32()
            if let previous, index <= previous { throw r.error("out-of-order name map") }
            previous = index
            map[index] = try r.readName()
        }
        return map
    }
}
