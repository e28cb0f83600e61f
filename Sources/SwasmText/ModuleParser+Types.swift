/// A type definition, as far as the rest of the module needs it: implicit type uses are matched
/// against function types, and struct field names are resolved per type.
struct DefinedType {
    enum Kind { case function, structure, array }
    var kind: Kind
    /// Encoded value types.
    var params: [[UInt8]] = []
    var results: [[UInt8]] = []
    var fieldNames: [String: UInt32] = [:]
    /// A function type defined outside `rec`: only such a type can stand for an inline
    /// `(param ...) (result ...)` type use.
    var isPlainFunction = false
}

/// Abstract heap types and the reference type shorthands, with their binary encodings.
enum HeapTypes {
    static let abstract: [String: UInt8] = [
        "func": 0x70, "extern": 0x6F, "any": 0x6E, "eq": 0x6D, "i31": 0x6C, "struct": 0x6B, "array": 0x6A,
        "exn": 0x69, "none": 0x71, "noextern": 0x72, "nofunc": 0x73, "noexn": 0x74,
    ]
    /// `funcref` = `(ref null func)` and so on.
    static let shorthand: [String: UInt8] = [
        "funcref": 0x70, "externref": 0x6F, "anyref": 0x6E, "eqref": 0x6D, "i31ref": 0x6C, "structref": 0x6B,
        "arrayref": 0x6A, "exnref": 0x69, "nullref": 0x71, "nullexternref": 0x72, "nullfuncref": 0x73,
        "nullexnref": 0x74,
    ]
    static let numeric: [String: UInt8] = ["i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C, "v128": 0x7B]
}

extension ModuleParser {
    // MARK: Value and reference types

    /// A value type, encoded.
    mutating func valueType() throws -> [UInt8] {
        let t = c.current
        if t.kind == .keyword {
            let word = c.text(t)
            if let b = HeapTypes.numeric[word] ?? HeapTypes.shorthand[word] {
                c.advance()
                return [b]
            }
            throw c.unexpected()
        }
        if c.atField("ref") { return try referenceType() }
        throw c.unexpected()
    }

    /// `(ref null? heaptype)` or a shorthand such as `funcref`; `(ref null <abstract>)` takes the
    /// one-byte shorthand encoding.
    mutating func referenceType() throws -> [UInt8] {
        if c.current.kind == .keyword, let b = HeapTypes.shorthand[c.text(c.current)] {
            c.advance()
            return [b]
        }
        let (nullable, heap) = try referenceTypeParts()
        if nullable && heap.count == 1 && heap[0] >= 0x69 && heap[0] <= 0x74 { return heap }
        return [nullable ? 0x63 : 0x64] + heap
    }

    /// `(ref null? heaptype)` or a shorthand, as (nullable, encoded heap type).
    mutating func referenceTypeParts() throws -> (nullable: Bool, heap: [UInt8]) {
        if c.current.kind == .keyword, let b = HeapTypes.shorthand[c.text(c.current)] {
            c.advance()
            return (true, [b])
        }
        guard c.atField("ref") else { throw c.unexpected() }
        c.advance()
        c.advance()
        let nullable = c.takeKeyword("null")
        let heap = try heapType()
        try c.expectRightParen()
        return (nullable, heap)
    }

    /// An abstract heap type or a type index, encoded (the index as s33).
    mutating func heapType() throws -> [UInt8] {
        let t = c.current
        if t.kind == .keyword {
            guard let b = HeapTypes.abstract[c.text(t)] else { throw c.unexpected() }
            c.advance()
            return [b]
        }
        let index = try typeIndex()
        var out: [UInt8] = []
        LEB.signed(Int64(index), &out)
        return out
    }

    /// A storage type: a value type or a packed `i8`/`i16`.
    mutating func storageType() throws -> [UInt8] {
        if c.atKeyword("i8") { c.advance(); return [0x78] }
        if c.atKeyword("i16") { c.advance(); return [0x77] }
        return try valueType()
    }

    /// `(mut t)` or `t`, encoded as the type then the mutability byte.
    mutating func fieldType(storage: Bool) throws -> [UInt8] {
        if c.atField("mut") {
            c.advance()
            c.advance()
            let t = storage ? try storageType() : try valueType()
            try c.expectRightParen()
            return t + [1]
        }
        return (storage ? try storageType() : try valueType()) + [0]
    }

    // MARK: Type definitions

    /// `(type $id? subtype)`; the type's index was bound in the first pass.
    mutating func typeDefinition(into out: inout [UInt8], inRecursionGroup: Bool) throws {
        try c.expectLeftParen()
        try c.expectKeyword("type")
        _ = c.takeId()
        var isFinal = true
        var supertypes: [UInt32] = []
        let hasSub = c.atField("sub")
        if hasSub {
            c.advance()
            c.advance()
            isFinal = c.takeKeyword("final")
            while c.kind == .id || c.kind == .integer { supertypes.append(try typeIndex()) }
        }
        var definition = try compositeType()
        if hasSub { try c.expectRightParen() }
        try c.expectRightParen()
        // As wasm-tools does: any function type defined outside `rec` (final or not) can stand for
        // an inline signature.
        definition.type.isPlainFunction = definition.type.kind == .function && !inRecursionGroup
        if !isFinal || !supertypes.isEmpty {
            out.append(isFinal ? 0x4F : 0x50)
            LEB.u32(supertypes.count, &out)
            for s in supertypes { LEB.unsigned(UInt64(s), &out) }
        }
        out += definition.encoding
        types.append(definition.type)
    }

