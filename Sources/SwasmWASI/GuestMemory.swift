import Swasm

/// The calling instance's linear memory during one WASI call, addressed by 32-bit guest
/// pointers. Every access is bounds-checked: one that does not fit throws `WASIErrno.fault` (and the
/// call returns EFAULT), so a guest pointer can never reach outside its memory.
///
/// The view is only valid during the host call it was made for (no guest code runs meanwhile,
/// so the memory cannot grow or move).
struct GuestMemory {
    let buffer: UnsafeMutableRawBufferPointer

    /// A memory of no bytes, for a caller without memory: every pointer faults.
    static var none: GuestMemory { GuestMemory(buffer: UnsafeMutableRawBufferPointer(start: nil, count: 0)) }

    var size: Int { buffer.count }

    /// Throws `.fault` unless `ptr ..< ptr + count` lies inside the memory.
    @inline(__always)
    func check(_ ptr: UInt32, _ count: Int) throws(WASIErrno) {
        let p = Int(ptr)
        guard count >= 0, p <= size, count <= size - p else { throw .fault }
    }

    func load<T: FixedWidthInteger>(_ type: T.Type, at ptr: UInt32) throws(WASIErrno) -> T {
        try check(ptr, MemoryLayout<T>.size)
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: Int(ptr), as: T.self))
    }

    func store<T: FixedWidthInteger>(_ value: T, at ptr: UInt32) throws(WASIErrno) {
        try check(ptr, MemoryLayout<T>.size)
        buffer.storeBytes(of: value.littleEndian, toByteOffset: Int(ptr), as: T.self)
    }

    /// The bytes `ptr ..< ptr + count`, in place.
    func bytes(_ ptr: UInt32, _ count: Int) throws(WASIErrno) -> UnsafeMutableRawBufferPointer {
        try check(ptr, count)
        if count == 0 { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        return UnsafeMutableRawBufferPointer(rebasing: buffer[Int(ptr) ..< Int(ptr) + count])
    }

    /// A copy of the bytes `ptr ..< ptr + count` (bounded by the memory's size).
    func read(_ ptr: UInt32, _ count: Int) throws(WASIErrno) -> [UInt8] {
        Array(try bytes(ptr, count))
    }

    func write<Bytes: Collection>(_ bytes: Bytes, at ptr: UInt32) throws(WASIErrno) where Bytes.Element == UInt8 {
        let target = try self.bytes(ptr, bytes.count)
        if bytes.isEmpty { return }
        _ = target.initializeMemory(as: UInt8.self, from: bytes)
    }

    func zero(_ ptr: UInt32, _ count: Int) throws(WASIErrno) {
        let target = try bytes(ptr, count)
        if count > 0 { target.initializeMemory(as: UInt8.self, repeating: 0) }
    }

    /// The buffers of an `iovec` array (`buf` u32, `buf_len` u32, 8 bytes each) at `ptr`.
    ///
    /// The whole array and every buffer taken must lie inside the memory (else EFAULT). At most
    /// `HostIO.maxBuffers` buffers are taken, and no more than 2^31 - 1 bytes in total: the
    /// call then transfers less, as a short read or write.
    func iovecs(_ ptr: UInt32, _ count: UInt32) throws(WASIErrno) -> [UnsafeMutableRawBufferPointer] {
        try check(ptr, Int(count) * WASIABI.iovecSize)
        var result: [UnsafeMutableRawBufferPointer] = []
        result.reserveCapacity(min(Int(count), HostIO.maxBuffers))
        var total = 0
        for i in 0 ..< min(Int(count), HostIO.maxBuffers) {
            let entry = ptr &+ UInt32(i * WASIABI.iovecSize)
            let buf = try load(UInt32.self, at: entry)
            let len = Int(try load(UInt32.self, at: entry &+ 4))
            let region = try bytes(buf, len)
            let room = Int(Int32.max) - total
            if room <= 0 { break }
            let piece = len <= room ? region : UnsafeMutableRawBufferPointer(rebasing: region[0 ..< room])
            total += piece.count
            result.append(piece)
        }
        return result
    }
}
