/// Parses one text-format module and encodes it in the binary format.
///
/// Two passes over the module's fields: the first binds every identifier of every index space
/// (imports precede definitions in the text as in the binary, so textual order is index order)
/// and reads the type definitions; the second parses each field and encodes it into its section.
/// Inline type uses that name no type get their type appended, in the order they occur.
struct ModuleParser {
    var c: TokenCursor
    let options: TextOptions

    var typeNames = NameSpace("type")
    var funcs = NameSpace("func")
    var tables = NameSpace("table")
    var memories = NameSpace("memory")
    var globals = NameSpace("global")
    var tags = NameSpace("tag")
    var elems = NameSpace("elem")
    var datas = NameSpace("data")

    var types: [DefinedType] = []
    var plainFunctionTypes: [FunctionSignatureKey: UInt32] = [:]
    var typeSection: [UInt8] = []
    var typeGroupCount = 0

    var sections = Sections()
    /// Whether each table / memory (imports first) is addressed with i64.
    var tableIs64: [Bool] = []
    var memoryIs64: [Bool] = []
    var names = NameSectionBuilder()
    /// Segments written `(elem $table ...)` / `(data $memory ...)` (the 1.0 form), by field.
    var legacyTargetFields: Set<Int> = []
    var scannedFields: [Int] = []

    struct Sections {
        var imports = SectionBuffer(), functions = SectionBuffer(), tables = SectionBuffer()
        var memories = SectionBuffer(), tags = SectionBuffer(), globals = SectionBuffer()
        var exports = SectionBuffer(), elements = SectionBuffer(), code = SectionBuffer(), data = SectionBuffer()
        var start: UInt32?
        var needsDataCount = false
    }

    init(cursor: TokenCursor, options: TextOptions) {
        self.c = cursor
        self.options = options
    }

    // MARK: Entry

    /// Parses `(module $id? field*)` at the cursor, or, when `wrapped` is false, the fields up to
    /// the end of input; leaves the cursor after the module.
    mutating func parseModule(wrapped: Bool) throws -> [UInt8] {
        guard wrapped else {
            if let annotated = c.nameAnnotation() { names.moduleName = annotated }
            let binary = try parseModuleBody(from: c.index, end: c.tokens.count - 1)
            if c.kind != .end { throw c.unexpected() }
            return binary
        }
        try c.expectLeftParen()
        let end = c.partner[c.index - 1]
        try c.expectKeyword("module")
        if let id = c.takeId() { names.moduleName = Array(c.idName(id).utf8) }
        if let annotated = c.nameAnnotation() { names.moduleName = annotated }
        let binary = try parseModuleBody(from: c.index, end: end)
        try c.expectRightParen()
        if c.kind != .end { throw c.unexpected() }
        return binary
    }

    /// Parses the fields from token `start` to the `)` at `end`, leaving the cursor at `end`.
    mutating func parseModuleBody(from start: Int, end: Int) throws -> [UInt8] {
        c.index = start
        // An error found while binding names (a stray token, a duplicate) is reported after the
        // fields before it are parsed: their own syntax errors come first in the text.
        var pending: TextError?
        var fields: [Int] = []
        do {
            fields = try scanFields(end: end)
        } catch let error as TextError {
            pending = error
            fields = scannedFields
        }
        do {
            try readTypes(fields)
            for field in fields {
                c.index = field
                try parseField()
            }
        } catch let error as TextError {
            // Names bound after the broken field are missing: that is no error of its own.
            if let pending, Self.isResolutionError(error) { throw pending }
            throw error
        }
        if let pending { throw pending }
        c.index = end
        let customs = c.annotations.filter { $0.tokenIndex >= start && $0.tokenIndex <= end }
        return try assemble(customs: customs)
    }

    // MARK: First pass

    static func isResolutionError(_ error: TextError) -> Bool {
        ["type", "func", "table", "memory", "global", "tag", "elem", "data", "local", "label", "field"]
            .contains { error.message.hasPrefix("unknown \($0)") }
    }

