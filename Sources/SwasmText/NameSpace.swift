/// The identifiers bound in one index space, and how many entries the space has.
struct NameSpace {
    /// "func", "table", ...: the word in "duplicate func" and "unknown func".
    let kind: String
    private(set) var names: [String: UInt32] = [:]
    private(set) var count: UInt32 = 0

    init(_ kind: String) { self.kind = kind }

    /// Adds an entry, binding `id` to its index when given.
    mutating func bind(_ id: Token?, in c: TokenCursor) throws -> UInt32 {
        let index = count
        if let id {
            let name = c.idName(id)
            if names[name] != nil { throw c.error("duplicate \(kind) $\(name)", at: id) }
            names[name] = index
        }
        count += 1
        return index
    }

    /// Binds `id` to an entry added earlier.
    mutating func bind(_ id: Token, at index: UInt32, in c: TokenCursor) throws {
        let name = c.idName(id)
        if names[name] != nil { throw c.error("duplicate \(kind) $\(name)", at: id) }
        names[name] = index
    }

    /// The index `t` (a number or an identifier) refers to.
    func resolve(_ t: Token, in c: TokenCursor) throws -> UInt32 {
        if t.kind == .id {
            guard let index = names[c.idName(t)] else { throw c.error("unknown \(kind) \(c.text(t))", at: t) }
            return index
        }
        guard t.kind == .integer, let (value, _, signed) = NumberSyntax.integer(c.bytes, t.start, t.end), !signed else {
            throw c.unexpected(t)
        }
        guard value <= UInt64(UInt32.max) else { throw c.error("constant out of range", at: t) }
        return UInt32(value)
    }
}
