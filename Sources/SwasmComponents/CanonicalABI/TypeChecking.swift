/// A value given to (or returned by) the host does not have the type the function declares.
///
/// The message names the function, the parameter (or the result), where inside the value, the
/// expected WIT type and what was found, as in
/// `function "multiply", parameter "input", field "num": expected s32, found string`.
public struct ComponentTypeMismatch: Error, Hashable, Sendable, CustomStringConvertible {
    /// The component function, if known.
    public var function: String?
    /// The parameter's name, or "result"; nil if not known.
    public var parameter: String?
    /// Where inside the value: field names, `[index]` for list elements, case names.
    public var path: [String]
    /// The expected type, in WIT syntax.
    public var expected: String
    /// What was found: a component value's kind or a Swift type.
    public var found: String

    /// A mismatch at `path` of a value.
    public init(function: String? = nil, parameter: String? = nil, path: [String] = [], expected: String, found: String) {
        self.function = function
        self.parameter = parameter
        self.path = path
        self.expected = expected
        self.found = found
    }

    /// The mismatch, with the function and the parameter when known.
    public var description: String {
        var parts: [String] = []
        if let function { parts.append("function \"\(function)\"") }
        if let parameter { parts.append(parameter == "result" ? "result" : "parameter \"\(parameter)\"") }
        if !path.isEmpty {
            parts.append(path.enumerated().map { i, p in i == 0 || p.hasPrefix("[") ? p : "." + p }.joined())
        }
        let place = parts.isEmpty ? "" : parts.joined(separator: ", ") + ": "
        return "\(place)expected \(expected), found \(found)"
    }

    /// The same mismatch, placed in `function` and `parameter`.
    public func located(function: String?, parameter: String?) -> ComponentTypeMismatch {
        var copy = self
        if copy.function == nil { copy.function = function }
        if copy.parameter == nil { copy.parameter = parameter }
        return copy
    }
}

extension ComponentValueType {
    /// The type in WIT syntax (`list<string>`, `record { name: string, num: s32 }`, ...).
    public var witText: String {
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
        case .list(let t): return "list<\(t.witText)>"
        case .fixedLengthList(let t, let n): return "list<\(t.witText), \(n)>"
        case .record(let fields):
            return "record { " + fields.map { "\($0.name): \($0.type.witText)" }.joined(separator: ", ") + " }"
        case .tuple(let types): return "tuple<" + types.map(\.witText).joined(separator: ", ") + ">"
        case .variant(let cases):
            return "variant { " + cases.map { c in c.payload.map { "\(c.name)(\($0.witText))" } ?? c.name }
                .joined(separator: ", ") + " }"
        case .enum(let labels): return "enum { " + labels.joined(separator: ", ") + " }"
        case .option(let t): return "option<\(t.witText)>"
        case .result(let ok, let error):
            switch (ok, error) {
            case (nil, nil): return "result"
            case (let ok?, nil): return "result<\(ok.witText)>"
            case (nil, let error?): return "result<_, \(error.witText)>"
            case (let ok?, let error?): return "result<\(ok.witText), \(error.witText)>"
            }
        case .flags(let labels): return "flags { " + labels.joined(separator: ", ") + " }"
        case .own(let r): return r.description
        case .borrow(let r): return "borrow<\(r.description)>"
        }
    }
}

