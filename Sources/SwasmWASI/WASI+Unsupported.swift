// The socket functions. A guest can be given no sockets (preview1 cannot create any, and the
// configuration grants none), so every socket call fails: EBADF for a descriptor that is not
// open, ENOTSOCK for one that is (a stream, file or directory). proc_raise (ENOSYS) is in
// WASI+Clock.swift.

extension WASI {
    func sockAccept(_ fd: UInt32, _ flags: UInt32) throws(WASIErrno) {
        try sockOperation(fd)
    }

    func sockOperation(_ fd: UInt32) throws(WASIErrno) {
        _ = try table.get(fd)
        throw .notsock
    }
}
