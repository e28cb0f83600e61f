#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw allocation through the C allocator, so that an allocation failure is a nil result (and
/// `memory.grow` returns -1) rather than a crash.
enum SystemMemory {
    static func allocate(byteCount: Int) -> UnsafeMutableRawPointer? {
        guard let p = calloc(1, max(byteCount, 8)) else { return nil }
        return p
    }

    /// Resizes `pointer` to `newByteCount`, zeroing the bytes from `oldByteCount` on.
    static func reallocate(_ pointer: UnsafeMutableRawPointer, from oldByteCount: Int, to newByteCount: Int) -> UnsafeMutableRawPointer? {
        guard let p = realloc(pointer, max(newByteCount, 8)) else { return nil }
        if newByteCount > oldByteCount {
            memset(p + oldByteCount, 0, newByteCount - oldByteCount)
        }
        return p
    }

    static func release(_ pointer: UnsafeMutableRawPointer) {
        free(pointer)
    }
}
