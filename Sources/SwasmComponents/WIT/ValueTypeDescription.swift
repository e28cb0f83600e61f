// Value types written in WIT syntax, without names (for messages: the WIT printer names the
// types a component names).

extension ComponentValueType {
    /// The type in WIT syntax, structurally: `list<string>`, `result<u32, string>`; records,
    /// variants, enums and flags (which WIT only has as named types) as `record { a: u8 }` etc.
    public var witDescription: String {
        switch self {
        case .bool: return "bool"
        case .s8: return "s8"
        case .u8: return "u8"
        case .s16: return "s16"
        case .u16: return "u16"
        case .s32: return "s32"
        case .u32: return "u32"
        case .s64: return "s64"
        case .u64: return "u64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .char: return "char"
        case .string: return "string"
        case .list(let t): return "list<\(t.witDescription)>"
        case .fixedLengthList(let t, let n): return "list<\(t.witDescription), \(n)>"
        case .tuple(let ts): return "tuple<\(ts.map(\.witDescription).joined(separator: ", "))>"
        case .option(let t): return "option<\(t.witDescription)>"
        case .result(nil, nil): return "result"
        case .result(let ok, nil): return "result<\(ok?.witDescription ?? "_")>"
        case .result(let ok, let error): return "result<\(ok?.witDescription ?? "_"), \(error?.witDescription ?? "_")>"
        case .record(let fields):
            return "record { \(fields.map { "\($0.name): \($0.type.witDescription)" }.joined(separator: ", ")) }"
        case .variant(let cases):
            return "variant { \(cases.map { c in c.payload.map { "\(c.name)(\($0.witDescription))" } ?? c.name }.joined(separator: ", ")) }"
        case .enum(let names): return "enum { \(names.joined(separator: ", ")) }"
        case .flags(let names): return "flags { \(names.joined(separator: ", ")) }"
        case .own(let r): return "own<\(r)>"
        case .borrow(let r): return "borrow<\(r)>"
        }
    }
}
