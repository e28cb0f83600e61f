#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The fd_* functions (fd_readdir is in WASI+Paths.swift).
//
// The standard streams are streams, like pipes: no offset, so fd_seek, fd_tell, fd_pread and
// fd_pwrite give ESPIPE on them. A directory can only be read with fd_readdir.

extension Descriptor {
    /// Throws ENOTCAPABLE unless the descriptor has every right in `rights`.
    func require(_ rights: UInt64) throws(WASIErrno) {
        guard rightsBase & rights == rights else { throw .notcapable }
    }
}

extension WASI {
    // MARK: Reading and writing

    func fdRead(_ memory: GuestMemory, _ fd: UInt32, _ iovs: UInt32, _ iovsCount: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        try memory.check(resultPtr, 4)
        let buffers = try memory.iovecs(iovs, iovsCount)
        let n: Int
        switch d.kind {
        case .input(let stream):
            try d.require(WASIABI.rightFdRead)
            n = try stream.read(into: buffers, blocking: !d.isNonblocking)
        case .file(let file):
            guard file.readable else { throw .badf }
            try d.require(WASIABI.rightFdRead)
            n = try HostIO.read(file.fd, buffers)
        case .output: throw .badf
        case .directory: throw .isdir
        }
        try memory.store(UInt32(n), at: resultPtr)
    }

    func fdWrite(_ memory: GuestMemory, _ fd: UInt32, _ iovs: UInt32, _ iovsCount: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        try memory.check(resultPtr, 4)
        let buffers = try memory.iovecs(iovs, iovsCount).map { UnsafeRawBufferPointer($0) }
        let n: Int
        switch d.kind {
        case .output(let stream):
            try d.require(WASIABI.rightFdWrite)
            n = try stream.write(buffers, blocking: !d.isNonblocking)
        case .file(let file):
            guard file.writable else { throw .badf }
            try d.require(WASIABI.rightFdWrite)
            n = try HostIO.writeAll(file.fd, buffers, blocking: true)
        case .input: throw .badf
        case .directory: throw .isdir
        }
        try memory.store(UInt32(n), at: resultPtr)
    }

    func fdPread(_ memory: GuestMemory, _ fd: UInt32, _ iovs: UInt32, _ iovsCount: UInt32, _ offset: UInt64,
                 _ resultPtr: UInt32) throws(WASIErrno) {
        let file = try seekableFile(fd, rights: WASIABI.rightFdRead | WASIABI.rightFdSeek)
        guard file.readable else { throw .badf }
        guard offset <= UInt64(Int64.max) else { throw .inval }
        try memory.check(resultPtr, 4)
        let n = try HostIO.read(file.fd, try memory.iovecs(iovs, iovsCount), at: Int64(offset))
        try memory.store(UInt32(n), at: resultPtr)
    }

    func fdPwrite(_ memory: GuestMemory, _ fd: UInt32, _ iovs: UInt32, _ iovsCount: UInt32, _ offset: UInt64,
                  _ resultPtr: UInt32) throws(WASIErrno) {
        let file = try seekableFile(fd, rights: WASIABI.rightFdWrite | WASIABI.rightFdSeek)
        guard file.writable else { throw .badf }
        guard offset <= UInt64(Int64.max) else { throw .inval }
        try memory.check(resultPtr, 4)
        let buffers = try memory.iovecs(iovs, iovsCount).map { UnsafeRawBufferPointer($0) }
        let n = try HostIO.writeOnce(file.fd, buffers, at: Int64(offset))
        try memory.store(UInt32(n), at: resultPtr)
    }

    /// The regular file behind `fd`: EBADF if there is none, ESPIPE for a stream, EISDIR for a
    /// directory, ENOTCAPABLE without `rights`.
    private func seekableFile(_ fd: UInt32, rights: UInt64) throws(WASIErrno) -> HostFile {
        let d = try table.get(fd)
        switch d.kind {
        case .file(let file):
            try d.require(rights)
            return file
        case .input, .output: throw .spipe
        case .directory: throw .isdir
        }
    }

    // MARK: Offsets

    func fdSeek(_ memory: GuestMemory, _ fd: UInt32, _ offset: UInt64, _ whence: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        let hostWhence: Int32
        switch whence {
        case UInt32(WASIABI.whenceSet): hostWhence = SEEK_SET
        case UInt32(WASIABI.whenceCur): hostWhence = SEEK_CUR
        case UInt32(WASIABI.whenceEnd): hostWhence = SEEK_END
        default: throw .inval
        }
        let file: HostFile
        switch d.kind {
        case .file(let f): file = f
        case .input, .output: throw .spipe
        case .directory: throw .badf
        }
        let delta = Int64(bitPattern: offset)
        try d.require(hostWhence == SEEK_CUR && delta == 0 ? WASIABI.rightFdTell : WASIABI.rightFdSeek)
        try memory.check(resultPtr, 8)
        let position = lseek(file.fd, off_t(delta), hostWhence)
        guard position >= 0 else { throw HostIO.lastError }
        try memory.store(UInt64(position), at: resultPtr)
    }

