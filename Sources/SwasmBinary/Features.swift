/// WebAssembly proposals that can be switched on or off, so that a module is decoded and
/// validated under the rules of one version of the specification.
public struct Features: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let mutableGlobals = Features(rawValue: 1 << 0)
    public static let multiValue = Features(rawValue: 1 << 1)
    public static let referenceTypes = Features(rawValue: 1 << 2)
    public static let bulkMemory = Features(rawValue: 1 << 3)
    public static let signExtension = Features(rawValue: 1 << 4)
    public static let saturatingFloatToInt = Features(rawValue: 1 << 5)
    public static let simd = Features(rawValue: 1 << 6)

    /// WebAssembly 1.0 (with import/export of mutable globals, which 1.0 includes).
    public static let wasm1: Features = [.mutableGlobals]
    /// WebAssembly 2.0: everything above.
    public static let wasm2: Features = [.mutableGlobals, .multiValue, .referenceTypes, .bulkMemory,
                                         .signExtension, .saturatingFloatToInt, .simd]
    public static let `default`: Features = wasm2
}
