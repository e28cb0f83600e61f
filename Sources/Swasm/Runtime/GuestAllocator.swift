/// Data in and out of a guest through the guest's own allocator, as reactor modules expect:
/// the host allocates the input with the guest's `malloc` (or `cabi_realloc`), copies it in,
/// passes address and length, reads the results back and frees them with the guest's `free`.
///
/// ```swift
/// let heap = try GuestAllocator(instance: instance)
/// let render = try instance.function("render").typed(UInt32.self, UInt32.self, returning: UInt32.self)
/// let svg = try heap.withCopy(of: dot, nulTerminated: true) { address, _ in
///     try heap.takeCString(at: try render(address, 0))   // read, then free, the guest's answer
/// }
/// ```
/// Every access is bounds-checked against the guest's memory: a bad guest address throws
/// `MemoryAccessError`, never reads outside it. Like its store, a helper is used from one
/// thread at a time.
public struct GuestAllocator {
    /// Which guest functions allocate and free.
    public enum Functions: Sendable, Equatable {
        /// `malloc` and `free` if the guest exports both, else `cabi_realloc` (with `free`, if
        /// exported, to release memory; without it, memory is released with the instance).
        case automatic
        /// `allocate(size: i32) -> i32` and `free(address: i32)` under these names.
        case malloc(allocate: String, free: String)
        /// The component model's `cabi_realloc(old: i32, old_size: i32, align: i32, new_size: i32) -> i32`
        /// under this name; `free`, if given, releases memory.
        case realloc(String, free: String?)
    }

    /// The instance whose allocator and memory are used.
    public let instance: Instance
    /// The guest's memory (its export named "memory" unless another name is given).
    public let memory: Memory
    private let allocateBytes: (_ byteCount: UInt32, _ alignment: UInt32) throws -> UInt32
    private let freeBytes: ((UInt32) throws -> Void)?

    /// Finds the guest's allocation functions. Throws `GuestAllocatorError` naming what is
    /// missing (or has the wrong type), and `UsageError` when there is no such memory.
    public init(instance: Instance, functions: Functions = .automatic, memory memoryName: String = "memory") throws {
        self.instance = instance
        self.memory = try instance.memory(memoryName)
        func export(_ name: String) -> Function? {
            if case .function(let f)? = instance.export(name) { return f }
            return nil
        }
        func typedMalloc(_ name: String) throws -> (UInt32, UInt32) throws -> UInt32 {
            guard let f = export(name) else { throw GuestAllocatorError("the guest exports no function \"\(name)\"") }
            let malloc = try Self.check(f, name) { try f.typed(UInt32.self, returning: UInt32.self) }
            return { size, _ in try malloc(size) }
        }
        func typedRealloc(_ name: String) throws -> (UInt32, UInt32) throws -> UInt32 {
            guard let f = export(name) else { throw GuestAllocatorError("the guest exports no function \"\(name)\"") }
            let realloc = try Self.check(f, name) {
                try f.typed(UInt32.self, UInt32.self, UInt32.self, UInt32.self, returning: UInt32.self)
            }
            return { size, alignment in try realloc(0, 0, alignment, size) }
        }
        func typedFree(_ name: String) throws -> (UInt32) throws -> Void {
            guard let f = export(name) else { throw GuestAllocatorError("the guest exports no function \"\(name)\"") }
            return try Self.check(f, name) { try f.typed(UInt32.self) }
        }
        switch functions {
        case .automatic:
            if export("malloc") != nil, export("free") != nil {
                allocateBytes = try typedMalloc("malloc")
                freeBytes = try typedFree("free")
            } else if export("cabi_realloc") != nil {
                allocateBytes = try typedRealloc("cabi_realloc")
                freeBytes = try export("free").map { _ in try typedFree("free") }
            } else {
                let missing = export("malloc") == nil ? (export("free") == nil ? "malloc and free" : "malloc") : "free"
                throw GuestAllocatorError("the guest exports no allocator: \(missing) missing, and no cabi_realloc")
            }
        case .malloc(let allocate, let free):
            allocateBytes = try typedMalloc(allocate)
            freeBytes = try typedFree(free)
        case .realloc(let realloc, let free):
            allocateBytes = try typedRealloc(realloc)
            freeBytes = try free.map(typedFree)
        }
    }

    /// Turns a type mismatch of an allocation function into an error naming the function.
    private static func check<T>(_ function: Function, _ name: String, _ typed: () throws -> T) throws -> T {
        do {
            return try typed()
        } catch is UsageError {
            throw GuestAllocatorError("the guest's \"\(name)\" has type \(function.type), not the allocator's")
        }
    }

    // MARK: Allocating and freeing

    /// Allocates `byteCount` bytes in the guest (at least 1). Throws `GuestAllocatorError` when
    /// the guest returns NULL and `MemoryAccessError` when it returns a block outside its memory.
    public func allocate(byteCount: Int, alignment: Int = 8) throws -> UInt32 {
        guard byteCount >= 0, byteCount <= Int(UInt32.max), alignment > 0, alignment <= Int(UInt32.max) else {
            throw GuestAllocatorError("cannot allocate \(byteCount) bytes aligned to \(alignment) in a 32-bit memory")
        }
        let address = try allocateBytes(UInt32(max(1, byteCount)), UInt32(alignment))
        guard address != 0 else { throw GuestAllocatorError("the guest could not allocate \(byteCount) bytes") }
        try memory.check(Int(address), byteCount)
        return address
    }

    /// Frees a block the guest allocated (nothing, for a guest with `cabi_realloc` and no `free`).
    public func free(_ address: UInt32) throws {
        try freeBytes?(address)
    }

