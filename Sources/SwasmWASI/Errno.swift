// WASI preview1 ABI: error numbers, constants and the memory layouts of the structures that cross
// the boundary, as fixed by `wasi_snapshot_preview1` (typenames.witx). All integers are
// little-endian; pointers and sizes are 32 bits.

/// A WASI preview1 error number (`errno`), as a guest function returns it.
///
/// It is also the `Error` the WASI host functions throw internally: a thrown `WASIErrno` becomes
/// that function's return value, never a trap.
public struct WASIErrno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The number, as in `wasi_snapshot_preview1`.
    public let rawValue: UInt16
    /// The error number `rawValue` (any value; the named ones are the constants below).
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// WASI errno 0, `success`.
    public static let success = WASIErrno(rawValue: 0)
    /// WASI errno 1, `toobig`.
    public static let toobig = WASIErrno(rawValue: 1)
    /// WASI errno 2, `acces`.
    public static let acces = WASIErrno(rawValue: 2)
    /// WASI errno 3, `addrinuse`.
    public static let addrinuse = WASIErrno(rawValue: 3)
    /// WASI errno 4, `addrnotavail`.
    public static let addrnotavail = WASIErrno(rawValue: 4)
    /// WASI errno 5, `afnosupport`.
    public static let afnosupport = WASIErrno(rawValue: 5)
    /// WASI errno 6, `again`.
    public static let again = WASIErrno(rawValue: 6)
    /// WASI errno 7, `already`.
    public static let already = WASIErrno(rawValue: 7)
    /// WASI errno 8, `badf`.
    public static let badf = WASIErrno(rawValue: 8)
    /// WASI errno 9, `badmsg`.
    public static let badmsg = WASIErrno(rawValue: 9)
    /// WASI errno 10, `busy`.
    public static let busy = WASIErrno(rawValue: 10)
    /// WASI errno 11, `canceled`.
    public static let canceled = WASIErrno(rawValue: 11)
    /// WASI errno 12, `child`.
    public static let child = WASIErrno(rawValue: 12)
    /// WASI errno 13, `connaborted`.
    public static let connaborted = WASIErrno(rawValue: 13)
    /// WASI errno 14, `connrefused`.
    public static let connrefused = WASIErrno(rawValue: 14)
    /// WASI errno 15, `connreset`.
    public static let connreset = WASIErrno(rawValue: 15)
    /// WASI errno 16, `deadlk`.
    public static let deadlk = WASIErrno(rawValue: 16)
    /// WASI errno 17, `destaddrreq`.
    public static let destaddrreq = WASIErrno(rawValue: 17)
    /// WASI errno 18, `dom`.
    public static let dom = WASIErrno(rawValue: 18)
    /// WASI errno 19, `dquot`.
    public static let dquot = WASIErrno(rawValue: 19)
    /// WASI errno 20, `exist`.
    public static let exist = WASIErrno(rawValue: 20)
    /// WASI errno 21, `fault`.
    public static let fault = WASIErrno(rawValue: 21)
    /// WASI errno 22, `fbig`.
    public static let fbig = WASIErrno(rawValue: 22)
    /// WASI errno 23, `hostunreach`.
    public static let hostunreach = WASIErrno(rawValue: 23)
    /// WASI errno 24, `idrm`.
    public static let idrm = WASIErrno(rawValue: 24)
    /// WASI errno 25, `ilseq`.
    public static let ilseq = WASIErrno(rawValue: 25)
    /// WASI errno 26, `inprogress`.
    public static let inprogress = WASIErrno(rawValue: 26)
    /// WASI errno 27, `intr`.
    public static let intr = WASIErrno(rawValue: 27)
    /// WASI errno 28, `inval`.
    public static let inval = WASIErrno(rawValue: 28)
    /// WASI errno 29, `io`.
    public static let io = WASIErrno(rawValue: 29)
    /// WASI errno 30, `isconn`.
    public static let isconn = WASIErrno(rawValue: 30)
    /// WASI errno 31, `isdir`.
    public static let isdir = WASIErrno(rawValue: 31)
    /// WASI errno 32, `loop`.
    public static let loop = WASIErrno(rawValue: 32)
    /// WASI errno 33, `mfile`.
    public static let mfile = WASIErrno(rawValue: 33)
    /// WASI errno 34, `mlink`.
    public static let mlink = WASIErrno(rawValue: 34)
    /// WASI errno 35, `msgsize`.
    public static let msgsize = WASIErrno(rawValue: 35)
    /// WASI errno 36, `multihop`.
    public static let multihop = WASIErrno(rawValue: 36)
    /// WASI errno 37, `nametoolong`.
    public static let nametoolong = WASIErrno(rawValue: 37)
    /// WASI errno 38, `netdown`.
    public static let netdown = WASIErrno(rawValue: 38)
    /// WASI errno 39, `netreset`.
    public static let netreset = WASIErrno(rawValue: 39)
    /// WASI errno 40, `netunreach`.
    public static let netunreach = WASIErrno(rawValue: 40)
    /// WASI errno 41, `nfile`.
    public static let nfile = WASIErrno(rawValue: 41)
    /// WASI errno 42, `nobufs`.
    public static let nobufs = WASIErrno(rawValue: 42)
    /// WASI errno 43, `nodev`.
    public static let nodev = WASIErrno(rawValue: 43)
    /// WASI errno 44, `noent`.
    public static let noent = WASIErrno(rawValue: 44)
    /// WASI errno 45, `noexec`.
    public static let noexec = WASIErrno(rawValue: 45)
    /// WASI errno 46, `nolck`.
    public static let nolck = WASIErrno(rawValue: 46)
    /// WASI errno 47, `nolink`.
    public static let nolink = WASIErrno(rawValue: 47)
    /// WASI errno 48, `nomem`.
    public static let nomem = WASIErrno(rawValue: 48)
    /// WASI errno 49, `nomsg`.
    public static let nomsg = WASIErrno(rawValue: 49)
    /// WASI errno 50, `noprotoopt`.
    public static let noprotoopt = WASIErrno(rawValue: 50)
    /// WASI errno 51, `nospc`.
    public static let nospc = WASIErrno(rawValue: 51)
    /// WASI errno 52, `nosys`.
    public static let nosys = WASIErrno(rawValue: 52)
    /// WASI errno 53, `notconn`.
    public static let notconn = WASIErrno(rawValue: 53)
    /// WASI errno 54, `notdir`.
    public static let notdir = WASIErrno(rawValue: 54)
    /// WASI errno 55, `notempty`.
    public static let notempty = WASIErrno(rawValue: 55)
    /// WASI errno 56, `notrecoverable`.
    public static let notrecoverable = WASIErrno(rawValue: 56)
    /// WASI errno 57, `notsock`.
    public static let notsock = WASIErrno(rawValue: 57)
    /// WASI errno 58, `notsup`.
    public static let notsup = WASIErrno(rawValue: 58)
    /// WASI errno 59, `notty`.
    public static let notty = WASIErrno(rawValue: 59)
    /// WASI errno 60, `nxio`.
    public static let nxio = WASIErrno(rawValue: 60)
    /// WASI errno 61, `overflow`.
    public static let overflow = WASIErrno(rawValue: 61)
    /// WASI errno 62, `ownerdead`.
    public static let ownerdead = WASIErrno(rawValue: 62)
    /// WASI errno 63, `perm`.
    public static let perm = WASIErrno(rawValue: 63)
    /// WASI errno 64, `pipe`.
    public static let pipe = WASIErrno(rawValue: 64)
    /// WASI errno 65, `proto`.
    public static let proto = WASIErrno(rawValue: 65)
    /// WASI errno 66, `protonosupport`.
    public static let protonosupport = WASIErrno(rawValue: 66)
    /// WASI errno 67, `prototype`.
    public static let prototype = WASIErrno(rawValue: 67)
    /// WASI errno 68, `range`.
    public static let range = WASIErrno(rawValue: 68)
    /// WASI errno 69, `rofs`.
    public static let rofs = WASIErrno(rawValue: 69)
    /// WASI errno 70, `spipe`.
    public static let spipe = WASIErrno(rawValue: 70)
    /// WASI errno 71, `srch`.
    public static let srch = WASIErrno(rawValue: 71)
    /// WASI errno 72, `stale`.
    public static let stale = WASIErrno(rawValue: 72)
    /// WASI errno 73, `timedout`.
    public static let timedout = WASIErrno(rawValue: 73)
    /// WASI errno 74, `txtbsy`.
    public static let txtbsy = WASIErrno(rawValue: 74)
    /// WASI errno 75, `xdev`.
    public static let xdev = WASIErrno(rawValue: 75)
    /// WASI errno 76, `notcapable`.
    public static let notcapable = WASIErrno(rawValue: 76)

    /// "WASI errno 44", for example.
    public var description: String { "WASI errno \(rawValue)" }
}

