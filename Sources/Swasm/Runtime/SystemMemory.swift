#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Linear memory on virtual memory: each memory reserves its whole address range once (no
/// access), and growing makes more of it readable and writable. So creating a memory costs the
/// same for 1 page as for 16 MiB, `memory.grow` never copies, and the base never moves. Fresh
/// pages come zeroed from the kernel. Failures are nil results (`memory.grow` returns -1, an
/// instantiation fails with an error), never crashes.
enum SystemMemory {
    /// Address space kept inaccessible after the largest possible memory (a fault there would
    /// mean a missing bounds check; every access is still checked).
    static let guardBytes = 64 << 10

    /// Reserves `maximumBytes` (+ the guard) of address space and makes the first
    /// `initialBytes` accessible. Returns the base and the reserved size.
    static func reserve(maximumBytes: Int, initialBytes: Int) -> (base: UnsafeMutableRawPointer, reserved: Int)? {
        let reserved = roundUpToPage(max(maximumBytes, initialBytes)) + guardBytes
        #if canImport(Darwin)
        let flags = MAP_PRIVATE | MAP_ANON
        #else
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
        #endif
        guard let p = mmap(nil, reserved, PROT_NONE, flags, -1, 0), p != UnsafeMutableRawPointer(bitPattern: -1) else {
            return nil
        }
        if initialBytes > 0 && !commit(p, from: 0, to: initialBytes) {
            munmap(p, reserved)
            return nil
        }
        return (p, reserved)
    }

    /// Makes bytes `oldByteCount..<newByteCount` of a reservation accessible (they read as zero).
    static func commit(_ base: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int) -> Bool {
        let start = roundUpToPage(oldByteCount), end = roundUpToPage(newByteCount)
        guard end > start else { return true }
        return mprotect(base + start, end - start, PROT_READ | PROT_WRITE) == 0
    }

    static func release(_ base: UnsafeMutableRawPointer, reserved: Int) {
        munmap(base, reserved)
    }

    private static let systemPageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    private static func roundUpToPage(_ n: Int) -> Int {
        (n + systemPageSize - 1) / systemPageSize * systemPageSize
    }
}

/// Address-space regions released by stores, kept for the next store: a server that
/// instantiates per request then pays no `mmap`/`munmap` per request. A linear memory's pages
/// are returned to the kernel (`MADV_DONTNEED`: they read as zero again) and made inaccessible
/// before the region is kept; a VM stack keeps its first pages (its contents need no clearing:
/// frames are initialised on entry).
final class RegionPool: @unchecked Sendable {  // all state behind `lock`
    /// Linear memories (cleared before they are kept) and VM stacks (kept as they are): never mixed.
    static let memories = RegionPool()
    static let stacks = RegionPool()
    /// At most this many regions of each size are kept.
    let limitPerSize = 16
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private var regions: [Int: [(UnsafeMutableRawPointer, Int)]] = [:]

    private init() {
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    /// A kept region of `size` bytes, and how many of its first bytes are accessible.
    func take(size: Int) -> (region: UnsafeMutableRawPointer, accessible: Int)? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return regions[size]?.popLast()
    }

    /// Keeps `region` for reuse; false if the pool is full (the caller unmaps it).
    func keep(_ region: UnsafeMutableRawPointer, size: Int, accessible: Int) -> Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard regions[size, default: []].count < limitPerSize else { return false }
        regions[size, default: []].append((region, accessible))
        return true
    }
}

extension SystemMemory {
    /// A linear memory's reservation, from the pool when one of that size is free. Returns the
    /// base, the reserved size and how many bytes are accessible (at least `initialBytes`).
    static func reserveMemory(maximumBytes: Int, initialBytes: Int) -> (base: UnsafeMutableRawPointer, reserved: Int, accessible: Int)? {
        let reserved = roundUp(max(maximumBytes, initialBytes)) + guardBytes
        if let (base, accessible) = RegionPool.memories.take(size: reserved) {
            guard commit(base, from: accessible, to: initialBytes) else {
                munmap(base, reserved)
                return nil
            }
            return (base, reserved, max(accessible, roundUp(initialBytes)))
        }
        guard let (base, reserved) = reserve(maximumBytes: maximumBytes, initialBytes: initialBytes) else { return nil }
        return (base, reserved, roundUp(initialBytes))
    }

    /// Releases a linear memory: its pages go back to the kernel (they read as zero when the
    /// region is used again; pages beyond a memory's size stay inaccessible to the guest
    /// because every access is bounds-checked), the region to the pool.
    static func releaseMemory(_ base: UnsafeMutableRawPointer, reserved: Int, accessible: Int) {
        guard accessible == 0 || madvise(base, accessible, MADV_DONTNEED) == 0,
              RegionPool.memories.keep(base, size: reserved, accessible: accessible) else {
            munmap(base, reserved)
            return
        }
    }

    /// Readable, writable memory for a VM's stacks, touched lazily (from the pool when possible).
    static func allocateStack(byteCount: Int) -> UnsafeMutableRawPointer? {
        let size = roundUp(byteCount)
        if let (region, _) = RegionPool.stacks.take(size: size) { return region }
        guard let (base, _) = reserve(maximumBytes: 0, initialBytes: size) else { return nil }
        return base
    }

    /// Returns a VM stack to the pool, giving back all but its first pages.
    static func releaseStack(_ base: UnsafeMutableRawPointer, byteCount: Int) {
        let size = roundUp(byteCount)
        let kept = min(size, 256 << 10)
        if size > kept { _ = madvise(base + kept, size - kept, MADV_DONTNEED) }
        if !RegionPool.stacks.keep(base, size: size, accessible: size) { munmap(base, size + guardBytes) }
    }

    static func roundUp(_ n: Int) -> Int { (n + 4095) / 4096 * 4096 }
}