    func fdTell(_ memory: GuestMemory, _ fd: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        let file: HostFile
        switch d.kind {
        case .file(let f): file = f
        case .input, .output: throw .spipe
        case .directory: throw .badf
        }
        try d.require(WASIABI.rightFdTell)
        try memory.check(resultPtr, 8)
        let position = lseek(file.fd, 0, SEEK_CUR)
        guard position >= 0 else { throw HostIO.lastError }
        try memory.store(UInt64(position), at: resultPtr)
    }

    // MARK: Descriptor state

    func fdClose(_ fd: UInt32) throws(WASIErrno) {
        try table.remove(fd)
    }

    func fdRenumber(_ from: UInt32, _ to: UInt32) throws(WASIErrno) {
        try table.renumber(from: from, to: to)
    }

    func fdFdstatGet(_ memory: GuestMemory, _ fd: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        try memory.zero(resultPtr, WASIABI.fdstatSize)
        try memory.store(d.filetype, at: resultPtr)
        try memory.store(d.flags, at: resultPtr &+ 2)
        try memory.store(d.rightsBase, at: resultPtr &+ 8)
        try memory.store(d.rightsInheriting, at: resultPtr &+ 16)
    }

    /// Sets the descriptor's flags. On a file, APPEND and NONBLOCK change the host descriptor; on
    /// a stream they are the guest's own (NONBLOCK makes reads from an empty stream give EAGAIN),
    /// so the host's stdin or stdout is never switched to non-blocking behind its back.
    func fdFdstatSetFlags(_ fd: UInt32, _ flags: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        guard flags & ~UInt32(WASIABI.fdflagsAll) == 0 else { throw .inval }
        try d.require(WASIABI.rightFdFdstatSetFlags)
        let newFlags = UInt16(flags)
        if case .file(let file) = d.kind {
            let current = fcntl(file.fd, F_GETFL)
            guard current >= 0 else { throw HostIO.lastError }
            var updated = current & ~(O_APPEND | O_NONBLOCK)
            if newFlags & WASIABI.fdflagAppend != 0 { updated |= O_APPEND }
            if newFlags & WASIABI.fdflagNonblock != 0 { updated |= O_NONBLOCK }
            guard fcntl(file.fd, F_SETFL, updated) == 0 else { throw HostIO.lastError }
        }
        d.flags = newFlags
    }

    /// Rights can only be dropped: asking for one the descriptor lacks gives ENOTCAPABLE.
    func fdFdstatSetRights(_ fd: UInt32, _ base: UInt64, _ inheriting: UInt64) throws(WASIErrno) {
        let d = try table.get(fd)
        guard base & ~d.rightsBase == 0, inheriting & ~d.rightsInheriting == 0 else { throw .notcapable }
        d.rightsBase = base
        d.rightsInheriting = inheriting
    }

    // MARK: File attributes

    /// For a host-backed descriptor, the host's `fstat`; for an in-memory stream, all zeros but
    /// the file type (unknown, like a pipe).
    func fdFilestatGet(_ memory: GuestMemory, _ fd: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        try d.require(WASIABI.rightFdFilestatGet)
        try memory.check(resultPtr, WASIABI.filestatSize)
        let stat = try d.hostDescriptor.map { fd throws(WASIErrno) in try HostIO.fileStat(fd) } ?? FileStat()
        try stat.store(in: memory, at: resultPtr)
    }

    func fdFilestatSetSize(_ fd: UInt32, _ size: UInt64) throws(WASIErrno) {
        let d = try table.get(fd)
        switch d.kind {
        case .file(let file):
            try d.require(WASIABI.rightFdFilestatSetSize)
            guard size <= UInt64(Int64.max) else { throw .inval }
            guard ftruncate(file.fd, off_t(size)) == 0 else { throw HostIO.lastError }
        case .input, .output: throw .inval
        case .directory: throw .isdir
        }
    }

    func fdFilestatSetTimes(_ fd: UInt32, _ atim: UInt64, _ mtim: UInt64, _ flags: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        var times = try WASI.timespecs(atim, mtim, flags)
        switch d.kind {
        case .file(let file):
            try d.require(WASIABI.rightFdFilestatSetTimes)
            guard futimens(file.fd, &times) == 0 else { throw HostIO.lastError }
        case .directory(let dir):
            try d.require(WASIABI.rightFdFilestatSetTimes)
            guard futimens(dir.fd, &times) == 0 else { throw HostIO.lastError }
        case .input, .output: throw .notsup
        }
    }

