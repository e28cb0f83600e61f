#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the host's system calls: retry on EINTR, translate `errno` into WASI's.
enum HostIO {
    /// At most this many buffers go to one readv/writev (Linux's IOV_MAX); the rest of a longer
    /// list is left for the guest's next call (a short read or write, as POSIX allows).
    static let maxBuffers = 1024

    static var lastError: WASIErrno { WASIErrno(hostErrno: errno) }

    /// readv, or preadv at `offset`.
    static func read(_ fd: Int32, _ buffers: [UnsafeMutableRawBufferPointer], at offset: Int64? = nil) throws(WASIErrno) -> Int {
        var iov = buffers.prefix(maxBuffers).map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
        if iov.isEmpty { return 0 }
        while true {
            let n = offset.map { preadv(fd, &iov, Int32(iov.count), off_t($0)) } ?? readv(fd, &iov, Int32(iov.count))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw lastError
        }
    }

    /// One writev, or pwritev at `offset`: may write less than asked.
    static func writeOnce(_ fd: Int32, _ buffers: [UnsafeRawBufferPointer], at offset: Int64? = nil) throws(WASIErrno) -> Int {
        var iov = buffers.prefix(maxBuffers).map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        if iov.isEmpty { return 0 }
        while true {
            let n = offset.map { pwritev(fd, &iov, Int32(iov.count), off_t($0)) } ?? writev(fd, &iov, Int32(iov.count))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw lastError
        }
    }

    /// Writes every byte of `buffers` to a stream, however many calls that takes (also when the
    /// host descriptor is non-blocking: it waits until it can write). A failure after some bytes
    /// went out reports those bytes.
    static func writeAll(_ fd: Int32, _ buffers: [UnsafeRawBufferPointer], blocking: Bool) throws(WASIErrno) -> Int {
        var remaining = Array(buffers.prefix(maxBuffers).filter { $0.count > 0 })
        var total = 0
        while !remaining.isEmpty {
            let n: Int
            do {
                n = try writeOnce(fd, remaining)
            } catch .again where blocking {
                waitUntilReady(fd, events: Int16(POLLOUT), timeoutMilliseconds: -1)
                continue
            } catch {
                if total > 0 { return total }
                throw error
            }
            if n == 0 { break }
            total += n
            var consumed = n
            while consumed > 0, let first = remaining.first {
                if consumed >= first.count {
                    consumed -= first.count
                    remaining.removeFirst()
                } else {
                    remaining[0] = UnsafeRawBufferPointer(rebasing: first[consumed...])
                    consumed = 0
                }
            }
            if !blocking { break }
        }
        return total
    }

    /// Reads from a stream. A guest that asked for non-blocking reads gets EAGAIN when nothing is
    /// there; otherwise it waits, also when the host descriptor itself is non-blocking.
    static func readStream(_ fd: Int32, _ buffers: [UnsafeMutableRawBufferPointer], blocking: Bool) throws(WASIErrno) -> Int {
        if !blocking && !waitUntilReady(fd, events: Int16(POLLIN), timeoutMilliseconds: 0) { throw .again }
        while true {
            do {
                return try read(fd, buffers)
            } catch .again where blocking {
                waitUntilReady(fd, events: Int16(POLLIN), timeoutMilliseconds: -1)
            }
        }
    }

    /// Waits until `fd` is ready for `events` (or has hung up, or failed); false on timeout.
    @discardableResult
    static func waitUntilReady(_ fd: Int32, events: Int16, timeoutMilliseconds: Int32) -> Bool {
        var p = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let r = poll(&p, 1, timeoutMilliseconds)
            if r < 0 && errno == EINTR { continue }
            return r != 0
        }
    }

    static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    /// fstat, as a WASI `filestat`.
    static func fileStat(_ fd: Int32) throws(WASIErrno) -> FileStat {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw lastError }
        return FileStat(st)
    }

    /// WASI's filetype for a host `st_mode`. A pipe (FIFO) has no WASI type: unknown.
    static func filetype(mode: mode_t) -> UInt8 {
        switch mode & S_IFMT {
        case S_IFREG: return WASIABI.filetypeRegularFile
        case S_IFDIR: return WASIABI.filetypeDirectory
        case S_IFCHR: return WASIABI.filetypeCharacterDevice
        case S_IFBLK: return WASIABI.filetypeBlockDevice
        case S_IFLNK: return WASIABI.filetypeSymbolicLink
        case S_IFSOCK: return WASIABI.filetypeSocketStream
        default: return WASIABI.filetypeUnknown
        }
    }
}

/// The fields of a WASI `filestat`.
struct FileStat {
    var dev: UInt64 = 0
    var ino: UInt64 = 0
    var filetype: UInt8 = WASIABI.filetypeUnknown
    var nlink: UInt64 = 0
    var size: UInt64 = 0
    var atim: UInt64 = 0
    var mtim: UInt64 = 0
    var ctim: UInt64 = 0

    init(filetype: UInt8 = WASIABI.filetypeUnknown) { self.filetype = filetype }

