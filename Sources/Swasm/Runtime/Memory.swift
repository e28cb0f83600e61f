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
    /// The memory's current size as its minimum, with its declared maximum.
    public var type: MemoryType {
        MemoryType(limits: Limits(min: UInt64(pageCount), max: storage.pointee.declaredMax))
    }

    /// Grows by `pages`; returns the old size in pages, or nil if that would pass the maximum
    /// (or the host cannot allocate).
    @discardableResult
    public func grow(by pages: Int) -> Int? {
        guard pages >= 0, pages <= 65_536 else { return nil }
        let r = growMemory(storage, by: UInt32(pages))
        return r < 0 ? nil : Int(r)
    }

    @inline(__always)
    func check(_ offset: Int, _ count: Int) throws {
        guard offset >= 0, count >= 0, offset <= byteCount, count <= byteCount - offset else {
            throw MemoryAccessError(offset: offset, count: count, memorySize: byteCount)
        }
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

/// Grows a memory by `delta` pages; returns the old page count or -1.
func growMemory(_ m: UnsafeMutablePointer<MemoryStorage>, by delta: UInt32) -> Int32 {
    let oldPages = m.pointee.byteCount / pageSize
    let newPages = oldPages + Int(delta)
    guard newPages <= m.pointee.maxPages else { return -1 }
    if delta == 0 { return Int32(oldPages) }
    let newBytes = newPages * pageSize
    guard newBytes + SystemMemory.guardBytes <= m.pointee.reservedBytes else { return -1 }
    if newBytes > m.pointee.accessibleBytes {
        guard SystemMemory.commit(m.pointee.base, from: m.pointee.accessibleBytes, to: newBytes) else { return -1 }
        m.pointee.accessibleBytes = SystemMemory.roundUp(newBytes)
    }
    m.pointee.byteCount = newBytes
    return Int32(truncatingIfNeeded: oldPages)
}

/// Grows a table by `delta` elements set to `initial`; returns the old size or -1.
func growTable(_ t: UnsafeMutablePointer<TableStorage>, by delta: UInt32, initial: UInt64) -> Int32 {
    let old = t.pointee.count
    let new = old + Int(delta)
    guard new <= t.pointee.maxCount else { return -1 }
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
    return Int32(truncatingIfNeeded: old)
}
