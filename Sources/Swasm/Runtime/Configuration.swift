/// Settings of a `Store`: the WebAssembly features modules may use and the limits that protect
/// the host from a guest.
public struct Configuration: Sendable {
    /// Features a module may use (default: WebAssembly 2.0).
    public var features: Features = .default
    /// Deepest wasm call nesting before a "call stack exhausted" trap.
    public var maxCallDepth: Int = 20_000
    /// Size of the value stack that holds all wasm frames, in 8-byte slots.
    public var valueStackSlots: Int = 4 << 20
    /// Nesting of host functions that call back into wasm.
    public var maxHostReentry: Int = 128
    /// Upper bound for every linear memory, in 64 KiB pages (nil: the 65,536-page architectural limit).
    public var maxMemoryPages: Int? = nil
    /// Upper bound for every table, in elements (nil: 10,000,000).
    public var maxTableElements: Int? = nil

    /// The default settings: WebAssembly 2.0 features, no memory or table limit beyond the architecture's.
    public init() {}
}
