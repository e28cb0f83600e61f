// WASI preview1 ABI: error numbers, constants and the memory layouts of the structures that cross
// the boundary, as fixed by `wasi_snapshot_preview1` (typenames.witx). All integers are
// little-endian; pointers and sizes are 32 bits.

/// A WASI preview1 error number (`errno`), as a guest function returns it.
///
/// It is also the `Error` the WASI host functions throw internally: a thrown `WASIErrno` becomes
/// that function's return value, never a trap.
public struct WASIErrno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let success = WASIErrno(rawValue: 0)
    public static let toobig = WASIErrno(rawValue: 1)
    public static let acces = WASIErrno(rawValue: 2)
    public static let addrinuse = WASIErrno(rawValue: 3)
    public static let addrnotavail = WASIErrno(rawValue: 4)
    public static let afnosupport = WASIErrno(rawValue: 5)
    public static let again = WASIErrno(rawValue: 6)
    public static let already = WASIErrno(rawValue: 7)
    public static let badf = WASIErrno(rawValue: 8)
    public static let badmsg = WASIErrno(rawValue: 9)
    public static let busy = WASIErrno(rawValue: 10)
    public static let canceled = WASIErrno(rawValue: 11)
    public static let child = WASIErrno(rawValue: 12)
    public static let connaborted = WASIErrno(rawValue: 13)
    public static let connrefused = WASIErrno(rawValue: 14)
    public static let connreset = WASIErrno(rawValue: 15)
    public static let deadlk = WASIErrno(rawValue: 16)
    public static let destaddrreq = WASIErrno(rawValue: 17)
    public static let dom = WASIErrno(rawValue: 18)
    public static let dquot = WASIErrno(rawValue: 19)
    public static let exist = WASIErrno(rawValue: 20)
    public static let fault = WASIErrno(rawValue: 21)
    public static let fbig = WASIErrno(rawValue: 22)
    public static let hostunreach = WASIErrno(rawValue: 23)
    public static let idrm = WASIErrno(rawValue: 24)
    public static let ilseq = WASIErrno(rawValue: 25)
    public static let inprogress = WASIErrno(rawValue: 26)
    public static let intr = WASIErrno(rawValue: 27)
    public static let inval = WASIErrno(rawValue: 28)
    public static let io = WASIErrno(rawValue: 29)
    public static let isconn = WASIErrno(rawValue: 30)
    public static let isdir = WASIErrno(rawValue: 31)
    public static let loop = WASIErrno(rawValue: 32)
    public static let mfile = WASIErrno(rawValue: 33)
    public static let mlink = WASIErrno(rawValue: 34)
    public static let msgsize = WASIErrno(rawValue: 35)
    public static let multihop = WASIErrno(rawValue: 36)
    public static let nametoolong = WASIErrno(rawValue: 37)
    public static let netdown = WASIErrno(rawValue: 38)
    public static let netreset = WASIErrno(rawValue: 39)
    public static let netunreach = WASIErrno(rawValue: 40)
    public static let nfile = WASIErrno(rawValue: 41)
    public static let nobufs = WASIErrno(rawValue: 42)
    public static let nodev = WASIErrno(rawValue: 43)
    public static let noent = WASIErrno(rawValue: 44)
    public static let noexec = WASIErrno(rawValue: 45)
    public static let nolck = WASIErrno(rawValue: 46)
    public static let nolink = WASIErrno(rawValue: 47)
    public static let nomem = WASIErrno(rawValue: 48)
    public static let nomsg = WASIErrno(rawValue: 49)
    public static let noprotoopt = WASIErrno(rawValue: 50)
    public static let nospc = WASIErrno(rawValue: 51)
    public static let nosys = WASIErrno(rawValue: 52)
    public static let notconn = WASIErrno(rawValue: 53)
    public static let notdir = WASIErrno(rawValue: 54)
    public static let notempty = WASIErrno(rawValue: 55)
    public static let notrecoverable = WASIErrno(rawValue: 56)
    public static let notsock = WASIErrno(rawValue: 57)
    public static let notsup = WASIErrno(rawValue: 58)
    public static let notty = WASIErrno(rawValue: 59)
    public static let nxio = WASIErrno(rawValue: 60)
    public static let overflow = WASIErrno(rawValue: 61)
    public static let ownerdead = WASIErrno(rawValue: 62)
    public static let perm = WASIErrno(rawValue: 63)
    public static let pipe = WASIErrno(rawValue: 64)
    public static let proto = WASIErrno(rawValue: 65)
    public static let protonosupport = WASIErrno(rawValue: 66)
    public static let prototype = WASIErrno(rawValue: 67)
    public static let range = WASIErrno(rawValue: 68)
    public static let rofs = WASIErrno(rawValue: 69)
    public static let spipe = WASIErrno(rawValue: 70)
    public static let srch = WASIErrno(rawValue: 71)
    public static let stale = WASIErrno(rawValue: 72)
    public static let timedout = WASIErrno(rawValue: 73)
    public static let txtbsy = WASIErrno(rawValue: 74)
    public static let xdev = WASIErrno(rawValue: 75)
    public static let notcapable = WASIErrno(rawValue: 76)

    public var description: String { "WASI errno \(rawValue)" }
}

