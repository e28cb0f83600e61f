/// A constant in a `.wast` script: an argument of `invoke`, or an exact expected result.
public enum WastValue: Hashable, Sendable {
    case i32(UInt32)
    case i64(UInt64)
    /// Bit pattern.
    case f32(UInt32)
    /// Bit pattern.
    case f64(UInt64)
    /// 16 bytes, little-endian lane order.
    case v128([UInt8])
    /// `(ref.null heaptype)`: the heap type's text (`func`, `extern`, `any`, ... or a type index).
    case refNull(String)
    /// `(ref.extern N)`: host reference N, as an `externref`.
    case refExtern(UInt64)
    /// `(ref.host N)`: host reference N, as an `anyref`.
    case refHost(UInt64)
}

/// One lane of an expected `v128` result.
public enum WastLane: Hashable, Sendable {
    case bits(UInt64)
    case canonicalNaN
    case arithmeticNaN
}

/// An expected result of `assert_return`.
public enum WastResult: Hashable, Sendable {
    case value(WastValue)
    /// `(f32.const nan:canonical)` and the like: bits 32 or 64 (0: either, the 1.0
    /// `assert_return_canonical_nan` form).
    case nan(bits: Int, canonical: Bool)
    /// `(v128.const f32x4 nan:canonical 1.0 ...)`: lane width in bits, float lanes or not, lanes.
    case lanes(bits: Int, float: Bool, [WastLane])
    /// `(ref.null)`: any null reference.
    case anyNull
    /// `(ref.func)`: any non-null function reference.
    case anyFunction
    /// `(ref.extern)`: any non-null external reference.
    case anyExtern
    case anyStruct, anyArray, anyI31, anyEq, anyReference
    /// `(either r1 r2 ...)`: any one of them.
    case either([WastResult])
}
