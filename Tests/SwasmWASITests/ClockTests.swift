import Foundation
import Swasm
import SwasmWASI
import XCTest

/// clock_time_get, clock_res_get, random_get, sched_yield, proc_raise.
final class ClockTests: XCTestCase {
    let functions = ["clock_time_get", "clock_res_get", "random_get", "sched_yield", "proc_raise"]

    func testRealtimeIsTheTimeOfDay() throws {
        let h = try WASIHarness(functions: functions)
        let before = UInt64(Date().timeIntervalSince1970 * 1e9)
        XCTAssertEqual(try h.call("clock_time_get", i32(0), i64(1), i32(8)), E.success)
        let after = UInt64(Date().timeIntervalSince1970 * 1e9)
        let t = try h.u64(8)
        XCTAssertGreaterThan(t, 1_577_836_800 * 1_000_000_000)  // after 2020-01-01
        XCTAssertGreaterThanOrEqual(t + 2_000_000, before)
        XCTAssertLessThanOrEqual(t, after + 2_000_000)
    }

    func testMonotonicAndCPUClocksAdvance() throws {
        let h = try WASIHarness(functions: functions)
        for id in 1 ... 3 {
            XCTAssertEqual(try h.call("clock_time_get", i32(id), i64(0), i32(8)), E.success)
            let first = try h.u64(8)
            var spin = 0
            for i in 0 ..< 200_000 { spin &+= i }
            XCTAssertEqual(try h.call("clock_time_get", i32(id), i64(0), i32(8)), E.success)
            XCTAssertGreaterThanOrEqual(try h.u64(8), first, "clock \(id) \(spin)")
        }
    }

    func testResolutions() throws {
        let h = try WASIHarness(functions: functions)
        for id in 0 ... 3 {
            try h.store64(0, at: 16)
            XCTAssertEqual(try h.call("clock_res_get", i32(id), i32(16)), E.success)
            let resolution = try h.u64(16)
            XCTAssertGreaterThan(resolution, 0)
            XCTAssertLessThanOrEqual(resolution, 1_000_000_000)
        }
    }

    func testUnknownClockAndBadPointer() throws {
        let h = try WASIHarness(functions: functions)
        try h.store64(0x1234, at: 8)
        for id in [4, 5, -1] {
            XCTAssertEqual(try h.call("clock_time_get", i32(id), i64(0), i32(8)), E.inval)
            XCTAssertEqual(try h.call("clock_res_get", i32(id), i32(8)), E.inval)
        }
        XCTAssertEqual(try h.u64(8), 0x1234)
        XCTAssertEqual(try h.call("clock_time_get", i32(1), i64(0), i32(65529)), E.fault)
        XCTAssertEqual(try h.call("clock_res_get", i32(1), i32(-8)), E.fault)
        XCTAssertEqual(try h.call("clock_time_get", i32(1), i64(0), i32(65528)), E.success)
    }

    func testRandomFillsExactlyTheBuffer() throws {
        let h = try WASIHarness(functions: functions)
        XCTAssertEqual(try h.call("random_get", i32(1001), i32(37)), E.success)
        XCTAssertNotEqual(try h.bytes(1001, 37), [UInt8](repeating: 0, count: 37))
        XCTAssertEqual(try h.u8(1000), 0)
        XCTAssertEqual(try h.u8(1038), 0)
        XCTAssertEqual(try h.call("random_get", i32(1001), i32(37)), E.success)
        let first = try h.bytes(1001, 37)
        XCTAssertEqual(try h.call("random_get", i32(1001), i32(37)), E.success)
        XCTAssertNotEqual(try h.bytes(1001, 37), first)
        XCTAssertEqual(try h.call("random_get", i32(65536), i32(0)), E.success, "empty buffer at the end")
        XCTAssertEqual(try h.call("random_get", i32(65530), i32(7)), E.fault)
        XCTAssertEqual(try h.call("random_get", i32(0), i32(-1)), E.fault, "4 GiB request: EFAULT, no allocation")
        XCTAssertEqual(try h.call("random_get", i32(0), i32(65536)), E.success)
    }

    func testSchedYieldAndProcRaise() throws {
        let h = try WASIHarness(functions: functions)
        XCTAssertEqual(try h.call("sched_yield"), E.success)
        XCTAssertEqual(try h.call("proc_raise", i32(6)), E.nosys)
    }
}
