import SwasmBinary

public typealias ValueType = SwasmBinary.ValueType
public typealias FunctionType = SwasmBinary.FunctionType
public typealias Limits = SwasmBinary.Limits
public typealias TableType = SwasmBinary.TableType
public typealias MemoryType = SwasmBinary.MemoryType
public typealias GlobalType = SwasmBinary.GlobalType
public typealias V128 = SwasmBinary.V128
public typealias Features = SwasmBinary.Features
public typealias ModuleError = SwasmBinary.ModuleError

/// An opaque host value passed to the guest as an `externref`.
///
/// The guest can only store and return it. Use `Store.externRef(for:)` to wrap a Swift object,
/// or make one from any number below `UInt64.max` with `init(id:)`.
public struct ExternRef: Hashable, Sendable {
    public let id: UInt64
    public init(id: UInt64) { self.id = id }
}

/// A WebAssembly value. Floats are carried as their IEEE 754 bit patterns, so NaN payloads
/// survive exactly; use `.float(_:)`, `.double(_:)` and the accessors to work with Swift floats.
public enum Value: Hashable {
    case i32(UInt32)
    case i64(UInt64)
    case f32(UInt32)
    case f64(UInt64)
    case v128(V128)
    case funcRef(Function?)
    case externRef(ExternRef?)

    public static func int32(_ v: Int32) -> Value { .i32(UInt32(bitPattern: v)) }
    public static func int64(_ v: Int64) -> Value { .i64(UInt64(bitPattern: v)) }
    public static func float(_ v: Float) -> Value { .f32(v.bitPattern) }
    public static func double(_ v: Double) -> Value { .f64(v.bitPattern) }

    public var type: ValueType {
        switch self {
        case .i32: return .i32
        case .i64: return .i64
        case .f32: return .f32
        case .f64: return .f64
        case .v128: return .v128
        case .funcRef: return .funcRef
        case .externRef: return .externRef
        }
    }

    /// The value as a signed 32-bit integer, if it is an i32.
    public var int32: Int32? { if case .i32(let v) = self { return Int32(bitPattern: v) } else { return nil } }
    public var int64: Int64? { if case .i64(let v) = self { return Int64(bitPattern: v) } else { return nil } }
    public var float: Float? { if case .f32(let v) = self { return Float(bitPattern: v) } else { return nil } }
    public var double: Double? { if case .f64(let v) = self { return Double(bitPattern: v) } else { return nil } }
}

extension Value: CustomStringConvertible {
    public var description: String {
        switch self {
        case .i32(let v): return "i32:\(Int32(bitPattern: v))"
        case .i64(let v): return "i64:\(Int64(bitPattern: v))"
        case .f32(let v): return "f32:\(Float(bitPattern: v))"
        case .f64(let v): return "f64:\(Double(bitPattern: v))"
        case .v128(let v): return "v128:0x" + String(v.high, radix: 16) + String(repeating: "0", count: 16 - String(v.low, radix: 16).count) + String(v.low, radix: 16)
        case .funcRef(let f): return f.map { "funcref:\($0.entryAddress)" } ?? "funcref:null"
        case .externRef(let e): return e.map { "externref:\($0.id)" } ?? "externref:null"
        }
    }
}
