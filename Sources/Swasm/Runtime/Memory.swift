/// A linear memory: bytes in 64 KiB pages, read and written by the host at guest offsets.
///
/// Every access is bounds-checked: an access that does not fit throws `MemoryAccessError`
/// (which, thrown from a host function, becomes an "out of bounds memory access" trap).
/// The handle always sees the memory's current size, also after the guest grows it.
public struct Memory {
    /// The store that owns the memory.
    public let store: Store
    let storage: UnsafeMutablePointer<MemoryStorage>

    /// Creates a memory owned by `store`, for use as an import.
    public init(store: Store, type: MemoryType) throws {
        guard let s = store.allocateMemory(type) else {
            throw UsageError("cannot allocate \(type.limits.min) pages (store limit or host memory)")
        }
        self.store = store
        self.storage = s
    }

    init(store: Store, storage: UnsafeMutablePointer<MemoryStorage>) {
        self.store = store
        self.storage = storage
    }

    /// Bytes per WebAssembly page.
    public static let pageSize = 65_536

    /// Current size in bytes.
    public var byteCount: Int { storage.pointee.byteCount }
    /// Current size in 64 KiB pages.
    public var pageCount: Int { storage.pointee.byteCount / Memory.pageSize }
    /// The memory's current size as its minimum, with its declared maximum and address type.
    public var type: MemoryType {
        MemoryType(limits: Limits(min: UInt64(pageCount), max: storage.pointee.declaredMax), is64: is64)
    }

    /// True for a 64-bit memory (memory64): the guest addresses it with `i64` values.
    public var is64: Bool { storage.pointee.is64 }

    /// Grows by `pages`; returns the old size in pages, or nil if that would pass the maximum
    /// (or the memory's reservation, or what the host can allocate).
    @discardableResult
    public func grow(by pages: Int) -> Int? {
        guard pages >= 0 else { return nil }
        let r = growMemory(storage, by: UInt64(pages))
        return r < 0 ? nil : Int(r)
    }

    @inline(__always)
    func check(_ offset: Int, _ count: Int) throws {
        guard offset >= 0, count >= 0, offset <= byteCount, count <= byteCount - offset else {
            throw MemoryAccessError(offset: offset, count: count, memorySize: byteCount)
        }
    }

    /// A guest's 64-bit address as an offset. Every byte of a memory has an `Int` offset (its
    /// size is an `Int`); an address past `Int.max` is out of bounds whatever the count.
    @inline(__always)
    func offset(_ address: UInt64, _ count: Int) throws -> Int {
        guard let offset = Int(exactly: address) else {
            throw MemoryAccessError(offset: .max, count: count, memorySize: byteCount)
        }
        return offset
    }

    // MARK: Bytes

