import XCTest
import Swasm

final class APITests: XCTestCase {
    func hostImports(_ store: Store, log: @escaping (String) -> Void = { _ in }) -> Imports {
        var imports = Imports()
        imports.define(module: "host", name: "add", type: FunctionType(parameters: [.i32, .i64], results: [.i64])) { _, args in
            guard case .i32(let a) = args[0], case .i64(let b) = args[1] else { return [.i64(0)] }
            return [.i64(UInt64(a) &+ b)]
        }
        imports.define(module: "host", name: "fill", type: FunctionType(parameters: [.i32, .i32])) { caller, args in
            guard let memory = caller.memory, case .i32(let at) = args[0], case .i32(let count) = args[1] else { return [] }
            try memory.write([UInt8](repeating: 0xAB, count: Int(count)), at: Int(at))
            log("filled \(count)")
            return []
        }
        imports.define(module: "host", name: "echo_ref", type: FunctionType(parameters: [.externRef], results: [.externRef])) { _, args in
            args
        }
        return imports
    }

    func testHostFunctionsGetArgumentsAndReturnResults() throws {
        let i = try instantiate("host.wasm", imports: { self.hostImports($0) })
        XCTAssertEqual(try i.call("call_add", [.i32(40), .i64(2)]), [.i64(42)])
        XCTAssertEqual(try i.call("call_add", [.i32(0xFFFF_FFFF), .i64(UInt64.max)]), [.i64(0xFFFF_FFFE)])
    }

    func testHostWritesGuestMemoryThroughCaller() throws {
        var lines: [String] = []
        let i = try instantiate("host.wasm", imports: { self.hostImports($0) { lines.append($0) } })
        XCTAssertEqual(try i.call("call_fill", [.i32(100), .i32(3)]), [.i32(0xAB)])
        XCTAssertEqual(try i.memory().read(at: 99, count: 5), [0, 0xAB, 0xAB, 0xAB, 0])
        XCTAssertEqual(lines, ["filled 3"])
    }

    func testHostMemoryErrorBecomesOutOfBoundsTrap() throws {
        let i = try instantiate("host.wasm", imports: { self.hostImports($0) })
        do {
            _ = try i.call("call_fill", [.i32(65_530), .i32(10)])
            XCTFail("no trap")
        } catch let trap as Trap {
            XCTAssertEqual(trap.kind, .outOfBoundsMemoryAccess)
            XCTAssertEqual(trap.underlyingError as? MemoryAccessError,
                           MemoryAccessError(offset: 65_530, count: 10, memorySize: 65_536))
        }
        // The instance still works.
        XCTAssertEqual(try i.call("call_fill", [.i32(0), .i32(1)]), [.i32(0xAB)])
    }

    func testHostErrorsBecomeTraps() throws {
        struct Boom: Error, Equatable {}
        var imports = hostImports(Store())
        let store = Store()
        imports = hostImports(store)
        imports.define(module: "host", name: "add", type: FunctionType(parameters: [.i32, .i64], results: [.i64])) { _, _ in
            throw Boom()
        }
        let i = try store.instantiate(Module(bytes: fixture("host.wasm")), imports: imports)
        do {
            _ = try i.call("call_add", [.i32(1), .i64(2)])
            XCTFail("no trap")
        } catch let trap as Trap {
            XCTAssertEqual(trap.kind, .hostError)
            XCTAssertEqual(trap.underlyingError as? Boom, Boom())
        }
    }

    func testExternRefRoundTrips() throws {
        let store = Store()
        let i = try store.instantiate(Module(bytes: fixture("host.wasm")), imports: hostImports(store))
        final class Token {}
        let token = Token()
        let ref = store.externRef(for: token)
        let result = try i.call("round_trip", [.externRef(ref)])
        XCTAssertEqual(result, [.externRef(ref)])
        guard case .externRef(let back?) = result.first else { return XCTFail("null") }
        XCTAssertTrue(store.object(for: back) as AnyObject === token)
        XCTAssertEqual(try i.call("is_null", [.externRef(nil)]), [.i32(1)])
        XCTAssertEqual(try i.call("is_null", [.externRef(ExternRef(id: 0))]), [.i32(0)])
    }

