import Foundation
import XCTest
import Swasm

/// Fuel, interruption and resource limits: each stops the guest with the right trap, and the
/// store keeps working afterwards.
final class LimitsTests: XCTestCase {
    func checkpointed(_ name: String, _ store: Store) throws -> Instance {
        try store.instantiate(Module(bytes: fixture(name), options: CompilationOptions(checkpoints: true)))
    }

    func testFuelRunsOutAndCanBeRefilled() throws {
        let store = Store()
        store.fuel = 10_000
        let i = try checkpointed("traps.wasm", store)
        do {
            _ = try i.call("spin", [.i32(1_000_000)])
            XCTFail("no trap")
        } catch let trap as Trap {
            XCTAssertEqual(trap.kind, .fuelExhausted)
        }
        XCTAssertEqual(store.fuel, 0)
        XCTAssertEqual(store.fuelConsumed, 10_000)
        // A small run fits in new fuel, and its cost is readable.
        store.fuel = 1_000_000
        XCTAssertEqual(try i.call("spin", [.i32(100)]), [.i32(spin(100))])
        let used = store.fuelConsumed
        // One unit per wasm instruction: the loop header's region (14 instructions) per
        // iteration, plus the function entry's region (1).
        XCTAssertEqual(used, 100 * 14 + 1)
        store.addFuel(5)
        XCTAssertEqual(store.fuelConsumed, used)
        XCTAssertEqual(store.fuel, 1_000_000 - used + 5)
    }

    func testFuelNeedsCheckpoints() throws {
        let store = Store()
        store.fuel = 100
        XCTAssertThrowsError(try store.instantiate(Module(bytes: fixture("traps.wasm")))) { error in
            XCTAssertTrue(error is UsageError, "\(error)")
        }
    }

    func testInterruptFromAnotherThreadStopsALoop() throws {
        let store = Store()
        let i = try checkpointed("traps.wasm", store)
        let handle = store.interruptHandle
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { handle.interrupt() }
        do {
            _ = try i.call("forever_loop")
            XCTFail("no trap")
        } catch let trap as Trap {
            XCTAssertEqual(trap.kind, .interrupted)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        // The request was consumed: the store runs normally again.
        XCTAssertEqual(try i.call("spin", [.i32(10)]), [.i32(spin(10))])
    }

    func testUncheckpointedCodeIgnoresInterruptRequests() throws {
        let store = Store()
        let i = try store.instantiate(Module(bytes: fixture("traps.wasm")))
        store.interrupt()
        XCTAssertEqual(try i.call("spin", [.i32(10)]), [.i32(spin(10))])
    }

    func testTableLimit() throws {
        var configuration = Configuration()
        configuration.maxTableElements = 2
        let store = Store(configuration: configuration)
        // traps.wasm declares a table of 3 elements.
        XCTAssertThrowsError(try store.instantiate(Module(bytes: fixture("traps.wasm")))) { error in
            XCTAssertTrue(error is LinkError, "\(error)")
        }
    }

    /// The `spin` export's result, computed in Swift.
    func spin(_ n: UInt32) -> UInt32 {
        var acc: UInt32 = 0
        var k = n
        while k != 0 { acc &+= k ^ 0x55; k -= 1 }
        return acc
    }
}