    /// Copies `count` bytes starting at `offset`.
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        try check(offset, count)
        let base = storage.pointee.base.assumingMemoryBound(to: UInt8.self)
        return Array(UnsafeBufferPointer(start: base + offset, count: count))
    }

    /// Writes `bytes` starting at `offset`.
    public func write<Bytes: Collection>(_ bytes: Bytes, at offset: Int) throws where Bytes.Element == UInt8 {
        try check(offset, bytes.count)
        let base = storage.pointee.base.assumingMemoryBound(to: UInt8.self)
        _ = UnsafeMutableBufferPointer(start: base + offset, count: bytes.count).initialize(from: bytes)
    }

    /// Direct access to the bytes of `offset ..< offset + count`, for bulk work. The buffer is
    /// only valid inside `body`: growing the memory may move it.
    public func withUnsafeMutableBytes<R>(at offset: Int, count: Int,
                                          _ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        try check(offset, count)
        return try body(UnsafeMutableRawBufferPointer(start: storage.pointee.base + offset, count: count))
    }

    // MARK: Integers and floats (little-endian)

    /// Reads a little-endian integer at `offset`.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        try check(offset, MemoryLayout<T>.size)
        return T(littleEndian: storage.pointee.base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Writes a little-endian integer at `offset`.
    public func store<T: FixedWidthInteger>(_ value: T, at offset: Int) throws {
        try check(offset, MemoryLayout<T>.size)
        storage.pointee.base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }

    /// The byte at `offset`.
    public func loadUInt8(at offset: Int) throws -> UInt8 { try load(UInt8.self, at: offset) }
    /// The little-endian `UInt16` at `offset`.
    public func loadUInt16(at offset: Int) throws -> UInt16 { try load(UInt16.self, at: offset) }
    /// The little-endian `UInt32` at `offset`.
    public func loadUInt32(at offset: Int) throws -> UInt32 { try load(UInt32.self, at: offset) }
    /// The little-endian `UInt64` at `offset`.
    public func loadUInt64(at offset: Int) throws -> UInt64 { try load(UInt64.self, at: offset) }
    /// The little-endian `Int32` at `offset`.
    public func loadInt32(at offset: Int) throws -> Int32 { try load(Int32.self, at: offset) }
    /// The little-endian `Int64` at `offset`.
    public func loadInt64(at offset: Int) throws -> Int64 { try load(Int64.self, at: offset) }
    /// The `Float` (IEEE 754, little-endian) at `offset`.
    public func loadFloat(at offset: Int) throws -> Float { Float(bitPattern: try load(UInt32.self, at: offset)) }
    /// The `Double` (IEEE 754, little-endian) at `offset`.
    public func loadDouble(at offset: Int) throws -> Double { Double(bitPattern: try load(UInt64.self, at: offset)) }
    /// Writes a `Float` (little-endian) at `offset`.
    public func storeFloat(_ value: Float, at offset: Int) throws { try store(value.bitPattern, at: offset) }
    /// Writes a `Double` (little-endian) at `offset`.
    public func storeDouble(_ value: Double, at offset: Int) throws { try store(value.bitPattern, at: offset) }

    // MARK: 64-bit addresses (memory64)
    //
    // The same accessors for a guest address as an i64 gives it. (The `Int` forms reach every
    // byte too; these spare the conversion and its overflow check.)

    /// Copies `count` bytes starting at the 64-bit address `address`.
    public func read(at address: UInt64, count: Int) throws -> [UInt8] {
        try read(at: offset(address, count), count: count)
    }

    /// Writes `bytes` starting at the 64-bit address `address`.
    public func write<Bytes: Collection>(_ bytes: Bytes, at address: UInt64) throws where Bytes.Element == UInt8 {
        try write(bytes, at: offset(address, bytes.count))
    }

    /// Direct access to the bytes of `address ..< address + count` (a 64-bit address), only
    /// valid inside `body`.
    public func withUnsafeMutableBytes<R>(at address: UInt64, count: Int,
                                          _ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        try withUnsafeMutableBytes(at: offset(address, count), count: count, body)
    }

    /// Reads a little-endian integer at the 64-bit address `address`.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at address: UInt64) throws -> T {
        try load(type, at: offset(address, MemoryLayout<T>.size))
    }

    /// Writes a little-endian integer at the 64-bit address `address`.
    public func store<T: FixedWidthInteger>(_ value: T, at address: UInt64) throws {
        try store(value, at: offset(address, MemoryLayout<T>.size))
    }

    /// Reads `count` bytes at the 64-bit address `address` as UTF-8.
    public func readString(at address: UInt64, count: Int) throws -> String {
        try readString(at: offset(address, count), count: count)
    }

    /// Writes `string` as UTF-8 (no terminator) at the 64-bit address `address`; returns the
    /// number of bytes written.
    @discardableResult
    public func writeString(_ string: String, at address: UInt64) throws -> Int {
        try writeString(string, at: offset(address, string.utf8.count))
    }

    // MARK: Strings

    /// Reads `count` bytes at `offset` as UTF-8. Throws `MemoryAccessError` when out of bounds
    /// and `UsageError` when the bytes are not valid UTF-8.
    public func readString(at offset: Int, count: Int) throws -> String {
        try check(offset, count)
        let buffer = UnsafeBufferPointer(start: storage.pointee.base.assumingMemoryBound(to: UInt8.self) + offset, count: count)
        guard let s = String(validating: buffer, as: UTF8.self) else {
            throw UsageError("bytes at offset \(offset) (length \(count)) are not valid UTF-8")
        }
        return s
    }

    /// Reads a NUL-terminated UTF-8 string starting at `offset` (at most `maxCount` bytes).
    public func readCString(at offset: Int, maxCount: Int = 1 << 20) throws -> String {
        try check(offset, 0)
        let limit = min(maxCount, byteCount - offset)
        let base = storage.pointee.base.assumingMemoryBound(to: UInt8.self) + offset
        var length = 0
        while length < limit && base[length] != 0 { length += 1 }
        guard length < limit else {
            throw MemoryAccessError(offset: offset, count: length + 1, memorySize: byteCount)
        }
        return try readString(at: offset, count: length)
    }

    /// Writes `string` as UTF-8 (no terminator) at `offset`; returns the number of bytes written.
    @discardableResult
    public func writeString(_ string: String, at offset: Int) throws -> Int {
        let bytes = Array(string.utf8)
        try write(bytes, at: offset)
        return bytes.count
    }
}

