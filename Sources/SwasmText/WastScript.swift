/// A `.wast` script: modules, actions and assertions, as the specification's test suite writes
/// them. Text modules are parsed and encoded while the script is read; a module that does not
/// parse keeps its error, so that `assert_malformed` can check it and a plain `module` can
/// report it, while the rest of the script still runs.
public struct WastScript: Sendable {
    /// A module in a script.
    public struct ScriptModule: Sendable {
        /// How the module was written: WAT, `binary "..."` or `quote "..."`.
        public enum Form: Sendable { case text, binary, quote }
        /// `$id` naming the instance (or, for `module definition`, the module).
        public var name: String?
        /// The module's form.
        public var form: Form
        /// `(module definition ...)`: compile only.
        public var isDefinition: Bool
        /// Line of its `module` keyword.
        public var line: Int
        /// The binary module, or why the text did not parse.
        public var binary: Result<[UInt8], TextError>
    }

    /// An `invoke` or `get` of an export.
    public struct Action: Sendable {
        /// Call a function, or read a global.
        public enum Kind: Sendable { case invoke, get }
        /// Which of the two.
        public var kind: Kind
        /// The `$id` of the instance, or nil for the current one.
        public var module: String?
        /// The export's name.
        public var field: String
        /// The call's arguments.
        public var arguments: [WastValue]
    }

    /// One top-level command of a script.
    public enum Command: Sendable {
        case module(ScriptModule)
        /// `(module instance $instance? $module?)`.
        case instance(name: String?, module: String?)
        case register(as: String, module: String?)
        case action(Action)
        case assertReturn(Action, [WastResult])
        case assertTrap(Action, message: String)
        /// `(assert_trap (module ...) "message")`: instantiation traps.
        case assertModuleTrap(ScriptModule, message: String)
        case assertExhaustion(Action, message: String)
        case assertException(Action)
        case assertMalformed(ScriptModule, message: String)
        case assertInvalid(ScriptModule, message: String)
        case assertUnlinkable(ScriptModule, message: String)
        case assertUninstantiable(ScriptModule, message: String)
    }

    /// Each command with the line it starts on.
    public var commands: [(line: Int, command: Command)] = []

    /// Reads a script; throws only when the script itself (outside its modules) is malformed.
    public init(_ text: String, options: TextOptions = TextOptions()) throws {
        try self.init(bytes: Array(text.utf8), options: options)
    }

    /// Parses a whole `.wast` script; errors carry line and column.
    public init(bytes: [UInt8], options: TextOptions = TextOptions()) throws {
        var reader = ScriptReader(cursor: try TokenCursor.lex(bytes), options: options)
        commands = try reader.commands()
    }
}

/// Reads the commands of a script.
struct ScriptReader {
    var c: TokenCursor
    let options: TextOptions
    private var lineStarts: [Int] = []

    init(cursor: TokenCursor, options: TextOptions) {
        self.c = cursor
        self.options = options
        lineStarts = [0]
        for (i, b) in cursor.bytes.enumerated() where b == 0x0A { lineStarts.append(i + 1) }
    }

    private func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    mutating func commands() throws -> [(line: Int, command: WastScript.Command)] {
        var result: [(line: Int, command: WastScript.Command)] = []
        // A file of module fields alone is one module.
        if c.kind == .leftParen, let word = c.fieldKeyword(), !Self.commandWords.contains(word) {
            var parser = ModuleParser(cursor: c, options: options)
            let binary = capture { try parser.parseModule(wrapped: false) }
            return [(1, .module(.init(name: nil, form: .text, isDefinition: false, line: 1, binary: binary)))]
        }
        while c.kind != .end {
            let line = self.line(of: c.current.start)
            result.append((line, try command()))
        }
        return result
    }

    static let commandWords: Set<String> = [
        "module", "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion",
        "assert_exception", "assert_malformed", "assert_return_canonical_nan", "assert_return_arithmetic_nan", "assert_invalid", "assert_unlinkable", "assert_uninstantiable",
    ]