/// Constants and structure layouts of `wasi_snapshot_preview1`.
public enum WASIABI {
    /// The import module name every preview1 function lives under.
    public static let moduleName = "wasi_snapshot_preview1"

    // MARK: clockid
    /// A WASI `clockid` value: 0.
    public static let clockRealtime: UInt32 = 0
    /// A WASI `clockid` value: 1.
    public static let clockMonotonic: UInt32 = 1
    /// A WASI `clockid` value: 2.
    public static let clockProcessCPUTime: UInt32 = 2
    /// A WASI `clockid` value: 3.
    public static let clockThreadCPUTime: UInt32 = 3

    // MARK: filetype (u8)
    /// A WASI `filetype` value: 0.
    public static let filetypeUnknown: UInt8 = 0
    /// A WASI `filetype` value: 1.
    public static let filetypeBlockDevice: UInt8 = 1
    /// A WASI `filetype` value: 2.
    public static let filetypeCharacterDevice: UInt8 = 2
    /// A WASI `filetype` value: 3.
    public static let filetypeDirectory: UInt8 = 3
    /// A WASI `filetype` value: 4.
    public static let filetypeRegularFile: UInt8 = 4
    /// A WASI `filetype` value: 5.
    public static let filetypeSocketDgram: UInt8 = 5
    /// A WASI `filetype` value: 6.
    public static let filetypeSocketStream: UInt8 = 6
    /// A WASI `filetype` value: 7.
    public static let filetypeSymbolicLink: UInt8 = 7