    /// Binds the identifiers of every field; returns the token index of each field's `(`
    /// (also kept in `scannedFields`, for the fields before an error).
    private mutating func scanFields(end: Int) throws -> [Int] {
        scannedFields = []
        var firstDefinition: String?
        var segmentIds: [(isElem: Bool, index: UInt32, id: Token, field: Int)] = []
        while c.index < end {
            guard c.kind == .leftParen else { throw c.unexpected() }
            let start = c.index
            c.advance()
            let keywordToken = c.current
            guard keywordToken.kind == .keyword else { throw c.unexpected() }
            let keyword = c.text(keywordToken)
            c.advance()
            switch keyword {
            case "type":
                _ = try typeNames.bind(c.takeId(), in: c)
            case "rec":
                while c.atField("type") {
                    let inner = c.index
                    c.advance()
                    c.advance()
                    _ = try typeNames.bind(c.takeId(), in: c)
                    c.index = inner
                    c.skipParenthesized()
                }
            case "func", "table", "memory", "global", "tag":
                let id = c.takeId()
                while c.atField("export") { c.skipParenthesized() }
                let isImport = c.atField("import")
                if isImport {
                    if let firstDefinition { throw c.error("import after \(firstDefinition)", at: keywordToken) }
                } else if firstDefinition == nil {
                    firstDefinition = keyword == "func" ? "function" : keyword
                }
                try bind(keyword, id)
                if !isImport { try countInlineSegments(keyword) }
            case "import":
                _ = try c.expectName()
                _ = try c.expectName()
                guard c.kind == .leftParen, c.token(at: 1).kind == .keyword else { throw c.unexpected() }
                c.advance()
                let kind = c.text(c.current)
                guard ["func", "table", "memory", "global", "tag"].contains(kind) else { throw c.unexpected() }
                if let firstDefinition { throw c.error("import after \(firstDefinition)", at: keywordToken) }
                c.advance()
                try bind(kind, c.takeId())
            case "elem", "data":
                // Bound after the scan: in the 1.0 form `(elem $t ...)` the identifier names a table.
                let index = keyword == "elem" ? try elems.bind(nil, in: c) : try datas.bind(nil, in: c)
                if let id = c.takeId() { segmentIds.append((keyword == "elem", index, id, start)) }
            case "export", "start":
                break
            default:
                throw c.unexpected(keywordToken)
            }
            c.index = start
            c.skipParenthesized()
            scannedFields.append(start)
        }
        for (isElem, index, id, field) in segmentIds {
            let name = c.idName(id)
            if options.segmentTargetIdentifiers, isElem ? tables.names[name] != nil : memories.names[name] != nil {
                legacyTargetFields.insert(field)
            } else if isElem {
                try elems.bind(id, at: index, in: c)
            } else {
                try datas.bind(id, at: index, in: c)
            }
        }
        return scannedFields
    }

    /// Tables with inline `(elem ...)` and memories with inline `(data ...)` define a segment.
    private mutating func countInlineSegments(_ keyword: String) throws {
        guard keyword == "table" || keyword == "memory" else { return }
        var i = c.index
        let close = nextClose(from: i)
        while i < close {
            if c.tokens[i].kind == .leftParen {
                if c.isKeyword(c.tokens[i + 1], "elem") && keyword == "table" { _ = try elems.bind(nil, in: c) }
                if c.isKeyword(c.tokens[i + 1], "data") && keyword == "memory" { _ = try datas.bind(nil, in: c) }
                i = c.partner[i] + 1
            } else {
                i += 1
            }
        }
    }

    /// The index of the `)` closing the field the cursor is in.
    private func nextClose(from i: Int) -> Int {
        var j = i
        while j < c.tokens.count - 1 {
            switch c.tokens[j].kind {
            case .leftParen: j = c.partner[j] + 1
            case .rightParen: return j
            default: j += 1
            }
        }
        return j
    }

    private mutating func bind(_ keyword: String, _ id: Token?) throws {
        switch keyword {
        case "func": _ = try funcs.bind(id, in: c)
        case "table": _ = try tables.bind(id, in: c)
        case "memory": _ = try memories.bind(id, in: c)
        case "global": _ = try globals.bind(id, in: c)
        default: _ = try tags.bind(id, in: c)
        }
    }

    /// Reads every type definition (they may refer to each other in any order).
    private mutating func readTypes(_ fields: [Int]) throws {
        for field in fields {
            c.index = field
            if c.atField("type") {
                var definition: [UInt8] = []
                try typeDefinition(into: &definition, inRecursionGroup: false)
                typeSection += definition
                typeGroupCount += 1
            } else if c.atField("rec") {
                c.advance()
                c.advance()
                var group: [UInt8] = []
                var count = 0
                while c.atField("type") {
                    try typeDefinition(into: &group, inRecursionGroup: true)
                    count += 1
                }
                try c.expectRightParen()
                typeSection.append(0x4E)
                LEB.u32(count, &typeSection)
                typeSection += group
                typeGroupCount += 1
            }
        }
        for (i, t) in types.enumerated() where t.isPlainFunction {
            let key = FunctionSignatureKey(params: t.params, results: t.results)
            if plainFunctionTypes[key] == nil { plainFunctionTypes[key] = UInt32(i) }
        }
    }

