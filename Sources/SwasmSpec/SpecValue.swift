import Swasm
import SwasmText

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
    /// A NaN of either width (the 1.0 `assert_return_canonical_nan` form).
    case anyNaN(canonical: Bool)
    /// Any null reference.
    case anyNull
    /// Any non-null `externref`.
    case anyExternRef
    /// Any one of these (relaxed SIMD results).
    case either([SpecValue])
    /// A value or pattern the engine has no value for (GC references, `ref.host`).
    case unsupported(String)

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
        case (.exnRef, "null"): self = .value(.exnRef(nil))
        case (.funcRef, _): self = .anyFuncRef
        default:
            // wast2json writes unsigned bit patterns; wasm-tools json-from-wast signed integers.
            guard let bits = UInt64(text) ?? Int64(text).map({ UInt64(bitPattern: $0) }) else {
                throw SpecError("bad \(typeName) value \(text)")
            }
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
        case "exnref": return .exnRef
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

    /// An argument or expected result of a `.wast` script.
    init(_ result: WastResult) {
        switch result {
        case .value(let v):
            switch v {
            case .i32(let x): self = .value(.i32(x))
            case .i64(let x): self = .value(.i64(x))
            case .f32(let x): self = .value(.f32(x))
            case .f64(let x): self = .value(.f64(x))
            case .v128(let bytes): self = .value(.v128(V128(bytes: bytes)))
            case .refExtern(let n): self = .value(.externRef(ExternRef(id: n)))
            case .refHost(let n): self = .unsupported("(ref.host \(n))")
            case .refNull(let heap):
                switch heap {
                case "func", "nofunc": self = .value(.funcRef(nil))
                case "extern", "noextern": self = .value(.externRef(nil))
                default: self = .unsupported("(ref.null \(heap))")
                }
            }
        case .nan(let bits, let canonical):
            switch bits {
            case 32: self = canonical ? .canonicalNaN(.f32) : .arithmeticNaN(.f32)
            case 64: self = canonical ? .canonicalNaN(.f64) : .arithmeticNaN(.f64)
            default: self = .anyNaN(canonical: canonical)
            }
        case .lanes(let bits, let float, let lanes):
            let laneType = (float ? "f" : "i") + String(bits)
            self = .lanes(laneType: laneType, lanes.map { lane in
                switch lane {
                case .bits(let b): return .bits(b)
                case .canonicalNaN: return .canonicalNaN
                case .arithmeticNaN: return .arithmeticNaN
                }
            })
        case .anyNull: self = .anyNull
        case .anyFunction: self = .anyFuncRef
        case .anyExtern: self = .anyExternRef
        case .anyStruct: self = .unsupported("(ref.struct)")
        case .anyArray: self = .unsupported("(ref.array)")
        case .anyI31: self = .unsupported("(ref.i31)")
        case .anyEq: self = .unsupported("(ref.eq)")
        case .anyReference: self = .unsupported("(ref.any)")
        case .either(let choices): self = .either(choices.map(SpecValue.init))
        }
    }

    /// The reason this value cannot be used, if it is one the engine has no value for.
    var unsupportedReason: String? {
        switch self {
        case .unsupported(let why): return why
        case .either(let choices): return choices.lazy.compactMap(\.unsupportedReason).first
        default: return nil
        }
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
        case .anyNaN(let canonical):
            switch actual {
            case .f32(let bits): return Self.nanMatches(UInt64(bits), bits: 32, canonical: canonical)
            case .f64(let bits): return Self.nanMatches(bits, bits: 64, canonical: canonical)
            default: return false
            }
        case .anyNull:
            switch actual {
            case .funcRef(nil), .externRef(nil): return true
            default: return false
            }
        case .anyExternRef:
            if case .externRef(let e) = actual { return e != nil }
            return false
        case .either(let choices):
            return choices.contains { $0.matches(actual) }
        case .unsupported:
            return false
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
        case .anyNaN(let canonical): return canonical ? "nan:canonical" : "nan:arithmetic"
        case .anyNull: return "ref.null"
        case .anyExternRef: return "externref:any"
        case .either(let choices): return "either(\(choices.map(\.description).joined(separator: ", ")))"
        case .unsupported(let what): return what
        }
    }
}