/// Constants and structure layouts of `wasi_snapshot_preview1`.
public enum WASIABI {
    /// The import module name every preview1 function lives under.
    public static let moduleName = "wasi_snapshot_preview1"

    // MARK: clockid
    public static let clockRealtime: UInt32 = 0
    public static let clockMonotonic: UInt32 = 1
    public static let clockProcessCPUTime: UInt32 = 2
    public static let clockThreadCPUTime: UInt32 = 3

    // MARK: filetype (u8)
    public static let filetypeUnknown: UInt8 = 0
    public static let filetypeBlockDevice: UInt8 = 1
    public static let filetypeCharacterDevice: UInt8 = 2
    public static let filetypeDirectory: UInt8 = 3
    public static let filetypeRegularFile: UInt8 = 4
    public static let filetypeSocketDgram: UInt8 = 5
    public static let filetypeSocketStream: UInt8 = 6
    public static let filetypeSymbolicLink: UInt8 = 7

    // MARK: fdflags (u16)
    public static let fdflagAppend: UInt16 = 1 << 0
    public static let fdflagDsync: UInt16 = 1 << 1
    public static let fdflagNonblock: UInt16 = 1 << 2
    public static let fdflagRsync: UInt16 = 1 << 3
    public static let fdflagSync: UInt16 = 1 << 4
    public static let fdflagsAll: UInt16 = 0x1F

    // MARK: whence (u8)
    public static let whenceSet: UInt8 = 0
    public static let whenceCur: UInt8 = 1
    public static let whenceEnd: UInt8 = 2

    // MARK: advice (u8): normal ... noreuse
    public static let adviceMax: UInt8 = 5

    // MARK: oflags (u16)
    public static let oflagCreat: UInt16 = 1 << 0
    public static let oflagDirectory: UInt16 = 1 << 1
    public static let oflagExcl: UInt16 = 1 << 2
    public static let oflagTrunc: UInt16 = 1 << 3

    // MARK: lookupflags (u32)
    public static let lookupSymlinkFollow: UInt32 = 1 << 0

    // MARK: fstflags (u16)
    public static let fstflagAtim: UInt16 = 1 << 0
    public static let fstflagAtimNow: UInt16 = 1 << 1
    public static let fstflagMtim: UInt16 = 1 << 2
    public static let fstflagMtimNow: UInt16 = 1 << 3

    // MARK: eventtype (u8), subclockflags (u16), eventrwflags (u16)
    public static let eventtypeClock: UInt8 = 0
    public static let eventtypeFdRead: UInt8 = 1
    public static let eventtypeFdWrite: UInt8 = 2
    public static let subclockflagAbstime: UInt16 = 1 << 0
    public static let eventrwflagHangup: UInt16 = 1 << 0

    // MARK: preopentype (u8)
    public static let preopentypeDir: UInt8 = 0

