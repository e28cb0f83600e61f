// Parsing WAVE text as a value of a known type, and function calls `name(arg, ...)`.

/// The WebAssembly Value Encoding (WAVE) of component values, as wasm-tools' wasm-wave crate
/// and `wasmtime run --invoke` write them: `{name: "Rust", num: 3}`, `["a", "b"]`, `some(1)`,
/// `ok("x")`, `{read, write}`.
///
/// ```swift
/// let value = try WAVE.parse(#"{name: "Rust", num: 3}"#, as: inputType)
/// print(WAVE.print(value))   // {name: "Rust", num: 3}
/// ```
public enum WAVE {
    /// Parses `text` as a value of `type`. Throws a `WAVEError` naming the column and what was
    /// expected there.
    public static func parse(_ text: String, as type: ComponentValueType) throws(WAVEError) -> ComponentValue {
        var parser = try WAVEParser(text)
        let value = try parser.value(type)
        try parser.expectEnd()
        return value
    }

    /// The function name of a call `name(arg, ...)`: the text before the first `(`, trimmed
    /// (an export name such as `multiply`, or `interface#function` for a function in an
    /// exported instance).
    public static func functionName(ofCall text: String) throws(WAVEError) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let open = scalars.firstIndex(of: "(") else {
            throw WAVEError(column: scalars.count + 1, message: "expected '(' after the function name (a call looks like name(arg, ...))")
        }
        let name = String(String.UnicodeScalarView(scalars[..<open])).trimmingWhitespace
        guard !name.isEmpty else { throw WAVEError(column: open + 1, message: "expected a function name before '('") }
        return name
    }

    /// Parses a call `name(arg, ...)` whose arguments have the parameter types of `type`.
    /// Trailing `option` arguments may be left out (they are `none`).
    public static func parseCall(_ text: String, type: ComponentFunctionType) throws(WAVEError) -> (name: String, arguments: [ComponentValue]) {
        let name = try functionName(ofCall: text)
        let open = Array(text.unicodeScalars).firstIndex(of: "(") ?? 0
        var parser = try WAVEParser(text, from: open)
        let arguments = try parser.arguments(type.parameters, function: name)
        try parser.expectEnd()
        return (name, arguments)
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// A recursive-descent parser driven by the expected type; `token` is the next unconsumed token.
struct WAVEParser {
    static let maxDepth = 100
    static let keywords: Set<String> = ["true", "false", "inf", "nan", "some", "none", "ok", "err"]

    var lexer: WAVELexer
    var token: WAVEToken = .end
    /// The token's column and text, for messages.
    var column = 1
    var text = ""
    var depth = 0

    init(_ source: String, from start: Int = 0) throws(WAVEError) {
        lexer = WAVELexer(source)
        lexer.skip(to: start)
        try advance()
    }

    mutating func advance() throws(WAVEError) {
        token = try lexer.next()
        column = lexer.column
        text = lexer.tokenText
    }

    func fail(_ message: String) -> WAVEError { WAVEError(column: column, message: message) }

    func unexpected(_ expected: String) -> WAVEError {
        fail("expected \(expected), found \(token.describe(text))")
    }

    mutating func expectEnd() throws(WAVEError) {
        guard token == .end else { throw fail("trailing characters after the value: \(token.describe(text))") }
    }

    mutating func expect(_ p: Unicode.Scalar, _ what: String? = nil) throws(WAVEError) {
        guard token == .punctuation(p) else { throw unexpected(what ?? "'\(p)'") }
        try advance()
    }

    /// Whether the next token is the punctuation `p` (consumed if so).
    mutating func accept(_ p: Unicode.Scalar) throws(WAVEError) -> Bool {
        guard token == .punctuation(p) else { return false }
        try advance()
        return true
    }

    var keyword: String? {
        if case .label(let l, false) = token, Self.keywords.contains(l) { return l }
        return nil
    }

    mutating func value(_ type: ComponentValueType) throws(WAVEError) -> ComponentValue {
        guard depth < Self.maxDepth else { throw fail("value nesting too deep (more than \(Self.maxDepth) levels)") }
        depth += 1
        defer { depth -= 1 }
        switch type {
        case .bool:
            guard let k = keyword, k == "true" || k == "false" else { throw unexpected("bool (true or false)") }
            try advance()
            return .bool(k == "true")
        case .s8: return .s8(try integer(Int8.self, "s8"))
        case .u8: return .u8(try integer(UInt8.self, "u8"))
        case .s16: return .s16(try integer(Int16.self, "s16"))
        case .u16: return .u16(try integer(UInt16.self, "u16"))
        case .s32: return .s32(try integer(Int32.self, "s32"))
        case .u32: return .u32(try integer(UInt32.self, "u32"))
        case .s64: return .s64(try integer(Int64.self, "s64"))
        case .u64: return .u64(try integer(UInt64.self, "u64"))
        case .f32: return .f32(bitPattern: try float(Float.self, "f32").bitPattern)
        case .f64: return .f64(bitPattern: try float(Double.self, "f64").bitPattern)
        case .char:
            guard case .char(let c) = token else { throw unexpected("char (like 'x')") }
            try advance()
            return .char(c)
        case .string:
            guard case .string(let s) = token else { throw unexpected("string (like \"abc\")") }
            try advance()
            return .string(s)
        case .list(let element):
            return .list(try sequence(open: "[", close: "]", type: type) { (p: inout WAVEParser, _: Int) throws(WAVEError) in
                try p.value(element)
            })
        case .fixedLengthList(let element, let length):
            let start = column
            let items = try sequence(open: "[", close: "]", type: type) { (p: inout WAVEParser, _: Int) throws(WAVEError) in
                try p.value(element)
            }
            guard items.count == Int(length) else {
                throw WAVEError(column: start, message: "expected \(length) elements for \(type.witText), found \(items.count)")
            }
            return .list(items)
        case .tuple(let types):
            let start = column
            let items = try sequence(open: "(", close: ")", type: type) { (p: inout WAVEParser, i: Int) throws(WAVEError) in
                guard i < types.count else { throw p.unexpected("')' (\(type.witText) has \(types.count) elements)") }
                return try p.value(types[i])
            }
            guard items.count == types.count else {
                throw WAVEError(column: start, message: "expected \(types.count) elements for \(type.witText), found \(items.count)")
            }
            return .tuple(items)
        case .record(let fields): return try record(fields, type)
        case .flags(let names): return try flags(names, type)
        case .variant(let cases):
            let (name, labelColumn) = try caseLabel(cases.map(\.name), type)
            guard let c = cases.first(where: { $0.name == name }) else {
                throw WAVEError(column: labelColumn, message: "unknown case '\(name)' of \(type.witText)")
            }
            guard let payload = c.payload else {
                if token == .punctuation("(") { throw fail("case '\(name)' has no payload") }
                return .variant(caseName: name, payload: nil)
            }
            try expect("(", "'(' and the payload of case '\(name)' (\(payload.witText))")
            let v = try value(payload)
            try expect(")")
            return .variant(caseName: name, payload: v)
        case .enum(let names):
            let (name, labelColumn) = try caseLabel(names, type)
            guard names.contains(name) else {
                throw WAVEError(column: labelColumn, message: "unknown case '\(name)' of \(type.witText)")
            }
            return .enum(name)
        case .option(let payload):
            switch keyword {
            case "none":
                try advance()
                return .option(nil)
            case "some":
                try advance()
                try expect("(", "'(' after some")
                let v = try value(payload)
                try expect(")")
                return .option(v)
            default:
                guard payload.allowsFlatForm else { throw unexpected("some(...) or none (\(type.witText))") }
                return .option(try value(payload))
            }
        case .result(let ok, let error):
            if let k = keyword, k == "ok" || k == "err" {
                try advance()
                let payloadType = k == "ok" ? ok : error
                guard let payloadType else {
                    if token == .punctuation("(") { throw fail("\(k) of \(type.witText) has no payload") }
                    return .result(isError: k == "err", payload: nil)
                }
                try expect("(", "'(' and the payload of \(k) (\(payloadType.witText))")
                let v = try value(payloadType)
                try expect(")")
                return .result(isError: k == "err", payload: v)
            }
            guard let ok, ok.allowsFlatForm else { throw unexpected("ok or err (\(type.witText))") }
            return .result(isError: false, payload: try value(ok))
        case .own, .borrow:
            throw fail("\(type.witText): resource handles cannot be written in WAVE")
        }
    }

    private mutating func integer<T: FixedWidthInteger>(_: T.Type, _ name: String) throws(WAVEError) -> T {
        guard case .number(let digits) = token else { throw unexpected("an integer (\(name))") }
        guard digits.allSatisfy({ $0 == "-" || $0.isASCII && $0.isNumber }) else { throw unexpected("an integer (\(name))") }
        guard T.isSigned || !digits.hasPrefix("-"), let v = T(digits) else { throw fail("\(digits) is out of range for \(name) (\(T.min)...\(T.max))") }
        try advance()
        return v
    }

    private mutating func float<T: BinaryFloatingPoint & LosslessStringConvertible>(_: T.Type, _ name: String) throws(WAVEError) -> T {
        let literal: String
        switch token {
        case .number(let n): literal = n
        case .label(let l, false) where l == "nan" || l == "inf": literal = l
        default: throw unexpected("a number (\(name)), nan, inf or -inf")
        }
        guard let v = T(literal) else { throw fail("invalid number \(literal)") }
        try advance()
        return v
    }

    /// `open` elements separated by commas (a trailing comma allowed) `close`.
    private mutating func sequence(open: Unicode.Scalar, close: Unicode.Scalar, type: ComponentValueType,
                                   _ element: (inout WAVEParser, Int) throws(WAVEError) -> ComponentValue) throws(WAVEError) -> [ComponentValue] {
        try expect(open, "\(type.witText) (starting with '\(open)')")
        var items: [ComponentValue] = []
        while !(try accept(close)) {
            items.append(try element(&self, items.count))
            if try accept(close) { break }
            try expect(",", "',' or '\(close)'")
        }
        return items
    }

    /// A variant or enum case: a label; a keyword must be written with `%`.
    private mutating func caseLabel(_ names: [String], _ type: ComponentValueType) throws(WAVEError) -> (String, Int) {
        guard case .label(let name, let prefixed) = token else {
            throw unexpected("a case of \(type.witText)")
        }
        if !prefixed, Self.keywords.contains(name) {
            throw fail("expected a case of \(type.witText), found the keyword '\(name)'"
                       + (names.contains(name) ? " (write %\(name) for the case)" : ""))
        }
        let at = column
        try advance()
        return (name, at)
    }

    private mutating func record(_ fields: [ComponentField], _ type: ComponentValueType) throws(WAVEError) -> ComponentValue {
        let start = column
        try expect("{", "\(type.witText) (starting with '{')")
        var given: [String: ComponentValue] = [:]
        if try accept(":") {
            try expect("}", "'}' (after '{:', the empty record)")
        } else {
            while !(try accept("}")) {
                guard case .label(let name, _) = token else { throw unexpected("a field name of \(type.witText)") }
                guard let field = fields.first(where: { $0.name == name }) else {
                    throw fail("unknown field '\(name)' of \(type.witText)")
                }
                guard given[name] == nil else { throw fail("duplicate field '\(name)'") }
                try advance()
                try expect(":", "':' after the field name '\(name)'")
                given[name] = try value(field.type)
                if try accept("}") { break }
                try expect(",", "',' or '}'")
            }
        }
        var values: [(name: String, value: ComponentValue)] = []
        for field in fields {
            if let v = given[field.name] {
                values.append((field.name, v))
            } else if case .option = field.type {
                values.append((field.name, .option(nil)))
            } else {
                throw WAVEError(column: start, message: "missing field '\(field.name)' of \(type.witText)")
            }
        }
        return .record(values)
    }

    private mutating func flags(_ names: [String], _ type: ComponentValueType) throws(WAVEError) -> ComponentValue {
        try expect("{", "\(type.witText) (starting with '{')")
        var set: Set<String> = []
        while !(try accept("}")) {
            guard case .label(let name, _) = token else { throw unexpected("a flag of \(type.witText)") }
            guard names.contains(name) else { throw fail("unknown flag '\(name)' of \(type.witText)") }
            guard set.insert(name).inserted else { throw fail("duplicate flag '\(name)'") }
            try advance()
            if try accept("}") { break }
            try expect(",", "',' or '}'")
        }
        return .flags(names.filter(set.contains))
    }

    /// `(arg, ...)` for `parameters`; missing trailing options are `none`.
    mutating func arguments(_ parameters: [ComponentField], function: String) throws(WAVEError) -> [ComponentValue] {
        let signature = "\(function)(\(parameters.map { "\($0.name): \($0.type.witText)" }.joined(separator: ", ")))"
        try expect("(")
        var values: [ComponentValue] = []
        var closeColumn = column
        while true {
            closeColumn = column
            if try accept(")") { break }
            guard values.count < parameters.count else {
                throw fail("too many arguments: \(signature) takes \(parameters.count)")
            }
            values.append(try value(parameters[values.count].type))
            closeColumn = column
            if try accept(")") { break }
            try expect(",", "',' or ')'")
        }
        while values.count < parameters.count {
            guard case .option = parameters[values.count].type else {
                throw WAVEError(column: closeColumn,
                                message: "missing argument '\(parameters[values.count].name)': \(signature) takes \(parameters.count)")
            }
            values.append(.option(nil))
        }
        return values
    }
}

extension ComponentValueType {
    /// Whether a `some` or `ok` payload of this type may be written bare (not an option or result).
    var allowsFlatForm: Bool {
        switch self {
        case .option, .result: return false
        default: return true
        }
    }
}
