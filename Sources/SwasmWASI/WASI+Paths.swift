#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// path_* and fd_readdir: files beneath preopened directories. Paths are resolved by
// PathResolver, which keeps every access inside the directory the guest names. A descriptor that
// is not a directory gives ENOTDIR; one that is not open, EBADF.

extension WASI {
    /// The directory behind `fd`, with `rights`.
    private func directory(_ fd: UInt32, _ rights: UInt64) throws(WASIErrno) -> (Descriptor, HostDirectory) {
        let d = try table.get(fd)
        guard case .directory(let dir) = d.kind else { throw .notdir }
        try d.require(rights)
        return (d, dir)
    }

    /// Resolves the guest path at `ptr`/`length` beneath directory `fd`.
    private func resolve(_ memory: GuestMemory, _ fd: UInt32, _ rights: UInt64, _ ptr: UInt32, _ length: UInt32,
                         followFinal: Bool = false) throws(WASIErrno) -> ResolvedPath {
        let (_, dir) = try directory(fd, rights)
        return try PathResolver.resolve(in: dir.fd, try readPath(memory, ptr, length), followFinal: followFinal)
    }

    /// The longest path (or symbolic link text) a guest may pass, in bytes.
    static let maxPathLength = 65_536

    /// A copy of the guest's path: EFAULT outside memory, ENAMETOOLONG past `maxPathLength`.
    private func readPath(_ memory: GuestMemory, _ ptr: UInt32, _ length: UInt32) throws(WASIErrno) -> [UInt8] {
        try memory.check(ptr, Int(length))
        guard length <= WASI.maxPathLength else { throw .nametoolong }
        return try memory.read(ptr, Int(length))
    }

    private static func check(_ result: Int32) throws(WASIErrno) {
        guard result == 0 else { throw HostIO.lastError }
    }

    // MARK: Opening

    func pathOpen(_ memory: GuestMemory, _ fd: UInt32, _ lookupFlags: UInt32, _ pathPtr: UInt32, _ pathLength: UInt32,
                  _ oflags: UInt32, _ rightsBase: UInt64, _ rightsInheriting: UInt64, _ fdflags: UInt32,
                  _ resultPtr: UInt32) throws(WASIErrno) {
        let (parent, _) = try directory(fd, WASIABI.rightPathOpen)
        let allOflags = UInt32(WASIABI.oflagCreat | WASIABI.oflagDirectory | WASIABI.oflagExcl | WASIABI.oflagTrunc)
        guard oflags & ~allOflags == 0, fdflags & ~UInt32(WASIABI.fdflagsAll) == 0 else { throw .inval }
        try memory.check(resultPtr, 4)
        let o = UInt16(oflags), f = UInt16(fdflags)
        if o & WASIABI.oflagCreat != 0 { try parent.require(WASIABI.rightPathCreateFile) }
        let resolved = try resolve(memory, fd, WASIABI.rightPathOpen, pathPtr, pathLength,
                                   followFinal: lookupFlags & WASIABI.lookupSymlinkFollow != 0)

        let wantsDirectory = o & WASIABI.oflagDirectory != 0 || resolved.trailingSlash
        let readable = rightsBase & (WASIABI.rightFdRead | WASIABI.rightFdReaddir) != 0
        let writable = rightsBase & (WASIABI.rightFdWrite | WASIABI.rightFdAllocate | WASIABI.rightFdFilestatSetSize) != 0
            || f & WASIABI.fdflagAppend != 0
        var flags = O_CLOEXEC | O_NOFOLLOW
        if wantsDirectory {
            flags |= O_DIRECTORY | O_RDONLY
        } else {
            flags |= readable && writable ? O_RDWR : writable ? O_WRONLY : O_RDONLY
        }
        if o & WASIABI.oflagCreat != 0 { flags |= O_CREAT }
        if o & WASIABI.oflagExcl != 0 { flags |= O_EXCL }
        if o & WASIABI.oflagTrunc != 0 { flags |= O_TRUNC }
        if f & WASIABI.fdflagAppend != 0 { flags |= O_APPEND }
        if f & WASIABI.fdflagDsync != 0 { flags |= O_DSYNC }
        if f & WASIABI.fdflagSync != 0 { flags |= O_SYNC }
        if f & WASIABI.fdflagRsync != 0 { flags |= O_RSYNC }
        if f & WASIABI.fdflagNonblock != 0 { flags |= O_NONBLOCK }

        let hostFD = openat(resolved.parent, resolved.name, flags, 0o666)
        guard hostFD >= 0 else { throw HostIO.lastError }
        let isDirectory: Bool
        do {
            isDirectory = try HostIO.fileStat(hostFD).filetype == WASIABI.filetypeDirectory
        } catch {
            HostIO.close(hostFD)
            throw error
        }
        let inheritable = parent.rightsInheriting
        let descriptor: Descriptor
        if isDirectory {
            descriptor = Descriptor(.directory(HostDirectory(fd: hostFD, preopenName: nil)), flags: f,
                                    rightsBase: rightsBase & WASIABI.rightsDirectory & inheritable,
                                    rightsInheriting: rightsInheriting & inheritable)
        } else {
            let access = flags & O_ACCMODE
            let file = HostFile(fd: hostFD, readable: access != O_WRONLY, writable: access != O_RDONLY)
            descriptor = Descriptor(.file(file), flags: f, rightsBase: rightsBase & WASIABI.rightsRegularFile & inheritable,
                                    rightsInheriting: rightsInheriting & inheritable)
        }
        let newFD = try table.insert(descriptor)
        try memory.store(newFD, at: resultPtr)
    }

