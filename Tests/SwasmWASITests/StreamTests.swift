import Foundation
import Swasm
import SwasmWASI
import XCTest

/// fd_read and fd_write on the standard streams, in every configuration.
final class StreamTests: XCTestCase {
    let functions = ["fd_read", "fd_write", "fd_fdstat_set_flags"]

    func testWriteGathersEveryIovecIntoTheCapture() throws {
        var config = WASIConfiguration()
        config.stdout = .capture
        config.stderr = .capture
        let h = try WASIHarness(config, functions: functions, data: [(1000, Array("hello, world!".utf8))])
        try h.iovecs([(1000, 5), (1005, 0), (1005, 8)], at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(3), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 13)
        try h.iovecs([(1007, 5)], at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(2), i32(100), i32(1), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 5)
        XCTAssertEqual(h.wasi.capturedStdout, Array("hello, world!".utf8))
        XCTAssertEqual(h.wasi.capturedStderrText, "world")
        // No iovecs: writes nothing, successfully.
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(0), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 0)
    }

    func testWriteErrors() throws {
        var config = WASIConfiguration()
        config.stdout = .capture
        let h = try WASIHarness(config, functions: functions)
        try h.iovecs([(1000, 4)], at: 100)
        try h.store32(0xAAAA_AAAA, at: 200)
        XCTAssertEqual(try h.call("fd_write", i32(0), i32(100), i32(1), i32(200)), E.badf, "stdin is not writable")
        XCTAssertEqual(try h.call("fd_write", i32(3), i32(100), i32(1), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_write", i32(-1), i32(100), i32(1), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(1), i32(65533)), E.fault, "nwritten out of bounds")
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(65532), i32(1), i32(200)), E.fault, "iovec array out of bounds")
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(0x2000_0000), i32(200)), E.fault, "huge iovec count")
        try h.iovecs([(1000, 4), (65534, 3)], at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(2), i32(200)), E.fault, "buffer out of bounds")
        try h.iovecs([(0xFFFF_FFFF, 0xFFFF_FFFF)], at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(1), i32(200)), E.fault)
        XCTAssertEqual(h.wasi.capturedStdout, [], "a failed write writes nothing")
        XCTAssertEqual(try h.u32(200), 0xAAAA_AAAA, "nor stores a count")
    }

    /// At most 1024 iovecs (Linux's IOV_MAX) per call: a longer list makes a short write.
    func testLongIovecListsMakeShortWrites() throws {
        var config = WASIConfiguration()
        config.stdout = .capture
        let h = try WASIHarness(config, functions: functions)
        try h.iovecs((0 ..< 2000).map { (30000 + $0, 1) }, at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(2000), i32(20000)), E.success)
        XCTAssertEqual(try h.u32(20000), 1024)
        XCTAssertEqual(h.wasi.capturedStdout.count, 1024)
    }

    func testDiscardAcceptsEverything() throws {
        let h = try WASIHarness(functions: functions)  // stdout/stderr default to .discard
        try h.iovecs([(0, 65536), (0, 10)], at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(2), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 65546)
        XCTAssertEqual(h.wasi.capturedStdout, [])
    }

    func testCaptureLimitGivesENOSPC() throws {
        var config = WASIConfiguration()
        config.stdout = .capture
        config.maxCapturedBytes = 10
        let h = try WASIHarness(config, functions: functions)
        try h.iovecs([(1000, 6)], at: 100)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(1), i32(200)), E.success)
        XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(1), i32(200)), E.nospc)
        XCTAssertEqual(h.wasi.capturedStdout.count, 6)
    }

    func testReadScattersInputThenReportsEndOfFile() throws {
        var config = WASIConfiguration()
        config.stdin = .bytes(Array("abcdefghij".utf8))
        let h = try WASIHarness(config, functions: functions)
        try h.iovecs([(1000, 3), (2000, 0), (2000, 4)], at: 100)
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(3), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 7)
        XCTAssertEqual(try h.bytes(1000, 4), Array("abc".utf8) + [0])
        XCTAssertEqual(try h.bytes(2000, 5), Array("defg".utf8) + [0])
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(3), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 3)
        XCTAssertEqual(try h.bytes(1000, 3), Array("hij".utf8))
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(3), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 0, "end of file")
    }

    func testReadErrors() throws {
        var config = WASIConfiguration()
        config.stdin = .bytes([1, 2, 3])
        let h = try WASIHarness(config, functions: functions)
        try h.iovecs([(1000, 3)], at: 100)
        XCTAssertEqual(try h.call("fd_read", i32(1), i32(100), i32(1), i32(200)), E.badf, "stdout is not readable")
        XCTAssertEqual(try h.call("fd_read", i32(7), i32(100), i32(1), i32(200)), E.badf)
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(1), i32(65536)), E.fault)
        try h.iovecs([(65535, 2)], at: 100)
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(1), i32(200)), E.fault)
        try h.iovecs([(1000, 3)], at: 100)
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(1), i32(200)), E.success)
        XCTAssertEqual(try h.bytes(1000, 3), [1, 2, 3], "failed reads consumed nothing")
    }

    func testEmptyStdinAndNonblockingFlag() throws {
        let h = try WASIHarness(functions: functions)  // stdin defaults to empty
        try h.iovecs([(1000, 8)], at: 100)
        XCTAssertEqual(try h.call("fd_fdstat_set_flags", i32(0), i32(4)), E.success)  // NONBLOCK
        XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(1), i32(200)), E.success)
        XCTAssertEqual(try h.u32(200), 0)
    }

    func testFileStreams() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swasm-wasi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.txt").path
        let output = dir.appendingPathComponent("out.txt").path
        try Data("from a file".utf8).write(to: URL(fileURLWithPath: input))
        try Data("old contents, longer".utf8).write(to: URL(fileURLWithPath: output))
        var config = WASIConfiguration()
        config.stdin = .file(input)
        config.stdout = .file(output)
        do {
            let h = try WASIHarness(config, functions: functions)
            try h.iovecs([(1000, 100)], at: 100)
            XCTAssertEqual(try h.call("fd_read", i32(0), i32(100), i32(1), i32(200)), E.success)
            XCTAssertEqual(try h.u32(200), 11)
            try h.iovecs([(1000, 4), (1006, 5)], at: 100)
            XCTAssertEqual(try h.call("fd_write", i32(1), i32(100), i32(2), i32(200)), E.success)
            XCTAssertEqual(try h.u32(200), 9)
        }
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), "from file", "truncated, then written")
        config.stdin = .file(dir.appendingPathComponent("missing").path)
        XCTAssertThrowsError(try WASI(configuration: config)) { XCTAssertTrue($0 is WASIConfigurationError) }
    }

    /// Writes to an inherited host descriptor go straight through (checked on a pipe).
    func testLargeSingleWriteToAHostPipeIsComplete() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let savedStdout = dup(1)
        XCTAssertEqual(dup2(fds[1], 1), 1)
        close(fds[1])
        let received = Received()
        let readEnd = fds[0]
        let reader = Thread {
            received.data = FileHandle(fileDescriptor: readEnd, closeOnDealloc: true).readDataToEndOfFile()
        }
        reader.start()
        var config = WASIConfiguration()
        config.stdout = .inherit
        let payload = (0 ..< 200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let h = try WASIHarness(config, functions: functions, pages: 4, data: [(1000, payload)])
        try h.iovecs([(1000, payload.count)], at: 100)
        let errno = try h.call("fd_write", i32(1), i32(100), i32(1), i32(200))
        let written = try h.u32(200)
        dup2(savedStdout, 1)
        close(savedStdout)
        while !reader.isFinished { usleep(1000) }
        XCTAssertEqual(errno, E.success)
        XCTAssertEqual(written, 200_000)
        XCTAssertEqual([UInt8](received.data), payload)
    }
}

private final class Received: @unchecked Sendable {
    var data = Data()
}