    // MARK: fdflags (u16)
    /// A WASI `fdflags` value: 1 << 0.
    public static let fdflagAppend: UInt16 = 1 << 0
    /// A WASI `fdflags` value: 1 << 1.
    public static let fdflagDsync: UInt16 = 1 << 1
    /// A WASI `fdflags` value: 1 << 2.
    public static let fdflagNonblock: UInt16 = 1 << 2
    /// A WASI `fdflags` value: 1 << 3.
    public static let fdflagRsync: UInt16 = 1 << 3
    /// A WASI `fdflags` value: 1 << 4.
    public static let fdflagSync: UInt16 = 1 << 4
    /// A WASI `fdflags` value: 0x1F.
    public static let fdflagsAll: UInt16 = 0x1F

    // MARK: whence (u8)
    /// A WASI `whence` value: 0.
    public static let whenceSet: UInt8 = 0
    /// A WASI `whence` value: 1.
    public static let whenceCur: UInt8 = 1
    /// A WASI `whence` value: 2.
    public static let whenceEnd: UInt8 = 2

    // MARK: advice (u8): normal ... noreuse
    /// A WASI `advice` value: 5.
    public static let adviceMax: UInt8 = 5

    // MARK: oflags (u16)
    /// A WASI `oflags` value: 1 << 0.
    public static let oflagCreat: UInt16 = 1 << 0
    /// A WASI `oflags` value: 1 << 1.
    public static let oflagDirectory: UInt16 = 1 << 1
    /// A WASI `oflags` value: 1 << 2.
    public static let oflagExcl: UInt16 = 1 << 2
    /// A WASI `oflags` value: 1 << 3.
    public static let oflagTrunc: UInt16 = 1 << 3

    // MARK: lookupflags (u32)
    /// A WASI `lookupflags` value: 1 << 0.
    public static let lookupSymlinkFollow: UInt32 = 1 << 0

    // MARK: fstflags (u16)
    /// A WASI `fstflags` value: 1 << 0.
    public static let fstflagAtim: UInt16 = 1 << 0
    /// A WASI `fstflags` value: 1 << 1.
    public static let fstflagAtimNow: UInt16 = 1 << 1
    /// A WASI `fstflags` value: 1 << 2.
    public static let fstflagMtim: UInt16 = 1 << 2
    /// A WASI `fstflags` value: 1 << 3.
    public static let fstflagMtimNow: UInt16 = 1 << 3