    // MARK: Data in

    /// Copies `bytes` into freshly allocated guest memory; the caller frees it with `free(_:)`.
    public func copy<Bytes: Collection>(_ bytes: Bytes) throws -> (address: UInt32, length: UInt32)
    where Bytes.Element == UInt8 {
        let address = try allocate(byteCount: bytes.count, alignment: 1)
        do {
            try memory.write(bytes, at: Int(address))
        } catch {
            try? free(address)
            throw error
        }
        return (address, UInt32(bytes.count))
    }

    /// Copies `string` as UTF-8 (with a NUL after it when `nulTerminated`; the length excludes it).
    public func copy(_ string: String, nulTerminated: Bool = false) throws -> (address: UInt32, length: UInt32) {
        var bytes = Array(string.utf8)
        if nulTerminated { bytes.append(0) }
        let (address, length) = try copy(bytes)
        return (address, nulTerminated ? length - 1 : length)
    }

    /// Copies `bytes` into guest memory for the duration of `body`, which gets their address and
    /// length; the guest's `free` releases them afterwards, also when `body` throws.
    public func withCopy<Bytes: Collection, Result>(
        of bytes: Bytes, _ body: (_ address: UInt32, _ length: UInt32) throws -> Result
    ) throws -> Result where Bytes.Element == UInt8 {
        let (address, length) = try copy(bytes)
        return try withFree(address) { try body(address, length) }
    }

    /// Copies `string` (UTF-8, NUL-terminated if asked) into guest memory for `body`.
    public func withCopy<Result>(
        of string: String, nulTerminated: Bool = false, _ body: (_ address: UInt32, _ length: UInt32) throws -> Result
    ) throws -> Result {
        let (address, length) = try copy(string, nulTerminated: nulTerminated)
        return try withFree(address) { try body(address, length) }
    }

    /// Runs `body`, then frees `address` (also when `body` throws; the body's error wins).
    private func withFree<Result>(_ address: UInt32, _ body: () throws -> Result) throws -> Result {
        let result: Result
        do {
            result = try body()
        } catch {
            try? free(address)
            throw error
        }
        try free(address)
        return result
    }

    // MARK: Out-parameters

    /// Allocates one zeroed out-parameter per type (each sized and aligned for it), passes their
    /// addresses to `body`, then reads what the guest stored there (little-endian) and frees them.
    ///
    /// ```swift
    /// let (code, output, length) = try heap.withOutParameters(UInt32.self, UInt32.self) { output, length in
    ///     try names(input, inputLength, output, length)
    /// }
    /// ```
    public func withOutParameters<each Value: FixedWidthInteger, Result>(
        _ types: repeat (each Value).Type, body: (repeat OutParameter<each Value>) throws -> Result
    ) throws -> (Result, repeat each Value) {
        var byteCount = 0
        repeat byteCount = Self.aligned(byteCount, for: (each Value).self) + MemoryLayout<each Value>.size
        let base = try allocate(byteCount: byteCount, alignment: 8)
        return try withFree(base) {
            try memory.write(repeatElement(UInt8(0), count: byteCount), at: Int(base))
            var offset = 0
            let parameters = (repeat Self.place((each Value).self, base: base, offset: &offset))
            let result = try body(repeat each parameters)
            return (result, repeat try memory.load((each Value).self, at: Int((each parameters).address)))
        }
    }

    private static func aligned<T: FixedWidthInteger>(_ offset: Int, for type: T.Type) -> Int {
        let alignment = MemoryLayout<T>.alignment
        return (offset + alignment - 1) / alignment * alignment
    }

    private static func place<T: FixedWidthInteger>(_ type: T.Type, base: UInt32, offset: inout Int) -> OutParameter<T> {
        let start = aligned(offset, for: T.self)
        offset = start + MemoryLayout<T>.size
        return OutParameter(address: base + UInt32(start))
    }

    // MARK: Data out

    /// Copies `count` bytes at a guest-given address.
    public func bytes(at address: UInt32, count: UInt32) throws -> [UInt8] {
        try memory.read(at: Int(address), count: Int(count))
    }

    /// Reads `count` bytes at a guest-given address as UTF-8.
    public func string(at address: UInt32, count: UInt32) throws -> String {
        try memory.readString(at: Int(address), count: Int(count))
    }

    /// Reads the NUL-terminated UTF-8 string at a guest-given address.
    public func cString(at address: UInt32) throws -> String {
        try memory.readCString(at: Int(address))
    }

    /// Copies `count` bytes the guest allocated, then frees them with the guest's allocator.
    /// (A block that cannot be read, being out of bounds, is not freed.)
    public func takeBytes(at address: UInt32, count: UInt32) throws -> [UInt8] {
        let value = try bytes(at: address, count: count)
        try free(address)
        return value
    }

    /// Reads a UTF-8 string the guest allocated, then frees it.
    public func takeString(at address: UInt32, count: UInt32) throws -> String {
        let value = try string(at: address, count: count)
        try free(address)
        return value
    }

    /// Reads a NUL-terminated string the guest allocated, then frees it.
    public func takeCString(at address: UInt32) throws -> String {
        let value = try cString(at: address)
        try free(address)
        return value
    }
}

/// The guest address of an out-parameter of type `Value` (see `GuestAllocator.withOutParameters`).
public struct OutParameter<Value: FixedWidthInteger>: Hashable, Sendable {
    /// Where the guest stores the value.
    public let address: UInt32
}

/// The guest lacks an allocation function, has one of the wrong type, or could not allocate.
public struct GuestAllocatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is missing or went wrong, naming the guest function.
    public let message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
