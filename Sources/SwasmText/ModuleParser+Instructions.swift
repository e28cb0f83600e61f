/// What an instruction sequence can refer to by name: the function's locals and the labels of
/// the enclosing blocks (innermost last).
struct BodyContext {
    var locals: [String: UInt32] = [:]
    var labels: [String?] = []
}

extension ModuleParser {
    // MARK: Function bodies

    mutating func functionBody(use: TypeUse, type: UInt32, functionIndex: UInt32) throws {
        var body = BodyContext()
        var localCount: UInt32 = 0
        var localNames: [(UInt32, [UInt8])] = []
        func bindLocal(_ id: Token?, _ annotation: [UInt8]?) throws {
            if let id {
                let name = c.idName(id)
                if body.locals[name] != nil { throw c.error("duplicate local $\(name)", at: id) }
                body.locals[name] = localCount
            }
            if let name = annotation ?? id.map({ Array(c.idName($0).utf8) }) { localNames.append((localCount, name)) }
            localCount += 1
        }
        if use.index != nil && !use.hasInline {
            // An unknown type is for the validator to reject; its locals are numbered from 0.
            localCount = UInt32(parameters(ofType: type)?.count ?? 0)
        } else {
            for name in use.paramNames { try bindLocal(name, nil) }
        }
        var groups: [(count: UInt32, type: [UInt8])] = []
        while c.atField("local") {
            c.advance()
            c.advance()
            if let id = c.takeId() {
                let annotation = c.nameAnnotation()
                let t = try valueType()
                try bindLocal(id, annotation)
                appendLocal(t, &groups)
            } else {
                while c.kind != .rightParen {
                    let t = try valueType()
                    try bindLocal(nil, nil)
                    appendLocal(t, &groups)
                }
            }
            try c.expectRightParen()
        }
        var code: [UInt8] = []
        LEB.u32(groups.count, &code)
        for g in groups {
            LEB.unsigned(UInt64(g.count), &code)
            code += g.type
        }
        try expression(into: &code, &body)
        LEB.bytes(code, &sections.code.bytes)
        sections.code.count += 1
        if !localNames.isEmpty { names.locals.append((functionIndex, localNames)) }
    }

    private func appendLocal(_ type: [UInt8], _ groups: inout [(count: UInt32, type: [UInt8])]) {
        if let last = groups.last, last.type == type {
            groups[groups.count - 1].count += 1
        } else {
            groups.append((1, type))
        }
    }

    /// Instructions up to the closing parenthesis (not consumed), then `end`.
    mutating func expression(into out: inout [UInt8], _ body: inout BodyContext) throws {
        try instructions(into: &out, &body)
        guard c.kind == .rightParen else { throw c.unexpected() }
        out.append(0x0B)
    }

    /// Instructions, flat or folded, up to a `)`, `end` or `else` (not consumed).
    mutating func instructions(into out: inout [UInt8], _ body: inout BodyContext) throws {
        while true {
            switch c.kind {
            case .leftParen:
                try foldedInstruction(into: &out, &body)
            case .keyword:
                if c.atKeyword("end") || c.atKeyword("else") { return }
                try flatInstruction(into: &out, &body)
            case .rightParen:
                return
            default:
                throw c.unexpected()
            }
        }
    }

    private mutating func instructionInfo() throws -> InstructionInfo {
        guard c.kind == .keyword, let info = InstructionTable.table[c.text(c.current)] else { throw c.unexpected() }
        return info
    }

    private mutating func flatInstruction(into out: inout [UInt8], _ body: inout BodyContext) throws {
        let info = try instructionInfo()
        switch info.immediates {
        case .block, .if, .tryTable:
            c.advance()
            let label = try blockHead(info, into: &out, &body)
            try instructions(into: &out, &body)
            if info.immediates == .if, c.atKeyword("else") {
                c.advance()
                try matchLabel(label)
                try elseBranch(into: &out, &body)
            }
            try c.expectKeyword("end")
            try matchLabel(label)
            body.labels.removeLast()
            out.append(0x0B)
        default:
            c.advance()
            try plainImmediates(info, into: &out, &body)
        }
    }

