// WAVE (the WebAssembly Value Encoding of wasm-tools' wasm-wave crate, which wasmtime uses for
// `run --invoke` on components): its tokens. Positions are 1-based columns counted in Unicode
// scalars, for error messages.

/// A WAVE text that does not parse as the expected value: where (a 1-based column, in Unicode
/// scalars) and what was expected.
public struct WAVEError: Error, Equatable, CustomStringConvertible {
    /// The 1-based column (in Unicode scalars) of the offending token.
    public var column: Int
    /// What was wrong, e.g. "expected a string, found '3'".
    public var message: String
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }
    public var description: String { "column \(column): \(message)" }
}

enum WAVEToken: Equatable {
    case number(String)
    case char(Unicode.Scalar)
    case string(String)
    /// A label or keyword; `prefixed` when it was written with `%` (never a keyword then).
    case label(String, prefixed: Bool)
    case punctuation(Unicode.Scalar)
    case end
}

/// Splits WAVE text into tokens, skipping whitespace and `//` comments.
struct WAVELexer {
    let scalars: [Unicode.Scalar]
    private(set) var position = 0
    /// Where the token `next()` last returned starts (0-based).
    private(set) var tokenStart = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var column: Int { tokenStart + 1 }

    /// Continues lexing at scalar `start` (0-based).
    mutating func skip(to start: Int) { position = min(max(start, 0), scalars.count) }

