/// Element and data segments: their modes, element lists and binary encodings.
extension ModuleParser {
    enum SegmentMode {
        case passive
        case declarative
        /// `offset` is an encoded constant expression (with its `end`).
        /// `explicit`: the table was named (`(table x)`), so the encoding names it too.
        case active(table: UInt32, offset: [UInt8], explicit: Bool = false)
    }

    enum ElementItems {
        case functions([UInt32])
        /// Encoded constant expressions, each with its `end`.
        case expressions([[UInt8]])
    }

    /// `(elem $id? mode elemlist)`.
    mutating func elementField() throws {
        let legacyTable = legacyTargetFields.contains(c.index - 2) && c.kind == .id
        if !legacyTable { _ = c.takeId() }
        var mode = SegmentMode.passive
        if c.takeKeyword("declare") {
            mode = .declarative
        } else {
            var table: UInt32?
            let explicitTable = c.atField("table")
            if c.atField("table") {
                c.advance()
                c.advance()
                table = try index(in: \.tables)
                try c.expectRightParen()
            } else if c.kind == .integer || legacyTable {
                table = try index(in: \.tables)  // the 1.0 form `(elem 0 (offset ...) ...)`
            }
            if let offset = try offsetExpression() {
                mode = .active(table: table ?? 0, offset: offset, explicit: explicitTable)
            } else if table != nil {
                throw c.unexpected()
            }
        }
        let items: ElementItems
        var type: [UInt8] = [0x70]
        if c.takeKeyword("func") {
            items = .functions(try functionIndices())
        } else if c.kind == .keyword || c.atField("ref") {
            type = try referenceType()
            items = .expressions(try elementExpressions())
        } else if case .active = mode {
            items = .functions(try functionIndices())  // `(elem (offset ...) $f $g)`
        } else {
            throw c.unexpected()
        }
        encodeElementSegment(mode: mode, type: type, items: items, &sections.elements.bytes)
        sections.elements.count += 1
    }

    private mutating func functionIndices() throws -> [UInt32] {
        var indices: [UInt32] = []
        while c.kind == .id || c.kind == .integer { indices.append(try index(in: \.funcs)) }
        return indices
    }

    /// `(offset instr*)` or a single folded instruction; nil when neither is there.
    private mutating func offsetExpression() throws -> [UInt8]? {
        var out: [UInt8] = []
        var body = BodyContext()
        if c.atField("offset") {
            c.advance()
            c.advance()
            try expression(into: &out, &body)
            try c.expectRightParen()
            return out
        }
        guard c.kind == .leftParen, let word = c.fieldKeyword(), word != "item", word != "ref",
              InstructionTable.table[word] != nil else { return nil }
        try foldedInstruction(into: &out, &body)
        out.append(0x0B)
        return out
    }

    /// `(item instr*)` or `(instr)` items up to the closing parenthesis.
    mutating func elementExpressions() throws -> [[UInt8]] {
        var items: [[UInt8]] = []
        var body = BodyContext()
        while c.kind == .leftParen {
            var out: [UInt8] = []
            if c.atField("item") {
                c.advance()
                c.advance()
                try expression(into: &out, &body)
                try c.expectRightParen()
            } else {
                try foldedInstruction(into: &out, &body)
                out.append(0x0B)
            }
            items.append(out)
        }
        return items
    }

    func encodeElementSegment(mode: SegmentMode, type: [UInt8], items: ElementItems, _ out: inout [UInt8]) {
        func vector(_ out: inout [UInt8]) {
            switch items {
            case .functions(let f):
                LEB.u32(f.count, &out)
                for x in f { LEB.unsigned(UInt64(x), &out) }
            case .expressions(let e):
                LEB.u32(e.count, &out)
                for x in e { out += x }
            }
        }
        let isFunctions: Bool
        if case .functions = items { isFunctions = true } else { isFunctions = false }
        let kind: [UInt8] = isFunctions ? [0x00] : type
        switch mode {
        case .active(let table, let offset, let explicit):
            if table == 0 && (!explicit || options.preferShortForms) && (isFunctions || type == [0x70]) {
                out.append(isFunctions ? 0 : 4)
                out += offset
            } else {
                out.append(isFunctions ? 2 : 6)
                LEB.unsigned(UInt64(table), &out)
                out += offset
                out += kind
            }
        case .passive:
            out.append(isFunctions ? 1 : 5)
            out += kind
        case .declarative:
            out.append(isFunctions ? 3 : 7)
            out += kind
        }
        vector(&out)
    }

    /// `(data $id? (memory x)? offset? string*)`.
    mutating func dataField() throws {
        let legacyMemory = legacyTargetFields.contains(c.index - 2) && c.kind == .id
        if !legacyMemory { _ = c.takeId() }
        var memory: UInt32?
        let explicitMemory = c.atField("memory")
        if c.atField("memory") {
            c.advance()
            c.advance()
            memory = try index(in: \.memories)
            try c.expectRightParen()
        } else if c.kind == .integer || legacyMemory {
            memory = try index(in: \.memories)  // the 1.0 form `(data 0 (offset ...) ...)`
        }
        let offset = try offsetExpression()
        if memory != nil && offset == nil { throw c.unexpected() }
        var content: [UInt8] = []
        while c.kind == .string { content += try c.expectString() }
        if let offset {
            encodeDataSegment(memory: memory ?? 0, explicit: explicitMemory, offset: offset, content, &sections.data.bytes)
        } else {
            sections.data.bytes.append(1)
            LEB.bytes(content, &sections.data.bytes)
        }
        sections.data.count += 1
    }

    func encodeDataSegment(memory: UInt32, explicit: Bool = false, offset: [UInt8], _ content: [UInt8], _ out: inout [UInt8]) {
        if memory == 0 && (!explicit || options.preferShortForms) {
            out.append(0)
        } else {
            out.append(2)
            LEB.unsigned(UInt64(memory), &out)
        }
        out += offset
        LEB.bytes(content, &out)
    }
}