    // MARK: Index references

    mutating func index(in space: KeyPath<ModuleParser, NameSpace>) throws -> UInt32 {
        let t = c.current
        let value = try self[keyPath: space].resolve(t, in: c)
        c.advance()
        return value
    }

    mutating func typeIndex() throws -> UInt32 { try index(in: \.typeNames) }

    /// An optional index (an identifier or a number at the cursor), else nil.
    mutating func optionalIndex(in space: KeyPath<ModuleParser, NameSpace>) throws -> UInt32? {
        guard c.kind == .id || c.kind == .integer else { return nil }
        return try index(in: space)
    }

    // MARK: Second pass

    private mutating func parseField() throws {
        try c.expectLeftParen()
        let keyword = c.text(c.current)
        c.advance()
        switch keyword {
        case "type", "rec": c.index -= 2; c.skipParenthesized(); return
        case "import": try importField()
        case "func": try functionField()
        case "table": try tableField()
        case "memory": try memoryField()
        case "global": try globalField()
        case "tag": try tagField()
        case "export": try exportField()
        case "start":
            let t = c.current
            let f = try index(in: \.funcs)
            if sections.start != nil { throw c.error("multiple start sections", at: t) }
            sections.start = f
        case "elem": try elementField()
        case "data": try dataField()
        default: throw c.unexpected()
        }
        try c.expectRightParen()
    }

    /// `(export "name")*` after a definition's identifier.
    private mutating func inlineExports(kind: UInt8, index: UInt32) throws {
        while c.atField("export") {
            c.advance()
            c.advance()
            let name = try c.expectName()
            try c.expectRightParen()
            LEB.bytes(name, &sections.exports.bytes)
            sections.exports.bytes.append(kind)
            LEB.unsigned(UInt64(index), &sections.exports.bytes)
            sections.exports.count += 1
        }
    }

    /// `(import "module" "name")` inside a definition, if present.
    private mutating func inlineImport() throws -> Bool {
        guard c.atField("import") else { return false }
        c.advance()
        c.advance()
        let module = try c.expectName()
        let name = try c.expectName()
        try c.expectRightParen()
        LEB.bytes(module, &sections.imports.bytes)
        LEB.bytes(name, &sections.imports.bytes)
        sections.imports.count += 1
        return true
    }

    private mutating func importField() throws {
        let module = try c.expectName()
        let name = try c.expectName()
        LEB.bytes(module, &sections.imports.bytes)
        LEB.bytes(name, &sections.imports.bytes)
        sections.imports.count += 1
        try c.expectLeftParen()
        let kind = c.text(c.current)
        c.advance()
        let id = c.takeId()
        switch kind {
        case "func":
            let index = functionIndexCounter.imported + functionIndexCounter.defined
            let nameAnnotation = c.nameAnnotation()
            let use = try typeUse(allowNames: true)
            let type = try resolve(use)
            sections.imports.bytes.append(0x00)
            LEB.unsigned(UInt64(type), &sections.imports.bytes)
            recordFunctionName(id: id, annotation: nameAnnotation, index: index)
            functionIndexCounter.imported += 1
        case "table":
            sections.imports.bytes.append(0x01)
            sections.imports.bytes += try tableType()
            tableIndexCounter += 1
        case "memory":
            sections.imports.bytes.append(0x02)
            sections.imports.bytes += try memoryType()
            memoryIndexCounter += 1
        case "global":
            sections.imports.bytes.append(0x03)
            sections.imports.bytes += try fieldType(storage: false)
            globalIndexCounter += 1
        default:
            tagIndexCounter += 1
            sections.imports.bytes.append(0x04)
            sections.imports.bytes.append(0x00)
            let use = try typeUse(allowNames: true)
            LEB.unsigned(UInt64(try resolve(use)), &sections.imports.bytes)
        }
        try c.expectRightParen()
    }