    /// The text of the last token, for messages.
    var tokenText: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[tokenStart..<min(position, scalars.count)])
        return String(s)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                position += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    /// The token after the current one, without consuming it.
    func lookahead() -> WAVEToken? {
        var copy = self
        return try? copy.next()
    }

    mutating func next() throws(WAVEError) -> WAVEToken {
        skipTrivia()
        tokenStart = position
        guard let c = peek() else { return .end }
        switch c {
        case "(", ")", "[", "]", "{", "}", ",", ":":
            position += 1
            return .punctuation(c)
        case "'":
            return .char(try charLiteral())
        case "\"":
            if peek(1) == "\"", peek(2) == "\"" { return .string(try multilineString()) }
            return .string(try stringLiteral())
        case "%":
            position += 1
            guard let l = label() else { throw fail("expected a label after '%'") }
            return .label(l, prefixed: true)
        case "-", "0"..."9":
            if c == "-", peek(1) == "i", let word = wordAt(position + 1), word == "inf" {
                position += 4
                return .number("-inf")
            }
            return .number(try number())
        default:
            if isLetter(c), let l = label() { return .label(l, prefixed: false) }
            position += 1
            throw fail("unexpected character '\(c.escaped(asASCII: false))'")
        }
    }

    func fail(_ message: String) -> WAVEError { WAVEError(column: tokenStart + 1, message: message) }

    private func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
    private func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private func wordAt(_ i: Int) -> String? {
        var j = i
        var s = ""
        while j < scalars.count, isLetter(scalars[j]) || isDigit(scalars[j]) || scalars[j] == "-" {
            s.unicodeScalars.append(scalars[j])
            j += 1
        }
        return s.isEmpty ? nil : s
    }

    /// A kebab-case label: words of a letter then letters and digits, joined by '-'.
    private mutating func label() -> String? {
        guard let first = peek(), isLetter(first) else { return nil }
        var s = ""
        while let c = peek(), isLetter(c) || isDigit(c) || (c == "-" && peek(1).map(isLetter) == true) {
            s.unicodeScalars.append(c)
            position += 1
        }
        return s
    }

    /// A JSON number: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() throws(WAVEError) -> String {
        var s = ""
        func take() { s.unicodeScalars.append(scalars[position]); position += 1 }
        if peek() == "-" { take() }
        guard let d = peek(), isDigit(d) else { throw fail("expected digits after '-'") }
        if d == "0" {
            take()
            if let e = peek(), isDigit(e) { throw fail("invalid number: leading zero") }
        } else {
            while let e = peek(), isDigit(e) { take() }
        }
        if peek() == ".", let e = peek(1), isDigit(e) {
            take()
            while let e = peek(), isDigit(e) { take() }
        }
        if peek() == "e" || peek() == "E" {
            take()
            if peek() == "+" || peek() == "-" { take() }
            guard let e = peek(), isDigit(e) else { throw fail("invalid number: no digits in the exponent") }
            while let e = peek(), isDigit(e) { take() }
        }
        if let e = peek(), isLetter(e) { throw fail("invalid number '\(tokenText)\(e)'") }
        return s
    }

    /// One character of a char or string literal, escapes decoded; `position` is on it.
    private mutating func literalScalar() throws(WAVEError) -> Unicode.Scalar {
        guard let c = peek() else { throw fail("unterminated literal") }
        position += 1
        guard c == "\\" else { return c }
        guard let e = peek() else { throw fail("unterminated literal") }
        position += 1
        switch e {
        case "'": return "'"
        case "\"": return "\""
        case "\\": return "\\"
        case "t": return "\t"
        case "n": return "\n"
        case "r": return "\r"
        case "u":
            guard peek() == "{" else { throw fail("invalid character escape: expected '{' after \\u") }
            position += 1
            var hex = ""
            while let h = peek(), h != "}" {
                hex.unicodeScalars.append(h)
                position += 1
            }
            guard peek() == "}" else { throw fail("invalid character escape: unterminated \\u{") }
            position += 1
            guard !hex.isEmpty, hex.count <= 6, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw fail("invalid character escape \\u{\(hex)}: not a Unicode scalar value")
            }
            return scalar
        default:
            throw fail("invalid character escape '\\\(e.escaped(asASCII: false))'")
        }
    }

    private mutating func charLiteral() throws(WAVEError) -> Unicode.Scalar {
        position += 1
        guard let first = peek(), first != "'" else { throw fail("empty char literal") }
        if first == "\n" { throw fail("a newline in a char must be escaped as \\n") }
        let c = try literalScalar()
        guard peek() == "'" else {
            if peek() == nil { throw fail("unterminated char literal") }
            throw fail("multiple characters in char value")
        }
        position += 1
        return c
    }

    private mutating func stringLiteral() throws(WAVEError) -> String {
        position += 1
        var s = ""
        while true {
            guard let c = peek() else { throw fail("unterminated string") }
            if c == "\"" { position += 1; return s }
            if c == "\n" { throw fail("a newline in a string must be escaped as \\n") }
            s.unicodeScalars.append(try literalScalar())
        }
    }

    /// `"""` then a line break, lines, a line break, spaces (the indent of every line) and `"""`.
    private mutating func multilineString() throws(WAVEError) -> String {
        position += 3
        if peek() == "\r" { position += 1 }
        guard peek() == "\n" else { throw fail("invalid multiline string: a line break must follow the opening \"\"\"") }
        position += 1
        // Lines with escapes decoded, each with its count of leading literal (unescaped) spaces;
        // the last line is the indent before the closing quotes.
        var lines: [(indent: Int, text: [Unicode.Scalar])] = [(0, [])]
        while true {
            guard let c = peek() else { throw fail("unterminated multiline string") }
            if c == "\"", peek(1) == "\"", peek(2) == "\"" {
                position += 3
                break
            }
            let last = lines.count - 1
            if c == "\n" {
                position += 1
                if lines[last].text.last == "\r" { lines[last].text.removeLast() }
                lines.append((0, []))
            } else if c == " ", lines[last].text.isEmpty {
                position += 1
                lines[last].indent += 1
            } else {
                lines[last].text.append(try literalScalar())
            }
        }
        let closing = lines.removeLast()
        guard closing.text.isEmpty, !lines.isEmpty else {
            throw fail("invalid multiline string: the closing \"\"\" must be on its own line")
        }
        var out = ""
        for (i, line) in lines.enumerated() {
            guard line.indent >= closing.indent || line.text.isEmpty else {
                throw fail("invalid multiline string: line \(i + 1) is indented less than the closing \"\"\"")
            }
            if i > 0 { out += "\n" }
            out += String(repeating: " ", count: max(0, line.indent - closing.indent))
            out.unicodeScalars.append(contentsOf: line.text)
        }
        return out
    }
}

extension WAVEToken {
    /// How the token reads in a message.
    func describe(_ text: String) -> String {
        switch self {
        case .end: return "end of input"
        default: return "'\(text)'"
        }
    }
}
