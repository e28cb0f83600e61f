import SwasmBinary

/// A WebAssembly value type (`i32` ... `externref`).
public typealias ValueType = SwasmBinary.ValueType
/// A function signature.
public typealias FunctionType = SwasmBinary.FunctionType
/// Minimum and optional maximum size of a memory or table.
public typealias Limits = SwasmBinary.Limits
/// A table's element type and limits.
public typealias TableType = SwasmBinary.TableType
/// A memory's limits in pages.
public typealias MemoryType = SwasmBinary.MemoryType
/// A global's value type and mutability.
public typealias GlobalType = SwasmBinary.GlobalType
/// A 128-bit SIMD value as two 64-bit halves.
public typealias V128 = SwasmBinary.V128
/// WebAssembly features a module may use.
public typealias Features = SwasmBinary.Features
/// A malformed or invalid module, with the rule broken and where.
public typealias ModuleError = SwasmBinary.ModuleError

/// An opaque host value passed to the guest as an `externref`.
///
/// The guest can only store and return it. Use `Store.externRef(for:)` to wrap a Swift object,
/// or make one from any number below `UInt64.max` with `init(id:)`.
public struct ExternRef: Hashable, Sendable {
    /// The host's number for the value.
    public let id: UInt64
    /// A reference with the host's number `id` (below `UInt64.max`).
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
    /// A caught exception (`exnref`), or null.
    case exnRef(ExceptionReference?)

    /// An `i32` from a signed integer.
    public static func int32(_ v: Int32) -> Value { .i32(UInt32(bitPattern: v)) }
    /// An `i64` from a signed integer.
    public static func int64(_ v: Int64) -> Value { .i64(UInt64(bitPattern: v)) }
    /// An `f32` from a `Float`.
    public static func float(_ v: Float) -> Value { .f32(v.bitPattern) }
    /// An `f64` from a `Double`.
    public static func double(_ v: Double) -> Value { .f64(v.bitPattern) }

    /// The value's WebAssembly type.
    public var type: ValueType {
        switch self {
        case .i32: return .i32
        case .i64: return .i64
        case .f32: return .f32
        case .f64: return .f64
        case .v128: return .v128
        case .funcRef: return .funcRef
        case .externRef: return .externRef
        case .exnRef: return .exnRef
        }
    }

    /// The value as a signed 32-bit integer, if it is an i32.
    public var int32: Int32? { if case .i32(let v) = self { return Int32(bitPattern: v) } else { return nil } }
    /// The value as a signed 64-bit integer, if it is an i64.
    public var int64: Int64? { if case .i64(let v) = self { return Int64(bitPattern: v) } else { return nil } }
    /// The value as a `Float`, if it is an f32.
    public var float: Float? { if case .f32(let v) = self { return Float(bitPattern: v) } else { return nil } }
    /// The value as a `Double`, if it is an f64.
    public var double: Double? { if case .f64(let v) = self { return Double(bitPattern: v) } else { return nil } }
}

extension Value: CustomStringConvertible {
    /// The type and the value, as in `i32:-1`.
    public var description: String {
        switch self {
        case .i32(let v): return "i32:\(Int32(bitPattern: v))"
        case .i64(let v): return "i64:\(Int64(bitPattern: v))"
        case .f32(let v): return "f32:\(Float(bitPattern: v))"
        case .f64(let v): return "f64:\(Double(bitPattern: v))"
        case .v128(let v): return "v128:0x" + String(v.high, radix: 16) + String(repeating: "0", count: 16 - String(v.low, radix: 16).count) + String(v.low, radix: 16)
        case .funcRef(let f): return f.map { "funcref:\($0.entryAddress)" } ?? "funcref:null"
        case .externRef(let e): return e.map { "externref:\($0.id)" } ?? "externref:null"
        case .exnRef(let e): return e == nil ? "exnref:null" : "exnref"
        }
    }
}