    /// `(func ...)`, `(struct ...)` or `(array ...)`.
    mutating func compositeType() throws -> (type: DefinedType, encoding: [UInt8]) {
        try c.expectLeftParen()
        var out: [UInt8] = []
        if c.takeKeyword("func") {
            var type = DefinedType(kind: .function)
            let signature = try functionSignature(allowNames: true)
            type.params = signature.params
            type.results = signature.results
            out.append(0x60)
            encodeSignature(type.params, type.results, &out)
            try c.expectRightParen()
            return (type, out)
        }
        if c.takeKeyword("struct") {
            var type = DefinedType(kind: .structure)
            var fields: [[UInt8]] = []
            while c.atField("field") {
                c.advance()
                c.advance()
                if let id = c.takeId() {
                    let name = c.idName(id)
                    if type.fieldNames[name] != nil { throw c.error("duplicate field $\(name)", at: id) }
                    type.fieldNames[name] = UInt32(fields.count)
                    fields.append(try fieldType(storage: true))
                } else {
                    while c.kind != .rightParen { fields.append(try fieldType(storage: true)) }
                }
                try c.expectRightParen()
            }
            try c.expectRightParen()
            out.append(0x5F)
            LEB.u32(fields.count, &out)
            for f in fields { out += f }
            return (type, out)
        }
        if c.takeKeyword("array") {
            let field = try fieldType(storage: true)
            try c.expectRightParen()
            return (DefinedType(kind: .array), [0x5E] + field)
        }
        throw c.unexpected()
    }

    /// `(param ...)* (result ...)*`, with parameter names when allowed.
    mutating func functionSignature(allowNames: Bool) throws -> (params: [[UInt8]], names: [Token?], results: [[UInt8]]) {
        var params: [[UInt8]] = []
        var names: [Token?] = []
        var results: [[UInt8]] = []
        while c.atField("param") {
            c.advance()
            c.advance()
            if c.kind == .id {
                let id = c.current
                if !allowNames { throw c.unexpected() }
                c.advance()
                params.append(try valueType())
                names.append(id)
            } else {
                while c.kind != .rightParen {
                    params.append(try valueType())
                    names.append(nil)
                }
            }
            try c.expectRightParen()
        }
        while c.atField("result") {
            c.advance()
            c.advance()
            while c.kind != .rightParen { results.append(try valueType()) }
            try c.expectRightParen()
        }
        // 1.0's wording, and (since 2.0) the suite's.
        if c.atField("param") { throw c.error("unexpected token: result before parameter") }
        return (params, names, results)
    }

    func encodeSignature(_ params: [[UInt8]], _ results: [[UInt8]], _ out: inout [UInt8]) {
        LEB.u32(params.count, &out)
        for p in params { out += p }
        LEB.u32(results.count, &out)
        for r in results { out += r }
    }

    // MARK: Type uses

    /// A parsed type use: `(type x)?` then inline parameters and results.
    struct TypeUse {
        var index: UInt32?
        var indexToken: Token?
        var params: [[UInt8]]
        var paramNames: [Token?]
        var results: [[UInt8]]
        var hasInline: Bool { !params.isEmpty || !results.isEmpty }
    }

    mutating func typeUse(allowNames: Bool) throws -> TypeUse {
        var index: UInt32?
        var indexToken: Token?
        if c.atField("type") {
            c.advance()
            c.advance()
            indexToken = c.current
            index = try typeIndex()
            try c.expectRightParen()
        }
        let signature = try functionSignature(allowNames: allowNames)
        return TypeUse(index: index, indexToken: indexToken, params: signature.params, paramNames: signature.names,
                       results: signature.results)
    }

    /// The type index a type use stands for: the explicit one (checked against any inline
    /// signature), or the first plain function type with that signature, appended if none.
    mutating func resolve(_ use: TypeUse) throws -> UInt32 {
        if let index = use.index {
            if use.hasInline {
                guard Int(index) < types.count else { throw c.error("unknown type", at: use.indexToken) }
                guard Int(index) < types.count, types[Int(index)].kind == .function,
                      types[Int(index)].params == use.params, types[Int(index)].results == use.results else {
                    throw c.error("inline function type", at: use.indexToken)
                }
            }
            return index
        }
        return implicitType(params: use.params, results: use.results)
    }

    mutating func implicitType(params: [[UInt8]], results: [[UInt8]]) -> UInt32 {
        let key = FunctionSignatureKey(params: params, results: results)
        if let existing = plainFunctionTypes[key] { return existing }
        let index = UInt32(types.count)
        var type = DefinedType(kind: .function)
        type.params = params
        type.results = results
        type.isPlainFunction = true
        types.append(type)
        typeSection.append(0x60)
        encodeSignature(params, results, &typeSection)
        typeGroupCount += 1
        plainFunctionTypes[key] = index
        return index
    }

    /// The parameter types of type `index`, when it is a function type.
    func parameters(ofType index: UInt32) -> [[UInt8]]? {
        guard Int(index) < types.count, types[Int(index)].kind == .function else { return nil }
        return types[Int(index)].params
    }
}

struct FunctionSignatureKey: Hashable {
    var params: [[UInt8]]
    var results: [[UInt8]]
}
