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