    func testMissingImportIsALinkErrorNamingIt() throws {
        let store = Store()
        XCTAssertThrowsError(try store.instantiate(Module(bytes: fixture("host.wasm")))) { error in
            XCTAssertEqual((error as? LinkError)?.message, "unknown import: host.add (func (param i32 i64) (result i64))")
        }
    }

    func testWrongImportTypeIsALinkError() throws {
        let store = Store()
        var imports = hostImports(store)
        imports.define(module: "host", name: "add", type: FunctionType(parameters: [.i32])) { _, _ in [] }
        XCTAssertThrowsError(try store.instantiate(Module(bytes: fixture("host.wasm")), imports: imports)) { error in
            XCTAssertTrue((error as? LinkError)?.message.hasPrefix("incompatible import type: host.add") ?? false, "\(error)")
        }
    }

    func testCallingWithWrongArgumentsIsAUsageError() throws {
        let i = try instantiate("multi.wasm")
        XCTAssertThrowsError(try i.call("mul64", [.i32(1), .i64(2)])) { XCTAssertTrue($0 is UsageError) }
        XCTAssertThrowsError(try i.call("mul64", [.i64(1)])) { XCTAssertTrue($0 is UsageError) }
        XCTAssertThrowsError(try i.call("no_such_export")) { error in
            XCTAssertEqual((error as? UsageError)?.message, "no exported function named \"no_such_export\"")
        }
    }

    func testMultiValueGlobalsNaNAndV128() throws {
        let i = try instantiate("multi.wasm")
        XCTAssertEqual(try i.call("swap", [.i32(7), .double(2.5)]), [.double(2.5), .i32(7)])
        XCTAssertEqual(try i.call("bump"), [.i32(42)])
        XCTAssertEqual(try i.global("counter").value, .i32(42))
        try i.global("counter").set(.i32(1))
        XCTAssertEqual(try i.call("bump"), [.i32(3)])
        // A signalling NaN keeps its payload through f32.neg.
        XCTAssertEqual(try i.call("nan_payload", [.f32(0x7FA0_0001)]), [.f32(0xFFA0_0001)])
        let a = V128(low: 0x0000_0002_0000_0001, high: 0x0000_0004_FFFF_FFFF)
        let b = V128(low: 0x0000_0010_0000_0010, high: 0x0000_0010_0000_0001)
        XCTAssertEqual(try i.call("v128_add", [.v128(a), .v128(b)]),
                       [.v128(V128(low: 0x0000_0012_0000_0011, high: 0x0000_0014_0000_0000))])
        XCTAssertEqual(try i.call("mul64", [.int64(-3), .int64(5)]), [.int64(-15)])
    }

    func testMemoryHandleSeesGrowthAndChecksBounds() throws {
        let i = try instantiate("traps.wasm")
        let memory = try i.memory("memory")
        XCTAssertEqual(memory.pageCount, 1)
        try memory.store(UInt32(0xDEAD_BEEF), at: 8)
        XCTAssertEqual(try i.call("load", [.i32(8)]), [.i32(0xDEAD_BEEF)])
        XCTAssertEqual(try memory.loadUInt16(at: 8), 0xBEEF)
        XCTAssertEqual(try i.call("grow", [.i32(1)]), [.i32(1)])
        XCTAssertEqual(memory.pageCount, 2)
        XCTAssertEqual(memory.byteCount, 131_072)
        try memory.writeString("héllo", at: 131_066)
        XCTAssertEqual(try memory.readString(at: 131_066, count: 6), "héllo")
        XCTAssertThrowsError(try memory.read(at: 131_070, count: 3))
        XCTAssertThrowsError(try memory.store(UInt64(1), at: -1))
        XCTAssertThrowsError(try memory.readString(at: Int.max, count: 1))
    }
}