    // MARK: rights (u64)
    public static let rightFdDatasync: UInt64 = 1 << 0
    public static let rightFdRead: UInt64 = 1 << 1
    public static let rightFdSeek: UInt64 = 1 << 2
    public static let rightFdFdstatSetFlags: UInt64 = 1 << 3
    public static let rightFdSync: UInt64 = 1 << 4
    public static let rightFdTell: UInt64 = 1 << 5
    public static let rightFdWrite: UInt64 = 1 << 6
    public static let rightFdAdvise: UInt64 = 1 << 7
    public static let rightFdAllocate: UInt64 = 1 << 8
    public static let rightPathCreateDirectory: UInt64 = 1 << 9
    public static let rightPathCreateFile: UInt64 = 1 << 10
    public static let rightPathLinkSource: UInt64 = 1 << 11
    public static let rightPathLinkTarget: UInt64 = 1 << 12
    public static let rightPathOpen: UInt64 = 1 << 13
    public static let rightFdReaddir: UInt64 = 1 << 14
    public static let rightPathReadlink: UInt64 = 1 << 15
    public static let rightPathRenameSource: UInt64 = 1 << 16
    public static let rightPathRenameTarget: UInt64 = 1 << 17
    public static let rightPathFilestatGet: UInt64 = 1 << 18
    public static let rightPathFilestatSetSize: UInt64 = 1 << 19
    public static let rightPathFilestatSetTimes: UInt64 = 1 << 20
    public static let rightFdFilestatGet: UInt64 = 1 << 21
    public static let rightFdFilestatSetSize: UInt64 = 1 << 22
    public static let rightFdFilestatSetTimes: UInt64 = 1 << 23
    public static let rightPathSymlink: UInt64 = 1 << 24
    public static let rightPathRemoveDirectory: UInt64 = 1 << 25
    public static let rightPathUnlinkFile: UInt64 = 1 << 26
    public static let rightPollFdReadwrite: UInt64 = 1 << 27
    public static let rightSockShutdown: UInt64 = 1 << 28
    public static let rightSockAccept: UInt64 = 1 << 29
    /// Every right preview1 defines.
    public static let rightsAll: UInt64 = (1 << 30) - 1

    /// Rights of a readable stream (stdin).
    static let rightsInputStream: UInt64 = rightFdRead | rightFdFdstatSetFlags | rightFdFilestatGet | rightPollFdReadwrite
    /// Rights of a writable stream (stdout, stderr).
    static let rightsOutputStream: UInt64 = rightFdWrite | rightFdFdstatSetFlags | rightFdFilestatGet | rightPollFdReadwrite
    /// Rights of an open regular file (before narrowing to what it was opened for).
    static let rightsRegularFile: UInt64 = rightFdDatasync | rightFdRead | rightFdSeek | rightFdFdstatSetFlags
        | rightFdSync | rightFdTell | rightFdWrite | rightFdAdvise | rightFdAllocate | rightFdFilestatGet
        | rightFdFilestatSetSize | rightFdFilestatSetTimes | rightPollFdReadwrite
    /// Rights of a directory descriptor.
    static let rightsDirectory: UInt64 = rightFdDatasync | rightFdFdstatSetFlags | rightFdSync
        | rightPathCreateDirectory | rightPathCreateFile | rightPathLinkSource | rightPathLinkTarget | rightPathOpen
        | rightFdReaddir | rightPathReadlink | rightPathRenameSource | rightPathRenameTarget | rightPathFilestatGet
        | rightPathFilestatSetSize | rightPathFilestatSetTimes | rightFdFilestatGet | rightFdFilestatSetTimes
        | rightPathSymlink | rightPathRemoveDirectory | rightPathUnlinkFile

    // MARK: Layouts (size in bytes; field offsets)

    /// `iovec` / `ciovec`: buf u32 @0, buf_len u32 @4.
    public static let iovecSize = 8
    /// `fdstat`: fs_filetype u8 @0, fs_flags u16 @2, fs_rights_base u64 @8, fs_rights_inheriting u64 @16.
    public static let fdstatSize = 24
    /// `filestat`: dev u64 @0, ino u64 @8, filetype u8 @16, nlink u64 @24, size u64 @32, atim u64 @40,
    /// mtim u64 @48, ctim u64 @56.
    public static let filestatSize = 64
    /// `prestat`: tag u8 @0 (0 = dir), pr_name_len u32 @4.
    public static let prestatSize = 8
    /// `subscription`: userdata u64 @0, tag u8 @8, union @16 — clock: id u32 @16, timeout u64 @24,
    /// precision u64 @32, flags u16 @40; fd_read/fd_write: file_descriptor u32 @16.
    public static let subscriptionSize = 48
    /// `event`: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite: nbytes u64 @16, flags u16 @24.
    public static let eventSize = 32
    /// `dirent`: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20; the name follows.
    public static let direntSize = 24
}