extension ComponentValue {
    /// The value's kind, for messages (`s32`, `string`, `record { name, num }`, ...).
    public var kindDescription: String {
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
        case .list(let items): return "list of \(items.count)"
        case .record(let fields): return "record { " + fields.map(\.name).joined(separator: ", ") + " }"
        case .tuple(let items): return "tuple of \(items.count)"
        case .variant(let name, _): return "variant case \(name)"
        case .enum(let name): return "enum case \(name)"
        case .option(let v): return v == nil ? "option none" : "option some"
        case .result(let isError, _): return isError ? "result error" : "result ok"
        case .flags(let names): return "flags { " + names.joined(separator: ", ") + " }"
        case .resource(let h): return (h.isOwned ? "own<" : "borrow<") + h.type.description + ">"
        }
    }

    /// Checks that the value is of `type` (the host's side of a call: before lowering, and on
    /// what host functions return). Throws `ComponentTypeMismatch` with the path to the
    /// first mismatch.
    public func check(against type: ComponentValueType) throws {
        var path: [String] = []
        try check(type, &path)
    }

    private func mismatch(_ type: ComponentValueType, _ path: [String], _ found: String? = nil) -> ComponentTypeMismatch {
        ComponentTypeMismatch(path: path, expected: type.witText, found: found ?? kindDescription)
    }

    private func check(_ type: ComponentValueType, _ path: inout [String]) throws {
        switch (self, type) {
        case (.bool, .bool), (.s8, .s8), (.u8, .u8), (.s16, .s16), (.u16, .u16), (.s32, .s32), (.u32, .u32),
             (.s64, .s64), (.u64, .u64), (.f32, .f32), (.f64, .f64), (.char, .char), (.string, .string):
            return
        case (.list(let items), .list(let element)):
            try Self.checkElements(items, element, &path)
        case (.list(let items), .fixedLengthList(let element, let length)):
            guard items.count == Int(length) else { throw mismatch(type, path) }
            try Self.checkElements(items, element, &path)
        case (.record(let values), .record(let fields)):
            guard values.count == fields.count, zip(values, fields).allSatisfy({ $0.name == $1.name }) else {
                throw mismatch(type, path)
            }
            for (value, field) in zip(values, fields) {
                path.append(field.name)
                try value.value.check(field.type, &path)
                path.removeLast()
            }
        case (.tuple(let values), .tuple(let types)):
            guard values.count == types.count else { throw mismatch(type, path) }
            for (i, (value, t)) in zip(values, types).enumerated() {
                path.append("\(i)")
                try value.check(t, &path)
                path.removeLast()
            }
        case (.variant(let name, let payload), .variant(let cases)):
            guard let c = cases.first(where: { $0.name == name }) else { throw mismatch(type, path) }
            try Self.checkPayload(payload, c.payload, name, type, &path)
        case (.enum(let name), .enum(let labels)):
            guard labels.contains(name) else { throw mismatch(type, path) }
        case (.option(let payload), .option(let t)):
            if let payload {
                path.append("some")
                try payload.check(t, &path)
                path.removeLast()
            }
        case (.result(let isError, let payload), .result(let ok, let error)):
            try Self.checkPayload(payload, isError ? error : ok, isError ? "error" : "ok", type, &path)
        case (.flags(let names), .flags(let labels)):
            guard names.allSatisfy(labels.contains) else { throw mismatch(type, path) }
        case (.resource(let handle), .own(let r)):
            guard handle.type === r, handle.isOwned else { throw mismatch(type, path) }
        case (.resource(let handle), .borrow(let r)):
            guard handle.type === r else { throw mismatch(type, path) }
        default:
            throw mismatch(type, path)
        }
    }

    private static func checkElements(_ items: [ComponentValue], _ element: ComponentValueType,
                                      _ path: inout [String]) throws {
        for (i, item) in items.enumerated() {
            path.append("[\(i)]")
            try item.check(element, &path)
            path.removeLast()
        }
    }

    private static func checkPayload(_ payload: ComponentValue?, _ expected: ComponentValueType?, _ caseName: String,
                                     _ type: ComponentValueType, _ path: inout [String]) throws {
        switch (payload, expected) {
        case (nil, nil): return
        case (let payload?, let expected?):
            path.append(caseName)
            try payload.check(expected, &path)
            path.removeLast()
        case (nil, let expected?):
            throw ComponentTypeMismatch(path: path + [caseName], expected: expected.witText, found: "no payload")
        case (let payload?, nil):
            throw ComponentTypeMismatch(path: path + [caseName], expected: "no payload", found: payload.kindDescription)
        }
    }
}