    // MARK: eventtype (u8), subclockflags (u16), eventrwflags (u16)
    /// A WASI `eventtype` value: 0.
    public static let eventtypeClock: UInt8 = 0
    /// A WASI `eventtype` value: 1.
    public static let eventtypeFdRead: UInt8 = 1
    /// A WASI `eventtype` value: 2.
    public static let eventtypeFdWrite: UInt8 = 2
    /// A WASI `eventtype` value: 1 << 0.
    public static let subclockflagAbstime: UInt16 = 1 << 0
    /// A WASI `eventtype` value: 1 << 0.
    public static let eventrwflagHangup: UInt16 = 1 << 0

    // MARK: preopentype (u8)
    /// A WASI `preopentype` value: 0.
    public static let preopentypeDir: UInt8 = 0

    // MARK: rights (u64)
    /// A WASI `rights` value: 1 << 0.
    public static let rightFdDatasync: UInt64 = 1 << 0
    /// A WASI `rights` value: 1 << 1.
    public static let rightFdRead: UInt64 = 1 << 1
    /// A WASI `rights` value: 1 << 2.
    public static let rightFdSeek: UInt64 = 1 << 2
    /// A WASI `rights` value: 1 << 3.
    public static let rightFdFdstatSetFlags: UInt64 = 1 << 3
    /// A WASI `rights` value: 1 << 4.
    public static let rightFdSync: UInt64 = 1 << 4
    /// A WASI `rights` value: 1 << 5.
    public static let rightFdTell: UInt64 = 1 << 5
    /// A WASI `rights` value: 1 << 6.
    public static let rightFdWrite: UInt64 = 1 << 6
    /// A WASI `rights` value: 1 << 7.
    public static let rightFdAdvise: UInt64 = 1 << 7
    /// A WASI `rights` value: 1 << 8.
    public static let rightFdAllocate: UInt64 = 1 << 8
    /// A WASI `rights` value: 1 << 9.
    public static let rightPathCreateDirectory: UInt64 = 1 << 9
    /// A WASI `rights` value: 1 << 10.
    public static let rightPathCreateFile: UInt64 = 1 << 10
    /// A WASI `rights` value: 1 << 11.
    public static let rightPathLinkSource: UInt64 = 1 << 11
    /// A WASI `rights` value: 1 << 12.
    public static let rightPathLinkTarget: UInt64 = 1 << 12
    /// A WASI `rights` value: 1 << 13.
    public static let rightPathOpen: UInt64 = 1 << 13
    /// A WASI `rights` value: 1 << 14.
    public static let rightFdReaddir: UInt64 = 1 << 14
    /// A WASI `rights` value: 1 << 15.
    public static let rightPathReadlink: UInt64 = 1 << 15
    /// A WASI `rights` value: 1 << 16.
    public static let rightPathRenameSource: UInt64 = 1 << 16
    /// A WASI `rights` value: 1 << 17.
    public static let rightPathRenameTarget: UInt64 = 1 << 17
    /// A WASI `rights` value: 1 << 18.
    public static let rightPathFilestatGet: UInt64 = 1 << 18
    /// A WASI `rights` value: 1 << 19.
    public static let rightPathFilestatSetSize: UInt64 = 1 << 19
    /// A WASI `rights` value: 1 << 20.
    public static let rightPathFilestatSetTimes: UInt64 = 1 << 20
    /// A WASI `rights` value: 1 << 21.
    public static let rightFdFilestatGet: UInt64 = 1 << 21
    /// A WASI `rights` value: 1 << 22.
    public static let rightFdFilestatSetSize: UInt64 = 1 << 22
    /// A WASI `rights` value: 1 << 23.
    public static let rightFdFilestatSetTimes: UInt64 = 1 << 23
    /// A WASI `rights` value: 1 << 24.
    public static let rightPathSymlink: UInt64 = 1 << 24
    /// A WASI `rights` value: 1 << 25.
    public static let rightPathRemoveDirectory: UInt64 = 1 << 25
    /// A WASI `rights` value: 1 << 26.
    public static let rightPathUnlinkFile: UInt64 = 1 << 26
    /// A WASI `rights` value: 1 << 27.
    public static let rightPollFdReadwrite: UInt64 = 1 << 27
    /// A WASI `rights` value: 1 << 28.
    public static let rightSockShutdown: UInt64 = 1 << 28
    /// A WASI `rights` value: 1 << 29.
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
