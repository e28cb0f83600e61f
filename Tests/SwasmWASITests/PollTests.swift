import Foundation
import Swasm
import SwasmWASI
import XCTest

/// poll_oneoff: subscriptions are 48 bytes (userdata u64 @0, tag u8 @8, clock id u32 @16,
/// timeout u64 @24, precision u64 @32, flags u16 @40; fd u32 @16), events 32 bytes (userdata
/// u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24).
final class PollTests: XCTestCase {
    func harness(stdin: [UInt8] = []) throws -> WASIHarness {
        var config = WASIConfiguration()
        config.stdin = .bytes(stdin)
        config.stdout = .capture
        return try WASIHarness(config, functions: ["poll_oneoff", "clock_time_get"])
    }

    func clock(_ h: WASIHarness, at p: Int, userdata: UInt64, id: UInt32 = 1, timeout: UInt64, flags: UInt16 = 0) throws {
        try h.write([UInt8](repeating: 0, count: 48), at: p)
        try h.store64(userdata, at: p)
        try h.write([0], at: p + 8)
        try h.store32(id, at: p + 16)
        try h.store64(timeout, at: p + 24)
        try h.memory.store(flags, at: p + 40)
    }

    func fdSubscription(_ h: WASIHarness, at p: Int, userdata: UInt64, read: Bool, fd: UInt32) throws {
        try h.write([UInt8](repeating: 0, count: 48), at: p)
        try h.store64(userdata, at: p)
        try h.write([read ? 1 : 2], at: p + 8)
        try h.store32(fd, at: p + 16)
    }

    func testRelativeClockSleepsTheRightTime() throws {
        let h = try harness()
        try clock(h, at: 1000, userdata: 0xDEAD_BEEF_0000_0001, timeout: 50_000_000)
        try h.write([UInt8](repeating: 0xEE, count: 40), at: 2000)
        let start = Date()
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(1), i32(3000)), E.success)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.050)
        XCTAssertLessThan(elapsed, 1.0)
        XCTAssertEqual(try h.u32(3000), 1)
        var expected = withUnsafeBytes(of: UInt64(0xDEAD_BEEF_0000_0001).littleEndian, Array.init)
        expected += [UInt8](repeating: 0, count: 24)  // error 0, type clock, no fd_readwrite data
        XCTAssertEqual(try h.bytes(2000, 32), expected)
        XCTAssertEqual(try h.bytes(2032, 8), [UInt8](repeating: 0xEE, count: 8))
    }

    func testEarliestClockWinsAndAbsoluteTimes() throws {
        let h = try harness()
        XCTAssertEqual(try h.call("clock_time_get", i32(1), i64(0), i32(8)), E.success)
        let now = try h.u64(8)
        try clock(h, at: 1000, userdata: 1, timeout: 10_000_000_000)                       // 10 s
        try clock(h, at: 1048, userdata: 2, timeout: now + 20_000_000, flags: 1)            // abstime: 20 ms
        try clock(h, at: 1096, userdata: 3, id: 0, timeout: 5_000_000_000, flags: 1)        // realtime 1970: past
        let start = Date()
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(2), i32(3000)), E.success)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.015)
        XCTAssertEqual(try h.u32(3000), 1)
        XCTAssertEqual(try h.u64(2000), 2)
        // A deadline in the past fires at once.
        XCTAssertEqual(try h.call("poll_oneoff", i32(1048), i32(2000), i32(2), i32(3000)), E.success)
        XCTAssertEqual(try h.u32(3000), 2)
        XCTAssertEqual([try h.u64(2000), try h.u64(2032)], [2, 3])
    }

    func testErrors() throws {
        let h = try harness()
        try clock(h, at: 1000, userdata: 1, timeout: 0)
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(0), i32(3000)), E.inval, "no subscriptions")
        XCTAssertEqual(try h.call("poll_oneoff", i32(65500), i32(2000), i32(1), i32(3000)), E.fault)
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(65510), i32(1), i32(3000)), E.fault)
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(1), i32(65534)), E.fault)
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(0x1000_0000), i32(3000)), E.fault)
        try h.write([3], at: 1008)
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(1), i32(3000)), E.inval, "unknown event type")
        // An unknown clock, or a descriptor that is not open: an event carrying the error.
        try clock(h, at: 1000, userdata: 7, id: 9, timeout: 0)
        try fdSubscription(h, at: 1048, userdata: 8, read: true, fd: 42)
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(2), i32(3000)), E.success)
        XCTAssertEqual(try h.u32(3000), 2)
        XCTAssertEqual([try h.u64(2000), UInt64(try h.u16(2008)), UInt64(try h.u8(2010))], [7, UInt64(E.inval), 0])
        XCTAssertEqual([try h.u64(2032), UInt64(try h.u16(2040)), UInt64(try h.u8(2042))], [8, UInt64(E.badf), 1])
    }

    func testDescriptorSubscriptions() throws {
        let h = try harness(stdin: Array("12345".utf8))
        try fdSubscription(h, at: 1000, userdata: 10, read: true, fd: 0)
        try fdSubscription(h, at: 1048, userdata: 11, read: false, fd: 1)
        try clock(h, at: 1096, userdata: 12, timeout: 5_000_000_000)
        let start = Date()
        XCTAssertEqual(try h.call("poll_oneoff", i32(1000), i32(2000), i32(3), i32(3000)), E.success)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0, "ready descriptors: no waiting for the clock")
        XCTAssertEqual(try h.u32(3000), 2)
        XCTAssertEqual([try h.u64(2000), UInt64(try h.u16(2008)), UInt64(try h.u8(2010)), try h.u64(2016)], [10, 0, 1, 5])
        XCTAssertEqual([try h.u64(2032), UInt64(try h.u16(2040)), UInt64(try h.u8(2042))], [11, 0, 2])
    }
}