/// A host access outside a memory's bounds.
public struct MemoryAccessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the access started.
    public let offset: Int
    /// How many bytes it needed.
    public let count: Int
    /// The memory's size in bytes at the time.
    public let memorySize: Int

    /// An access of `count` bytes at `offset` in a memory of `memorySize` bytes.
    public init(offset: Int, count: Int, memorySize: Int) {
        self.offset = offset
        self.count = count
        self.memorySize = memorySize
    }

    /// The access and the memory size, in words.
    public var description: String {
        "out of bounds memory access: offset \(offset), length \(count), memory size \(memorySize)"
    }
}

/// Grows a memory by `delta` pages; returns the old page count or -1 (past the maximum, the
/// reservation or what the host can commit). `delta` may be any u64 (memory64).
func growMemory(_ m: UnsafeMutablePointer<MemoryStorage>, by delta: UInt64) -> Int64 {
    let oldPages = m.pointee.byteCount / pageSize
    guard delta <= UInt64(m.pointee.maxPages - oldPages) else { return -1 }
    if delta == 0 { return Int64(oldPages) }
    let newPages = oldPages + Int(delta)
    // Compared in pages first: a 64-bit memory's maximum in bytes may not fit an Int.
    guard newPages <= (m.pointee.reservedBytes - SystemMemory.guardBytes) / pageSize else { return -1 }
    let newBytes = newPages * pageSize
    if newBytes > m.pointee.accessibleBytes {
        guard SystemMemory.commit(m.pointee.base, from: m.pointee.accessibleBytes, to: newBytes) else { return -1 }
        m.pointee.accessibleBytes = SystemMemory.roundUp(newBytes)
    }
    m.pointee.byteCount = newBytes
    return Int64(oldPages)
}

/// `memory.grow`'s result in a slot: the old size or -1, as an i32 or (64-bit memory) an i64.
func growMemoryResult(_ m: UnsafeMutablePointer<MemoryStorage>, delta: UInt64) -> UInt64 {
    UInt64(bitPattern: growMemory(m, by: delta & m.pointee.addressMask)) & m.pointee.addressMask
}

/// Grows a table by `delta` elements set to `initial`; returns the old size or -1. `delta` may
/// be any u64 (table64).
func growTable(_ t: UnsafeMutablePointer<TableStorage>, by delta: UInt64, initial: UInt64) -> Int64 {
    let old = t.pointee.count
    guard delta <= UInt64(t.pointee.maxCount - old) else { return -1 }
    let new = old + Int(delta)
    if new > t.pointee.capacity {
        let capacity = max(new, min(t.pointee.maxCount, t.pointee.capacity * 2))
        let elements = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        elements.moveInitialize(from: t.pointee.elements, count: old)
        t.pointee.elements.deallocate()
        t.pointee.elements = elements
        t.pointee.capacity = capacity
    }
    (t.pointee.elements + old).initialize(repeating: initial, count: Int(delta))
    t.pointee.count = new
    return Int64(old)
}