    private mutating func command() throws -> WastScript.Command {
        guard c.kind == .leftParen, let word = c.fieldKeyword() else { throw c.unexpected() }
        switch word {
        case "module":
            if c.isKeyword(c.token(at: 2), "instance") {
                c.advance()
                c.advance()
                c.advance()
                let name = c.takeId().map { c.idName($0) }
                let module = c.takeId().map { c.idName($0) }
                try c.expectRightParen()
                return .instance(name: name, module: module)
            }
            return .module(try module())
        case "register":
            c.advance()
            c.advance()
            let name = String(decoding: try c.expectString(), as: UTF8.self)
            let module = c.takeId().map { c.idName($0) }
            try c.expectRightParen()
            return .register(as: name, module: module)
        case "invoke", "get":
            return .action(try action())
        default:
            break
        }
        c.advance()
        c.advance()
        let result: WastScript.Command
        switch word {
        case "assert_return":
            let a = try action()
            var results: [WastResult] = []
            while c.kind == .leftParen { results.append(try self.result()) }
            result = .assertReturn(a, results)
        case "assert_trap":
            if c.atField("module") {
                let m = try module()
                result = .assertModuleTrap(m, message: try message())
            } else {
                let a = try action()
                result = .assertTrap(a, message: try message())
            }
        case "assert_return_canonical_nan", "assert_return_arithmetic_nan":
            // The 1.0 forms: the one result is a NaN of the function's result type.
            result = .assertReturn(try action(), [.nan(bits: 0, canonical: word == "assert_return_canonical_nan")])
        case "assert_exhaustion":
            let a = try action()
            result = .assertExhaustion(a, message: try message())
        case "assert_exception":
            result = .assertException(try action())
        case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable":
            let m = try module()
            let text = try message()
            switch word {
            case "assert_malformed": result = .assertMalformed(m, message: text)
            case "assert_invalid": result = .assertInvalid(m, message: text)
            case "assert_unlinkable": result = .assertUnlinkable(m, message: text)
            default: result = .assertUninstantiable(m, message: text)
            }
        default:
            throw c.unexpected(c.token(at: -1))
        }
        try c.expectRightParen()
        return result
    }

    private mutating func message() throws -> String {
        String(decoding: try c.expectString(), as: UTF8.self)
    }

    /// `(module definition? $id? ...)`, `(module $id? binary "..."*)`, `(module $id? quote "..."*)`.
    private mutating func module() throws -> WastScript.ScriptModule {
        guard c.atField("module") else { throw c.unexpected() }
        let close = c.partner[c.index]
        c.advance()
        let line = self.line(of: c.current.start)  // of the `module` keyword, as wast2json counts
        c.advance()
        let isDefinition = c.takeKeyword("definition")
        let name = c.takeId().map { c.idName($0) }
        if c.atKeyword("binary") || c.atKeyword("quote") {
            let isBinary = c.atKeyword("binary")
            c.advance()
            var content: [UInt8] = []
            while c.kind == .string { content += try c.expectString() }
            try c.expectRightParen()
            if isBinary {
                return .init(name: name, form: .binary, isDefinition: isDefinition, line: line, binary: .success(content))
            }
            let binary = capture {
                let cursor = try TokenCursor.lex(content)
                var parser = ModuleParser(cursor: cursor, options: options)
                return try parser.parseModule(wrapped: cursor.atField("module"))
            }
            return .init(name: name, form: .quote, isDefinition: isDefinition, line: line, binary: binary)
        }
        var parser = ModuleParser(cursor: c, options: options)
        let binary = capture { try parser.parseModuleBody(from: c.index, end: close) }
        c.index = close
        try c.expectRightParen()
        return .init(name: name, form: .text, isDefinition: isDefinition, line: line, binary: binary)
    }

