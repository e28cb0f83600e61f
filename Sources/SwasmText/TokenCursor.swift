/// A position in a token list, with the lookahead and error helpers every parser needs.
struct TokenCursor {
    let source: SourceText
    let tokens: [Token]
    let annotations: [Annotation]
    /// For each `(`, the index of its `)` (or of the end token when unbalanced).
    let partner: [Int]
    var index = 0

    init(source: SourceText, tokens: [Token], annotations: [Annotation]) {
        self.source = source
        self.tokens = tokens
        self.annotations = annotations
        var partner = [Int](repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for (i, t) in tokens.enumerated() {
            if t.kind == .leftParen {
                stack.append(i)
            } else if t.kind == .rightParen, let open = stack.popLast() {
                partner[open] = i
            }
        }
        for open in stack { partner[open] = tokens.count - 1 }
        self.partner = partner
    }

    static func lex(_ bytes: [UInt8]) throws -> TokenCursor {
        let source = SourceText(bytes: bytes)
        let (tokens, annotations) = try Lexer.tokenize(source)
        return TokenCursor(source: source, tokens: tokens, annotations: annotations)
    }

    var bytes: [UInt8] { source.bytes }
    var current: Token { tokens[index] }
    var kind: Token.Kind { tokens[index].kind }

    func token(at offset: Int) -> Token {
        let i = index + offset
        return i < tokens.count ? tokens[i] : tokens[tokens.count - 1]
    }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    // MARK: Text of tokens

    func text(_ t: Token) -> String { String(decoding: bytes[t.start..<t.end], as: UTF8.self) }

    func isKeyword(_ t: Token, _ word: StaticString) -> Bool {
        guard t.kind == .keyword, t.end - t.start == word.utf8CodeUnitCount else { return false }
        let p = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount where bytes[t.start + k] != p[k] { return false }
        return true
    }

    /// The current token is the keyword `word`.
    func atKeyword(_ word: StaticString) -> Bool { isKeyword(current, word) }

    /// The current tokens are `(` `word`.
    func atField(_ word: StaticString) -> Bool {
        current.kind == .leftParen && isKeyword(token(at: 1), word)
    }

    /// The keyword after the current `(`, if any.
    func fieldKeyword() -> String? {
        guard current.kind == .leftParen, token(at: 1).kind == .keyword else { return nil }
        return text(token(at: 1))
    }

    /// The name an identifier token stands for (`$x` → `x`, `$"a b"` → `a b`).
    func idName(_ t: Token) -> String {
        if bytes[t.start + 1] == UInt8(ascii: "\"") {
            return String(decoding: StringLiteral.decode(bytes, t.start + 1, t.end), as: UTF8.self)
        }
        return String(decoding: bytes[(t.start + 1)..<t.end], as: UTF8.self)
    }

    func stringBytes(_ t: Token) -> [UInt8] { StringLiteral.decode(bytes, t.start, t.end) }

    // MARK: Errors

    func error(_ message: String, at t: Token? = nil) -> TextError {
        source.error(message, at: (t ?? current).start)
    }

    /// The error for a token that does not fit here: a reserved token or a word that is no
    /// keyword at all is an "unknown operator"; anything else is an "unexpected token".
    func unexpected(_ t: Token? = nil) -> TextError {
        let t = t ?? current
        switch t.kind {
        case .reserved:
            return error("unknown operator \(text(t))", at: t)
        case .keyword where !Keywords.isKnown(text(t)):
            return error("unknown operator \(text(t))", at: t)
        case .end:
            return error("unexpected end of input", at: t)
        default:
            return error("unexpected token \(text(t))", at: t)
        }
    }

    // MARK: Expectations

    mutating func expect(_ kind: Token.Kind) throws {
        guard current.kind == kind else { throw unexpected() }
        advance()
    }

    mutating func expectLeftParen() throws { try expect(.leftParen) }
    mutating func expectRightParen() throws { try expect(.rightParen) }

    mutating func expectKeyword(_ word: StaticString) throws {
        guard atKeyword(word) else { throw unexpected() }
        advance()
    }

    /// Consumes `word` if it is the current keyword.
    mutating func takeKeyword(_ word: StaticString) -> Bool {
        guard atKeyword(word) else { return false }
        advance()
        return true
    }

    /// Consumes an identifier if there is one.
    mutating func takeId() -> Token? {
        guard current.kind == .id else { return nil }
        defer { advance() }
        return current
    }

    mutating func expectString() throws -> [UInt8] {
        guard current.kind == .string else { throw unexpected() }
        defer { advance() }
        return stringBytes(current)
    }

    /// A string that must be valid UTF-8 (names of imports, exports, custom sections).
    mutating func expectName() throws -> [UInt8] {
        let t = current
        let name = try expectString()
        guard UTF8Validation.isValid(name) else { throw error("malformed UTF-8 encoding", at: t) }
        return name
    }

    /// Skips from a `(` to just past its `)`.
    mutating func skipParenthesized() {
        index = min(partner[index] + 1, tokens.count - 1)
    }

    // MARK: Numbers

    /// An unsigned integer of at most `bits` bits.
    mutating func expectUnsigned(bits: Int = 32) throws -> UInt64 {
        let t = current
        guard t.kind == .integer, let (value, _, signed) = NumberSyntax.integer(bytes, t.start, t.end), !signed else {
            if t.kind == .integer, bytes[t.start] != UInt8(ascii: "+"), bytes[t.start] != UInt8(ascii: "-") {
                throw error("i\(bits) constant out of range", at: t)
            }
            throw unexpected()
        }
        if bits < 64 && value >> UInt64(bits) != 0 { throw error("i\(bits) constant out of range", at: t) }
        advance()
        return value
    }

    mutating func expectU32() throws -> UInt32 { UInt32(try expectUnsigned(bits: 32)) }

    /// An integer literal for an `iN` value: signed or unsigned, wrapped to `bits` bits.
    mutating func expectInteger(bits: Int) throws -> UInt64 {
        let t = current
        guard t.kind == .integer else { throw unexpected() }
        guard let (magnitude, negative, _) = NumberSyntax.integer(bytes, t.start, t.end) else {
            throw error("i\(bits) constant out of range", at: t)
        }
        let limit: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        let value: UInt64
        if negative {
            let minimum: UInt64 = bits == 64 ? 1 << 63 : 1 << UInt64(bits - 1)
            guard magnitude <= minimum else { throw error("i\(bits) constant out of range", at: t) }
            value = (0 &- magnitude) & limit
        } else {
            guard magnitude <= limit else { throw error("i\(bits) constant out of range", at: t) }
            value = magnitude
        }
        advance()
        return value
    }

    /// A float literal (an integer literal counts) as the bit pattern of an `fN`.
    mutating func expectFloat(bits: Int) throws -> UInt64 {
        let t = current
        guard t.kind == .float || t.kind == .integer else { throw unexpected() }
        guard let value = NumberSyntax.float(bytes, t.start, t.end, bits: bits) else {
            throw error("f\(bits) constant out of range", at: t)
        }
        advance()
        return value
    }

    /// A `v128` shape keyword (`i8x16` ... `f64x2`): lane count, lane width, float lanes.
    mutating func vectorShape() throws -> (lanes: Int, bits: Int, isFloat: Bool) {
        guard current.kind == .keyword else { throw unexpected() }
        let shape: (Int, Int, Bool)
        switch text(current) {
        case "i8x16": shape = (16, 8, false)
        case "i16x8": shape = (8, 16, false)
        case "i32x4": shape = (4, 32, false)
        case "i64x2": shape = (2, 64, false)
        case "f32x4": shape = (4, 32, true)
        case "f64x2": shape = (2, 64, true)
        default: throw unexpected()
        }
        advance()
        return shape
    }

    // MARK: Annotations

    /// The `@name` annotation just before the current token, if any.
    func nameAnnotation() -> [UInt8]? {
        for a in annotations where a.tokenIndex == index {
            if case .name(let n) = a.kind { return n }
        }
        return nil
    }
}
