/// WebAssembly proposals that can be switched on or off, so that a module is decoded and
/// validated under the rules of one version of the specification.
public struct Features: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Import and export of mutable globals (part of 1.0 as published).
    public static let mutableGlobals = Features(rawValue: 1 << 0)
    /// Functions and blocks with several results, and blocks with parameters.
    public static let multiValue = Features(rawValue: 1 << 1)
    /// `externref`, several tables, `ref.null`/`ref.func`/`ref.is_null`, table instructions, typed `select`.
    public static let referenceTypes = Features(rawValue: 1 << 2)
    /// Bulk memory and table operations, passive segments, the data count section.
    public static let bulkMemory = Features(rawValue: 1 << 3)
    /// `i32.extend8_s` and the other sign-extension instructions.
    public static let signExtension = Features(rawValue: 1 << 4)
    /// The saturating float-to-integer conversions (`i32.trunc_sat_f32_s`...).
    public static let saturatingFloatToInt = Features(rawValue: 1 << 5)
    /// 128-bit fixed-width SIMD (`v128`).
    public static let simd = Features(rawValue: 1 << 6)

    // WebAssembly 3.0 proposals.
    /// `return_call`, `return_call_indirect` (and `return_call_ref` with typed references).
    public static let tailCall = Features(rawValue: 1 << 7)
    /// `i32/i64.add/sub/mul` and `global.get` of immutable globals in constant expressions.
    public static let extendedConst = Features(rawValue: 1 << 8)
    /// More than one memory, and a memory index on memory instructions.
    public static let multiMemory = Features(rawValue: 1 << 9)
    /// 64-bit addresses for memories and tables (`i64` index types).
    public static let memory64 = Features(rawValue: 1 << 10)
    /// Tags, `throw`, `throw_ref`, `try_table` and `exnref`.
    public static let exceptions = Features(rawValue: 1 << 11)
    /// `(ref $t)`, `call_ref`, `br_on_null` and the other typed function reference instructions.
    public static let functionReferences = Features(rawValue: 1 << 12)
    /// The relaxed SIMD instructions (deterministic results in swasm).
    public static let relaxedSIMD = Features(rawValue: 1 << 13)
    /// Garbage-collected structs and arrays (not implemented yet: never accepted).
    public static let gc = Features(rawValue: 1 << 14)

    /// WebAssembly 1.0 (with import/export of mutable globals, which 1.0 includes).
    public static let wasm1: Features = [.mutableGlobals]
    /// WebAssembly 2.0: everything above.
    public static let wasm2: Features = [.mutableGlobals, .multiValue, .referenceTypes, .bulkMemory,
                                         .signExtension, .saturatingFloatToInt, .simd]
    /// The WebAssembly 3.0 proposals swasm implements so far, on top of 2.0.
    public static let wasm3: Features = wasm2.union([.tailCall, .extendedConst, .relaxedSIMD, .exceptions, .multiMemory,
                                                        .memory64, .functionReferences])
    /// What `Module` accepts unless told otherwise: every implemented proposal (as wasmtime).
    public static let `default`: Features = wasm3
}
