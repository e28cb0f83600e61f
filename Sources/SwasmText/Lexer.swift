/// One token of the text format. Its text is `bytes[start..<end]` of the source.
struct Token: Sendable {
    enum Kind: UInt8, Sendable {
        case leftParen, rightParen
        /// Starts with a lowercase letter: `module`, `i32.add`, `offset=4`, ...
        case keyword
        /// `$name` or `$"name"`.
        case id
        case string
        /// A literal with no fraction, exponent, `inf` or `nan`: `42`, `-0x1_F`.
        case integer
        case float
        /// Anything else made of identifier characters and strings: always an error where read.
        case reserved
        case end
    }

    var kind: Kind
    var start: Int
    var end: Int
}

/// A `(@custom ...)` or `(@name ...)` annotation, kept aside from the token stream: `tokenIndex`
/// is the index of the token that follows it, so the parser finds it by position.
struct Annotation: Sendable {
    enum Placement: Sendable, Equatable {
        case before(String)
        case after(String)
    }
    enum Kind: Sendable {
        case custom(name: [UInt8], placement: Placement?, content: [UInt8])
        case name([UInt8])
    }
    var kind: Kind
    var tokenIndex: Int
    var offset: Int
}

/// Splits text-format source into tokens. Comments and annotations other than `@custom` and
/// `@name` are skipped; any lexical error (illegal character, malformed UTF-8, unclosed string,
/// comment or annotation) is thrown with its location.
struct Lexer {
    let source: SourceText
    private var bytes: [UInt8] { source.bytes }
    private var position = 0
    private(set) var tokens: [Token] = []
    private(set) var annotations: [Annotation] = []

    static func tokenize(_ source: SourceText) throws -> (tokens: [Token], annotations: [Annotation]) {
        var lexer = Lexer(source: source)
        lexer.tokens.reserveCapacity(source.bytes.count / 3)
        try lexer.run()
        return (lexer.tokens, lexer.annotations)
    }

    private init(source: SourceText) { self.source = source }

    private func error(_ message: String, at offset: Int) -> TextError { source.error(message, at: offset) }

    private mutating func run() throws {
        while let token = try next() {
            tokens.append(token)
        }
        tokens.append(Token(kind: .end, start: bytes.count, end: bytes.count))
    }