    /// `label? blocktype` (and a try_table's catches) after `block`, `loop` or `try_table`:
    /// emits the opcode and block type, opens the label.
    private mutating func blockHead(_ info: InstructionInfo, into out: inout [UInt8], _ body: inout BodyContext) throws -> Token? {
        let label = c.takeId()
        out.append(UInt8(info.code))
        if info.immediates == .tryTable {
            try tryTableHead(into: &out, &body)
        } else {
            out += try blockType()
        }
        body.labels.append(label.map { c.idName($0) })
        return label
    }

    /// `else` and its instructions (left out when empty and short forms are preferred).
    private mutating func elseBranch(into out: inout [UInt8], _ body: inout BodyContext) throws {
        let elseStart = out.count
        out.append(0x05)
        try instructions(into: &out, &body)
        if options.preferShortForms && out.count == elseStart + 1 { out.removeLast() }
    }

    /// After `end` or `else`: an optional label that must repeat the block's own.
    private mutating func matchLabel(_ label: Token?) throws {
        guard let id = c.takeId() else { return }
        guard let label, c.idName(label) == c.idName(id) else { throw c.error("mismatching label", at: id) }
    }

    mutating func foldedInstruction(into out: inout [UInt8], _ body: inout BodyContext) throws {
        try c.expectLeftParen()
        let info = try instructionInfo()
        c.advance()
        switch info.immediates {
        case .block, .tryTable:
            _ = try blockHead(info, into: &out, &body)
            try instructions(into: &out, &body)
            body.labels.removeLast()
            out.append(0x0B)
        case .if:
            let label = c.takeId()
            let type = try blockType()
            // The condition: folded instructions before `(then`.
            while c.kind == .leftParen && !c.atField("then") { try foldedInstruction(into: &out, &body) }
            out.append(0x04)
            out += type
            body.labels.append(label.map { c.idName($0) })
            guard c.atField("then") else { throw c.unexpected() }
            c.advance()
            c.advance()
            try instructions(into: &out, &body)
            try c.expectRightParen()
            if c.atField("else") {
                c.advance()
                c.advance()
                try elseBranch(into: &out, &body)
                try c.expectRightParen()
            }
            body.labels.removeLast()
            out.append(0x0B)
        default:
            var op: [UInt8] = []
            try plainImmediates(info, into: &op, &body)
            while c.kind == .leftParen { try foldedInstruction(into: &out, &body) }
            out += op
        }
        try c.expectRightParen()
    }

    /// `(type x)? (param ...)* (result ...)*` of a block: empty, one value type, or a type index.
    mutating func blockType() throws -> [UInt8] {
        let use = try typeUse(allowNames: false)
        if use.index != nil && use.hasInline { _ = try resolve(use) }  // checks the inline signature
        if use.index == nil && use.params.isEmpty && use.results.count <= 1 {
            return use.results.first ?? [0x40]
        }
        if options.preferShortForms, let index = use.index, Int(index) < types.count, types[Int(index)].kind == .function,
           types[Int(index)].params.isEmpty, types[Int(index)].results.count <= 1 {
            return types[Int(index)].results.first ?? [0x40]
        }
        var out: [UInt8] = []
        LEB.signed(Int64(try resolve(use)), &out)
        return out
    }

    /// A try_table's block type and catch clauses (whose labels are outside the block).
    private mutating func tryTableHead(into out: inout [UInt8], _ body: inout BodyContext) throws {
        out += try blockType()
        var clauses: [UInt8] = []
        var count = 0
        while c.kind == .leftParen, let word = c.fieldKeyword(),
              word == "catch" || word == "catch_ref" || word == "catch_all" || word == "catch_all_ref" {
            c.advance()
            c.advance()
            switch word {
            case "catch", "catch_ref":
                clauses.append(word == "catch" ? 0 : 1)
                LEB.unsigned(UInt64(try index(in: \.tags)), &clauses)
            default:
                clauses.append(word == "catch_all" ? 2 : 3)
            }
            LEB.unsigned(UInt64(try labelIndex(body)), &clauses)
            try c.expectRightParen()
            count += 1
        }
        LEB.u32(count, &out)
        out += clauses
    }

