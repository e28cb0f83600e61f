import Swasm
import SwasmWASI
import XCTest

/// Functions a guest without preopened directories or sockets can call but not use: the errno
/// each gives.
final class UnsupportedTests: XCTestCase {
    let paths = ["path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_open",
                 "path_readlink", "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file"]
    let sockets = ["sock_accept", "sock_recv", "sock_send", "sock_shutdown"]

    /// Calls every path function with directory descriptor `fd` and a valid path "f" at 100.
    func pathResults(_ h: WASIHarness, fd: Int) throws -> [String: UInt16] {
        [
            "path_create_directory": try h.call("path_create_directory", i32(fd), i32(100), i32(1)),
            "path_filestat_get": try h.call("path_filestat_get", i32(fd), i32(0), i32(100), i32(1), i32(200)),
            "path_filestat_set_times": try h.call("path_filestat_set_times", i32(fd), i32(0), i32(100), i32(1), i64(0), i64(0), i32(0)),
            "path_link": try h.call("path_link", i32(fd), i32(0), i32(100), i32(1), i32(fd), i32(100), i32(1)),
            "path_open": try h.call("path_open", i32(fd), i32(0), i32(100), i32(1), i32(0), i64(2), i64(0), i32(0), i32(200)),
            "path_readlink": try h.call("path_readlink", i32(fd), i32(100), i32(1), i32(300), i32(10), i32(200)),
            "path_remove_directory": try h.call("path_remove_directory", i32(fd), i32(100), i32(1)),
            "path_rename": try h.call("path_rename", i32(fd), i32(100), i32(1), i32(fd), i32(100), i32(1)),
            "path_symlink": try h.call("path_symlink", i32(100), i32(1), i32(fd), i32(100), i32(1)),
            "path_unlink_file": try h.call("path_unlink_file", i32(fd), i32(100), i32(1)),
        ]
    }

    func testPathFunctionsWithoutDirectories() throws {
        let h = try WASIHarness(functions: paths, data: [(100, Array("f".utf8))])
        for fd in 0 ... 2 {
            XCTAssertEqual(try pathResults(h, fd: fd), Dictionary(uniqueKeysWithValues: paths.map { ($0, E.notdir) }), "fd \(fd)")
        }
        for fd in [3, 100, -1] {
            XCTAssertEqual(try pathResults(h, fd: fd), Dictionary(uniqueKeysWithValues: paths.map { ($0, E.badf) }), "fd \(fd)")
        }
    }

    func testSockets() throws {
        let h = try WASIHarness(functions: sockets)
        for fd in 0 ... 2 {
            XCTAssertEqual(try h.call("sock_accept", i32(fd), i32(0), i32(100)), E.notsock)
            XCTAssertEqual(try h.call("sock_recv", i32(fd), i32(100), i32(1), i32(0), i32(200), i32(204)), E.notsock)
            XCTAssertEqual(try h.call("sock_send", i32(fd), i32(100), i32(1), i32(0), i32(200)), E.notsock)
            XCTAssertEqual(try h.call("sock_shutdown", i32(fd), i32(3)), E.notsock)
        }
        XCTAssertEqual(try h.call("sock_accept", i32(3), i32(0), i32(100)), E.badf)
        XCTAssertEqual(try h.call("sock_recv", i32(3), i32(100), i32(1), i32(0), i32(200), i32(204)), E.badf)
        XCTAssertEqual(try h.call("sock_send", i32(3), i32(100), i32(1), i32(0), i32(200)), E.badf)
        XCTAssertEqual(try h.call("sock_shutdown", i32(3), i32(3)), E.badf)
    }
}