    init(_ st: stat) {
        dev = UInt64(truncatingIfNeeded: st.st_dev)
        ino = UInt64(truncatingIfNeeded: st.st_ino)
        filetype = HostIO.filetype(mode: st.st_mode)
        nlink = UInt64(truncatingIfNeeded: st.st_nlink)
        size = UInt64(truncatingIfNeeded: st.st_size)
        #if canImport(Darwin)
        atim = FileStat.nanoseconds(st.st_atimespec)
        mtim = FileStat.nanoseconds(st.st_mtimespec)
        ctim = FileStat.nanoseconds(st.st_ctimespec)
        #else
        atim = FileStat.nanoseconds(st.st_atim)
        mtim = FileStat.nanoseconds(st.st_mtim)
        ctim = FileStat.nanoseconds(st.st_ctim)
        #endif
    }

    static func nanoseconds(_ t: timespec) -> UInt64 {
        UInt64(truncatingIfNeeded: Int64(t.tv_sec) &* 1_000_000_000 &+ Int64(t.tv_nsec))
    }

    /// Stores the 64-byte `filestat` at `ptr`.
    func store(in memory: GuestMemory, at ptr: UInt32) throws(WASIErrno) {
        try memory.check(ptr, WASIABI.filestatSize)
        try memory.zero(ptr, WASIABI.filestatSize)
        try memory.store(dev, at: ptr)
        try memory.store(ino, at: ptr &+ 8)
        try memory.store(filetype, at: ptr &+ 16)
        try memory.store(nlink, at: ptr &+ 24)
        try memory.store(size, at: ptr &+ 32)
        try memory.store(atim, at: ptr &+ 40)
        try memory.store(mtim, at: ptr &+ 48)
        try memory.store(ctim, at: ptr &+ 56)
    }
}

extension WASIErrno {
    /// WASI's number for a host `errno` value (EIO for anything without a counterpart).
    init(hostErrno e: Int32) {
        switch e {
        case 0: self = .success
        case E2BIG: self = .toobig
        case EACCES: self = .acces
        case EADDRINUSE: self = .addrinuse
        case EADDRNOTAVAIL: self = .addrnotavail
        case EAFNOSUPPORT: self = .afnosupport
        case EAGAIN, EWOULDBLOCK: self = .again
        case EALREADY: self = .already
        case EBADF: self = .badf
        case EBADMSG: self = .badmsg
        case EBUSY: self = .busy
        case ECANCELED: self = .canceled
        case ECHILD: self = .child
        case ECONNABORTED: self = .connaborted
        case ECONNREFUSED: self = .connrefused
        case ECONNRESET: self = .connreset
        case EDEADLK: self = .deadlk
        case EDESTADDRREQ: self = .destaddrreq
        case EDOM: self = .dom
        case EDQUOT: self = .dquot
        case EEXIST: self = .exist
        case EFAULT: self = .fault
        case EFBIG: self = .fbig
        case EHOSTUNREACH: self = .hostunreach
        case EIDRM: self = .idrm
        case EILSEQ: self = .ilseq
        case EINPROGRESS: self = .inprogress
        case EINTR: self = .intr
        case EINVAL: self = .inval
        case EIO: self = .io
        case EISCONN: self = .isconn
        case EISDIR: self = .isdir
        case ELOOP: self = .loop
        case EMFILE: self = .mfile
        case EMLINK: self = .mlink
        case EMSGSIZE: self = .msgsize
        case EMULTIHOP: self = .multihop
        case ENAMETOOLONG: self = .nametoolong
        case ENETDOWN: self = .netdown
        case ENETRESET: self = .netreset
        case ENETUNREACH: self = .netunreach
        case ENFILE: self = .nfile
        case ENOBUFS: self = .nobufs
        case ENODEV: self = .nodev
        case ENOENT: self = .noent
        case ENOEXEC: self = .noexec
        case ENOLCK: self = .nolck
        case ENOLINK: self = .nolink
        case ENOMEM: self = .nomem
        case ENOMSG: self = .nomsg
        case ENOPROTOOPT: self = .noprotoopt
        case ENOSPC: self = .nospc
        case ENOSYS: self = .nosys
        case ENOTCONN: self = .notconn
        case ENOTDIR: self = .notdir
        case ENOTEMPTY: self = .notempty
        case ENOTRECOVERABLE: self = .notrecoverable
        case ENOTSOCK: self = .notsock
        case ENOTSUP, EOPNOTSUPP: self = .notsup
        case ENOTTY: self = .notty
        case ENXIO: self = .nxio
        case EOVERFLOW: self = .overflow
        case EOWNERDEAD: self = .ownerdead
        case EPERM: self = .perm
        case EPIPE: self = .pipe
        case EPROTO: self = .proto
        case EPROTONOSUPPORT: self = .protonosupport
        case EPROTOTYPE: self = .prototype
        case ERANGE: self = .range
        case EROFS: self = .rofs
        case ESPIPE: self = .spipe
        case ESRCH: self = .srch
        case ESTALE: self = .stale
        case ETIMEDOUT: self = .timedout
        case ETXTBSY: self = .txtbsy
        case EXDEV: self = .xdev
        default: self = .io
        }
    }
}