    /// Entries of each index space encoded so far (imports included).
    var functionIndexCounter = (imported: UInt32(0), defined: UInt32(0))
    var tableIndexCounter: UInt32 = 0
    var memoryIndexCounter: UInt32 = 0
    var globalIndexCounter: UInt32 = 0
    var tagIndexCounter: UInt32 = 0

    private mutating func functionField() throws {
        let id = c.takeId()
        let nameAnnotation = c.nameAnnotation()
        let index = functionIndexCounter.imported + functionIndexCounter.defined
        try inlineExports(kind: 0, index: index)
        if try inlineImport() {
            let use = try typeUse(allowNames: true)
            sections.imports.bytes.append(0x00)
            LEB.unsigned(UInt64(try resolve(use)), &sections.imports.bytes)
            functionIndexCounter.imported += 1
            recordFunctionName(id: id, annotation: nameAnnotation, index: index)
            return
        }
        functionIndexCounter.defined += 1
        recordFunctionName(id: id, annotation: nameAnnotation, index: index)
        let use = try typeUse(allowNames: true)
        let type = try resolve(use)
        LEB.unsigned(UInt64(type), &sections.functions.bytes)
        sections.functions.count += 1
        try functionBody(use: use, type: type, functionIndex: index)
    }

    private mutating func recordFunctionName(id: Token?, annotation: [UInt8]?, index: UInt32?) {
        guard let index else { return }
        if let annotation {
            names.functions.append((index, annotation))
        } else if let id {
            names.functions.append((index, Array(c.idName(id).utf8)))
        }
    }

    // MARK: Tables, memories, globals, tags

    /// `addrtype? limits reftype` (imports) into `out`.
    private mutating func tableType() throws -> [UInt8] {
        var out: [UInt8] = []
        let is64 = takeAddressType()
        let limits = try self.limits(is64: is64)
        out += try referenceType()
        encodeLimits(limits, is64: is64, shared: false, &out)
        tableIs64.append(is64)
        return out
    }

    private mutating func memoryType() throws -> [UInt8] {
        var out: [UInt8] = []
        let is64 = takeAddressType()
        let limits = try self.limits(is64: is64)
        let shared = c.takeKeyword("shared")
        encodeLimits(limits, is64: is64, shared: shared, &out)
        memoryIs64.append(is64)
        return out
    }

    private mutating func takeAddressType() -> Bool {
        if c.takeKeyword("i64") { return true }
        _ = c.takeKeyword("i32")
        return false
    }

    private mutating func limits(is64: Bool) throws -> (min: UInt64, max: UInt64?) {
        let bits = is64 || options.memory64 ? 64 : 32
        let min = try c.expectUnsigned(bits: bits)
        let max = c.kind == .integer ? try c.expectUnsigned(bits: bits) : nil
        return (min, max)
    }

    private func encodeLimits(_ limits: (min: UInt64, max: UInt64?), is64: Bool, shared: Bool, _ out: inout [UInt8]) {
        var flags: UInt8 = limits.max == nil ? 0 : 1
        if shared { flags |= 2 }
        if is64 { flags |= 4 }
        out.append(flags)
        LEB.unsigned(limits.min, &out)
        if let max = limits.max { LEB.unsigned(max, &out) }
    }

    /// `$id? (export ...)* (import ...)?` of a table, memory, global or tag: its index, and
    /// whether it is an import (then written up to its description).
    private mutating func definitionHead(kind: UInt8, counter: WritableKeyPath<ModuleParser, UInt32>) throws
        -> (index: UInt32, imported: Bool) {
        _ = c.takeId()
        let index = self[keyPath: counter]
        self[keyPath: counter] += 1
        try inlineExports(kind: kind, index: index)
        let imported = try inlineImport()
        if imported { sections.imports.bytes.append(kind) }
        return (index, imported)
    }

