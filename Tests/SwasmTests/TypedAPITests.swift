import XCTest
import Swasm

/// Typed host functions and typed exports (Fixtures/typed.wat).
final class TypedAPITests: XCTestCase {
    /// Host functions for every import of typed.wasm; `log` records what the guest logged.
    func typedImports(log: @escaping (String) -> Void = { _ in }, ticks: @escaping () -> Void = {}) -> Imports {
        var imports = Imports()
        imports.define(module: "host", name: "add") { (a: Int32, b: Int32) -> Int32 in a &+ b }
        imports.define(module: "host", name: "divmod") { (a: UInt32, b: UInt32) -> (UInt32, UInt32) in
            b == 0 ? (0, 0) : (a / b, a % b)
        }
        imports.define(module: "host", name: "log") { (caller: Caller, offset: UInt32, length: UInt32) in
            guard let memory = caller.memory else { return }
            log(try memory.readString(at: Int(offset), count: Int(length)))
        }
        imports.define(module: "host", name: "tick") { ticks() }
        imports.define(module: "host", name: "all") {
            (a: Int32, b: UInt32, c: Int64, d: UInt64, e: Float, f: Double, g: V128, h: ExternRef?, i: Function?)
                -> (Int32, UInt32, Int64, UInt64, Float, Double, V128, ExternRef?, Function?) in
            (a &- 1, b &+ 1, c &- 1, d &+ 1, e * 2, f / 2, V128(low: g.high, high: g.low),
             h.map { ExternRef(id: $0.id + 1) }, i)
        }
        return imports
    }

    func testTypedHostFunctionsTakeAndReturnSwiftValues() throws {
        var logged: [String] = []
        var ticks = 0
        let i = try instantiate("typed.wasm") { _ in self.typedImports(log: { logged.append($0) }, ticks: { ticks += 1 }) }
        XCTAssertEqual(try i.call("call_add", [.int32(40), .int32(2)]), [.int32(42)])
        XCTAssertEqual(try i.call("call_add", [.int32(Int32.max), .int32(1)]), [.int32(Int32.min)])
        XCTAssertEqual(try i.call("call_divmod", [.i32(17), .i32(5)]), [.i32(3), .i32(2)])
        try i.call("call_log")
        XCTAssertEqual(logged, ["hello"])
        try i.call("call_tick")
        try i.call("call_tick")
        XCTAssertEqual(ticks, 2)
    }

    func testEveryWasmValueTypeCrossesBothWays() throws {
        let i = try instantiate("typed.wasm") { _ in self.typedImports() }
        let inc = try i.function("inc")
        let v = V128(low: 0x0102_0304_0506_0708, high: 0x1112_1314_1516_1718)
        let results = try i.call("call_all", [.int32(-5), .i32(0xFFFF_FFFF), .int64(-7), .i64(UInt64.max - 1),
                                              .float(1.5), .double(3.0), .v128(v), .externRef(ExternRef(id: 41)),
                                              .funcRef(inc)])
        XCTAssertEqual(results, [.int32(-6), .i32(0), .int64(-8), .i64(UInt64.max), .float(3.0), .double(1.5),
                                 .v128(V128(low: v.high, high: v.low)), .externRef(ExternRef(id: 42)), .funcRef(inc)])
        let nulls = try i.call("call_all", [.i32(0), .i32(0), .i64(0), .i64(0), .float(0), .double(0), .v128(v),
                                            .externRef(nil), .funcRef(nil)])
        XCTAssertEqual(nulls.suffix(2), [.externRef(nil), .funcRef(nil)])
    }

    func testMismatchedSignatureIsALinkErrorNamingBothTypes() throws {
        var imports = typedImports()
        imports.define(module: "host", name: "add") { (a: Int64, b: Int32) -> Int32 in b }
        do {
            _ = try instantiate("typed.wasm") { _ in imports }
            XCTFail("instantiated with a mismatched import")
        } catch let error as LinkError {
            XCTAssertEqual(error.message, "incompatible import type: host.add: expected (func (param i32 i32) (result i32)), "
                           + "found (func (param i64 i32) (result i32))")
        }
    }