    /// The next token, skipping white space, comments and annotations; nil at the end. Inside an
    /// annotation, a nested `(@id` counts as a parenthesis and nothing is recorded.
    private mutating func next(insideAnnotation: Bool = false) throws -> Token? {
        let n = bytes.count
        while position < n {
            let b = bytes[position]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D:
                position += 1
            case UInt8(ascii: "("):
                let following = position + 1 < n ? bytes[position + 1] : 0
                if following == UInt8(ascii: ";") {
                    try skipBlockComment()
                } else if following == UInt8(ascii: "@") && !insideAnnotation {
                    try annotation()
                } else {
                    position += 1
                    if following == UInt8(ascii: "@") {
                        position += 1
                        if position < n, bytes[position] == UInt8(ascii: "\"") {
                            try skipString()
                        } else {
                            while position < n, Self.isIdChar(bytes[position]) { position += 1 }
                        }
                    }
                    return Token(kind: .leftParen, start: position - 1, end: position)
                }
            case UInt8(ascii: ")"):
                position += 1
                return Token(kind: .rightParen, start: position - 1, end: position)
            case UInt8(ascii: ";") where position + 1 < n && bytes[position + 1] == UInt8(ascii: ";"):
                try skipLineComment()
            default:
                if Self.isRunByte(b) { return try run(start: position) }
                throw try illegalByte(at: position)
            }
        }
        return nil
    }

    /// The error for a byte that cannot start a token: a control character, a non-ASCII
    /// character (both "illegal character") or a byte that is not UTF-8.
    private func illegalByte(at offset: Int) throws -> TextError {
        if bytes[offset] < 0x80 { return error("illegal character", at: offset) }
        return utf8Length(at: offset) == nil ? error("malformed UTF-8 encoding", at: offset)
            : error("illegal character", at: offset)
    }

    /// Length of the well-formed UTF-8 sequence at `offset`, or nil.
    private func utf8Length(at offset: Int) -> Int? {
        UTF8Validation.sequenceLength(bytes, at: offset)
    }

    private mutating func skipLineComment() throws {
        // A line comment ends at a line feed or a carriage return.
        while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D {
            try skipCharacter()
        }
    }

    private mutating func skipBlockComment() throws {
        let start = position
        position += 2
        var depth = 1
        while depth > 0 {
            guard position < bytes.count else { throw error("unclosed comment", at: start) }
            let b = bytes[position]
            if b == UInt8(ascii: "("), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ";") {
                depth += 1
                position += 2
            } else if b == UInt8(ascii: ";"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ")") {
                depth -= 1
                position += 2
            } else {
                try skipCharacter()
            }
        }
    }

    /// Steps over one character, which must be well-formed UTF-8.
    private mutating func skipCharacter() throws {
        guard bytes[position] >= 0x80 else {
            position += 1
            return
        }
        guard let length = utf8Length(at: position) else { throw error("malformed UTF-8 encoding", at: position) }
        position += length
    }

    // MARK: Runs: keywords, numbers, identifiers, strings, reserved

    /// Identifier characters (the spec's `idchar`).
    static let idCharTable: [Bool] = (0..<256).map { b in
        switch UInt8(b) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            return true
        default:
            return Array("!#$%&'*+-./:<=>?@\\^_`|~".utf8).contains(UInt8(b))
        }
    }

    @inline(__always) static func isIdChar(_ b: UInt8) -> Bool { idCharTable[Int(b)] }

    /// Bytes that continue a token run: identifier characters, string quotes and the reserved
    /// punctuation `, ; [ ] { }`.
    @inline(__always) static func isRunByte(_ b: UInt8) -> Bool {
        isIdChar(b) || b == UInt8(ascii: "\"") || b == UInt8(ascii: ",") || b == UInt8(ascii: ";")
            || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// Scans a maximal run of identifier characters, strings and reserved punctuation, and
    /// classifies it.
    private mutating func run(start: Int) throws -> Token {
        let n = bytes.count
        var stringCount = 0
        var onlyIdChars = true
        var firstStringEnd = -1
        while position < n {
            let b = bytes[position]
            if Self.isIdChar(b) {
                position += 1
            } else if b == UInt8(ascii: "\"") {
                let stringStart = position
                do {
                    try skipString()
                } catch let e as TextError {
                    // `$` followed by a broken string is a `$` with no name.
                    if stringStart == start + 1 && bytes[start] == UInt8(ascii: "$") {
                        throw error("empty identifier", at: start)
                    }
                    throw e
                }
                stringCount += 1
                if firstStringEnd < 0 { firstStringEnd = position }
                onlyIdChars = false
            } else if b == UInt8(ascii: ";") {
                if position + 1 < n && bytes[position + 1] == UInt8(ascii: ";") { break }
                position += 1
                onlyIdChars = false
            } else if Self.isRunByte(b) {
                position += 1
                onlyIdChars = false
            } else {
                break
            }
        }
        let end = position
        let first = bytes[start]
        if first == UInt8(ascii: "\"") && stringCount == 1 && firstStringEnd == end {
            return Token(kind: .string, start: start, end: end)
        }
        if first == UInt8(ascii: "$") {
            if end == start + 1 { throw error("empty identifier", at: start) }
            if onlyIdChars { return Token(kind: .id, start: start, end: end) }
            if bytes[start + 1] == UInt8(ascii: "\"") && stringCount == 1 && firstStringEnd == end {
                let name = StringLiteral.decode(bytes, start + 1, end)
                if name.isEmpty { throw error("empty identifier", at: start) }
                if !UTF8Validation.isValid(name) { throw error("malformed UTF-8 encoding", at: start) }
                return Token(kind: .id, start: start, end: end)
            }
            return Token(kind: .reserved, start: start, end: end)
        }
        guard onlyIdChars else { return Token(kind: .reserved, start: start, end: end) }
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") {
            // `inf` and `nan` (and `nan:0x...`) are numbers, not keywords.
            if let kind = NumberSyntax.classify(bytes, start, end), kind == .float { return Token(kind: .float, start: start, end: end) }
            return Token(kind: .keyword, start: start, end: end)
        }
        if let kind = NumberSyntax.classify(bytes, start, end) {
            return Token(kind: kind, start: start, end: end)
        }
        return Token(kind: .reserved, start: start, end: end)
    }

    /// Skips a string literal starting at `position` (a `"`), checking its characters and escapes.
    private mutating func skipString() throws {
        let start = position
        let n = bytes.count
        position += 1
        while true {
            guard position < n else { throw error("unclosed string", at: start) }
            let b = bytes[position]
            switch b {
            case UInt8(ascii: "\""):
                position += 1
                return
            case 0x0A:
                throw error("unclosed string", at: start)
            case UInt8(ascii: "\\"):
                guard position + 1 < n else { throw error("unclosed string", at: start) }
                let e = bytes[position + 1]
                switch e {
                case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "\\"),
                     UInt8(ascii: "'"), UInt8(ascii: "\""):
                    position += 2
                case UInt8(ascii: "u"):
                    position += 2
                    guard position < n, bytes[position] == UInt8(ascii: "{") else { throw error("illegal escape", at: position) }
                    position += 1
                    let digits = position
                    var value: UInt32 = 0
                    var previousUnderscore = true
                    while position < n, bytes[position] != UInt8(ascii: "}") {
                        let c = bytes[position]
                        if c == UInt8(ascii: "_") {
                            if previousUnderscore { throw error("illegal escape", at: position) }
                            previousUnderscore = true
                        } else if let d = NumberSyntax.hexValue(c) {
                            value = value > 0x10FFFF ? value : value * 16 + UInt32(d)
                            previousUnderscore = false
                        } else {
                            throw error("illegal escape", at: position)
                        }
                        position += 1
                    }
                    guard position < n, position > digits, !previousUnderscore else { throw error("illegal escape", at: position) }
                    if value >= 0x110000 || (value >= 0xD800 && value < 0xE000) {
                        throw error("malformed UTF-8 encoding", at: digits)
                    }
                    position += 1
                default:
                    guard NumberSyntax.hexValue(e) != nil, position + 2 < n, NumberSyntax.hexValue(bytes[position + 2]) != nil else {
                        throw error("illegal escape", at: position)
                    }
                    position += 3
                }
            default:
                if b < 0x20 || b == 0x7F { throw error("illegal character", at: position) }
                try skipCharacter()
            }
        }
    }

    // MARK: Annotations

    /// `(@id ...)`: `@custom` and `@name` are recorded; any other annotation is skipped.
    private mutating func annotation() throws {
        let start = position
        position += 2
        let idStart = position
        var name: [UInt8]
        if position < bytes.count, Self.isIdChar(bytes[position]) {
            while position < bytes.count, Self.isIdChar(bytes[position]) { position += 1 }
            name = Array(bytes[idStart..<position])
        } else if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            do {
                try skipString()
            } catch {
                throw self.error("empty annotation id", at: start)
            }
            name = StringLiteral.decode(bytes, idStart, position)
            if name.isEmpty { throw error("empty annotation id", at: start) }
            if !UTF8Validation.isValid(name) { throw error("malformed UTF-8 encoding", at: idStart) }
        } else {
            throw error("empty annotation id", at: start)
        }
        if name == Array("custom".utf8) || name == Array("name".utf8) {
            var inner: [Token] = []
            try skipAnnotationBody(start: start, collect: &inner)
            try record(isCustom: name == Array("custom".utf8), inner, at: start)
        } else {
            var ignored: [Token]? = nil
            try skipAnnotationBody(start: start, collect: &ignored)
        }
    }

    /// Reads tokens up to the annotation's closing parenthesis.
    private mutating func skipAnnotationBody<C: TokenCollector>(start: Int, collect: inout C) throws {
        var depth = 1
        while true {
            guard let token = try next(insideAnnotation: true) else { throw error("unclosed annotation", at: start) }
            switch token.kind {
            case .leftParen: depth += 1
            case .rightParen:
                depth -= 1
                if depth == 0 { return }
            default: break
            }
            collect.add(token)
        }
    }

    private mutating func record(isCustom: Bool, _ inner: [Token], at offset: Int) throws {
        func string(_ t: Token) -> [UInt8]? {
            t.kind == .string ? StringLiteral.decode(bytes, t.start, t.end) : nil
        }
        let index = tokens.count
        if !isCustom {
            guard inner.count == 1, let name = string(inner[0]) else { throw error("malformed name annotation", at: offset) }
            guard UTF8Validation.isValid(name) else { throw error("malformed UTF-8 encoding", at: inner[0].start) }
            annotations.append(Annotation(kind: .name(name), tokenIndex: index, offset: offset))
            return
        }
        guard let first = inner.first, let name = string(first) else { throw error("malformed custom annotation", at: offset) }
        guard UTF8Validation.isValid(name) else { throw error("malformed UTF-8 encoding", at: first.start) }
        var i = 1
        var placement: Annotation.Placement?
        if i < inner.count, inner[i].kind == .leftParen {
            guard i + 3 < inner.count, inner[i + 1].kind == .keyword, inner[i + 2].kind == .keyword,
                  inner[i + 3].kind == .rightParen else { throw error("malformed custom annotation", at: inner[i].start) }
            let side = String(decoding: bytes[inner[i + 1].start..<inner[i + 1].end], as: UTF8.self)
            let section = String(decoding: bytes[inner[i + 2].start..<inner[i + 2].end], as: UTF8.self)
            guard CustomPlacement.sectionOrder(section) != nil else {
                throw error("malformed custom annotation", at: inner[i + 2].start)
            }
            switch (side, section) {
            case ("before", "first"), ("after", "last"): break
            case (_, "first"), (_, "last"): throw error("malformed custom annotation", at: inner[i + 1].start)
            default: break
            }
            if side == "before" { placement = .before(section) } else if side == "after" { placement = .after(section) } else {
                throw error("malformed custom annotation", at: inner[i + 1].start)
            }
            i += 4
        }
        var content: [UInt8] = []
        while i < inner.count {
            guard let part = string(inner[i]) else { throw error("malformed custom annotation", at: inner[i].start) }
            content += part
            i += 1
        }
        annotations.append(Annotation(kind: .custom(name: name, placement: placement, content: content),
                                      tokenIndex: index, offset: offset))
    }
}

/// Where tokens inside an annotation go: kept for `@custom`/`@name`, dropped otherwise.
protocol TokenCollector {
    mutating func add(_ token: Token)
}

extension Array: TokenCollector where Element == Token {
    mutating func add(_ token: Token) { append(token) }
}

extension Optional: TokenCollector where Wrapped == [Token] {
    mutating func add(_ token: Token) {}
}