    private mutating func action() throws -> WastScript.Action {
        try c.expectLeftParen()
        let kind: WastScript.Action.Kind
        if c.takeKeyword("invoke") { kind = .invoke } else if c.takeKeyword("get") { kind = .get } else { throw c.unexpected() }
        let module = c.takeId().map { c.idName($0) }
        let field = String(decoding: try c.expectString(), as: UTF8.self)
        var arguments: [WastValue] = []
        while c.kind == .leftParen {
            guard case .value(let v) = try result() else { throw c.error("argument must be a constant") }
            arguments.append(v)
        }
        try c.expectRightParen()
        return .init(kind: kind, module: module, field: field, arguments: arguments)
    }

    /// A constant or a result pattern.
    private mutating func result() throws -> WastResult {
        try c.expectLeftParen()
        let t = c.current
        guard t.kind == .keyword else { throw c.unexpected() }
        let word = c.text(t)
        c.advance()
        let result: WastResult
        switch word {
        case "i32.const": result = .value(.i32(UInt32(try c.expectInteger(bits: 32))))
        case "i64.const": result = .value(.i64(try c.expectInteger(bits: 64)))
        case "f32.const", "f64.const":
            let bits = word == "f32.const" ? 32 : 64
            if let nan = nanPattern() {
                result = .nan(bits: bits, canonical: nan == .canonicalNaN)
            } else {
                let v = try c.expectFloat(bits: bits)
                result = .value(bits == 32 ? .f32(UInt32(v)) : .f64(v))
            }
        case "v128.const":
            result = try vectorResult()
        case "ref.null":
            if c.kind == .rightParen {
                result = .anyNull
            } else {
                let heap = c.current
                guard heap.kind == .keyword || heap.kind == .integer || heap.kind == .id else { throw c.unexpected() }
                c.advance()
                result = .value(.refNull(c.text(heap)))
            }
        case "ref.extern":
            result = c.kind == .rightParen ? .anyExtern : .value(.refExtern(try c.expectUnsigned(bits: 64)))
        case "ref.host":
            result = .value(.refHost(try c.expectUnsigned(bits: 64)))
        case "ref.func":
            if c.kind != .rightParen { c.advance() }
            result = .anyFunction
        case "ref.struct": result = .anyStruct
        case "ref.array": result = .anyArray
        case "ref.i31": result = .anyI31
        case "ref.eq": result = .anyEq
        case "ref.any": result = .anyReference
        case "either":
            var choices: [WastResult] = []
            while c.kind == .leftParen { choices.append(try self.result()) }
            result = .either(choices)
        default:
            throw c.unexpected(t)
        }
        try c.expectRightParen()
        return result
    }

    private mutating func nanPattern() -> WastLane? {
        if c.takeKeyword("nan:canonical") { return .canonicalNaN }
        if c.takeKeyword("nan:arithmetic") { return .arithmeticNaN }
        return nil
    }

    private mutating func vectorResult() throws -> WastResult {
        let (lanes, bits, isFloat) = try c.vectorShape()
        var values: [WastLane] = []
        for _ in 0..<lanes {
            if isFloat, let nan = nanPattern() {
                values.append(nan)
            } else {
                values.append(.bits(isFloat ? try c.expectFloat(bits: bits) : try c.expectInteger(bits: bits)))
            }
        }
        if values.allSatisfy({ if case .bits = $0 { return true } else { return false } }) {
            var bytes: [UInt8] = []
            for case .bits(let v) in values { LEB.littleEndian(v, bytes: bits / 8, &bytes) }
            return .value(.v128(bytes))
        }
        return .lanes(bits: bits, float: isFloat, values)
    }
}

/// Runs a parse, keeping its `TextError`.
func capture(_ body: () throws -> [UInt8]) -> Result<[UInt8], TextError> {
    do {
        return .success(try body())
    } catch let error as TextError {
        return .failure(error)
    } catch {
        return .failure(TextError("\(error)", line: 0, column: 0))
    }
}