    // MARK: Attributes

    func pathFilestatGet(_ memory: GuestMemory, _ fd: UInt32, _ lookupFlags: UInt32, _ pathPtr: UInt32, _ pathLength: UInt32,
                         _ resultPtr: UInt32) throws(WASIErrno) {
        let resolved = try resolve(memory, fd, WASIABI.rightPathFilestatGet, pathPtr, pathLength,
                                   followFinal: lookupFlags & WASIABI.lookupSymlinkFollow != 0)
        try memory.check(resultPtr, WASIABI.filestatSize)
        var st = stat()
        try WASI.check(fstatat(resolved.parent, resolved.name, &st, AT_SYMLINK_NOFOLLOW))
        try FileStat(st).store(in: memory, at: resultPtr)
    }

    func pathFilestatSetTimes(_ memory: GuestMemory, _ fd: UInt32, _ lookupFlags: UInt32, _ pathPtr: UInt32,
                              _ pathLength: UInt32, _ atim: UInt64, _ mtim: UInt64, _ fstflags: UInt32) throws(WASIErrno) {
        var times = try WASI.timespecs(atim, mtim, fstflags)
        let resolved = try resolve(memory, fd, WASIABI.rightPathFilestatSetTimes, pathPtr, pathLength,
                                   followFinal: lookupFlags & WASIABI.lookupSymlinkFollow != 0)
        try WASI.check(utimensat(resolved.parent, resolved.name, &times, AT_SYMLINK_NOFOLLOW))
    }

    // MARK: Creating and removing

    func pathCreateDirectory(_ memory: GuestMemory, _ fd: UInt32, _ pathPtr: UInt32, _ pathLength: UInt32) throws(WASIErrno) {
        let resolved = try resolve(memory, fd, WASIABI.rightPathCreateDirectory, pathPtr, pathLength)
        try WASI.check(mkdirat(resolved.parent, resolved.name, 0o777))
    }

    func pathRemoveDirectory(_ memory: GuestMemory, _ fd: UInt32, _ pathPtr: UInt32, _ pathLength: UInt32) throws(WASIErrno) {
        let resolved = try resolve(memory, fd, WASIABI.rightPathRemoveDirectory, pathPtr, pathLength)
        try WASI.check(unlinkat(resolved.parent, resolved.name, AT_REMOVEDIR))
    }

    func pathUnlinkFile(_ memory: GuestMemory, _ fd: UInt32, _ pathPtr: UInt32, _ pathLength: UInt32) throws(WASIErrno) {
        let resolved = try resolve(memory, fd, WASIABI.rightPathUnlinkFile, pathPtr, pathLength)
        if resolved.trailingSlash {
            var st = stat()
            try WASI.check(fstatat(resolved.parent, resolved.name, &st, AT_SYMLINK_NOFOLLOW))
            throw st.st_mode & S_IFMT == S_IFDIR ? .isdir : .notdir
        }
        try WASI.check(unlinkat(resolved.parent, resolved.name, 0))
    }

    func pathRename(_ memory: GuestMemory, _ fd: UInt32, _ oldPtr: UInt32, _ oldLength: UInt32,
                    _ newFD: UInt32, _ newPtr: UInt32, _ newLength: UInt32) throws(WASIErrno) {
        let old = try resolve(memory, fd, WASIABI.rightPathRenameSource, oldPtr, oldLength)
        let new = try resolve(memory, newFD, WASIABI.rightPathRenameTarget, newPtr, newLength)
        try WASI.check(renameat(old.parent, old.name, new.parent, new.name))
    }

    func pathLink(_ memory: GuestMemory, _ oldFD: UInt32, _ oldFlags: UInt32, _ oldPtr: UInt32, _ oldLength: UInt32,
                  _ newFD: UInt32, _ newPtr: UInt32, _ newLength: UInt32) throws(WASIErrno) {
        let old = try resolve(memory, oldFD, WASIABI.rightPathLinkSource, oldPtr, oldLength,
                              followFinal: oldFlags & WASIABI.lookupSymlinkFollow != 0)
        let new = try resolve(memory, newFD, WASIABI.rightPathLinkTarget, newPtr, newLength)
        try WASI.check(linkat(old.parent, old.name, new.parent, new.name, 0))
    }

