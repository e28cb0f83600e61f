import Foundation
import Swasm

/// A wast2json command script, parsed into typed commands.
struct SpecScript {
    struct Action {
        enum Kind { case invoke, get }
        var kind: Kind
        var module: String?
        var field: String
        var arguments: [SpecValue]
    }

    enum Command {
        case module(file: String, name: String?)
        case register(as: String, name: String?)
        case action(Action)
        case assertReturn(Action, expected: [SpecValue])
        case assertTrap(Action, text: String)
        case assertExhaustion(Action, text: String)
        case assertMalformed(file: String, isText: Bool, text: String)
        case assertInvalid(file: String, isText: Bool, text: String)
        case assertUnlinkable(file: String, isText: Bool, text: String)
        case assertUninstantiable(file: String, isText: Bool, text: String)
        case assertModuleTrap(file: String, text: String)
        case unsupported(type: String)
    }

    var commands: [(line: Int, command: Command)] = []

    init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let list = try JSON.parse([UInt8](data))["commands"]?.array else {
            throw SpecError("\(url.lastPathComponent): not a wast2json command script")
        }
        for c in list {
            commands.append((c["line"]?.int ?? 0, try Self.parse(c)))
        }
    }

    static func parse(_ c: JSON) throws -> Command {
        let type = c["type"]?.string ?? ""
        let file = c["filename"]?.string ?? ""
        let text = c["text"]?.string ?? ""
        let isText = c["module_type"]?.string == "text"
        switch type {
        case "module": return .module(file: file, name: c["name"]?.string)
        case "register": return .register(as: c["as"]?.string ?? "", name: c["name"]?.string)
        case "action": return .action(try parseAction(c["action"]))
        case "assert_return":
            let expected = try (c["expected"]?.array ?? []).map(SpecValue.init)
            return .assertReturn(try parseAction(c["action"]), expected: expected)
        case "assert_trap":
            if c["action"] == nil { return .assertModuleTrap(file: file, text: text) }
            return .assertTrap(try parseAction(c["action"]), text: text)
        case "assert_exhaustion": return .assertExhaustion(try parseAction(c["action"]), text: text)
        case "assert_malformed": return .assertMalformed(file: file, isText: isText, text: text)
        case "assert_invalid": return .assertInvalid(file: file, isText: isText, text: text)
        case "assert_unlinkable": return .assertUnlinkable(file: file, isText: isText, text: text)
        case "assert_uninstantiable": return .assertUninstantiable(file: file, isText: isText, text: text)
        default: return .unsupported(type: type)
        }
    }

    static func parseAction(_ json: JSON?) throws -> Action {
        guard let a = json, let field = a["field"]?.string else { throw SpecError("malformed action") }
        let kind: Action.Kind = a["type"]?.string == "get" ? .get : .invoke
        let args = try (a["args"]?.array ?? []).map(SpecValue.init)
        return Action(kind: kind, module: a["module"]?.string, field: field, arguments: args)
    }
}

struct SpecError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A value in a script: a concrete value, or a pattern for expected results.
enum SpecValue {
    case value(Value)
    case canonicalNaN(ValueType)
    case arithmeticNaN(ValueType)
    /// Any non-null funcref.
    case anyFuncRef
    /// v128 with per-lane patterns (for NaN lanes).
    case lanes(laneType: String, [SpecLane])
    /// Only the type is given (in assert_trap results).
    case typeOnly(ValueType)

    enum SpecLane {
        case bits(UInt64)
        case canonicalNaN
        case arithmeticNaN
    }

    init(_ json: JSON) throws {
        guard let typeName = json["type"]?.string else { throw SpecError("value without type") }
        guard let type = Self.valueType(typeName) else { throw SpecError("unknown value type \(typeName)") }
        if type == .v128 {
            guard let laneType = json["lane_type"]?.string, let lanes = json["value"]?.array?.compactMap(\.string) else {
                self = .typeOnly(.v128)
                return
            }
            let parsed: [SpecLane] = try lanes.map { lane in
                switch lane {
                case "nan:canonical": return .canonicalNaN
                case "nan:arithmetic": return .arithmeticNaN
                default:
                    guard let v = UInt64(lane) else { throw SpecError("bad lane \(lane)") }
                    return .bits(v)
                }
            }
            let hasNaN = parsed.contains { if case .bits = $0 { return false } else { return true } }
            if hasNaN {
                self = .lanes(laneType: laneType, parsed)
            } else {
                let bits = parsed.map { if case .bits(let b) = $0 { return b } else { return 0 } }
                self = .value(.v128(Self.pack(laneType: laneType, bits)))
            }
            return
        }
        guard let text = json["value"]?.string else {
            self = .typeOnly(type)
            return
        }
        switch (type, text) {
        case (.f32, "nan:canonical"), (.f64, "nan:canonical"): self = .canonicalNaN(type)
        case (.f32, "nan:arithmetic"), (.f64, "nan:arithmetic"): self = .arithmeticNaN(type)
        case (.funcRef, "null"): self = .value(.funcRef(nil))
        case (.externRef, "null"): self = .value(.externRef(nil))
        case (.funcRef, _): self = .anyFuncRef
        default:
            guard let bits = UInt64(text) else { throw SpecError("bad \(typeName) value \(text)") }
            switch type {
            case .i32: self = .value(.i32(UInt32(truncatingIfNeeded: bits)))
            case .i64: self = .value(.i64(bits))
            case .f32: self = .value(.f32(UInt32(truncatingIfNeeded: bits)))
            case .f64: self = .value(.f64(bits))
            default: self = .value(.externRef(ExternRef(id: bits)))
            }
        }
    }

