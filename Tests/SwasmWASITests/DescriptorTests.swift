import Swasm
import SwasmWASI
import XCTest

/// The fd_* functions other than reading and writing, on the standard streams.
final class DescriptorTests: XCTestCase {
    let functions = ["fd_pread", "fd_pwrite", "fd_seek", "fd_tell", "fd_close", "fd_write", "fd_read",
                     "fd_fdstat_get", "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_get",
                     "fd_prestat_get", "fd_prestat_dir_name", "fd_renumber", "fd_advise", "fd_allocate",
                     "fd_datasync", "fd_sync", "fd_filestat_set_size", "fd_filestat_set_times", "fd_readdir"]

    func harness() throws -> WASIHarness {
        var config = WASIConfiguration()
        config.stdin = .bytes(Array("input".utf8))
        config.stdout = .capture
        config.stderr = .capture
        return try WASIHarness(config, functions: functions)
    }

    func testStreamsHaveNoOffset() throws {
        let h = try harness()
        try h.iovecs([(1000, 4)], at: 100)
        for fd in 0 ... 2 {
            XCTAssertEqual(try h.call("fd_pread", i32(fd), i32(100), i32(1), i64(0), i32(200)), E.spipe)
            XCTAssertEqual(try h.call("fd_pwrite", i32(fd), i32(100), i32(1), i64(0), i32(200)), E.spipe)
            XCTAssertEqual(try h.call("fd_seek", i32(fd), i64(0), i32(0), i32(200)), E.spipe)
            XCTAssertEqual(try h.call("fd_seek", i32(fd), i64(0), i32(1), i32(200)), E.spipe)
            XCTAssertEqual(try h.call("fd_tell", i32(fd), i32(200)), E.spipe)
        }
        XCTAssertEqual(try h.call("fd_seek", i32(1), i64(0), i32(3), i32(200)), E.inval, "bad whence")
        XCTAssertEqual(try h.call("fd_seek", i32(9), i64(0), i32(0), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_tell", i32(9), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_pread", i32(9), i32(100), i32(1), i64(0), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_pwrite", i32(9), i32(100), i32(1), i64(0), i32(200)), E.badf)
        XCTAssertEqual(h.wasi.capturedStdout, [])
    }

    func testFdstatOfStreams() throws {
        let h = try harness()
        try h.write([UInt8](repeating: 0xEE, count: 32), at: 300)
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(0), i32(300)), E.success)
        // filetype unknown (in-memory, like a pipe), no flags, rights fd_read|fd_fdstat_set_flags|
        // fd_filestat_get|poll_fd_readwrite, no inheriting rights; padding zeroed.
        var expected: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
        expected += withUnsafeBytes(of: (UInt64(1 << 1 | 1 << 3 | 1 << 21 | 1 << 27)).littleEndian, Array.init)
        expected += [UInt8](repeating: 0, count: 8)
        XCTAssertEqual(try h.bytes(300, 24), expected)
        XCTAssertEqual(try h.bytes(324, 8), [UInt8](repeating: 0xEE, count: 8), "exactly 24 bytes written")
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(1), i32(300)), E.success)
        XCTAssertEqual(try h.u64(308), 1 << 6 | 1 << 3 | 1 << 21 | 1 << 27)  // fd_write instead of fd_read
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(3), i32(300)), E.badf)
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(1), i32(65536 - 23)), E.fault)
    }

    func testSetFlags() throws {
        let h = try harness()
        XCTAssertEqual(try h.call("fd_fdstat_set_flags", i32(1), i32(1 | 4)), E.success)  // APPEND | NONBLOCK
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(1), i32(300)), E.success)
        XCTAssertEqual(try h.u16(302), 5)
        XCTAssertEqual(try h.call("fd_fdstat_set_flags", i32(1), i32(0)), E.success)
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(1), i32(300)), E.success)
        XCTAssertEqual(try h.u16(302), 0)
        XCTAssertEqual(try h.call("fd_fdstat_set_flags", i32(1), i32(0x20)), E.inval)
        XCTAssertEqual(try h.call("fd_fdstat_set_flags", i32(5), i32(0)), E.badf)
    }

    func testRightsCanOnlyBeDropped() throws {
        let h = try harness()
        let outputRights: UInt64 = 1 << 6 | 1 << 3 | 1 << 21 | 1 << 27
        XCTAssertEqual(try h.call("fd_fdstat_set_rights", i32(1), i64u(outputRights | 1 << 1), i64(0)), E.notcapable)
        XCTAssertEqual(try h.call("fd_fdstat_set_rights", i32(1), i64u(outputRights), i64(1)), E.notcapable)
        XCTAssertEqual(try h.call("fd_fdstat_set_rights", i32(1), i64u(1 << 21), i64(0)), E.success)
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(1), i32(300)), E.success)
        XCTAssertEqual(try h.u64(308), 1 << 21)
        try h.iovecs([(1000, 4)], at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(1), i32(200)), E.notcapable)
        XCTAssertEqual(try h.call("fd_fdstat_set_rights", i32(8), i64(0), i64(0)), E.badf)
    }

    func testFilestatOfInMemoryStream() throws {
        let h = try harness()
        try h.write([UInt8](repeating: 0xEE, count: 72), at: 400)
        XCTAssertEqual(try h.call("fd_filestat_get", i32(0), i32(400)), E.success)
        XCTAssertEqual(try h.bytes(400, 64), [UInt8](repeating: 0, count: 64), "filetype unknown, everything else 0")
        XCTAssertEqual(try h.bytes(464, 8), [UInt8](repeating: 0xEE, count: 8), "exactly 64 bytes written")
        XCTAssertEqual(try h.call("fd_filestat_get", i32(1), i32(65536 - 63)), E.fault)
        XCTAssertEqual(try h.call("fd_filestat_get", i32(4), i32(400)), E.badf)
    }

    func testFilestatOfHostStream() throws {
        var config = WASIConfiguration()
        config.stdin = .file("/dev/null")
        let h = try WASIHarness(config, functions: functions)
        XCTAssertEqual(try h.call("fd_filestat_get", i32(0), i32(400)), E.success)
        XCTAssertEqual(try h.u8(416), 2, "character device")
        XCTAssertEqual(try h.call("fd_fdstat_get", i32(0), i32(300)), E.success)
        XCTAssertEqual(try h.u8(300), 2)
    }

    func testNoPreopens() throws {
        let h = try harness()
        for fd in [0, 1, 2, 3, 4, -1] {
            XCTAssertEqual(try h.call("fd_prestat_get", i32(fd), i32(100)), E.badf, "fd \(fd)")
            XCTAssertEqual(try h.call("fd_prestat_dir_name", i32(fd), i32(100), i32(10)), E.badf, "fd \(fd)")
        }
    }

    func testCloseAndRenumber() throws {
        let h = try harness()
        try h.iovecs([(1000, 2)], at: 100)
        try h.write(Array("ab".utf8), at: 1000)
        XCTAssertEqual(try h.call("fd_renumber", i32(2), i32(1)), E.success, "stderr replaces stdout")
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(1), i32(200)), E.success)
        XCTAssertEqual(try h.call("fd_write", i32(2), i32(100), i32(1), i32(200)), E.badf)
        XCTAssertEqual(h.wasi.capturedStderrText, "ab")
        XCTAssertEqual(h.wasi.capturedStdoutText, "")
        XCTAssertEqual(try h.call("fd_renumber", i32(1), i32(2)), E.badf, "target not open")
        XCTAssertEqual(try h.call("fd_renumber", i32(5), i32(1)), E.badf)
        XCTAssertEqual(try h.call("fd_close", i32(1)), E.success)
        XCTAssertEqual(try h.call("fd_close", i32(1)), E.badf)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(1), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_close", i32(0)), E.success)
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(1), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_close", i32(77)), E.badf)
        XCTAssertEqual(h.wasi.capturedStderrText, "ab", "captured output survives the descriptor")
    }

    func testFileOnlyOperationsOnStreams() throws {
        let h = try harness()
        XCTAssertEqual(try h.call("fd_advise", i32(0), i64(0), i64(10), i32(0)), E.spipe)
        XCTAssertEqual(try h.call("fd_advise", i32(0), i64(0), i64(10), i32(6)), E.inval)
        XCTAssertEqual(try h.call("fd_allocate", i32(1), i64(0), i64(10)), E.spipe)
        XCTAssertEqual(try h.call("fd_datasync", i32(1)), E.inval)
        XCTAssertEqual(try h.call("fd_sync", i32(1)), E.inval)
        XCTAssertEqual(try h.call("fd_filestat_set_size", i32(1), i64(0)), E.inval)
        XCTAssertEqual(try h.call("fd_filestat_set_times", i32(1), i64(0), i64(0), i32(2)), 58 /* ENOTSUP */)
        XCTAssertEqual(try h.call("fd_readdir", i32(0), i32(100), i32(100), i64(0), i32(200)), E.notdir)
        for name in ["fd_datasync", "fd_sync"] { XCTAssertEqual(try h.call(name, i32(3)), E.badf) }
        XCTAssertEqual(try h.call("fd_advise", i32(3), i64(0), i64(0), i32(0)), E.badf)
        XCTAssertEqual(try h.call("fd_allocate", i32(3), i64(0), i64(1)), E.badf)
        XCTAssertEqual(try h.call("fd_filestat_set_size", i32(3), i64(0)), E.badf)
        XCTAssertEqual(try h.call("fd_filestat_set_times", i32(3), i64(0), i64(0), i32(0)), E.badf)
        XCTAssertEqual(try h.call("fd_readdir", i32(3), i32(100), i32(100), i64(0), i32(200)), E.badf)
    }
}