    private mutating func labelIndex(_ body: BodyContext) throws -> UInt32 {
        let t = c.current
        if t.kind == .id {
            let name = c.idName(t)
            guard let i = body.labels.lastIndex(where: { $0 == name }) else { throw c.error("unknown label \(c.text(t))", at: t) }
            c.advance()
            return UInt32(body.labels.count - 1 - i)
        }
        guard t.kind == .integer else { throw c.unexpected() }
        return try c.expectU32()
    }

    // MARK: Immediates

    /// The opcode and immediates of a non-structured instruction, the name already consumed.
    private mutating func plainImmediates(_ info: InstructionInfo, into out: inout [UInt8], _ body: inout BodyContext) throws {
        switch info.immediates {
        case .none:
            info.emitOpcode(&out)
        case .label:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try labelIndex(body)), &out)
        case .brTable:
            info.emitOpcode(&out)
            var labels: [UInt32] = []
            while c.kind == .id || c.kind == .integer { labels.append(try labelIndex(body)) }
            guard let last = labels.popLast() else { throw c.unexpected() }
            LEB.u32(labels.count, &out)
            for l in labels { LEB.unsigned(UInt64(l), &out) }
            LEB.unsigned(UInt64(last), &out)
        case .function:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try index(in: \.funcs)), &out)
        case .callIndirect:
            info.emitOpcode(&out)
            let table = try optionalIndex(in: \.tables) ?? 0
            let use = try typeUse(allowNames: false)
            LEB.unsigned(UInt64(try resolve(use)), &out)
            LEB.unsigned(UInt64(table), &out)
        case .type:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try typeIndex()), &out)
        case .local:
            info.emitOpcode(&out)
            let t = c.current
            if t.kind == .id {
                guard let index = body.locals[c.idName(t)] else { throw c.error("unknown local \(c.text(t))", at: t) }
                c.advance()
                LEB.unsigned(UInt64(index), &out)
            } else {
                LEB.unsigned(UInt64(try c.expectU32()), &out)
            }
        case .global:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try index(in: \.globals)), &out)
        case .table:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try optionalIndex(in: \.tables) ?? 0), &out)
        case .tableCopy:
            info.emitOpcode(&out)
            try destinationAndSource(in: \.tables, into: &out)
        case .tableInit:
            info.emitOpcode(&out)
            try segmentAndTarget(segments: \.elems, targets: \.tables, into: &out)
        case .elem:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try index(in: \.elems)), &out)
        case .memarg:
            info.emitOpcode(&out)
            let memory = try optionalIndex(in: \.memories) ?? 0
            try memoryArgument(natural: info.alignment, memory: memory, into: &out)
        case .memargLane:
            info.emitOpcode(&out)
            // `memidx? memarg laneidx`: a leading number is the memory only if another follows.
            var memory: UInt32 = 0
            if c.kind == .id || (c.kind == .integer && (c.token(at: 1).kind == .integer || isMemoryArgumentKeyword(c.token(at: 1)))) {
                memory = try index(in: \.memories)
            }
            try memoryArgument(natural: info.alignment, memory: memory, into: &out)
            out.append(try laneIndex())
        case .memory:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try optionalIndex(in: \.memories) ?? 0), &out)
        case .memoryCopy:
            info.emitOpcode(&out)
            try destinationAndSource(in: \.memories, into: &out)
        case .memoryInit:
            sections.needsDataCount = true
            info.emitOpcode(&out)
            try segmentAndTarget(segments: \.datas, targets: \.memories, into: &out)
        case .data:
            sections.needsDataCount = true
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try index(in: \.datas)), &out)
        case .i32:
            info.emitOpcode(&out)
            LEB.signed(Int64(Int32(truncatingIfNeeded: try c.expectInteger(bits: 32))), &out)
        case .i64:
            info.emitOpcode(&out)
            LEB.signed(Int64(bitPattern: try c.expectInteger(bits: 64)), &out)
        case .f32:
            info.emitOpcode(&out)
            LEB.littleEndian(try c.expectFloat(bits: 32), bytes: 4, &out)
        case .f64:
            info.emitOpcode(&out)
            LEB.littleEndian(try c.expectFloat(bits: 64), bytes: 8, &out)
        case .v128:
            info.emitOpcode(&out)
            out += try vectorLiteral()
        case .lane:
            info.emitOpcode(&out)
            out.append(try laneIndex())
        case .shuffle:
            info.emitOpcode(&out)
            for _ in 0..<16 {
                switch c.kind {
                case .integer, .float:
                    let t = c.current
                    guard t.kind == .integer, let (v, _, signed) = NumberSyntax.integer(c.bytes, t.start, t.end), !signed,
                          v <= 255 else { throw c.error("malformed lane index: i8 constant out of range", at: t) }
                    c.advance()
                    out.append(UInt8(v))
                case .leftParen, .rightParen:
                    throw c.error("invalid lane length")
                default:
                    throw c.unexpected()
                }
            }
            if c.kind == .integer || c.kind == .float { throw c.error("invalid lane length") }
        case .select:
            var types: [[UInt8]] = []
            var typed = false
            while c.atField("result") {
                typed = true
                c.advance()
                c.advance()
                while c.kind != .rightParen { types.append(try valueType()) }
                try c.expectRightParen()
            }
            if typed {
                out.append(0x1C)
                LEB.u32(types.count, &out)
                for t in types { out += t }
            } else {
                info.emitOpcode(&out)
            }
        case .heapType:
            info.emitOpcode(&out)
            out += try heapType()
        case .refType:
            let (nullable, heap) = try referenceTypeParts()
            var op = info
            if nullable { op.code += 1 }
            op.emitOpcode(&out)
            out += heap
        case .brOnCast:
            info.emitOpcode(&out)
            let label = try labelIndex(body)
            let (null1, heap1) = try referenceTypeParts()
            let (null2, heap2) = try referenceTypeParts()
            out.append((null1 ? 1 : 0) | (null2 ? 2 : 0))
            LEB.unsigned(UInt64(label), &out)
            out += heap1
            out += heap2
        case .structField:
            info.emitOpcode(&out)
            let type = try typeIndex()
            LEB.unsigned(UInt64(type), &out)
            let t = c.current
            if t.kind == .id {
                guard Int(type) < types.count, let field = types[Int(type)].fieldNames[c.idName(t)] else {
                    throw c.error("unknown field \(c.text(t))", at: t)
                }
                c.advance()
                LEB.unsigned(UInt64(field), &out)
            } else {
                LEB.unsigned(UInt64(try c.expectU32()), &out)
            }
        case .arrayFixed:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try typeIndex()), &out)
            LEB.unsigned(UInt64(try c.expectU32()), &out)
        case .typeData:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try typeIndex()), &out)
            LEB.unsigned(UInt64(try index(in: \.datas)), &out)
            sections.needsDataCount = true
        case .typeElem:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try typeIndex()), &out)
            LEB.unsigned(UInt64(try index(in: \.elems)), &out)
        case .typeType:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try typeIndex()), &out)
            LEB.unsigned(UInt64(try typeIndex()), &out)
        case .tag:
            info.emitOpcode(&out)
            LEB.unsigned(UInt64(try index(in: \.tags)), &out)
        case .block, .if, .tryTable:
            throw c.unexpected()
        }
    }

    /// `table.copy` / `memory.copy`: both indices or neither (0 and 0).
    private mutating func destinationAndSource(in space: KeyPath<ModuleParser, NameSpace>, into out: inout [UInt8]) throws {
        let destination = try optionalIndex(in: space)
        let source = destination == nil ? nil : try index(in: space)
        LEB.unsigned(UInt64(destination ?? 0), &out)
        LEB.unsigned(UInt64(source ?? 0), &out)
    }

    /// `table.init` / `memory.init`: `target? segment`, encoded as the segment then the target.
    private mutating func segmentAndTarget(segments: KeyPath<ModuleParser, NameSpace>, targets: KeyPath<ModuleParser, NameSpace>,
                                           into out: inout [UInt8]) throws {
        let twoIndices = c.token(at: 1).kind == .id || c.token(at: 1).kind == .integer
        let target = twoIndices ? try index(in: targets) : 0
        LEB.unsigned(UInt64(try index(in: segments)), &out)
        LEB.unsigned(UInt64(target), &out)
    }

    /// `offset=N? align=N?`, encoded as the alignment exponent (with bit 6 set when a memory
    /// index follows), the memory index when it is not 0, and the offset.
    private mutating func memoryArgument(natural: UInt8, memory: UInt32, into out: inout [UInt8]) throws {
        var offset: UInt64 = 0
        var alignment = natural
        if c.kind == .keyword, NumberSyntax.hasPrefix(c.bytes, c.current.start, c.current.end, "offset=") {
            offset = try keywordValue(prefix: 7, bits: options.memory64 ? 64 : 32)
        }
        if c.kind == .keyword, NumberSyntax.hasPrefix(c.bytes, c.current.start, c.current.end, "align=") {
            let t = c.current
            let value = try keywordValue(prefix: 6, bits: 64)
            guard value != 0, value & (value - 1) == 0 else { throw c.error("alignment must be a power of two", at: t) }
            alignment = UInt8(value.trailingZeroBitCount)
        }
        if memory != 0 {
            LEB.unsigned(UInt64(alignment) | 0x40, &out)
            LEB.unsigned(UInt64(memory), &out)
        } else {
            LEB.unsigned(UInt64(alignment), &out)
        }
        LEB.unsigned(offset, &out)
    }

    private func isMemoryArgumentKeyword(_ t: Token) -> Bool {
        t.kind == .keyword && (NumberSyntax.hasPrefix(c.bytes, t.start, t.end, "offset=")
            || NumberSyntax.hasPrefix(c.bytes, t.start, t.end, "align="))
    }

    /// The number in `offset=N` / `align=N`.
    private mutating func keywordValue(prefix: Int, bits: Int) throws -> UInt64 {
        let t = c.current
        let start = t.start + prefix
        guard start < t.end, NumberSyntax.classify(c.bytes, start, t.end) == .integer,
              c.bytes[start] != UInt8(ascii: "+"), c.bytes[start] != UInt8(ascii: "-") else {
            throw c.unexpected()
        }
        guard let (value, _, _) = NumberSyntax.integer(c.bytes, start, t.end),
              bits == 64 || value >> UInt64(bits) == 0 else {
            throw c.error("i\(bits) constant out of range", at: t)
        }
        c.advance()
        return value
    }

    private mutating func laneIndex() throws -> UInt8 {
        let t = c.current
        guard t.kind == .integer, let (value, _, signed) = NumberSyntax.integer(c.bytes, t.start, t.end), !signed else {
            throw c.unexpected()
        }
        // 2.0's words, and 3.0's.
        guard value <= 255 else { throw c.error("malformed lane index: i8 constant out of range", at: t) }
        c.advance()
        return UInt8(value)
    }

    /// `shape lane*` of a `v128.const`, as 16 bytes.
    mutating func vectorLiteral() throws -> [UInt8] {
        let (lanes, bits, isFloat) = try c.vectorShape()
        // The count is checked before the values, as the reference interpreter does.
        for k in 0...lanes {
            let t = c.token(at: k)
            let isNumber = t.kind == .integer || t.kind == .float
            if k == lanes {
                if isNumber { throw c.error("wrong number of lane literals", at: t) }
            } else if !isNumber {
                if t.kind == .leftParen || t.kind == .rightParen { throw c.error("wrong number of lane literals", at: t) }
                throw c.unexpected(t)
            }
        }
        var out: [UInt8] = []
        for _ in 0..<lanes {
            let value = isFloat ? try c.expectFloat(bits: bits) : try c.expectInteger(bits: bits)
            LEB.littleEndian(value, bytes: bits / 8, &out)
        }
        return out
    }
}