    static func valueType(_ name: String) -> ValueType? {
        switch name {
        case "i32": return .i32
        case "i64": return .i64
        case "f32": return .f32
        case "f64": return .f64
        case "v128": return .v128
        case "funcref": return .funcRef
        case "externref": return .externRef
        default: return nil
        }
    }

    static func laneBits(_ laneType: String) -> Int {
        switch laneType {
        case "i8": return 8
        case "i16": return 16
        case "i32", "f32": return 32
        default: return 64
        }
    }

    static func pack(laneType: String, _ lanes: [UInt64]) -> V128 {
        let bits = laneBits(laneType)
        var bytes: [UInt8] = []
        for lane in lanes {
            for i in 0..<(bits / 8) { bytes.append(UInt8(truncatingIfNeeded: lane >> UInt64(8 * i))) }
        }
        while bytes.count < 16 { bytes.append(0) }
        return V128(bytes: Array(bytes.prefix(16)))
    }

    /// The concrete value to pass as an argument.
    var argument: Value? {
        if case .value(let v) = self { return v }
        return nil
    }

    func matches(_ actual: Value) -> Bool {
        switch self {
        case .value(let expected):
            return expected == actual
        case .typeOnly(let t):
            return actual.type == t
        case .anyFuncRef:
            if case .funcRef(let f) = actual { return f != nil }
            return false
        case .canonicalNaN(let t), .arithmeticNaN(let t):
            let canonical: Bool
            if case .canonicalNaN = self { canonical = true } else { canonical = false }
            switch (t, actual) {
            case (.f32, .f32(let bits)): return Self.nanMatches(UInt64(bits), bits: 32, canonical: canonical)
            case (.f64, .f64(let bits)): return Self.nanMatches(bits, bits: 64, canonical: canonical)
            default: return false
            }
        case .lanes(let laneType, let lanes):
            guard case .v128(let v) = actual else { return false }
            let bits = Self.laneBits(laneType)
            let bytes = v.bytes
            for (i, lane) in lanes.enumerated() {
                var value: UInt64 = 0
                for k in 0..<(bits / 8) { value |= UInt64(bytes[i * bits / 8 + k]) << UInt64(8 * k) }
                switch lane {
                case .bits(let b): if b != value { return false }
                case .canonicalNaN: if !Self.nanMatches(value, bits: bits, canonical: true) { return false }
                case .arithmeticNaN: if !Self.nanMatches(value, bits: bits, canonical: false) { return false }
                }
            }
            return true
        }
    }

    static func nanMatches(_ value: UInt64, bits: Int, canonical: Bool) -> Bool {
        if bits == 32 {
            let magnitude = value & 0x7FFF_FFFF
            return canonical ? magnitude == 0x7FC0_0000 : (magnitude & 0x7FC0_0000) == 0x7FC0_0000
        }
        let magnitude = value & 0x7FFF_FFFF_FFFF_FFFF
        return canonical ? magnitude == 0x7FF8_0000_0000_0000 : (magnitude & 0x7FF8_0000_0000_0000) == 0x7FF8_0000_0000_0000
    }
}

extension SpecValue: CustomStringConvertible {
    var description: String {
        switch self {
        case .value(let v): return v.description
        case .canonicalNaN(let t): return "\(t):nan:canonical"
        case .arithmeticNaN(let t): return "\(t):nan:arithmetic"
        case .anyFuncRef: return "funcref:any"
        case .lanes(let lt, let l): return "v128(\(lt)):\(l)"
        case .typeOnly(let t): return "\(t)"
        }
    }
}
