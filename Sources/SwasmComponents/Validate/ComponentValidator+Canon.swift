import SwasmBinary

/// The Canonical ABI's limits on flattened core signatures.
let maxFlatParams = 16
let maxFlatResults = 1

/// Canonical options, checked.
struct CheckedCanonOptions {
    var memory: UInt32?
    var realloc: UInt32?
    var postReturn: UInt32?

    func requireMemory(_ offset: Int) throws {
        if memory == nil { throw ComponentError.invalid("canonical option `memory` is required", at: offset) }
    }

    func requireRealloc(_ offset: Int) throws {
        try requireMemory(offset)
        if realloc == nil { throw ComponentError.invalid("canonical option `realloc` is required", at: offset) }
    }
}

// `canon lift`, `canon lower` and the resource built-ins.
extension ComponentValidator {
    func addCanon(_ def: CanonDef, at offset: Int) throws {
        switch def {
        case .lift(let coreIndex, let options, let typeIndex):
            let fid = try functionType(typeIndex, offset)
            let core = try coreFunction(coreIndex, offset)
            let opts = try checkOptions(options, offset)
            if let pr = opts.postReturn {
                let f = try coreFunction(pr, offset)
                guard f.parameters == core.results, f.results.isEmpty else {
                    throw fail("canonical option `post-return` uses a core function with an incorrect signature", offset)
                }
            }
            guard let ft = types.function(fid) else { return }
            let lowered = try lower(ft, opts, lift: true, offset)
            if lowered.parameters != core.parameters {
                throw fail("lowered parameter types `\(debugList(lowered.parameters))` do not match parameter types `\(debugList(core.parameters))` of core function \(coreIndex)", offset)
            }
            if lowered.results != core.results {
                throw fail("lowered result types `\(debugList(lowered.results))` do not match result types `\(debugList(core.results))` of core function \(coreIndex)", offset)
            }
            current.funcs.append(fid)
        case .lower(let index, let options):
            let fid = try function(index, offset)
            let opts = try checkOptions(options, offset)
            if opts.postReturn != nil {
                throw fail("canonical option `post-return` cannot be specified for lowerings", offset)
            }
            guard let ft = types.function(fid) else { return }
            current.coreFuncs.append(try lower(ft, opts, lift: false, offset))
        case .resourceNew(let i):
            let rep = try localResource(i, offset)
            current.coreFuncs.append(FunctionType(parameters: [rep], results: [.i32]))
        case .resourceDrop(let i):
            _ = try resourceType(i, offset)
            current.coreFuncs.append(FunctionType(parameters: [.i32], results: []))
        case .resourceRep(let i):
            let rep = try localResource(i, offset)
            current.coreFuncs.append(FunctionType(parameters: [.i32], results: [rep]))
        case .unsupported(let name):
            throw fail("canonical built-in `\(name)` is not supported: the asynchronous and threading parts of the Component Model are not implemented", offset)
        }
    }

    /// "[I32, I64]", as wasmparser prints core value type lists.
    func debugList(_ ts: [ValueType]) -> String {
        "[" + ts.map { t in
            switch t {
            case .i32: return "I32"
            case .i64: return "I64"
            case .f32: return "F32"
            case .f64: return "F64"
            case .v128: return "V128"
            default: return "Ref(\(t))"
            }
        }.joined(separator: ", ") + "]"
    }

    func localResource(_ idx: UInt32, _ offset: Int) throws -> ValueType {
        let id = try resourceType(idx, offset)
        guard let r = types.resource(id), case let rep?? = current.definedRep(r) else {
            throw fail("type index \(idx) is not a local resource", offset)
        }
        return rep
    }