    /// Creates a symbolic link to `old` (the link's text). A link to an absolute path could
    /// never be followed inside the sandbox, so it is refused with ENOTCAPABLE.
    func pathSymlink(_ memory: GuestMemory, _ oldPtr: UInt32, _ oldLength: UInt32, _ fd: UInt32,
                     _ newPtr: UInt32, _ newLength: UInt32) throws(WASIErrno) {
        let target = try readPath(memory, oldPtr, oldLength)
        guard !target.contains(0) else { throw .inval }
        guard !target.isEmpty else { throw .noent }
        guard target.first != UInt8(ascii: "/") else { throw .notcapable }
        let new = try resolve(memory, fd, WASIABI.rightPathSymlink, newPtr, newLength)
        try WASI.check(symlinkat(String(decoding: target, as: UTF8.self), new.parent, new.name))
    }

    /// Reads a symbolic link's text into the buffer, truncated to its size (as readlink does).
    func pathReadlink(_ memory: GuestMemory, _ fd: UInt32, _ pathPtr: UInt32, _ pathLength: UInt32,
                      _ bufferPtr: UInt32, _ bufferLength: UInt32, _ resultPtr: UInt32) throws(WASIErrno) {
        let resolved = try resolve(memory, fd, WASIABI.rightPathReadlink, pathPtr, pathLength)
        try memory.check(resultPtr, 4)
        let buffer = try memory.bytes(bufferPtr, Int(bufferLength))
        var scratch: UInt8 = 0
        let n = withUnsafeMutablePointer(to: &scratch) { fallback in
            readlinkat(resolved.parent, resolved.name,
                       UnsafeMutableRawPointer(buffer.baseAddress ?? UnsafeMutableRawPointer(fallback))
                           .assumingMemoryBound(to: CChar.self),
                       buffer.count)
        }
        guard n >= 0 else { throw HostIO.lastError }
        try memory.store(UInt32(n), at: resultPtr)
    }

    // MARK: Listing

    /// Fills the buffer with `dirent` records (24 bytes, then the name) from entry number
    /// `cookie` on; the last record is cut off where the buffer ends. A full buffer tells the
    /// guest there may be more.
    func fdReaddir(_ memory: GuestMemory, _ fd: UInt32, _ bufferPtr: UInt32, _ bufferLength: UInt32, _ cookie: UInt64,
                   _ resultPtr: UInt32) throws(WASIErrno) {
        let (_, dir) = try directory(fd, WASIABI.rightFdReaddir)
        try memory.check(resultPtr, 4)
        let buffer = try memory.bytes(bufferPtr, Int(bufferLength))
        if cookie == 0 || dir.listing == nil { dir.listing = try WASI.list(dir.fd) }
        let entries = dir.listing ?? []
        var used = 0
        var index = cookie
        while index < UInt64(entries.count) && used < buffer.count {
            let entry = entries[Int(index)]
            var record = [UInt8](repeating: 0, count: WASIABI.direntSize)
            withUnsafeBytes(of: (index + 1).littleEndian) { record.replaceSubrange(0 ..< 8, with: $0) }
            withUnsafeBytes(of: entry.inode.littleEndian) { record.replaceSubrange(8 ..< 16, with: $0) }
            withUnsafeBytes(of: UInt32(entry.name.count).littleEndian) { record.replaceSubrange(16 ..< 20, with: $0) }
            record[20] = entry.filetype
            record += entry.name
            let n = min(record.count, buffer.count - used)
            record.withUnsafeBytes { buffer.baseAddress!.advanced(by: used).copyMemory(from: $0.baseAddress!, byteCount: n) }
            used += n
            index += 1
        }
        try memory.store(UInt32(used), at: resultPtr)
    }

    /// Every entry of the directory open as `fd` (including "." and ".."), in the host's order.
    private static func list(_ fd: Int32) throws(WASIErrno) -> [DirectoryEntry] {
        let copy = dup(fd)
        guard copy >= 0 else { throw HostIO.lastError }
        guard let stream = fdopendir(copy) else {
            let error = HostIO.lastError
            HostIO.close(copy)
            throw error
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var entries: [DirectoryEntry] = []
        while let entry = readdir(stream) {
            let name: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            var type: UInt8
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): type = WASIABI.filetypeRegularFile
            case Int32(DT_DIR): type = WASIABI.filetypeDirectory
            case Int32(DT_CHR): type = WASIABI.filetypeCharacterDevice
            case Int32(DT_BLK): type = WASIABI.filetypeBlockDevice
            case Int32(DT_LNK): type = WASIABI.filetypeSymbolicLink
            case Int32(DT_SOCK): type = WASIABI.filetypeSocketStream
            case Int32(DT_FIFO): type = WASIABI.filetypeUnknown
            default:
                var st = stat()
                let ok = fstatat(fd, String(decoding: name, as: UTF8.self), &st, AT_SYMLINK_NOFOLLOW) == 0
                type = ok ? HostIO.filetype(mode: st.st_mode) : WASIABI.filetypeUnknown
            }
            entries.append(DirectoryEntry(name: name, inode: UInt64(truncatingIfNeeded: entry.pointee.d_ino), filetype: type))
        }
        return entries
    }
}
