import Swasm
import SwasmWASI
import XCTest

/// args_sizes_get, args_get, environ_sizes_get, environ_get.
final class ArgsEnvironTests: XCTestCase {
    let functions = ["args_get", "args_sizes_get", "environ_get", "environ_sizes_get"]

    func testArgumentsExactBytes() throws {
        let h = try WASIHarness(WASIConfiguration(arguments: ["prog", "a b", "ü"]), functions: functions)
        XCTAssertEqual(try h.call("args_sizes_get", i32(100), i32(104)), E.success)
        XCTAssertEqual(try h.u32(100), 3)
        XCTAssertEqual(try h.u32(104), 5 + 4 + 3)  // "prog\0" "a b\0" "ü\0" (ü is 2 bytes)
        XCTAssertEqual(try h.call("args_get", i32(200), i32(300)), E.success)
        XCTAssertEqual(try h.u32(200), 300)
        XCTAssertEqual(try h.u32(204), 305)
        XCTAssertEqual(try h.u32(208), 309)
        XCTAssertEqual(try h.bytes(300, 12), Array("prog\0a b\0".utf8) + [0xC3, 0xBC, 0])
        XCTAssertEqual(try h.bytes(312, 4), [0, 0, 0, 0], "nothing written past the strings")
    }

    func testEnvironmentIsSortedAndOnlyWhatWasGiven() throws {
        let config = WASIConfiguration(arguments: [], environment: ["ZED": "last", "A": "1", "EMPTY": ""])
        let h = try WASIHarness(config, functions: functions)
        XCTAssertEqual(try h.call("environ_sizes_get", i32(100), i32(104)), E.success)
        XCTAssertEqual(try h.u32(100), 3)
        XCTAssertEqual(try h.u32(104), 4 + 7 + 9)
        XCTAssertEqual(try h.call("environ_get", i32(200), i32(300)), E.success)
        XCTAssertEqual([try h.u32(200), try h.u32(204), try h.u32(208)], [300, 304, 311])
        XCTAssertEqual(try h.bytes(300, 20), Array("A=1\0EMPTY=\0ZED=last\0".utf8))
    }

    func testSandboxedByDefault() throws {
        let h = try WASIHarness(functions: functions)
        XCTAssertEqual(try h.call("environ_sizes_get", i32(100), i32(104)), E.success)
        XCTAssertEqual([try h.u32(100), try h.u32(104)], [0, 0])
        XCTAssertEqual(try h.call("args_sizes_get", i32(100), i32(104)), E.success)
        XCTAssertEqual([try h.u32(100), try h.u32(104)], [0, 0])
        XCTAssertEqual(try h.call("args_get", i32(65536), i32(65536)), E.success, "nothing to write: nothing out of bounds")
    }

    func testOutOfBoundsPointersGiveEFAULTWithoutPartialWrites() throws {
        let h = try WASIHarness(WASIConfiguration(arguments: ["prog", "x"], environment: ["K": "V"]), functions: functions)
        XCTAssertEqual(try h.call("args_sizes_get", i32(65533), i32(0)), E.fault)
        XCTAssertEqual(try h.call("args_sizes_get", i32(0), i32(-1)), E.fault)
        XCTAssertEqual(try h.u32(0), 0, "the count was not stored either")
        // Pointer array fits, string buffer does not: nothing at all is written.
        XCTAssertEqual(try h.call("args_get", i32(100), i32(65530)), E.fault)
        XCTAssertEqual(try h.u32(100), 0)
        XCTAssertEqual(try h.call("args_get", i32(65532), i32(0)), E.fault)
        XCTAssertEqual(try h.call("environ_get", i32(0xFFFF_FFF0), i32(0)), E.fault)
        XCTAssertEqual(try h.call("environ_sizes_get", i32(65536), i32(0)), E.fault)
        // Exactly at the end still fits.
        XCTAssertEqual(try h.call("args_get", i32(65520), i32(65529)), E.success)
        XCTAssertEqual([try h.u32(65520), try h.u32(65524)], [65529, 65534])
        XCTAssertEqual(try h.bytes(65529, 7), Array("prog\0x\0".utf8))
    }

    func testInvalidConfigurationIsRejected() {
        XCTAssertThrowsError(try WASI(configuration: WASIConfiguration(arguments: ["a\0b"])))
        XCTAssertThrowsError(try WASI(configuration: WASIConfiguration(environment: ["A=B": "c"])))
        XCTAssertThrowsError(try WASI(configuration: WASIConfiguration(environment: ["": "c"])))
        XCTAssertThrowsError(try WASI(configuration: WASIConfiguration(environment: ["A": "\0"])))
    }
}