    /// The two timespecs of futimens/utimensat for WASI's times and `fstflags`.
    static func timespecs(_ atim: UInt64, _ mtim: UInt64, _ flags: UInt32) throws(WASIErrno) -> [timespec] {
        let known = UInt32(WASIABI.fstflagAtim | WASIABI.fstflagAtimNow | WASIABI.fstflagMtim | WASIABI.fstflagMtimNow)
        guard flags & ~known == 0 else { throw .inval }
        let f = UInt16(flags)
        func time(_ value: UInt64, set: UInt16, now: UInt16) throws(WASIErrno) -> timespec {
            let utimeNow = (1 << 30) - 1, utimeOmit = (1 << 30) - 2
            if f & set != 0 && f & now != 0 { throw .inval }
            if f & now != 0 { return timespec(tv_sec: 0, tv_nsec: utimeNow) }
            if f & set != 0 {
                return timespec(tv_sec: time_t(value / 1_000_000_000), tv_nsec: Int(value % 1_000_000_000))
            }
            return timespec(tv_sec: 0, tv_nsec: utimeOmit)
        }
        return [try time(atim, set: WASIABI.fstflagAtim, now: WASIABI.fstflagAtimNow),
                try time(mtim, set: WASIABI.fstflagMtim, now: WASIABI.fstflagMtimNow)]
    }

    // MARK: Preopened directories

    func fdPrestatGet(_ memory: GuestMemory, _ fd: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let name = try preopenName(fd)
        try memory.zero(resultPtr, WASIABI.prestatSize)
        try memory.store(WASIABI.preopentypeDir, at: resultPtr)
        try memory.store(UInt32(name.count), at: resultPtr &+ 4)
    }

    /// Writes the preopened directory's name (no terminator); ENAMETOOLONG if it does not fit.
    func fdPrestatDirName(_ memory: GuestMemory, _ fd: UInt32, _ pathPtr: UInt32, _ pathLength: UInt32) throws(WASIErrno) {
        let name = try preopenName(fd)
        guard name.count <= Int(pathLength) else { throw .nametoolong }
        try memory.write(name, at: pathPtr)
    }

    /// EBADF unless `fd` is a preopened directory.
    private func preopenName(_ fd: UInt32) throws(WASIErrno) -> [UInt8] {
        guard case .directory(let dir) = try table.get(fd).kind, let name = dir.preopenName else { throw .badf }
        return Array(name.utf8)
    }

    // MARK: Hints and durability

    func fdAdvise(_ fd: UInt32, _ offset: UInt64, _ length: UInt64, _ advice: UInt32) throws(WASIErrno) {
        let d = try table.get(fd)
        guard advice <= UInt32(WASIABI.adviceMax) else { throw .inval }
        switch d.kind {
        case .file(let file):
            try d.require(WASIABI.rightFdAdvise)
            guard offset <= UInt64(Int64.max), length <= UInt64(Int64.max) else { throw .inval }
            #if os(Linux)
            let hostAdvice = [POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                              POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE][Int(advice)]
            let r = posix_fadvise(file.fd, off_t(offset), off_t(length), hostAdvice)
            guard r == 0 else { throw WASIErrno(hostErrno: r) }
            #endif
        case .input, .output: throw .spipe
        case .directory: throw .badf
        }
    }

    func fdAllocate(_ fd: UInt32, _ offset: UInt64, _ length: UInt64) throws(WASIErrno) {
        let d = try table.get(fd)
        switch d.kind {
        case .file(let file):
            try d.require(WASIABI.rightFdAllocate)
            guard offset <= UInt64(Int64.max), length <= UInt64(Int64.max) else { throw .inval }
            #if os(Linux)
            let r = posix_fallocate(file.fd, off_t(offset), off_t(length))
            guard r == 0 else { throw WASIErrno(hostErrno: r) }
            #else
            throw .notsup
            #endif
        case .input, .output: throw .spipe
        case .directory: throw .isdir
        }
    }

    func fdSync(_ fd: UInt32, dataOnly: Bool) throws(WASIErrno) {
        let d = try table.get(fd)
        let hostFD: Int32
        switch d.kind {
        case .file(let file): hostFD = file.fd
        case .directory(let dir): hostFD = dir.fd
        case .input, .output: throw .inval
        }
        try d.require(dataOnly ? WASIABI.rightFdDatasync : WASIABI.rightFdSync)
        #if os(Linux)
        let r = dataOnly ? fdatasync(hostFD) : fsync(hostFD)
        #else
        let r = fsync(hostFD)
        #endif
        guard r == 0 else { throw HostIO.lastError }
    }
}