    func testErrorThrownByTypedHostFunctionIsATrap() throws {
        struct Refused: Error, Equatable {}
        var imports = typedImports()
        imports.define(module: "host", name: "add") { (a: Int32, b: Int32) throws -> Int32 in throw Refused() }
        let i = try instantiate("typed.wasm") { _ in imports }
        do {
            _ = try i.call("call_add", [.i32(1), .i32(2)])
            XCTFail("no trap")
        } catch let trap as Trap {
            XCTAssertEqual(trap.kind, .hostError)
            XCTAssertEqual(trap.underlyingError as? Refused, Refused())
        }
        XCTAssertEqual(try i.call("call_divmod", [.i32(9), .i32(2)]), [.i32(4), .i32(1)])
    }

    func testFunctionFromAnotherStoreCannotBeReturned() throws {
        let other = try instantiate("typed.wasm") { _ in self.typedImports() }
        let foreign = try other.function("inc")
        var imports = typedImports()
        imports.define(module: "host", name: "all") {
            (a: Int32, b: UInt32, c: Int64, d: UInt64, e: Float, f: Double, g: V128, h: ExternRef?, i: Function?)
                -> (Int32, UInt32, Int64, UInt64, Float, Double, V128, ExternRef?, Function?) in
            (a, b, c, d, e, f, g, h, foreign)
        }
        let i = try instantiate("typed.wasm") { _ in imports }
        XCTAssertThrowsError(try i.call("call_all", [.i32(0), .i32(0), .i64(0), .i64(0), .float(0), .double(0),
                                                     .v128(V128(low: 0, high: 0)), .externRef(nil), .funcRef(nil)])) {
            guard let trap = $0 as? Trap else { return XCTFail("\($0)") }
            XCTAssertEqual(trap.kind, .hostError)
            XCTAssertEqual(trap.underlyingError as? UsageError, UsageError("a function reference from another store"))
        }
    }

    func testTypedExportsCallWithSwiftValues() throws {
        var logged: [String] = []
        let i = try instantiate("typed.wasm") { _ in self.typedImports(log: { logged.append($0) }) }
        let add = try i.function("call_add").typed(Int32.self, Int32.self, returning: Int32.self)
        XCTAssertEqual(try add(2, 3), 5)
        XCTAssertEqual(try add(-10, 3), -7)
        let divmod = try i.function("call_divmod").typed(UInt32.self, UInt32.self, returning: UInt32.self, UInt32.self)
        let (q, r) = try divmod(100, 7)
        XCTAssertEqual([q, r], [14, 2])
        let log = try i.function("call_log").typed()
        try log()
        XCTAssertEqual(logged, ["hello"])
        let swap = try i.function("swap").typed(Int64.self, Double.self, returning: Double.self, Int64.self)
        let (d, n) = try swap(-3, 0.25)
        XCTAssertEqual(d, 0.25)
        XCTAssertEqual(n, -3)
        let incRef = try i.function("inc_ref").typed(returning: Optional<Function>.self)
        XCTAssertEqual(try incRef(), try i.function("inc"))
        // A host function itself, called from Swift through a typed handle.
        let inc = try i.function("inc").typed(Int32.self, returning: Int32.self)
        XCTAssertEqual(try inc(41), 42)
    }

    func testTypedExportWithWrongTypesIsRejectedOnce() throws {
        let i = try instantiate("typed.wasm") { _ in self.typedImports() }
        XCTAssertThrowsError(try i.function("call_add").typed(Int64.self, Int32.self, returning: Int32.self)) {
            XCTAssertEqual($0 as? UsageError, UsageError("function of type (func (param i32 i32) (result i32)) "
                                                         + "cannot be called as (func (param i64 i32) (result i32))"))
        }
        XCTAssertThrowsError(try i.function("call_add").typed(Int32.self, Int32.self))
    }

    func testTypedExportTrapsAreThrown() throws {
        var imports = typedImports()
        imports.define(module: "host", name: "tick") { throw Trap(.unreachable) }
        let i = try instantiate("typed.wasm") { _ in imports }
        let tick = try i.function("call_tick").typed()
        XCTAssertThrowsError(try tick()) { XCTAssertEqual(($0 as? Trap)?.kind, .unreachable) }
        let add = try i.function("call_add").typed(Int32.self, Int32.self, returning: Int32.self)
        XCTAssertEqual(try add(1, 1), 2)
    }
}
