#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A readable stream: the guest's stdin.
final class InputStream {
    enum Source {
        /// A host descriptor; `owned` ones are closed with the stream.
        case host(fd: Int32, owned: Bool)
        case bytes([UInt8])
    }

    let source: Source
    /// Read position in `.bytes`.
    private(set) var position = 0

    init(_ source: Source) { self.source = source }

    deinit {
        if case .host(let fd, true) = source { HostIO.close(fd) }
    }

    var hostDescriptor: Int32? {
        if case .host(let fd, _) = source { return fd }
        return nil
    }

    /// Bytes left in an in-memory source (nil for a host descriptor).
    var bufferedCount: Int? {
        if case .bytes(let b) = source { return b.count - position }
        return nil
    }

    func read(into buffers: [UnsafeMutableRawBufferPointer], blocking: Bool) throws(WASIErrno) -> Int {
        switch source {
        case .host(let fd, _):
            return try HostIO.readStream(fd, buffers, blocking: blocking)
        case .bytes(let bytes):
            var total = 0
            for buffer in buffers {
                let n = min(buffer.count, bytes.count - position)
                if n == 0 { continue }
                bytes.withUnsafeBytes { src in
                    buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
                }
                position += n
                total += n
            }
            return total
        }
    }
}

/// A writable stream: the guest's stdout or stderr.
final class OutputStream {
    enum Sink {
        case host(fd: Int32, owned: Bool)
        case capture
        case discard
    }

    let sink: Sink
    /// What `.capture` kept.
    private(set) var captured: [UInt8] = []
    let captureLimit: Int?

    init(_ sink: Sink, captureLimit: Int? = nil) {
        self.sink = sink
        self.captureLimit = captureLimit
    }

    deinit {
        if case .host(let fd, true) = sink { HostIO.close(fd) }
    }

    var hostDescriptor: Int32? {
        if case .host(let fd, _) = sink { return fd }
        return nil
    }

    func write(_ buffers: [UnsafeRawBufferPointer], blocking: Bool) throws(WASIErrno) -> Int {
        switch sink {
        case .host(let fd, _):
            return try HostIO.writeAll(fd, buffers, blocking: blocking)
        case .discard:
            return buffers.reduce(0) { $0 + $1.count }
        case .capture:
            let total = buffers.reduce(0) { $0 + $1.count }
            if let limit = captureLimit, total > limit - captured.count {
                throw .nospc
            }
            captured.reserveCapacity(captured.count + total)
            for b in buffers { captured.append(contentsOf: b) }
            return total
        }
    }
}

/// A host file opened by the guest through `path_open` (anything but a directory).
final class HostFile {
    let fd: Int32
    let readable: Bool
    let writable: Bool

    init(fd: Int32, readable: Bool, writable: Bool) {
        self.fd = fd
        self.readable = readable
        self.writable = writable
    }

    deinit { HostIO.close(fd) }
}

/// A host directory: preopened, or opened by the guest through `path_open`.
final class HostDirectory {
    let fd: Int32
    /// The name a preopened directory has for the guest (nil for one the guest opened).
    let preopenName: String?
    /// The entries as last listed for `fd_readdir` (refreshed when a listing starts at cookie 0).
    var listing: [DirectoryEntry]?

    init(fd: Int32, preopenName: String?) {
        self.fd = fd
        self.preopenName = preopenName
    }

    deinit { HostIO.close(fd) }
}

/// One entry of a directory listing.
struct DirectoryEntry {
    var name: [UInt8]
    var inode: UInt64
    var filetype: UInt8
}

/// What a guest file descriptor refers to, with its flags and rights.
final class Descriptor {
    enum Kind {
        case input(InputStream)
        case output(OutputStream)
        case file(HostFile)
        case directory(HostDirectory)
    }

    let kind: Kind
    var flags: UInt16
    var rightsBase: UInt64
    var rightsInheriting: UInt64

    init(_ kind: Kind, flags: UInt16 = 0, rightsBase: UInt64, rightsInheriting: UInt64 = 0) {
        self.kind = kind
        self.flags = flags
        self.rightsBase = rightsBase
        self.rightsInheriting = rightsInheriting
    }

    /// The host descriptor behind it, if any.
    var hostDescriptor: Int32? {
        switch kind {
        case .input(let s): return s.hostDescriptor
        case .output(let s): return s.hostDescriptor
        case .file(let f): return f.fd
        case .directory(let d): return d.fd
        }
    }

    var isStream: Bool {
        switch kind {
        case .input, .output: return true
        case .file, .directory: return false
        }
    }

    var isDirectory: Bool {
        if case .directory = kind { return true }
        return false
    }

    /// WASI's file type: that of the host object, or unknown (like a pipe) for in-memory streams.
    var filetype: UInt8 {
        if case .directory = kind { return WASIABI.filetypeDirectory }
        guard let fd = hostDescriptor else { return WASIABI.filetypeUnknown }
        return (try? HostIO.fileStat(fd).filetype) ?? WASIABI.filetypeUnknown
    }

    var isNonblocking: Bool { flags & WASIABI.fdflagNonblock != 0 }
}

/// The guest's file descriptors: numbers to open descriptors. A new descriptor gets the lowest
/// free number, as in POSIX.
final class FileDescriptorTable {
    private var entries: [UInt32: Descriptor] = [:]

    /// The descriptor `fd`, or EBADF.
    func get(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        guard let d = entries[fd] else { throw .badf }
        return d
    }

    func contains(_ fd: UInt32) -> Bool { entries[fd] != nil }

    /// Adds `descriptor` under the lowest free number.
    @discardableResult
    func insert(_ descriptor: Descriptor) throws(WASIErrno) -> UInt32 {
        var fd: UInt32 = 0
        while entries[fd] != nil {
            guard fd < UInt32(Int32.max) else { throw .mfile }
            fd += 1
        }
        entries[fd] = descriptor
        return fd
    }

    /// Removes `fd` (its host descriptor closes once nothing else holds it).
    @discardableResult
    func remove(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        guard let d = entries.removeValue(forKey: fd) else { throw .badf }
        return d
    }

    /// Moves `from` to `to`, closing what `to` held.
    func renumber(from: UInt32, to: UInt32) throws(WASIErrno) {
        guard let d = entries[from], entries[to] != nil else { throw .badf }
        if from == to { return }
        entries[to] = d
        entries[from] = nil
    }

    func removeAll() { entries.removeAll() }
}
