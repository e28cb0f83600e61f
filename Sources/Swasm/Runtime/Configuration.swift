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
    /// Upper bound for every linear memory, in 64 KiB pages (nil: the architectural limit,
    /// 65,536 pages for a 32-bit memory and 2^48 for a 64-bit one).
    public var maxMemoryPages: Int? = nil
    /// Address space reserved for a 64-bit memory, in 64 KiB pages, when its maximum is larger
    /// (default 262,144 pages: 16 GiB). A linear memory never moves, so it cannot grow past its
    /// reservation: `memory.grow` returns -1 there, and a larger minimum fails to instantiate.
    public var memory64ReservationPages: Int = 1 << 18
    /// Upper bound for every table, in elements (nil: 10,000,000).
    public var maxTableElements: Int? = nil

    /// The default settings: WebAssembly 2.0 features, no memory or table limit beyond the architecture's.
    public init() {}
}
