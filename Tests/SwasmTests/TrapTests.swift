import Synchronization
import XCTest
import Swasm
import SwasmText

final class TrapTests: XCTestCase {
    func assertTrap(_ kind: Trap.Kind, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
        do {
            try body()
            XCTFail("expected trap \(kind)", file: file, line: line)
        } catch let trap as Trap {
            XCTAssertEqual(trap.kind, kind, "\(trap)", file: file, line: line)
        } catch {
            XCTFail("expected trap \(kind), got \(error)", file: file, line: line)
        }
    }

    func testEveryTrapKind() throws {
        let i = try instantiate("traps.wasm")
        assertTrap(.unreachable) { try i.call("unreachable") }
        assertTrap(.integerDivideByZero) { try i.call("div_by_zero", [.i32(0)]) }
        assertTrap(.integerOverflow) { try i.call("div_overflow") }
        assertTrap(.invalidConversionToInteger) { try i.call("trunc_nan") }
        assertTrap(.integerOverflow) { try i.call("trunc_overflow") }
        assertTrap(.outOfBoundsMemoryAccess) { try i.call("load", [.i32(65_533)]) }
        assertTrap(.outOfBoundsMemoryAccess) { try i.call("load_offset", [.i32(1)]) }
        assertTrap(.indirectCallTypeMismatch) { try i.call("call_indirect", [.i32(1)]) }
        assertTrap(.uninitializedElement) { try i.call("call_indirect", [.i32(2)]) }
        assertTrap(.undefinedElement) { try i.call("call_indirect", [.i32(3)]) }
        assertTrap(.callStackExhausted) { try i.call("forever") }
    }

    func testExactResultsAroundTheTraps() throws {
        let i = try instantiate("traps.wasm")
        XCTAssertEqual(try i.call("div_by_zero", [.int32(-1)]), [.int32(-1)])
        XCTAssertEqual(try i.call("rem_min_minus_one"), [.i32(0)])
        XCTAssertEqual(try i.call("load", [.i32(65_532)]), [.i32(0)])
        XCTAssertEqual(try i.call("call_indirect", [.i32(0)]), [.i32(7)])
    }

    func testBacktraceNamesFunctions() throws {
        let i = try instantiate("traps.wasm")
        do {
            try i.call("unreachable")
            XCTFail("no trap")
        } catch let trap as Trap {
            XCTAssertEqual(trap.backtrace.map(\.name), ["inner", "outer", nil])
            XCTAssertEqual(trap.backtrace.first?.functionIndex, 2)
            XCTAssertTrue(trap.description.contains("wasm trap: unreachable"))
            XCTAssertTrue(trap.description.contains("inner (func 2)"))
        }
    }

    func testStoreKeepsWorkingAfterTraps() throws {
        let i = try instantiate("traps.wasm")
        for _ in 0..<3 {
            XCTAssertThrowsError(try i.call("forever"))
            XCTAssertThrowsError(try i.call("div_by_zero", [.i32(0)]))
            XCTAssertEqual(try i.call("recurse", [.i32(1000)]), [.i32(1000)])
        }
    }

    func testCallDepthLimitIsConfigurable() throws {
        var configuration = Configuration()
        configuration.maxCallDepth = 100
        let i = try instantiate("traps.wasm", configuration: configuration)
        XCTAssertEqual(try i.call("recurse", [.i32(98)]), [.i32(98)])
        assertTrap(.callStackExhausted) { try i.call("recurse", [.i32(200)]) }
    }

    func testMemoryGrowFailsCleanlyPastMaximum() throws {
        let i = try instantiate("traps.wasm")
        XCTAssertEqual(try i.call("grow", [.i32(1)]), [.i32(1)])
        XCTAssertEqual(try i.call("grow", [.i32(1)]), [.int32(-1)])
        XCTAssertEqual(try i.call("grow", [.i32(0xFFFF_FFFF)]), [.int32(-1)])
        XCTAssertEqual(try i.call("size"), [.i32(2)])
        XCTAssertEqual(try i.call("load", [.i32(131_068)]), [.i32(0)])
    }

    func testEmbedderMemoryLimit() throws {
        var configuration = Configuration()
        configuration.maxMemoryPages = 1
        let i = try instantiate("traps.wasm", configuration: configuration)
        XCTAssertEqual(try i.call("grow", [.i32(1)]), [.int32(-1)])
        XCTAssertEqual(try i.call("size"), [.i32(1)])
    }

    /// A loop over most handler families (Fixtures/stress.wat), on a small thread stack. The
    /// expected result is wasmtime's for the same call.
    func testStressLoopOnASmallThreadStack() throws {
        let module = try Module(bytes: fixture("stress.wasm"))
        let result = try onSmallThreadStack {
            try Store().instantiate(module).call("run", [.i32(200_000)]).map(\.description)
        }
        XCTAssertEqual(result, [Value.int64(-3_119_715_323_179_199_011).description])
    }

    /// Handlers tail-call each other; if one did not, a long loop would overflow this small stack.
    func testLongLoopAndDeepRecursionOnASmallThreadStack() throws {
        let module = try Module(bytes: fixture("traps.wasm"))
        let (results, recursion) = try onSmallThreadStack {
            let i = try Store().instantiate(module)
            return (try i.call("spin", [.i32(20_000_000)]).map(\.description),
                    try i.call("recurse", [.i32(15_000)]).map(\.description))
        }
        XCTAssertEqual(recursion, [Value.i32(15_000).description])
        // acc = sum over n = 20_000_000 ... 1 of (n ^ 0x55), modulo 2^32.
        var acc: UInt32 = 0
        var n: UInt32 = 20_000_000
        while n != 0 { acc &+= n ^ 0x55; n -= 1 }
        XCTAssertEqual(results, [Value.i32(acc).description])
    }

    /// Runs `body` on a thread with a 256 KiB stack and returns what it returned or threw.
    private func onSmallThreadStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let result = Result { try body() }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.stackSize = 256 << 10
        thread.start()
        done.wait()
        guard let result = outcome.withLock({ $0 }) else { throw UsageError("the thread returned nothing") }
        return try result.get()
    }
}

/// A return to a caller of the same instance keeps the memory registers of the callee: after the
/// callee grew the memory, the caller sees the new size (and traps past it).
final class ReturnAfterGrowTests: XCTestCase {
    func testCallerSeesMemoryGrownByItsCallee() throws {
        let source = """
        (module
          (memory 1)
          (func $grow (result i32) (memory.grow (i32.const 1)))
          (func (export "grow_then_store") (param i32) (result i32)
            (drop (call $grow))
            (i32.store (local.get 0) (i32.const 77))
            (i32.load (local.get 0))))
        """
        let instance = try Store().instantiate(try Module(bytes: WAT.encode(source)))
        let growThenStore = try instance.function("grow_then_store").typed(Int32.self, returning: Int32.self)
        XCTAssertEqual(try growThenStore(65536 + 100), 77)  // in the second page, there after the grow
        XCTAssertThrowsError(try growThenStore(3 * 65536)) {  // two pages + the grow = three
            XCTAssertEqual(($0 as? Trap)?.kind, .outOfBoundsMemoryAccess, "\($0)")
        }
        XCTAssertEqual(try growThenStore(3 * 65536 + 8), 77)  // now four pages
    }
}
