import XCTest
import Swasm
import SwasmText

/// WebAssembly 3.0 tail calls (`return_call`, `return_call_indirect`) and extended constant
/// expressions.
final class TailCallTests: XCTestCase {
    static let source = """
    (module
      (import "host" "twice" (func $twice (param i64) (result i64)))
      (type $unary (func (param i64) (result i64)))
      (type $binary (func (param i64 i64) (result i64)))
      (table 3 funcref)
      (elem (i32.const 0) $count_indirect $twice)
      ;; far deeper than the call stack: only a tail call that reuses the frame gets through
      (func $count (export "count") (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
          (then (local.get 1))
          (else (return_call $count (i64.sub (local.get 0) (i64.const 1))
                                    (i64.add (local.get 1) (i64.const 2))))))
      (func $even (export "even") (param i64) (result i32)
        (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
          (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
      (func $odd (param i64) (result i32)
        (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
          (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
      (func $count_indirect (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
          (then (local.get 1))
          (else (return_call_indirect (type $binary)
                  (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 3))
                  (i32.const 0)))))
      (func (export "count_indirect") (param i64) (result i64)
        (return_call $count_indirect (local.get 0) (i64.const 0)))
      ;; a caller with fewer slots than its callee's parameters and locals
      (func $sum5 (param i64 i64 i64 i64 i64) (result i64)
        (local i64 i64 i64 i64 i64 i64)
        (local.set 5 (i64.add (local.get 0) (local.get 1)))
        (i64.add (local.get 5) (i64.add (local.get 2) (i64.add (local.get 3) (local.get 4)))))
      (func (export "sum5") (result i64)
        (return_call $sum5 (i64.const 1) (i64.const 20) (i64.const 300) (i64.const 4000) (i64.const 50000)))
      (func (export "host_tail") (param i64) (result i64)
        (return_call $twice (i64.add (local.get 0) (i64.const 1))))
      (func (export "host_tail_indirect") (param i64) (result i64)
        (return_call_indirect (type $unary) (local.get 0) (i32.const 1)))
      (func (export "bad_type") (param i64) (result i64)
        (return_call_indirect (type $unary) (local.get 0) (i32.const 0)))
      (func (export "null_element") (param i64) (result i64)
        (return_call_indirect (type $unary) (local.get 0) (i32.const 2)))
      ;; the result of a tail call inside a normal call
      (func (export "nested") (param i64) (result i64)
        (i64.add (call $count (local.get 0) (i64.const 0)) (i64.const 1)))
    )
    """

    func instance() throws -> Instance {
        var imports = Imports()
        imports.define(module: "host", name: "twice") { (x: Int64) -> Int64 in x &* 2 }
        return try Store().instantiate(Module(bytes: WAT.encode(Self.source)), imports: imports)
    }

    func testTailRecursionRunsInConstantStack() throws {
        let i = try instance()
        let count = try i.function("count").typed(Int64.self, Int64.self, returning: Int64.self)
        XCTAssertEqual(try count(3_000_000, 5), 6_000_005)
        let even = try i.function("even").typed(Int64.self, returning: Int32.self)
        XCTAssertEqual(try even(1_000_001), 0)
        XCTAssertEqual(try even(1_000_000), 1)
        let indirect = try i.function("count_indirect").typed(Int64.self, returning: Int64.self)
        XCTAssertEqual(try indirect(2_000_000), 6_000_000)
        let nested = try i.function("nested").typed(Int64.self, returning: Int64.self)
        XCTAssertEqual(try nested(1_000_000), 2_000_001)
    }

    func testArgumentsMoveIntoTheFrameAndHostCalleesReturnToTheCaller() throws {
        let i = try instance()
        XCTAssertEqual(try i.call("sum5"), [.i64(54_321)])
        XCTAssertEqual(try i.call("host_tail", [.i64(20)]), [.i64(42)])
        XCTAssertEqual(try i.call("host_tail_indirect", [.int64(-8)]), [.int64(-16)])
    }

    func testIndirectTailCallsTrapLikeIndirectCalls() throws {
        let i = try instance()
        for (name, kind) in [("bad_type", Trap.Kind.indirectCallTypeMismatch), ("null_element", .uninitializedElement)] {
            XCTAssertThrowsError(try i.call(name, [.i64(1)])) { error in
                XCTAssertEqual((error as? Trap)?.kind, kind, "\(name): \(error)")
            }
        }
    }

    func testValidationAndTheFeatureFlag() throws {
        let mismatch = try WAT.encode("(module (func (result i32) (return_call 1)) (func (result i64) (i64.const 0)))")
        XCTAssertThrowsError(try Module(bytes: mismatch)) { error in
            XCTAssertTrue("\(error)".contains("type mismatch"), "\(error)")
        }
        let fine = try WAT.encode("(module (func (result i32) (return_call 1)) (func (result i32) (i32.const 0)))")
        XCTAssertNoThrow(try Module(bytes: fine))
        XCTAssertThrowsError(try Module(bytes: fine, features: .wasm2)) { error in
            XCTAssertTrue("\(error)".contains("illegal opcode 12"), "\(error)")
        }
    }

    func testExtendedConstantExpressions() throws {
        let source = """
        (module
          (import "env" "base" (global $base i32))
          (global $a i32 (i32.add (global.get $base) (i32.const 16)))
          (global $b i64 (i64.mul (i64.sub (i64.const 10) (i64.const 3)) (i64.const -6)))
          (global $c i32 (i32.mul (global.get $a) (i32.const 2)))
          (global (export "c") i32 (global.get $c))
          (global (export "b") i64 (global.get $b))
          (global (export "wrap") i32 (i32.add (i32.const 0x7fffffff) (i32.const 1)))
          (memory (export "memory") 1)
          (data (i32.sub (global.get $c) (i32.const 4)) "\\2a")
        )
        """
        var imports = Imports()
        let store = Store()
        imports.define(module: "env", name: "base", .global(try Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(100))))
        let i = try store.instantiate(Module(bytes: WAT.encode(source)), imports: imports)
        XCTAssertEqual(try i.global("c").value, .i32(232))
        XCTAssertEqual(try i.global("b").value, .i64(UInt64(bitPattern: -42)))
        XCTAssertEqual(try i.global("wrap").value, .i32(0x8000_0000))
        XCTAssertEqual(try i.memory().read(at: 228, count: 1), [42])
        let mutableRead = try WAT.encode("(module (global $m (mut i32) (i32.const 1)) (global i32 (i32.add (global.get $m) (i32.const 1))))")
        XCTAssertThrowsError(try Module(bytes: mutableRead)) { error in
            XCTAssertTrue("\(error)".contains("constant expression required"), "\(error)")
        }
        let arithmetic = try WAT.encode("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))")
        XCTAssertThrowsError(try Module(bytes: arithmetic, features: .wasm2))
    }
}