    func checkOptions(_ options: [CanonOption], _ offset: Int) throws -> CheckedCanonOptions {
        var encoding: String?
        var opts = CheckedCanonOptions()
        for option in options {
            switch option {
            case .utf8, .utf16, .latin1UTF16:
                let name = option == .utf8 ? "utf8" : option == .utf16 ? "utf16" : "latin1-utf16"
                if let existing = encoding {
                    throw fail("canonical encoding option `\(existing)` conflicts with option `\(name)`", offset)
                }
                encoding = name
            case .memory(let i):
                guard opts.memory == nil else { throw fail("canonical option `memory` is specified more than once", offset) }
                let m = try memory(i, offset)
                if m.memory64 { throw fail("64-bit memories require the `cm64` feature to be enabled", offset) }
                if m.shared { throw fail("mismatch in the shared flag for memories", offset) }
                opts.memory = i
            case .realloc(let i):
                guard opts.realloc == nil else { throw fail("canonical option `realloc` is specified more than once", offset) }
                opts.realloc = i
            case .postReturn(let i):
                guard opts.postReturn == nil else { throw fail("canonical option `post-return` is specified more than once", offset) }
                opts.postReturn = i
            case .async, .callback, .coreType, .gc:
                throw fail("canonical option `\(optionName(option))` is not supported: the asynchronous parts of the Component Model are not implemented", offset)
            }
        }
        if let r = opts.realloc {
            guard opts.memory != nil else {
                throw fail("canonical option `realloc` requires `memory` to also be specified", offset)
            }
            let f = try coreFunction(r, offset)
            guard f.parameters == [.i32, .i32, .i32, .i32], f.results == [.i32] else {
                throw fail("canonical option `realloc` uses a core function with an incorrect signature", offset)
            }
        }
        return opts
    }

    func optionName(_ o: CanonOption) -> String {
        switch o {
        case .async: return "async"
        case .callback: return "callback"
        case .coreType: return "core-type"
        case .gc: return "gc"
        default: return "\(o)"
        }
    }

    /// The core signature of a lifted (`lift`) or lowered function: its flattened parameters
    /// and results, through memory past `MAX_FLAT_PARAMS`/`MAX_FLAT_RESULTS`.
    func lower(_ f: FuncType, _ opts: CheckedCanonOptions, lift: Bool, _ offset: Int) throws -> FunctionType {
        var params: [ValueType] = []
        var overflow = false
        for p in f.params {
            if types.containsPointer(p.type) {
                if lift { try opts.requireRealloc(offset) } else { try opts.requireMemory(offset) }
            }
            if !overflow { flatten(p.type, into: &params) }
            if params.count > maxFlatParams { overflow = true }
        }
        if overflow {
            params = [.i32]
            try opts.requireMemory(offset)
            if lift { try opts.requireRealloc(offset) }
        }
        var results: [ValueType] = []
        if let r = f.result {
            if !lift && types.containsPointer(r) { try opts.requireRealloc(offset) }
            flatten(r, into: &results)
            if results.count > maxFlatResults {
                results = []
                try opts.requireMemory(offset)
                if lift { results = [.i32] } else { params.append(.i32) }
            }
        }
        return FunctionType(parameters: params, results: results)
    }

    /// `flatten_type` of the Canonical ABI.
    func flatten(_ v: VType, into out: inout [ValueType]) {
        switch types.definedType(of: v) {
        case .primitive(let p):
            switch p {
            case .s64, .u64: out.append(.i64)
            case .f32: out.append(.f32)
            case .f64: out.append(.f64)
            case .string: out += [.i32, .i32]
            default: out.append(.i32)
            }
        case .list, .map: out += [.i32, .i32]
        case .fixedLengthList(let t, let n):
            // Stop early: anything past the limit goes through memory anyway.
            for _ in 0..<n {
                flatten(t, into: &out)
                if out.count > maxFlatParams { break }
            }
        case .record(let fields): fields.forEach { flatten($0.type, into: &out) }
        case .tuple(let ts): ts.forEach { flatten($0, into: &out) }
        case .flags, .enum, .own, .borrow, .stream, .future: out.append(.i32)
        case .variant(let cases): flattenVariant(cases.map(\.type), into: &out)
        case .option(let t): flattenVariant([nil, t], into: &out)
        case .result(let ok, let err): flattenVariant([ok, err], into: &out)
        }
    }

    func flattenVariant(_ cases: [VType?], into out: inout [ValueType]) {
        var joined: [ValueType] = []
        for c in cases {
            guard let c else { continue }
            var flat: [ValueType] = []
            flatten(c, into: &flat)
            for (i, t) in flat.enumerated() {
                if i < joined.count {
                    let a = joined[i]
                    if a != t { joined[i] = (a == .i32 && t == .f32) || (a == .f32 && t == .i32) ? .i32 : .i64 }
                } else {
                    joined.append(t)
                }
            }
        }
        out.append(.i32)
        out += joined
    }
}