    private mutating func tableField() throws {
        let (index, imported) = try definitionHead(kind: 1, counter: \.tableIndexCounter)
        if imported {
            sections.imports.bytes += try tableType()
            return
        }
        let is64 = takeAddressType()
        var out: [UInt8] = []
        if c.kind == .integer {
            let limits = try self.limits(is64: is64)
            let elementType = try referenceType()
            tableIs64.append(is64)
            if c.kind == .rightParen {
                out += elementType
                encodeLimits(limits, is64: is64, shared: false, &out)
            } else {
                out += [0x40, 0x00] + elementType
                encodeLimits(limits, is64: is64, shared: false, &out)
                var body = BodyContext()
                try expression(into: &out, &body)
            }
        } else {
            // `reftype (elem ...)`: a table exactly as large as its inline segment.
            let elementType = try referenceType()
            tableIs64.append(is64)
            guard c.atField("elem") else { throw c.unexpected() }
            c.advance()
            c.advance()
            var segment: [UInt8] = []
            let count: Int
            let offset: [UInt8] = is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B]
            if c.kind == .leftParen || (elementType != [0x70] && elementType != [0x64, 0x70]) {
                // Function indices stand for `(ref func)`: other tables get `ref.func` expressions.
                var items = try elementExpressions()
                while c.kind != .rightParen {
                    var e: [UInt8] = [0xD2]
                    LEB.unsigned(UInt64(try self.index(in: \.funcs)), &e)
                    items.append(e + [0x0B])
                }
                count = items.count
                encodeElementSegment(mode: .active(table: index, offset: offset), type: elementType, items: .expressions(items),
                                     &segment)
            } else {
                var indices: [UInt32] = []
                while c.kind != .rightParen { indices.append(try self.index(in: \.funcs)) }
                count = indices.count
                encodeElementSegment(mode: .active(table: index, offset: offset), type: elementType, items: .functions(indices),
                                     &segment)
            }
            try c.expectRightParen()
            sections.elements.bytes += segment
            sections.elements.count += 1
            out += elementType
            encodeLimits((UInt64(count), UInt64(count)), is64: is64, shared: false, &out)
        }
        sections.tables.bytes += out
        sections.tables.count += 1
    }

    private mutating func memoryField() throws {
        let (index, imported) = try definitionHead(kind: 2, counter: \.memoryIndexCounter)
        if imported {
            sections.imports.bytes += try memoryType()
            return
        }
        if c.kind == .integer || ((c.atKeyword("i32") || c.atKeyword("i64")) && c.token(at: 1).kind == .integer) {
            sections.memories.bytes += try memoryType()
        } else {
            let is64 = takeAddressType()
            memoryIs64.append(is64)
            guard c.atField("data") else { throw c.unexpected() }
            c.advance()
            c.advance()
            var content: [UInt8] = []
            while c.kind == .string { content += try c.expectString() }
            try c.expectRightParen()
            let pages = (UInt64(content.count) + 65535) / 65536
            encodeLimits((pages, pages), is64: is64, shared: false, &sections.memories.bytes)
            var segment: [UInt8] = []
            encodeDataSegment(memory: index, offset: is64 ? [0x42, 0x00, 0x0B] : [0x41, 0x00, 0x0B], content, &segment)
            sections.data.bytes += segment
            sections.data.count += 1
        }
        sections.memories.count += 1
    }

    private mutating func globalField() throws {
        if try definitionHead(kind: 3, counter: \.globalIndexCounter).imported {
            sections.imports.bytes += try fieldType(storage: false)
            return
        }
        sections.globals.bytes += try fieldType(storage: false)
        var body = BodyContext()
        var initializer: [UInt8] = []
        try expression(into: &initializer, &body)
        sections.globals.bytes += initializer
        sections.globals.count += 1
    }

    private mutating func tagField() throws {
        let imported = try definitionHead(kind: 4, counter: \.tagIndexCounter).imported
        let use = try typeUse(allowNames: true)
        let type = try resolve(use)
        var out: [UInt8] = [0x00]
        LEB.unsigned(UInt64(type), &out)
        if imported {
            sections.imports.bytes += out
        } else {
            sections.tags.bytes += out
            sections.tags.count += 1
        }
    }

    private mutating func exportField() throws {
        let name = try c.expectName()
        try c.expectLeftParen()
        let kindToken = c.current
        let kind: UInt8
        let space: KeyPath<ModuleParser, NameSpace>
        switch c.text(kindToken) {
        case "func": kind = 0; space = \.funcs
        case "table": kind = 1; space = \.tables
        case "memory": kind = 2; space = \.memories
        case "global": kind = 3; space = \.globals
        case "tag": kind = 4; space = \.tags
        default: throw c.unexpected()
        }
        c.advance()
        let target = try self.index(in: space)
        try c.expectRightParen()
        LEB.bytes(name, &sections.exports.bytes)
        sections.exports.bytes.append(kind)
        LEB.unsigned(UInt64(target), &sections.exports.bytes)
        sections.exports.count += 1
    }
}

/// A section's entries, encoded back to back, and how many there are.
struct SectionBuffer {
    var bytes: [UInt8] = []
    var count = 0
}
